import { cellName, cellsWhere } from './support/cells';
import { preparedOf } from './support/prepared';
import type { Outcome, Rule } from './support/types';

/** A number followed by a note in the same cell, e.g. 178.2028（仲裁案件收费）: the number is used, the note kept. */
export const cellNote: Rule = {
  id: 'cell.noteInCell',
  severity: 'info',
  tags: ['cell', 'disclosure'],
  description: { zh: '单元格内数字后附有说明文字，按数字部分计算', en: 'A cell holds a note after its number; the number is used' },
  check: (report, context) =>
    cellsWhere(preparedOf(report, context), (c) => c.note !== undefined).map(([key, c]): Outcome => ({
      scope: key,
      status: 'failed',
      cells: [key],
      actual: c.value,
      data: { cell: cellName(key, report), raw: c.raw, value: c.value ?? '', note: c.note ?? '' },
    })),
  message: {
    zh: (o) => `${o.data.cell}：“${o.data.raw}”按 ${o.data.value} 计算，说明“${o.data.note}”`,
    en: (o) => `${o.data.cell}: "${o.data.raw}" is read as ${o.data.value} with the note "${o.data.note}"`,
  },
};
