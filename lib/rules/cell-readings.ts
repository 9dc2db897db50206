// Shared plumbing for the per-cell rules: which cells hold counts, money or signed changes.

import { cellEntries } from '../cell-entries';
import { keyLabel } from '../keys';
import type { Cell, Report } from '../schema';

/** Cells whose value is a sum of money, not a count (decimals are normal there). */
export const isMoney = (key: string, report: Report) =>
  (key === 'active.fees.amount' && report.format === '2021') || key === 'active.procurement.amount';
/** 2019 本年增/减 columns are signed by design. */
export const isSigned = (key: string) => /^active\.[A-Za-z]+\.change$/.test(key);

/** The report's cells as [key, cell] pairs, listed once (see cell-entries.ts). */
export const cellsOf = (report: Report): [string, Cell][] => cellEntries(report.cells);

const TABLES = new WeakMap<Report['cells'], Set<string>>();

/** Whether the report has any cell of a table (`applications`, `review`, `active`); asked by every identity, so known once per report. */
export function hasTable(report: Report, table: string): boolean {
  let tables = TABLES.get(report.cells);
  if (!tables) {
    TABLES.set(report.cells, (tables = new Set()));
    // plain prefix tests: slicing each key to its table name made a new string per cell
    for (const [k] of cellsOf(report)) {
      if (k.startsWith('applications.')) tables.add('applications');
      else if (k.startsWith('active.')) tables.add('active');
      else if (k.startsWith('review.')) tables.add('review');
      if (tables.size === 3) break;
    }
  }
  return tables.has(table);
}

export const cellName = (key: string, report: Report) => keyLabel(key, report.format);
