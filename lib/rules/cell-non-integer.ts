import { cellName, isMoney, perCellOutcomes } from './support/cells';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

/** Counts are whole numbers; a decimal where a count is expected is suspicious (money columns excepted). */
export const cellNonInteger: Rule = {
  id: 'cell.nonInteger',
  severity: 'warning',
  tags: ['cell'],
  description: { zh: '件数应为整数（金额列除外）', en: 'Counts must be whole numbers (money columns excepted)' },
  check: (report, context) =>
    perCellOutcomes(preparedOf(report, context), (key, c) => {
      if (c.value === null || isMoney(key, report)) return 'notApplicable';
      return Number.isInteger(c.value)
        ? 'passed'
        : { scope: key, status: 'failed', cells: [key], actual: c.value, data: { cell: cellName(key, report), raw: c.raw } };
    }),
  message: {
    zh: (o) => `${o.data.cell}：应为整数，页面为“${o.data.raw}”`,
    en: (o) => `${o.data.cell}: a whole number is expected, the page shows "${o.data.raw}"`,
  },
};
