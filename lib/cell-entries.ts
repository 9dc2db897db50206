// A report's cells as [key, cell] pairs, listed once per cells object.
//
// A report's cells object has some 200 keys added one by one, which puts it in the
// engine's dictionary mode, where every Object.keys/entries sorts them: a dozen rules
// asking for them cost more than the checks themselves on a page holding 100 reports.
// The rules never change a report, so the entries are listed once per cells object,
// and the reader, which adds the cells in order, hands its own list over.

import type { Cell, Report } from './schema';

type Cells = Report['cells'];
const ENTRIES = new WeakMap<Cells, [string, Cell][]>();

export function cellEntries(cells: Cells): [string, Cell][] {
  let entries = ENTRIES.get(cells);
  if (!entries) ENTRIES.set(cells, (entries = Object.entries(cells)));
  return entries;
}

/**
 * Record the entries of a cells object as they were added (the same list, in the same
 * order, as Object.entries gives: canonical keys are never array indexes). The caller
 * adds nothing to `cells` afterwards without adding it to `entries` too.
 */
export function listCellEntries(cells: Cells, entries: [string, Cell][]): void {
  ENTRIES.set(cells, entries);
}
