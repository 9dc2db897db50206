import { cellName, isSigned, perCellOutcomes } from './support/cells';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

/** Counts and amounts cannot be negative (except the signed 2019 本年增/减 columns). */
export const cellNegative: Rule = {
  id: 'cell.negative',
  severity: 'error',
  tags: ['cell'],
  description: {
    zh: '数量和金额不能为负数（2019 年格式的“本年增/减”列除外）',
    en: 'Counts and amounts cannot be negative (except the 2019 本年增/减 columns)',
  },
  check: (report, context) =>
    perCellOutcomes(preparedOf(report, context), (key, c) => {
      if (c.value === null || isSigned(key)) return 'notApplicable';
      return c.value < 0 ? { scope: key, status: 'failed', cells: [key], actual: c.value, data: { cell: cellName(key, report), raw: c.raw } } : 'passed';
    }),
  message: {
    zh: (o) => `${o.data.cell}：数值为负（“${o.data.raw}”）`,
    en: (o) => `${o.data.cell}: negative value ("${o.data.raw}")`,
  },
};
