import { activeKey } from '../keys';
import type { Outcome, Rule } from './support/types';

const ROWS = [
  ['regulations', '规章', 'regulations'],
  ['normativeDocs', '行政规范性文件', 'normative documents'],
] as const;

/**
 * 2021 format: 现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数 (report-format.md
 * §2.3), so 现行有效件数 below 本年制发 − 本年废止 would leave a negative stock for last year.
 * Documents that expire within the year, or a 现行有效 column counting only this year's
 * documents, can explain it: an info note asking to confirm, never an error.
 */
export const activeInForceBelowNet: Rule = {
  id: 'active.inForceBelowNet',
  severity: 'info',
  tags: ['active'],
  description: {
    zh: '表二（2021 年格式）：规章、行政规范性文件的现行有效件数一般不小于本年制发件数减本年废止件数',
    en: 'Table 二 (2021 format): documents in force are normally not fewer than those issued minus those repealed this year',
  },
  check(report) {
    if (report.format !== '2021') return [];
    const out: Outcome[] = [];
    for (const [row, label, labelEn] of ROWS) {
      const cells = [activeKey(row, 'inForce'), activeKey(row, 'issued'), activeKey(row, 'repealed')];
      const [inForce, issued, repealed] = cells.map((k) => report.cells[k]);
      if (!inForce || !issued || !repealed) continue; // the row is absent: reported by format.structure
      const unreadable = cells.filter((k) => report.cells[k]!.value === null);
      if (unreadable.length) {
        out.push({ scope: row, status: 'incomplete', cells, data: {}, reason: `unreadable:${unreadable.join(',')}` });
        continue;
      }
      const net = issued.value! - repealed.value!;
      if (inForce.value! >= net) out.push({ scope: row, status: 'passed', cells, data: {} });
      else
        out.push({
          scope: row,
          status: 'failed',
          cells,
          expected: net,
          actual: inForce.value,
          equation: `${inForce.value} < ${issued.value} − ${repealed.value} = ${net}`,
          data: { row: label, rowEn: labelEn, inForce: inForce.value!, issued: issued.value!, repealed: repealed.value!, net, implied: inForce.value! - net },
        });
    }
    return out;
  },
  message: {
    zh: (o) =>
      `${o.data.row}：现行有效件数 ${o.data.inForce} 小于本年制发件数减本年废止件数（${o.data.issued} − ${o.data.repealed} = ${o.data.net}），按此推算上年现行有效件数为 ${o.data.implied}；请确认是否有年内到期失效的文件，或现行有效件数的统计口径`,
    en: (o) =>
      `${o.data.rowEn}: ${o.data.inForce} in force is below issued minus repealed this year (${o.data.issued} − ${o.data.repealed} = ${o.data.net}), which implies ${o.data.implied} in force last year; check for documents that expired within the year, or how documents in force were counted`,
  },
};
