// Shared plumbing for the per-cell rules: which cells hold counts, money or signed
// changes, and walking a prepared report's cells.

import { REPORT_TABLES, keyLabel, type TableName } from '../../keys';
import type { Cell, Report } from '../../schema';
import type { PreparedReport } from './prepared';
import type { Outcome } from './types';

/** Cells whose value is a sum of money, not a count (decimals are normal there). */
export const isMoney = (key: string, report: Report) => (key === 'active.fees.amount' && report.format === '2021') || key === 'active.procurement.amount';
/** 2019 本年增/减 columns are signed by design. */
export const isSigned = (key: string) => /^active\.[A-Za-z]+\.change$/.test(key);

export const cellName = (key: string, report: Report) => keyLabel(key, report.format);

/** The report's [key, cell] pairs whose cell passes `test`, in table order (an index loop, see perCellOutcomes). */
export function cellsWhere(p: PreparedReport, test: (c: Cell, key: string) => boolean): (readonly [string, Cell])[] {
  const entries = p.entries;
  const out: (readonly [string, Cell])[] = [];
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
export function perCellOutcomes(p: PreparedReport, judge: (key: string, c: Cell) => Outcome | 'passed' | 'notApplicable'): Outcome[] {
  const failures: Outcome[] = [];
  const passedByTable: Record<TableName, string[]> = { active: [], applications: [], review: [] };
  const entries = p.entries;
  const tables = p.entryTables;
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
  const passes = REPORT_TABLES.flatMap((table): Outcome[] =>
    passedByTable[table].length ? [{ scope: table, status: 'passed', cells: passedByTable[table], data: {} }] : [],
  );
  return [...failures, ...passes];
}
