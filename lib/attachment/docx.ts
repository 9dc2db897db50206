// DOCX → the report's blocks: word/document.xml's paragraphs as the text and its tables as
// grids (w:gridSpan and w:hMerge across, w:vMerge down, w:gridBefore skipped), seen through
// content controls (w:sdt), custom XML and smart tags; tracked deletions (w:del,
// w:moveFrom) left out, insertions kept; runs of one paragraph joined, so a number split
// over several runs is one number. Synchronous: fflate's unzipSync and a tag scanner.

import { unzipSync } from 'fflate';
import type { RenderBlock, RenderCell } from './render';

interface XmlNode {
  name: string;
  attrs: string;
  children: (XmlNode | string)[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
    }
    return ENTITIES[e] ?? m;
  });

/**
 * A small XML tree (elements and text; comments, processing instructions and doctype
 * dropped, CDATA kept as text). One pass, each character looked at a bounded number of
 * times, whatever the input: a tag regex with quoted attributes took quadratic time on a
 * document.xml full of unclosed tags ("<a \"" × 500,000 did not finish in 5 minutes).
 */
const MAX_DEPTH = 256;

export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: '', children: [] };
  const stack: XmlNode[] = [root];
  /** how many elements of each name are open: a closer of none open is skipped without a search */
  const open = new Map<string, number>();
  const NAME = /^\/?([A-Za-z_][\w:.-]*)/;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const top = stack[stack.length - 1]!;
    if (lt < 0) {
      top.children.push(decode(xml.slice(i)));
      break;
    }
    if (lt > i) top.children.push(decode(xml.slice(i, lt)));
    if (xml.startsWith('<!--', lt)) {
      const e = xml.indexOf('-->', lt + 4);
      i = e < 0 ? xml.length : e + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const e = xml.indexOf(']]>', lt + 9);
      top.children.push(xml.slice(lt + 9, e < 0 ? xml.length : e));
      i = e < 0 ? xml.length : e + 3;
      continue;
    }
    if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      const e = xml.indexOf('>', lt + 2);
      i = e < 0 ? xml.length : e + 1;
      continue;
    }
    // the tag's end: the first > outside quotes
    let j = lt + 1;
    let quote = '';
    for (; j < xml.length; j++) {
      const c = xml[j]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    if (j >= xml.length) {
      // an unclosed tag: the rest is text, as a browser would show it
      top.children.push(decode(xml.slice(lt)));
      break;
    }
    const body = xml.slice(lt + 1, j);
    i = j + 1;
    const m = NAME.exec(body);
    if (!m) {
      top.children.push(decode(xml.slice(lt, j + 1)));
      continue;
    }
    const name = m[1]!;
    if (body[0] === '/') {
      // close the nearest open element of that name (a stray closer is skipped); each element
      // is closed once, so the pops cost no more than the pushes
      if (!open.get(name)) continue;
      while (stack.length > 1) {
        const closed = stack.pop()!;
        open.set(closed.name, open.get(closed.name)! - 1);
        if (closed.name === name) break;
      }
      continue;
    }
    const selfClosing = body.endsWith('/');
    const node: XmlNode = { name, attrs: body.slice(m[0].length, selfClosing ? -1 : undefined), children: [] };
    top.children.push(node);
    // nesting is capped (a Word document nests a few dozen deep): deeper elements are kept, flat
    if (!selfClosing && stack.length < MAX_DEPTH) {
      stack.push(node);
      open.set(name, (open.get(name) ?? 0) + 1);
    }
  }
  return root;
}

const attr = (n: XmlNode, name: string): string | null => {
  const m = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(n.attrs);
  return m ? decode(m[2] ?? m[3] ?? '') : null;
};
const child = (n: XmlNode, name: string) => n.children.find((c): c is XmlNode => typeof c !== 'string' && c.name === name);
const elements = (n: XmlNode) => n.children.filter((c): c is XmlNode => typeof c !== 'string');

/** Wrappers whose content counts as if in their place: content controls, custom XML, smart tags, insertions. */
const TRANSPARENT = new Set(['w:sdt', 'w:sdtContent', 'w:customXml', 'w:smartTag', 'w:ins', 'w:moveTo', 'w:hyperlink', 'w:fldSimple', 'w:dir', 'w:bdo']);
/** Left out entirely: tracked deletions, properties, field instructions, the fallback copy of alternate content. */
const SKIPPED = new Set([
  'w:del',
  'w:moveFrom',
  'w:delText',
  'w:instrText',
  'w:delInstrText',
  'w:sdtPr',
  'w:sdtEndPr',
  'w:pPr',
  'w:rPr',
  'w:tblPr',
  'w:trPr',
  'w:tcPr',
  'w:tblGrid',
  'mc:Fallback',
  'w:footnoteReference',
  'w:endnoteReference',
  'w:commentReference',
]);

/** The children of `n` with transparent wrappers opened, of the wanted names. */
function through(n: XmlNode, names: ReadonlySet<string>): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of elements(n)) {
    if (names.has(c.name)) out.push(c);
    else if (TRANSPARENT.has(c.name)) out.push(...through(c, names));
  }
  return out;
}

/** A paragraph's (or any node's) text: w:t runs joined, tabs and breaks as spaces/new lines, deletions left out. */
function textOf(n: XmlNode): string {
  let s = '';
  for (const c of n.children) {
    if (typeof c === 'string') continue;
    if (SKIPPED.has(c.name)) continue;
    if (c.name === 'w:t') s += c.children.filter((x): x is string => typeof x === 'string').join('');
    else if (c.name === 'w:tab' || c.name === 'w:ptab') s += ' ';
    else if (c.name === 'w:br' || c.name === 'w:cr') s += '\n';
    else if (c.name === 'w:noBreakHyphen') s += '-';
    else if (c.name === 'w:p') s += (s && !s.endsWith('\n') ? '\n' : '') + textOf(c);
    else s += textOf(c);
  }
  return s;
}

interface DocxCell {
  text: string;
  r: number;
  c: number;
  rowSpan: number;
  colSpan: number;
  /** the w:tr and w:tc indexes in the source */
  tr: number;
  tc: number;
}

const ROW = new Set(['w:tr']);
const CELL = new Set(['w:tc']);
const BODY_BLOCKS = new Set(['w:p', 'w:tbl']);

/** A w:tbl → its cells with spans (the grid of the table's own rows; a nested table is its cell's text). */
function tableCells(tbl: XmlNode): { cells: DocxCell[]; rows: number } {
  const cells: DocxCell[] = [];
  /** grid slot → the cell covering it in the row above (for vMerge continue) */
  let above = new Map<number, DocxCell>();
  const trs = through(tbl, ROW);
  trs.forEach((tr, r) => {
    const trPr = child(tr, 'w:trPr');
    let c =
      Number(attr(trPr ? (child(trPr, 'w:gridBefore') ?? { name: '', attrs: '', children: [] }) : { name: '', attrs: '', children: [] }, 'w:val') ?? 0) || 0;
    const current = new Map<number, DocxCell>();
    let last: DocxCell | undefined;
    through(tr, CELL).forEach((tc, k) => {
      const tcPr = child(tc, 'w:tcPr');
      const span = Math.max(1, Math.min(64, Number(attr(tcPr && child(tcPr, 'w:gridSpan') ? child(tcPr, 'w:gridSpan')! : tc, 'w:val') ?? 1) || 1));
      const vm = tcPr ? child(tcPr, 'w:vMerge') : undefined;
      const hm = tcPr ? child(tcPr, 'w:hMerge') : undefined;
      const vVal = vm ? (attr(vm, 'w:val') ?? 'continue') : null;
      const hVal = hm ? (attr(hm, 'w:val') ?? 'continue') : null;
      const text = elements(tc)
        .filter((x) => !SKIPPED.has(x.name))
        .map((x) => (x.name === 'w:tbl' ? textOf(x) : textOf({ name: '#', attrs: '', children: [x] })))
        .filter((t) => t !== '')
        .join('\n');
      if (hVal === 'continue' && last) {
        last.colSpan += span;
        for (let d = 0; d < span; d++) current.set(c + d, last);
        c += span;
        return;
      }
      const up = above.get(c);
      if (vVal === 'continue' && up && up.c === c && up.colSpan === span) {
        up.rowSpan = r - up.r + 1;
        if (text.trim()) up.text += '\n' + text;
        for (let d = 0; d < span; d++) current.set(c + d, up);
        last = up;
        c += span;
        return;
      }
      const cell: DocxCell = { text, r, c, rowSpan: 1, colSpan: span, tr: r, tc: k };
      cells.push(cell);
      for (let d = 0; d < span; d++) current.set(c + d, cell);
      last = cell;
      c += span;
    });
    above = current;
  });
  return { cells, rows: trs.length };
}

export interface DocxLayout {
  blocks: RenderBlock[];
  tables: number;
}

const TITLE = /(?:19|20)\d{2}\s*年.*(?:报告|年报)|年度报告/;

/** The document's blocks: its paragraphs and tables in order, the first report-title paragraph as the title. */
export function layoutDocx(documentXml: string): DocxLayout {
  const root = parseXml(documentXml);
  const doc = child(root, 'w:document');
  const body = doc ? child(doc, 'w:body') : undefined;
  const blocks: RenderBlock[] = [];
  if (!body) return { blocks, tables: 0 };
  let tables = 0;
  let titled = false;
  for (const n of through(body, BODY_BLOCKS)) {
    if (n.name === 'w:p') {
      const text = textOf(n)
        .replace(/\s*\n\s*/g, ' ')
        .trim();
      if (!text) continue;
      if (!titled && blocks.length < 6 && TITLE.test(text) && text.length <= 80) {
        blocks.push({ kind: 'title', text });
        titled = true;
      } else blocks.push({ kind: 'paragraph', text });
      continue;
    }
    const t = tables++;
    const { cells, rows } = tableCells(n);
    const grid: RenderCell[][] = Array.from({ length: rows }, () => []);
    for (const cell of cells) grid[cell.r]!.push({ text: cell.text, rowSpan: cell.rowSpan, colSpan: cell.colSpan, from: { docx: [t, cell.tr, cell.tc] } });
    blocks.push({ kind: 'table', rows: grid });
  }
  return { blocks, tables };
}

/** word/document.xml of a DOCX's bytes, or why not. */
/** The largest word/document.xml inflated (a report's is 0.1–2 MB; a zip bomb's is gigabytes). */
export const MAX_DOCUMENT_XML = 40 * 1024 * 1024;

export function docxDocumentXml(bytes: Uint8Array): { xml: string } | { error: 'notDocx' | 'broken' | 'tooLarge'; detail: string } {
  let files: Record<string, Uint8Array>;
  let declared = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== 'word/document.xml') return false;
        declared = f.originalSize;
        return f.originalSize <= MAX_DOCUMENT_XML;
      },
    });
  } catch (e) {
    return { error: 'broken', detail: e instanceof Error ? e.message : String(e) };
  }
  if (declared > MAX_DOCUMENT_XML) return { error: 'tooLarge', detail: `word/document.xml ${(declared / 1024 / 1024).toFixed(0)} MB` };
  const xml = files['word/document.xml'];
  if (!xml) return { error: 'notDocx', detail: 'no word/document.xml' };
  if (xml.length > MAX_DOCUMENT_XML) return { error: 'tooLarge', detail: `word/document.xml > ${MAX_DOCUMENT_XML / 1024 / 1024} MB` };
  return { xml: new TextDecoder('utf-8').decode(xml) };
}
