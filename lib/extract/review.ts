// Table 四 (行政复议、行政诉讼): 15 values under a 3-row header. Columns are named by
// the header text above them (words may be letter-spaced or split over rows);
// without a usable header the 15 values are read in the official order.

import { REVIEW_FIELDS, REVIEW_FIELD_LABELS, REVIEW_GROUPS, REVIEW_GROUP_LABELS, reviewKey, type ReviewField, type ReviewGroup } from '../keys';
import { isLabelCell } from '../table/cell-value';
import { allDistinct, type GridCell } from '../table/grid';
import { memoize, packKey, unpackKey } from '../memo';
import { firstMatch } from '../text';
import { refOf, type ReportBuilder } from './builder';
import type { LogicalRow } from './locate';

const GROUP_MATCHERS: readonly (readonly [ReviewGroup, RegExp])[] = [
  ['litigationAfterReview', /复议后起诉/],
  ['litigationDirect', /直接起诉|未经复议/],
  ['review', /行政复议/],
];
const FIELD_MATCHERS: readonly (readonly [ReviewField, RegExp])[] = [
  ['upheld', /维持/],
  ['corrected', /纠正/],
  ['pending', /尚未|未审结|审结/],
  ['total', /总计|合计|小计/],
  ['other', /其他/],
];

/**
 * What a column's stacked header labels (packed into one key) name: its group, its field
 * and which of the labels name the field. The same few stacks recur in every report: each
 * is matched once.
 */
const nameColumn = memoize(
  (labels: string): { group: ReviewGroup | undefined; field: ReviewField | undefined; fieldCells: number[] } => {
    const stack = unpackKey(labels);
    const group = firstMatch(GROUP_MATCHERS, stack.join(''));
    // the field is named by the cells below the group heading (行政复议 itself contains no field word)
    const fieldCells = stack.flatMap((label, i) => (firstMatch(GROUP_MATCHERS, label) === undefined && !/行政诉讼/.test(label) ? [i] : []));
    const field = firstMatch(FIELD_MATCHERS, fieldCells.map((i) => stack[i]).join(''));
    return { group, field, fieldCells };
  },
  { maxLength: 400 },
);

interface Column {
  group: ReviewGroup;
  field: ReviewField;
  /** the header text naming the field, as shown (may be split over rows) */
  shown: string;
  cell: GridCell;
}

export function extractReview(rows: readonly LogicalRow[], b: ReportBuilder): void {
  // The data row: the first row with no label in it (its zeros may all be blank).
  const dataIndex = rows.findIndex((r, i) => i > 0 && r.cells.length >= 5 && !r.cells.some(isLabelCell) && r.cells.some((c) => c.row === r.r));
  if (dataIndex < 0) {
    b.note({ code: 'tableMissing', table: 'review', cells: [] });
    return;
  }
  const data = rows[dataIndex]!;
  const header = rows.slice(0, dataIndex).filter((r) => r.piece === data.piece);
  const width = data.slots.length;

  // Name each grid column by the header text stacked above it.
  const columns = new Map<number, Column>();
  const named = new Set<string>();
  for (let c = 0; c < width; c++) {
    // the distinct cells stacked above the column, top to bottom
    const stack: GridCell[] = [];
    for (let r = 0; r < header.length; r++) {
      const x = header[r]!.slots[c];
      if (x && x.label !== '' && !stack.includes(x)) stack.push(x);
    }
    if (stack.length === 0) continue;
    const { group, field, fieldCells } = nameColumn(packKey(stack.map((x) => x.label)));
    const cell = stack[fieldCells[fieldCells.length - 1] ?? -1];
    if (!group || !field || !cell || named.has(`${group}.${field}`)) continue;
    named.add(`${group}.${field}`);
    columns.set(c, { group, field, cell, shown: fieldCells.map((i) => stack[i]!.text).join('') });
  }

  const values = data.cells;
  const expected = REVIEW_GROUPS.length * REVIEW_FIELDS.length;
  const byGrid = [...columns.entries()].map(([c, col]) => [col, data.slots[c]] as const);
  const gridOk = columns.size === expected && byGrid.every((pair) => pair[1] && pair[1].row === data.r) && allDistinct(byGrid.map((pair) => pair[1]));

  if (gridOk) {
    for (const [col, cell] of byGrid) b.setCell(reviewKey(col.group, col.field), cell!, data.piece, REVIEW_GROUP_LABELS[col.group], col.shown);
    const mapped = new Set(byGrid.map(([, c]) => c));
    const extra = values.filter((c) => !mapped.has(c) && c.label !== '');
    if (extra.length)
      b.note({ code: 'cellCount', table: 'review', cells: [], count: expected + extra.length, expectedCount: expected, ref: refOf(extra[0]!, data.piece) });
  } else {
    if (columns.size !== expected) b.note({ code: 'headerMissing', table: 'review', cells: [] });
    const cells = [...values];
    while (cells.length > expected && cells[cells.length - 1]!.label === '') cells.pop();
    if (cells.length !== expected) {
      b.note({ code: 'cellCount', table: 'review', cells: [], count: cells.length, expectedCount: expected, ref: refOf(data.cells[0]!, data.piece) });
      return;
    }
    let i = 0;
    for (const g of REVIEW_GROUPS)
      for (const f of REVIEW_FIELDS) b.setCell(reviewKey(g, f), cells[i++]!, data.piece, REVIEW_GROUP_LABELS[g], REVIEW_FIELD_LABELS[f]);
  }
  for (const col of columns.values())
    b.labelVariant('review', col.shown, REVIEW_FIELD_LABELS[col.field], [reviewKey(col.group, col.field)], refOf(col.cell, data.piece));
}
