// The prepared report: what several rules ask of a report, worked out once per check by
// lib/check.ts and handed to every rule in its context. A rule called on its own (a
// test) prepares its own. Nothing here is cached behind the rules' backs: a report's
// facts live exactly as long as its check.

import type { TableName } from '../../keys';
import type { Cell, Report } from '../../schema';
import type { RuleContext } from './types';

export interface PreparedReport {
  readonly report: Report;
  /**
   * The cells as [key, cell] pairs in table order. A report's cells object has some 200
   * keys added one by one (the engine's dictionary mode, where every Object.entries sorts
   * them): listed once here, from the reader's own list when it hands one over.
   */
  readonly entries: readonly (readonly [string, Cell])[];
  /** the table of each entry, in `entries` order (null: a key of no table) */
  readonly entryTables: readonly (TableName | null)[];
  /** the tables the report has any cell of */
  readonly tables: ReadonlySet<TableName>;
  /** the tables the reader flagged as cut short (tableTruncated), in note order */
  readonly truncated: readonly string[];
  /** one of several reports on a page whose text may not be its own (a multipleReports note) */
  readonly consolidated: boolean;
}

/** The table a key is in, null for none (no slicing: that made a new string per cell). */
export function tableOf(key: string): TableName | null {
  // told by the second letter, then one prefix test (asked for every cell)
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

/** The tables flagged as cut short, in note order. */
export function truncatedTables(report: Pick<Report, 'structure'>): string[] {
  const tables: string[] = [];
  for (let i = 0; i < report.structure.length; i++) if (report.structure[i]!.code === 'tableTruncated') tables.push(report.structure[i]!.table);
  return tables;
}

/**
 * Prepare a report for the rules. `entries`, when given, is the reader's list of the
 * cells in the order it set them (the same list Object.entries gives: canonical keys are
 * never array indexes), which spares sorting a dictionary.
 */
export function prepareReport(report: Report, entries?: readonly (readonly [string, Cell])[]): PreparedReport {
  const list = entries ?? Object.entries(report.cells);
  const entryTables = new Array<TableName | null>(list.length);
  const tables = new Set<TableName>();
  for (let i = 0; i < list.length; i++) {
    const t = tableOf(list[i]![0]);
    entryTables[i] = t;
    if (t) tables.add(t);
  }
  return {
    report,
    entries: list,
    entryTables,
    tables,
    truncated: truncatedTables(report),
    consolidated: report.structure.some((n) => n.code === 'multipleReports'),
  };
}

/** The prepared report a rule was handed with `report`, or one made now (a rule called on its own). */
export const preparedOf = (report: Report, context?: RuleContext): PreparedReport =>
  context?.prepared && context.prepared.report === report ? context.prepared : prepareReport(report);
