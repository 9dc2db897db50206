import { cellName, cellsWhere } from './support/cells';
import { preparedOf } from './support/prepared';
import type { Outcome, Rule } from './support/types';

/** A cell that could not be read as a number: needs review, never an error. The identities using it are marked incomplete. */
export const cellUnreadable: Rule = {
  id: 'cell.unreadable',
  severity: 'warning',
  tags: ['cell', 'needs-review'],
  description: { zh: '无法读取为数字的单元格，需人工核对', en: 'Cells that could not be read as a number need review' },
  check: (report, context) =>
    cellsWhere(preparedOf(report, context), (c) => c.value === null).map(([key, c]): Outcome => ({
      scope: key,
      status: 'failed',
      cells: [key],
      data: { cell: cellName(key, report), raw: c.raw },
    })),
  message: {
    zh: (o) => `${o.data.cell}：无法读取“${o.data.raw}”为数字，涉及此单元格的校验需人工核对`,
    en: (o) => `${o.data.cell}: "${o.data.raw}" could not be read as a number; checks using this cell need review`,
  },
};
