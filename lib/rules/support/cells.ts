// Shared plumbing for the per-cell rules: which cells hold counts, money or signed changes.

import { cellEntries } from '../cell-entries';
import { REPORT_TABLES, keyLabel, type TableName } from '../keys';
import type { Cell, Report } from '../schema';
import type { Outcome } from './support/types';

/** Cells whose value is a sum of money, not a count (decimals are normal there). */
export const isMoney = (key: string, report: Report) =>
  (key === 'active.fees.amount' && report.format === '2021') || key === 'active.procurement.amount';
/** 2019 本年增/减 columns are signed by design. */
export const isSigned = (key: string) => /^active\.[A-Za-z]+\.change$/.test(key);

/** The report's cells as [key, cell] pairs, listed once (see cell-entries.ts). */
export const cellsOf = (report: Report): [string, Cell][] => cellEntries(report.cells);

/** The table a key is in, null for none (no slicing: that made a new string per cell). */
export function tableOf(key: string): TableName | null {
  // told by the second letter, then one prefix test (asked for every cell by several rules)
  switch (key.charCodeAt(1)) {
    case 112: // ap
      return key.startsWith('applications.') ? 'applications' : null;
    case 99: // ac
      return key.startsWith('active.') ? 'active' : null;
    case 101: // re
      return key.startsWith('review.') ? 'review' : null;
    default:
      return null;
  }
}

const ENTRY_TABLES = new WeakMap<Report['cells'], (TableName | null)[]>();

/**
 * The table of each of the report's cells, in cellsOf order: told once per report, not
 * once per rule (the checker runs cold, where every call counts, and several rules ask).
 */
function entryTables(report: Report): (TableName | null)[] {
  let tables = ENTRY_TABLES.get(report.cells);
  if (!tables) {
    const entries = cellsOf(report);
    tables = new Array<TableName | null>(entries.length);
    for (let i = 0; i < entries.length; i++) tables[i] = tableOf(entries[i]![0]);
    ENTRY_TABLES.set(report.cells, tables);
  }
  return tables;
}

/** Whether the report has any cell of a table (`applications`, `review`, `active`); asked by every identity. */
export const hasTable = (report: Report, table: TableName): boolean => entryTables(report).includes(table);

export const cellName = (key: string, report: Report) => keyLabel(key, report.format);

/** The report's [key, cell] pairs whose cell passes `test`, in table order (an index loop, see perCellOutcomes). */
export function cellsWhere(report: Report, test: (c: Cell, key: string) => boolean): [string, Cell][] {
  const entries = cellsOf(report);
  const out: [string, Cell][] = [];
  for (let i = 0; i < entries.length; i++) if (test(entries[i]![1], entries[i]![0])) out.push(entries[i]!);
  return out;
}

/**
 * The outcomes of a rule about single cells: one failure per offending cell, and one
 * passed outcome per table (its scope the table's name) listing the cells that passed.
 * A pass per cell would say the same thing 200 times per report, and cost as much: on a
 * page of 100 reports it was 40,000 records, half of a batch entry's size. `judge` says
 * of each cell whether it fails (its outcome), passes, or is not one the rule is about.
 */
export function perCellOutcomes(report: Report, judge: (key: string, c: Cell) => Outcome | 'passed' | 'notApplicable'): Outcome[] {
  const failures: Outcome[] = [];
  const passedByTable: Record<TableName, string[]> = { active: [], applications: [], review: [] };
  const entries = cellsOf(report);
  const tables = entryTables(report);
  for (let i = 0; i < entries.length; i++) {
    // (no destructuring: cold code allocates an iterator for every [key, cell] pair taken apart)
    const key = entries[i]![0];
    const c = entries[i]![1];
    // one call per cell (the rules' hottest loop on a page of 100 reports)
    const f = judge(key, c);
    if (f === 'notApplicable') continue;
    if (f !== 'passed') failures.push(f);
    else {
      const table = tables[i];
      if (table) passedByTable[table].push(key);
    }
  }
  const passes = REPORT_TABLES.flatMap((table): Outcome[] => (passedByTable[table].length ? [{ scope: table, status: 'passed', cells: passedByTable[table], data: {} }] : []));
  return [...failures, ...passes];
}
