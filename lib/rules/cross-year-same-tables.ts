import { crossYearRule } from './support/cross-year';
import type { Outcome } from './support/types';

/**
 * Tables 三 and 四 identical to last year's, with some non-zero numbers: possibly copied
 * forward (内容雷同, which the 2021 circular warns against). All-zero tables two years
 * running are normal for small bodies and are not flagged.
 */
export const crossYearSameTables = crossYearRule({
  id: 'crossYear.sameTables',
  severity: 'info',
  tags: ['cross-year'],
  description: {
    zh: '表三、表四的数据与上一年度完全相同（且不全为零），请确认是否沿用了上年数据',
    en: 'Tables 三 and 四 are identical to last year’s (and not all zero): check they were not copied forward',
  },
  compare(report, previous): Outcome[] {
    const keys = Object.keys(report.cells).filter((k) => k.startsWith('applications.') || k.startsWith('review.'));
    if (keys.length === 0) return [];
    const same = keys.every((k) => previous.report.cells[k] && previous.report.cells[k]!.value === report.cells[k]!.value);
    const nonZero = keys.some((k) => (report.cells[k]!.value ?? 0) !== 0);
    const related = { source: previous.source, year: previous.report.year, cells: [] };
    if (!same || !nonZero) return [{ scope: 'tables', status: 'passed', cells: [], data: {}, related }];
    return [{ scope: 'tables', status: 'failed', cells: [keys[0]!], data: { prevYear: previous.report.year ?? '?', source: previous.source }, related }];
  },
  message: {
    zh: (o) => `表三、表四的数据与 ${o.data.prevYear} 年度报告（${o.data.source}）完全相同，请确认是否沿用了上年数据`,
    en: (o) => `Tables 三 and 四 are identical to the ${o.data.prevYear} report (${o.data.source}); check they were not copied forward`,
  },
});
