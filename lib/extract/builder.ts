// Collects what the extractors read: cells by canonical key (each traceable to its
// source element) and structure notes for what could not be read.

import { memoize } from '../memo';
import type { Cell, StructureNote } from '../schema';
import { cellReading } from '../table/cell-value';
import type { GridCell } from '../table/grid';
import { normLabel } from '../text';
import type { Piece } from './locate';

export class ReportBuilder {
  readonly cells: Record<string, Cell> = {};
  readonly nodes = new Map<string, Element>();
  readonly structure: StructureNote[] = [];
  /**
   * The cells in the order they were set: the same list Object.entries(cells) gives
   * (canonical keys are never array indexes), handed to the rules so that they never sort
   * a dictionary of 200 keys (see lib/rules/support/prepared.ts).
   */
  readonly entries: [string, Cell][] = [];

  setCell(key: string, cell: GridCell, piece: Piece, rowLabel: string, columnLabel: string): void {
    if (this.cells[key]) return; // first reading wins; duplicates are reported by the extractor
    const v = cellReading(cell);
    const ref = { table: piece.tableIndex, row: cell.trIndex, cell: cell.cellIndex };
    // the usual cell as one fixed-shape literal: spreading the reading's varying shapes was
    // the reader's hottest line on a page of 100 reports (same keys, same order either way)
    let c: Cell =
      v.unit === undefined && v.note === undefined
        ? { raw: v.raw, value: v.value, readAs: v.readAs, rowLabel, columnLabel, ref }
        : { ...v, rowLabel, columnLabel, ref };
    // text the page hides was left out of the reading: said, never silent (a fresh readAs:
    // a plain reading's list is shared)
    if (cell.hidden) c = { ...c, readAs: [...c.readAs, 'hidden'], hidden: cell.hidden };
    this.cells[key] = c;
    this.entries.push([key, c]);
    this.nodes.set(key, cell.el);
  }

  note(n: StructureNote): void {
    this.structure.push(n);
  }

  /** Record a label that differs from the official wording beyond spacing and punctuation. */
  labelVariant(table: StructureNote['table'], shown: string, official: string, cells: string[], ref?: StructureNote['ref']): void {
    if (labelCore(shown) === labelCore(official)) return;
    const same = this.structure.find((n) => n.code === 'labelVariant' && n.shown === shown && n.official === official);
    if (same) {
      same.cells.push(...cells.filter((c) => !same.cells.includes(c)));
      return;
    }
    this.note({ code: 'labelVariant', table, cells, shown, official, ...(ref && { ref }) });
  }
}

/**
 * A label stripped of ordinals, spacing and punctuation, for comparison with the official
 * text (every row's label of every report is compared: the same few hundred, each made once).
 */
export const labelCore = memoize((s: string): string =>
  normLabel(s)
    .replace(/^(\(?[一二三四五六七八九十]+\)?[、.]?|\(?\d+\)?[.、]?)+/, '')
    .replace(/[()（）\[\]【】,，.。、:：;；“”"'‘’\-—/／]/g, ''),
);

/** Edit distance between two short strings, or `cap + 1` once it exceeds `cap` (labels are a few dozen characters). */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (row[j]! < best) best = row[j]!;
    }
    if (best > cap) return cap + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The official label a label no matcher recognised stands for, when that is unambiguous:
 * the one candidate whose core is within one edit of the label's core (a typo such as
 * 本年制法件数 for 本年制发件数, a character dropped or added), no other candidate being as
 * near. Cores shorter than three characters are never guessed (规章 is one edit from too
 * much). Returns the candidate's key, or null (none near, or two as near).
 */
export function nearestLabel<K>(shown: string, candidates: readonly (readonly [K, string])[]): K | null {
  const core = labelCore(shown);
  if (core.length < 3) return null;
  let found: K | null = null;
  let ties = 0;
  for (const [key, official] of candidates) {
    const target = labelCore(official);
    if (target.length < 3 || editDistance(core, target, 1) > 1) continue;
    if (found !== null && found !== key) ties++;
    found = key;
  }
  return ties === 0 ? found : null;
}

export function refOf(cell: GridCell, piece: Piece): StructureNote['ref'] {
  return { table: piece.tableIndex, row: cell.trIndex, cell: cell.cellIndex };
}
