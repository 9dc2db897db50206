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

export function refOf(cell: GridCell, piece: Piece): StructureNote['ref'] {
  return { table: piece.tableIndex, row: cell.trIndex, cell: cell.cellIndex };
}
