// Shared plumbing for the per-cell rules: which cells hold counts, money or signed changes.

import { keyLabel } from '../keys';
import type { Cell, Report } from '../schema';

/** Cells whose value is a sum of money, not a count (decimals are normal there). */
export const isMoney = (key: string, report: Report) =>
  (key === 'active.fees.amount' && report.format === '2021') || key === 'active.procurement.amount';
/** 2019 本年增/减 columns are signed by design. */
export const isSigned = (key: string) => /^active\.[A-Za-z]+\.change$/.test(key);

// A report's cells object has some 200 keys added one by one, which puts it in the
// engine's dictionary mode, where every Object.keys/entries sorts them: a dozen rules
// asking for them cost more than the checks themselves on a page holding 100 reports.
// The rules never change a report, so the entries are listed once per cells object.
const ENTRIES = new WeakMap<Report['cells'], [string, Cell][]>();

export function cellsOf(report: Report): [string, Cell][] {
  let entries = ENTRIES.get(report.cells);
  if (!entries) ENTRIES.set(report.cells, (entries = Object.entries(report.cells)));
  return entries;
}

const TABLES = new WeakMap<Report['cells'], Set<string>>();

/** Whether the report has any cell of a table (`applications`, `review`, `active`); asked by every identity, so known once per report. */
export function hasTable(report: Report, table: string): boolean {
  let tables = TABLES.get(report.cells);
  if (!tables) TABLES.set(report.cells, (tables = new Set(cellsOf(report).map(([k]) => k.slice(0, k.indexOf('.'))))));
  return tables.has(table);
}

export const cellName = (key: string, report: Report) => keyLabel(key, report.format);
