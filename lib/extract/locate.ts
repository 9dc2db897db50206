// Finding the report's tables by their content (headings are unreliable, see
// report-format.md §1.1), including tables split into several <table> elements.

import { REPORT_TABLES, type TableName } from '../keys';
import { buildGrid, distinctCells, layoutTables, type Grid, type GridCell } from '../table/grid';

export type TableKind = TableName;

const SIGNALS: Record<TableKind, readonly string[]> = {
  applications: ['申请人情况', '自然人', '本年新收', '上年结转', '本年度办理结果', '予以公开', '不予公开', '无法提供', '不予处理', '结转下年度', '其他处理'],
  review: ['行政复议', '行政诉讼', '结果维持', '结果纠正', '尚未审结', '直接起诉', '复议后起诉'],
  active: ['第二十条', '信息内容', '规范性文件', '行政许可', '行政处罚', '行政强制', '行政事业性收费', '处理决定数量', '制发件数'],
};
const MIN_SCORE = 3;

export interface Piece {
  table: Element;
  /** index of the table among document.querySelectorAll('table') */
  tableIndex: number;
  /**
   * The table's grid, built when the piece is read (gridOf) and let go once its report
   * is read (releaseGrids): a page of 100 reports then never holds 30,000 grid cells at
   * once, which the garbage collector would copy and promote while the page waits.
   */
  grid: Grid | null;
}

export const gridOf = (piece: Piece): Grid => (piece.grid ??= buildGrid(piece.table));

export function releaseGrids(pieces: Record<TableKind, Piece[]>): void {
  for (const kind of REPORT_TABLES) for (const p of pieces[kind]) p.grid = null;
}

export interface LogicalRow {
  piece: Piece;
  /** row index within the piece's grid */
  r: number;
  slots: readonly (GridCell | undefined)[];
  cells: GridCell[];
}

export interface LocatedTables {
  pieces: Record<TableKind, Piece[]>;
  /** all tables of the document, in order, so refs can be resolved */
  tables: Element[];
}

function score(text: string, kind: TableKind): number {
  let n = 0;
  for (const s of SIGNALS[kind]) if (text.includes(s)) n++;
  return n;
}

/**
 * Classify every table of the root. Layout tables that merely contain a report table
 * are skipped; an unclassified table right after an applications piece that still
 * carries application labels is taken as its continuation (a page-break split).
 */
export function locateTables(root: ParentNode): LocatedTables {
  const tables = Array.from(root.querySelectorAll('table'));
  const layout = layoutTables(tables);
  const kinds: (TableKind | null)[] = [];
  const scores: Record<TableKind, number>[] = [];
  for (const t of tables) {
    // a table holding tables is layout: skipping it keeps the work linear in the page size
    if (layout.has(t)) {
      scores.push({ applications: 0, review: 0, active: 0 });
      kinds.push(null);
      continue;
    }
    // signals are plain Han words: removing whitespace is all the normalisation they need
    const text = (t.textContent ?? '').replace(/\s+/g, '');
    const s = { applications: score(text, 'applications'), review: score(text, 'review'), active: score(text, 'active') };
    scores.push(s);
    const best = (Object.keys(s) as TableKind[]).reduce((a, b) => (s[b] > s[a] ? b : a));
    kinds.push(s[best] >= MIN_SCORE ? best : null);
  }
  // A table holding another table was skipped above as layout, so no classified table
  // contains another: no pairwise containment test is needed (it was quadratic in the
  // number of tables, which a page holding 100 reports makes large).
  const pieces: Record<TableKind, Piece[]> = { active: [], applications: [], review: [] };
  let previous: TableKind | null = null;
  tables.forEach((t, i) => {
    let kind = kinds[i] ?? null;
    if (!kind && previous && scores[i]![previous] >= 1) kind = previous; // layout tables score 0: never a continuation
    if (kind) pieces[kind].push({ table: t, tableIndex: i, grid: null });
    if (kinds[i]) previous = kinds[i]!;
    else if (!kind) previous = null;
  });
  return { pieces, tables };
}

/** Whether any piece had to be cut to keep the work bounded (rows or columns beyond the limits). */
export const truncated = (pieces: readonly Piece[]) => pieces.some((p) => gridOf(p).truncated);

export function logicalRows(pieces: readonly Piece[]): LogicalRow[] {
  const out: LogicalRow[] = [];
  for (const piece of pieces) gridOf(piece).rows.forEach((slots, r) => out.push({ piece, r, slots, cells: distinctCells(slots) }));
  return out;
}
