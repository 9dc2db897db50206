import { cellName, isMoney, perCellOutcomes } from './support/cells';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

/**
 * Units written into cells: 元 in the 万元 fee column (2021), or a money unit on a count.
 * Values are never converted silently. The 2019 采购总金额 has no fixed unit, so any is fine there.
 */
export const cellUnit: Rule = {
  id: 'cell.unit',
  severity: 'warning',
  tags: ['cell'],
  description: { zh: '单元格单位与表头不符（如收费金额列应以万元为单位）', en: 'A unit in a cell disagrees with its column (e.g. the fee column is in 万元)' },
  check: (report, context) =>
    perCellOutcomes(preparedOf(report, context), (key, c) => {
      if (!c.unit || key === 'active.procurement.amount') return 'notApplicable';
      const money = isMoney(key, report);
      const wrong = money ? c.unit !== '万元' : c.unit === '元' || c.unit === '万元';
      return wrong
        ? {
            scope: key,
            status: 'failed',
            cells: [key],
            actual: c.value,
            data: { cell: cellName(key, report), raw: c.raw, unit: c.unit, expectedUnit: money ? '万元' : '件' },
          }
        : 'passed';
    }),
  message: {
    zh: (o) => `${o.data.cell}：“${o.data.raw}”的单位为${o.data.unit}，该栏应为${o.data.expectedUnit}，未作换算`,
    en: (o) => `${o.data.cell}: "${o.data.raw}" is in ${o.data.unit}, the column is in ${o.data.expectedUnit}; not converted`,
  },
};
