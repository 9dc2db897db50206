import type { Cell } from '../schema';
import { cellsWhere } from './support/cells';
import { preparedOf, tableOf } from './support/prepared';
import type { Outcome, Rule } from './support/types';

const TABLES = [
  ['active', '表二'],
  ['applications', '表三'],
  ['review', '表四'],
] as const;
const ZERO_READINGS: ReadonlySet<string> = new Set(['blank', 'dash', 'none', 'notApplicable']);

function readAsZero(c: Cell): boolean {
  if (c.value !== 0) return false; // every zero reading reads as 0
  for (let i = 0; i < c.readAs.length; i++) if (ZERO_READINGS.has(c.readAs[i]!)) return true;
  return false;
}

/** Blank cells, dashes and 无 are read as 0; say so once per table, listing the cells. */
export const cellBlankAsZero: Rule = {
  id: 'cell.blankAsZero',
  severity: 'info',
  tags: ['cell', 'disclosure'],
  description: { zh: '空白、“—”、“无”等按 0 计算', en: 'Blank cells, dashes and 无 are counted as 0' },
  check(report, context) {
    const out: Outcome[] = [];
    // the zeros first (few), then by table
    const zeros = cellsWhere(preparedOf(report, context), readAsZero);
    for (const [table, name] of TABLES) {
      // (pairs read by index, not destructured: a blank-heavy table has hundreds, see cellsWhere)
      const cells = zeros.filter((e) => tableOf(e[0]) === table);
      if (cells.length === 0) continue;
      const blanks = cells.filter((e) => e[1].readAs.includes('blank')).length;
      const shown = [...new Set(cells.map((e) => e[1].raw.trim() || '空白'))].slice(0, 4).join('、');
      out.push({ scope: table, status: 'failed', cells: cells.map((e) => e[0]), data: { table: name, count: cells.length, blanks, shown } });
    }
    return out;
  },
  message: {
    zh: (o) => `${o.data.table}中 ${o.data.count} 个单元格（${o.data.shown}）按 0 计算`,
    en: (o) => `${o.data.count} cells of ${o.data.table} (${o.data.shown}) are counted as 0`,
  },
};
