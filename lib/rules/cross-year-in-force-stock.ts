import { activeKey } from '../keys';
import { crossYearRule, renameNote } from './support/cross-year';

const ROWS = [
  ['regulations', '规章'],
  ['normativeDocs', '行政规范性文件'],
] as const;

/**
 * 2021 format, both years: 现行有效件数 = 去年现行有效件数 + 本年制发件数 − 本年废止件数, for 规章 and
 * 行政规范性文件 (§2.4). Documents also expire and amendments are counted differently, so
 * this is a warning worded to allow that. Across 2020→2021 the columns mean different
 * things (对外公开总数量 vs 现行有效件数): not compared, and said so.
 */
export const crossYearInForceStock = crossYearRule({
  id: 'crossYear.inForceStock',
  severity: 'warning',
  tags: ['cross-year', 'active'],
  description: {
    zh: '规章、行政规范性文件：现行有效件数一般应等于上一年度现行有效件数 + 本年制发件数 − 本年废止件数',
    en: 'Regulations and normative documents: in force should equal last year’s in force + issued − repealed',
  },
  compare(report, previous) {
    if (report.format === '2021' && previous.report.format === '2019')
      return [
        {
          scope: 'formatChange',
          status: 'failed',
          severity: 'info',
          cells: [activeKey('normativeDocs', 'inForce')],
          data: { formatChange: true, prevYear: previous.report.year ?? '?', year: report.year ?? '?' },
        },
      ];
    if (report.format !== '2021' || previous.report.format !== '2021') return [];
    return ROWS.map(([row, label]) => {
      const [issued, repealed] = [activeKey(row, 'issued'), activeKey(row, 'repealed')];
      return {
        scope: row,
        here: activeKey(row, 'inForce'),
        alsoHere: [issued, repealed],
        there: [activeKey(row, 'inForce')],
        expectedFrom: ([prev]: number[], r: typeof report) => prev! + (r.cells[issued]!.value ?? 0) - (r.cells[repealed]!.value ?? 0),
        equation: (actual: number, expected: number, [prev]: number[]) =>
          `${prev} + ${report.cells[issued]!.value} − ${report.cells[repealed]!.value} = ${expected} ≠ ${actual}`,
        data: { row: label },
      };
    });
  },
  message: {
    zh: (o) =>
      o.data.formatChange
        ? `${o.data.prevYear} 年度报告使用 2019 年格式（对外公开总数量），本年度为 2021 年格式（现行有效件数），口径不同，表二不作跨年比较`
        : `${o.data.row}：现行有效件数为 ${o.data.actual}，按上一年度（${o.data.source}）推算一般应为 ${o.data.expected}（${o.equation}）；如有到期失效或统计口径差异，请说明${renameNote(o, true)}`,
    en: (o) =>
      o.data.formatChange
        ? `The ${o.data.prevYear} report uses the 2019 format (total published), this one the 2021 format (in force): table 二 is not compared across years`
        : `${o.data.row}: ${o.data.actual} in force, while last year’s report (${o.data.source}) implies ${o.data.expected} (${o.equation}); expiry or a different way of counting may explain it${renameNote(o, false)}`,
  },
});
