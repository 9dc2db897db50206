// Tables 三 and 四 of a PDF drawn without ruling lines, from text positions alone: rows are
// the lines of numbers (their baselines), columns the x positions of those numbers, named and
// verified by the header words stacked above them, labels the text left of the numbers within
// each row's band. Only these two tables, and only when every column is named as the national
// format names it: otherwise nothing is rebuilt and the reading is refused (a whole blank row
// is lost this way too, and the row-order check refuses it). Never a guess.

import type { PageItem } from './pdf-pages';
import type { RenderCell, RenderTable } from './render';

/** An item with the page it is on and a y on one axis through all pages. */
export interface Placed extends PageItem {
  page: number;
  /** y + page offset: pages stacked top to bottom */
  Y: number;
}

const NUMBER = /^\d{1,9}(?:\.\d+)?$/;
const norm = (s: string) => s.replace(/\s+/g, '');
const cy = (it: Placed) => it.Y + it.h / 2;
const cx = (it: PageItem) => it.x + it.w / 2;
const r1 = (x: number) => Math.round(x * 10) / 10;

/** Items cut at their spaces (a run "80 1 0 0 0 0 81" is seven numbers), x apportioned by characters. */
function tokens(items: readonly Placed[]): Placed[] {
  const out: Placed[] = [];
  for (const it of items) {
    if (it.vertical || !/\s/.test(it.str.trim())) {
      out.push({ ...it, str: it.str.trim() });
      continue;
    }
    const chars = [...it.str];
    const weight = (c: string) => (/\s/.test(c) ? 0.3 : c.charCodeAt(0) > 0x2e7f ? 1 : 0.55);
    const total = chars.reduce((a, c) => a + weight(c), 0) || 1;
    let acc = 0;
    let start = -1;
    let startX = 0;
    chars.forEach((c, i) => {
      const x = it.x + (acc / total) * it.w;
      if (/\s/.test(c)) {
        if (start >= 0) out.push({ ...it, str: chars.slice(start, i).join(''), x: startX, w: x - startX });
        start = -1;
      } else if (start < 0) {
        start = i;
        startX = x;
      }
      acc += weight(c);
    });
    if (start >= 0) out.push({ ...it, str: chars.slice(start).join(''), x: startX, w: it.x + it.w - startX });
  }
  return out;
}

/** Items on one baseline band (centres within half a line height), top to bottom. */
function lines(items: readonly Placed[]): Placed[][] {
  const out: Placed[][] = [];
  for (const it of [...items].sort((a, b) => cy(a) - cy(b))) {
    let line: Placed[] | undefined;
    // (sorted by centre: only the last lines can hold it)
    for (let k = out.length - 1; k >= 0 && cy(it) - cy(out[k]![0]!) < 60; k--)
      if (Math.abs(cy(out[k]![0]!) - cy(it)) < Math.max(2, Math.min(out[k]![0]!.h, it.h) * 0.5)) {
        line = out[k];
        break;
      }
    if (line) line.push(it);
    else out.push([it]);
  }
  for (const l of out) l.sort((a, b) => a.x - b.x);
  return out;
}

/** Sorted centres, those within `tol` taken as one column. */
function columns(xs: number[], tol: number): number[] {
  const groups: number[][] = [];
  for (const x of [...xs].sort((a, b) => a - b)) {
    const g = groups[groups.length - 1];
    if (g && x - g[g.length - 1]! <= tol) g.push(x);
    else groups.push([x]);
  }
  return groups.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

const bounds = (centres: number[]) =>
  centres.map(
    (c, i) =>
      [
        i === 0 ? c - (centres[1]! - c) / 2 : (centres[i - 1]! + c) / 2,
        i === centres.length - 1 ? c + (c - centres[i - 1]!) / 2 : (c + centres[i + 1]!) / 2,
      ] as const,
  );
const columnOf = (x: number, b: readonly (readonly [number, number])[]) => b.findIndex(([l, r]) => x >= l && x < r);

/** The text of items read top to bottom, left to right. */
const textOf = (items: readonly Placed[]) =>
  lines(items)
    .map((l) => l.map((i) => i.str).join(''))
    .join('');

/**
 * Label text grouped into blocks, one per table cell: an item joins a block when it continues
 * the block's last line (same baseline, within half a character) or starts the next line under
 * it (overlapping it horizontally, less than a line's height below). Labels of neighbouring
 * cells on one baseline stay apart.
 */
function labelBlocks(items: readonly Placed[]): Placed[][] {
  const blocks: { items: Placed[]; x0: number; x1: number; lineY: number; bottom: number }[] = [];
  for (const it of [...items].sort((a, b) => a.Y - b.Y || a.x - b.x)) {
    const h = it.h;
    const joins = (bk: (typeof blocks)[number]) => {
      if (Math.abs(bk.lineY - it.Y) < h * 0.5) return it.x - bk.x1 < h * 0.5 && bk.x0 - (it.x + it.w) < h * 0.5;
      return it.Y > bk.lineY && it.Y - bk.bottom < h * 0.9 && it.x < bk.x1 - 0.5 && bk.x0 < it.x + it.w - 0.5;
    };
    // (the blocks a label can join are the last few: a table row holds a handful of label cells)
    let block: (typeof blocks)[number] | undefined;
    for (let k = blocks.length - 1; k >= Math.max(0, blocks.length - 64); k--)
      if (joins(blocks[k]!)) {
        block = blocks[k];
        break;
      }
    if (!block) {
      blocks.push({ items: [it], x0: it.x, x1: it.x + it.w, lineY: it.Y, bottom: it.Y + h });
      continue;
    }
    block.items.push(it);
    if (Math.abs(block.lineY - it.Y) < h * 0.5) {
      block.x0 = Math.min(block.x0, it.x);
      block.x1 = Math.max(block.x1, it.x + it.w);
    } else {
      block.x0 = it.x;
      block.x1 = it.x + it.w;
      block.lineY = it.Y;
    }
    block.bottom = Math.max(block.bottom, it.Y + h);
  }
  return blocks.map((bk) => bk.items);
}

const APP_HEADERS = [/自然人/, /商业企业/, /科研机构/, /社会公益/, /法律服务/, /^其他$/, /总计|合计/];
const REVIEW_FIELDS = [/维持/, /纠正/, /其他/, /审结/, /总计|合计/];
const REVIEW_LABELS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

const valueCell = (t: Placed | undefined): RenderCell => ({
  text: t?.str ?? '',
  rowSpan: 1,
  colSpan: 1,
  from: t ? { page: t.page, box: [r1(t.x), r1(t.y), r1(t.x + t.w), r1(t.y + t.h)] } : {},
});
const textCell = (text: string, colSpan = 1, rowSpan = 1): RenderCell => ({ text, rowSpan, colSpan, from: {} });

export interface BaselineTables {
  /** each table with where it starts (page and y), to be placed among the text */
  tables: { page: number; y: number; table: RenderTable }[];
  /** the items the tables took (left out of the text) */
  used: Set<Placed>;
}

/** Table 三 from the items after its first row (一、本年新收…): rows, columns, labels, or null. */
function applications(items: readonly Placed[], used: Set<Placed>): { page: number; y: number; table: RenderTable } | null {
  const all = tokens(items);
  const first = all.find((it) => norm(it.str).includes('本年新收'));
  if (!first) return null;
  const numbersRight = (line: Placed[], after: number) => line.filter((t) => NUMBER.test(t.str) && t.x > after);
  const firstLine = lines(all.filter((t) => Math.abs(cy(t) - cy(first)) < first.h)).find((l) => l.includes(first)) ?? [];
  if (numbersRight(firstLine, first.x + first.w).length < 5) return null;
  const last = all.find((it) => it.Y > first.Y && /结转下年度|下年度继续办理/.test(norm(it.str)));
  if (!last) return null;
  const zone = all.filter((t) => cy(t) >= first.Y - first.h * 0.5 && cy(t) <= last.Y + last.h * 1.5);
  const labelRight = Math.min(first.x + first.w, last.x + last.w);
  const numbers = zone.filter((t) => NUMBER.test(t.str) && t.x >= labelRight - 1);
  const centres = columns(numbers.map(cx), 8);
  if (centres.length !== 7) return null;
  const b = bounds(centres);
  // the header: the short items above the first row, right of the labels, stacked in each column
  const header = all.filter(
    (t) =>
      t.page === first.page &&
      t.Y < first.Y &&
      t.Y > first.Y - 200 &&
      cx(t) >= b[0]![0] &&
      !/申请人情况|法人或其他组织/.test(norm(t.str)) &&
      norm(t.str).length <= 8,
  );
  const stacks = centres.map((_, i) => header.filter((t) => columnOf(cx(t), b) === i));
  const named = stacks.map((s) => norm(textOf(s)));
  if (!named.every((n, i) => APP_HEADERS[i]!.test(n))) return null;
  // the whole header band (申请人情况, 法人或其他组织, the 勾稽 note) belongs to the table, not the text
  const top = all
    .filter((t) => t.page === first.page && t.Y < first.Y && t.Y > first.Y - 200 && /申请人情况|勾稽关系|逻辑关系|法人或其他组织/.test(norm(t.str)))
    .sort((p, q) => p.Y - q.Y)[0];
  const band = top ? all.filter((t) => t.page === first.page && t.Y >= top.Y - 1 && cy(t) < first.Y) : header;
  const note = band.filter((t) => cx(t) < b[0]![0]);
  // rows: the lines of numbers; labels: blocks of text left of the numbers (lines that overlap
  // horizontally and follow each other closely), each given to the row nearest its middle
  const rows = lines(numbers);
  const labels = zone.filter((t) => cx(t) < b[0]![0] && !t.vertical && !NUMBER.test(t.str));
  const blocks = labelBlocks(labels);
  const byRow = rows.map(() => [] as Placed[][]);
  for (const block of blocks) {
    const mid = (Math.min(...block.map((t) => t.Y)) + Math.max(...block.map((t) => t.Y + t.h))) / 2;
    let best = 0;
    rows.forEach((row, i) => {
      if (Math.abs(cy(row[0]!) - mid) < Math.abs(cy(rows[best]![0]!) - mid)) best = i;
    });
    byRow[best]!.push(block);
  }
  const tableRows: RenderCell[][] = [[textCell(textOf(note) || '申请人情况'), ...named.map((n) => textCell(n))]];
  rows.forEach((row, i) => {
    const values: (Placed | undefined)[] = centres.map(() => undefined);
    for (const t of row) {
      const c = columnOf(cx(t), b);
      if (c >= 0 && !values[c]) values[c] = t;
    }
    // label blocks left to right: group labels first, the row's own label last
    const own = byRow[i]!.sort((p, q) => Math.min(...p.map((t) => t.x)) - Math.min(...q.map((t) => t.x)));
    for (const t of [...own.flat(), ...row]) used.add(t);
    tableRows.push([...(own.length ? own.map((bk) => textCell(textOf(bk))) : [textCell('')]), ...values.map(valueCell)]);
  });
  for (const t of [...header, ...band]) used.add(t);
  return { page: first.page, y: first.y - 60, table: { kind: 'table', rows: tableRows, page: first.page } };
}

/** Table 四: the 15 numbers of the first full line below its 行政复议 header, every column's header verified. */
function review(items: readonly Placed[], used: Set<Placed>): { page: number; y: number; table: RenderTable } | null {
  const all = tokens(items);
  const head = all.find((t) => norm(t.str) === '行政复议' || /^行政复议$/.test(norm(t.str)));
  if (!head) return null;
  const data = lines(all.filter((t) => t.Y > head.Y && t.Y < head.Y + 250)).find((l) => l.filter((t) => NUMBER.test(t.str)).length >= 10);
  if (!data) return null;
  const values = data.filter((t) => NUMBER.test(t.str));
  if (values.length !== 15) return null;
  const centres = values.map(cx);
  const b = bounds(centres);
  const header = all.filter((t) => t.Y >= head.Y - 1 && cy(t) < cy(values[0]!) - values[0]!.h * 0.6 && !NUMBER.test(t.str));
  const stacks = centres.map((_, i) => norm(textOf(header.filter((t) => columnOf(cx(t), b) === i))));
  if (!stacks.every((s, i) => REVIEW_FIELDS[i % 5]!.test(s))) return null;
  const text = norm(textOf(header));
  if (!/未经复议直接起诉/.test(text) || !/复议后起诉/.test(text)) return null;
  for (const t of [...header, ...values]) used.add(t);
  const fields = (n: number) => REVIEW_LABELS.slice(0, n).map((l) => textCell(l));
  const rows: RenderCell[][] = [
    [textCell('行政复议', 5), textCell('行政诉讼', 10)],
    [...REVIEW_LABELS.map((l) => textCell(l, 1, 2)), textCell('未经复议直接起诉', 5), textCell('复议后起诉', 5)],
    [...fields(5), ...fields(5)],
    values.map(valueCell),
  ];
  return { page: head.page, y: head.y - 1, table: { kind: 'table', rows, page: head.page } };
}

/** Tables 三 and 四 rebuilt from baselines, when the PDF drew them without lines. */
export function baselineTables(items: readonly Placed[]): BaselineTables {
  const used = new Set<Placed>();
  const tables = [applications(items, used), review(items, used)].filter((t) => t !== null);
  // (tokens are copies: map them back to the items they came from)
  const taken = new Set<Placed>();
  for (const it of items)
    for (const u of used)
      if (u.page === it.page && u.y === it.y && u.x >= it.x - 0.5 && u.x + u.w <= it.x + it.w + 0.5 && it.str.includes(u.str)) taken.add(it);
  return { tables, used: taken };
}
