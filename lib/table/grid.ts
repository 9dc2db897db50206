// The logical grid of an HTML table: every slot knows the cell element that covers
// it, honouring rowspan/colspan as browsers do. Only the table's own rows are read
// (not those of nested tables), and spans are clamped so absurd markup
// (rowspan="99999") costs no more than the table's real size.

import { plainNumber, type CellValue } from './cell-value';
import { hiddenInLastWalk, mayHideText, shownText } from './hidden';
import { cleanText, normLabel } from '../text';

export interface GridCell {
  el: Element;
  /** whitespace-collapsed text, as shown: text the page hides (inline display:none, hidden, …; see ./hidden.ts) left out */
  text: string;
  /**
   * The text the page hides in the cell and `text` leaves out (at most 200 characters,
   * whitespace-collapsed), or null: `470<span style="display:none">0</span>` reads 470,
   * hidden "0". A fact for the rules (单元格含隐藏文字), not yet in the report's cells.
   */
  hidden: string | null;
  /** normalised label text (see normLabel) */
  label: string;
  /** origin slot in this grid */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** position in the source: index of the <tr> among the table's rows, of the cell in its <tr> */
  trIndex: number;
  cellIndex: number;
  /** the text read as a number, computed on first use (cellReading in cell-value.ts) */
  reading: CellValue | undefined;
  /** whether the cell is a label, computed on first use (isLabelCell in cell-value.ts) */
  isLabel: boolean | undefined;
}

export interface Grid {
  table: Element;
  /** rows[r][c] = the cell covering slot (r, c), or undefined for a hole */
  rows: (GridCell | undefined)[][];
  width: number;
  /** true when cells had to be dropped to keep the work bounded */
  truncated: boolean;
}

/** Bounds that keep the work linear in the page size, whatever the markup claims. */
export const GRID_LIMITS = { maxColumns: 64, maxRows: 20000, maxTextPerCell: 4000 } as const;

// Tags are compared by localName (lowercase in HTML documents, in browsers and in the
// light DOMs alike): tagName.toUpperCase() made a string per element on the hottest loop.
const SECTION_TAGS = new Set(['thead', 'tbody', 'tfoot']);

/**
 * The tables among `tables` that hold another table: layout around the report, not a
 * report table (its text is the whole page, once per nesting level). Found by walking up
 * from each table to the nearest table enclosing it, so the cost is the nesting depth,
 * not a search of every table's subtree (a 2 MB list page is one table of 5,000 rows).
 */
export function layoutTables(tables: ArrayLike<Element>): Set<Element> {
  const layout = new Set<Element>();
  for (let i = 0; i < tables.length; i++) {
    for (let p = tables[i]!.parentElement; p; p = p.parentElement) {
      if (p.localName === 'table') {
        layout.add(p);
        break;
      }
    }
  }
  return layout;
}

/** The table's own <tr> elements in document order (not those of nested tables). */
export function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  // sibling walks: no array copy of each children collection (a consolidated page has 300 tables)
  for (let child = table.firstElementChild; child; child = child.nextElementSibling) {
    const tag = child.localName;
    if (tag === 'tr') rows.push(child);
    else if (SECTION_TAGS.has(tag)) {
      for (let tr = child.firstElementChild; tr; tr = tr.nextElementSibling) if (tr.localName === 'tr') rows.push(tr);
    }
  }
  return rows;
}

function spanAttr(el: Element, name: string, max: number): number {
  const v = el.getAttribute(name);
  if (v === null) return 1;
  const n = Number.parseInt(v.trim(), 10);
  if (!Number.isFinite(n) || n < 0) return 1;
  if (n === 0) return name === 'rowspan' ? max : 1; // rowspan="0": to the end of the table
  return Math.min(n, max);
}

/** The visible text of a cell (hidden text left out, see ./hidden.ts), bounded in length (a 1 MB cell is not a number anyway). */
export function cellText(el: Element): string {
  return boundedText(el.firstElementChild === null ? (el.textContent ?? '') : shownText(el));
}
const boundedText = (t: string) => cleanText(t.length > GRID_LIMITS.maxTextPerCell ? t.slice(0, GRID_LIMITS.maxTextPerCell) : t);

/**
 * Most cells are a count padded by the markup's whitespace. Such a cell's text, label
 * and reading are the trimmed digits (what boundedText, normLabel and readCellValue would
 * make of it: trim() removes exactly what \s matches), known from one test.
 */
const PADDED_DIGITS = /^\s*\d{1,15}\s*$/;
const isPlainNumber = (content: string) => content.length <= GRID_LIMITS.maxTextPerCell && PADDED_DIGITS.test(content);

export function buildGrid(table: Element): Grid {
  const all = tableRows(table);
  const trs = all.slice(0, GRID_LIMITS.maxRows);
  const rows: (GridCell | undefined)[][] = trs.map(() => []);
  let width = 0;
  let truncated = all.length > trs.length;
  // (a table in which nothing may hide text is read from textContent alone, see mayHideText)
  const walk = mayHideText(table);
  for (let r = 0; r < trs.length; r++) {
    const current = rows[r]!;
    let c = 0;
    let cellIndex = -1;
    for (let el = trs[r]!.firstElementChild; el; el = el.nextElementSibling) {
      const tag = el.localName;
      if (tag !== 'td' && tag !== 'th') continue;
      cellIndex++;
      while (current[c] !== undefined) c++;
      const colSpan = spanAttr(el, 'colspan', GRID_LIMITS.maxColumns);
      const rowSpan = spanAttr(el, 'rowspan', trs.length - r);
      if (c + colSpan > GRID_LIMITS.maxColumns) {
        truncated = true;
        continue;
      }
      // a cell of text alone (most cells of most pages) is its textContent; one holding elements is walked for hidden text
      let content: string;
      let hidden: string | null = null;
      if (el.firstElementChild === null || !walk) content = el.textContent ?? '';
      else {
        content = shownText(el);
        hidden = hiddenInLastWalk();
      }
      const plain = isPlainNumber(content);
      const text = plain ? content.trim() : boundedText(content);
      const cell: GridCell = {
        el,
        text,
        hidden,
        label: plain ? text : normLabel(text),
        row: r,
        col: c,
        rowSpan,
        colSpan,
        trIndex: r,
        cellIndex,
        reading: plain ? plainNumber(text) : undefined,
        isLabel: plain ? false : undefined,
      };
      for (let dr = 0; dr < rowSpan; dr++) {
        const target = rows[r + dr]!;
        for (let dc = 0; dc < colSpan; dc++) if (target[c + dc] === undefined) target[c + dc] = cell;
      }
      c += colSpan;
      if (c > width) width = c;
    }
  }
  return { table, rows, width, truncated };
}

/** The distinct cells of one grid row, left to right. */
export function distinctCells(row: readonly (GridCell | undefined)[]): GridCell[] {
  const out: GridCell[] = [];
  // (index loops in this file: it runs cold for every row of a page, where for…of allocates per step)
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    if (cell && out[out.length - 1] !== cell && !out.includes(cell)) out.push(cell);
  }
  return out;
}

/** Whether no value occurs twice in a short list (a row's cells: a Set per row costs more). */
export function allDistinct<T>(xs: readonly T[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs.lastIndexOf(xs[i]!, i - 1) >= 0) return false;
  return true;
}

/** Every pattern of this module that runs on cell text (see pageTextPatterns in ../detect.ts). */
export const pageTextPatterns = (): RegExp[] => [PADDED_DIGITS];
