// PDF page contents → the report's blocks: its title, its text as paragraphs, and its
// tables as grids of cells (lib/attachment/render.ts). Tables come from the drawn lines
// (a lattice: cell edges are the rulings, merged cells are where a boundary is not drawn),
// text items are put in the cell holding their centre, runs crossing a column boundary are
// cut (several numbers in one run), page numbers are dropped. A table split over pages stays
// two tables, as on web pages: the reader joins them. When no ruled table holds table 三,
// tables 三 and 四 are rebuilt from baselines (./pdf-baselines.ts) only where every column is
// named by its header; anything else stays text, and the row-order check refuses the reading.

import { foldRadicals } from '../text';
import type { PageContent, PageItem, Ruling } from './pdf-pages';
import { baselineTables, type Placed } from './pdf-baselines';
import type { RenderBlock, RenderCell, RenderTable } from './render';

const TOL = 2.5;
const r1 = (x: number) => Math.round(x * 10) / 10; // pt: lines this close are one line; an item this far outside a box is outside

interface Line {
  /** horizontal: y, x1..x2; vertical: x, y1..y2 */
  at: number;
  from: number;
  to: number;
}

/** Collinear segments merged where they overlap or touch (segments of one line drawn cell by cell). */
function mergeLines(lines: Line[]): Line[] {
  lines.sort((a, b) => a.at - b.at || a.from - b.from);
  const out: Line[] = [];
  for (const l of lines) {
    const prev = out.findLast((o) => Math.abs(o.at - l.at) <= 0.75 && l.from <= o.to + TOL && l.to >= o.from - TOL);
    if (prev) {
      prev.from = Math.min(prev.from, l.from);
      prev.to = Math.max(prev.to, l.to);
    } else out.push({ ...l });
  }
  return out;
}

/** Sorted distinct positions, those within `tol` taken as one (their mean). */
function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const v of sorted) {
    const g = groups[groups.length - 1];
    if (g && v - g[g.length - 1]! <= tol) g.push(v);
    else groups.push([v]);
  }
  return groups.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

interface Region {
  h: Line[];
  v: Line[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The page's ruled tables: groups of horizontal and vertical lines that cross or touch. */
/** Bounds that keep a hostile or drawing-heavy page linear: a report table has some 30 rows × 16 columns. */
export const LATTICE_LIMITS = { maxLines: 4000, maxCells: 20_000 } as const;

export function ruledRegions(rulings: readonly Ruling[]): Region[] {
  // (a page of hatching or a drawing: its lines are no table, and pairing them all would be quadratic)
  if (rulings.length > LATTICE_LIMITS.maxLines * 4) return [];
  const h = mergeLines(rulings.filter((r) => Math.abs(r.y1 - r.y2) < 1 && r.x2 - r.x1 > 3).map((r) => ({ at: (r.y1 + r.y2) / 2, from: r.x1, to: r.x2 })));
  const v = mergeLines(rulings.filter((r) => Math.abs(r.x1 - r.x2) < 1 && r.y2 - r.y1 > 3).map((r) => ({ at: (r.x1 + r.x2) / 2, from: r.y1, to: r.y2 })));
  const n = h.length + v.length;
  if (n > LATTICE_LIMITS.maxLines) return [];
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < h.length; i++)
    for (let j = 0; j < v.length; j++) {
      const a = h[i]!;
      const b = v[j]!;
      if (b.at >= a.from - TOL && b.at <= a.to + TOL && a.at >= b.from - TOL && a.at <= b.to + TOL) parent[find(i)] = find(h.length + j);
    }
  const groups = new Map<number, Region>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [], x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity }));
    if (i < h.length) {
      const l = h[i]!;
      g.h.push(l);
      g.x0 = Math.min(g.x0, l.from);
      g.x1 = Math.max(g.x1, l.to);
      g.y0 = Math.min(g.y0, l.at);
      g.y1 = Math.max(g.y1, l.at);
    } else {
      const l = v[i - h.length]!;
      g.v.push(l);
      g.y0 = Math.min(g.y0, l.from);
      g.y1 = Math.max(g.y1, l.to);
      g.x0 = Math.min(g.x0, l.at);
      g.x1 = Math.max(g.x1, l.at);
    }
  }
  return [...groups.values()].filter((g) => g.h.length >= 2 && g.v.length >= 2 && g.x1 - g.x0 > 20 && g.y1 - g.y0 > 10).sort((a, b) => a.y0 - b.y0);
}

/** A character's share of a run's width: full-width (CJK) 1, narrow 0.55, a space 0.3 (approximate; fonts differ). */
const charWeight = (c: string) => (/\s/.test(c) ? 0.3 : c.charCodeAt(0) > 0x2e7f ? 1 : 0.55);

/**
 * Runs that cross a column boundary cut at it: some producers write several cells as one run
 * ("1288 21 0 0 50 3", LibreOffice's "本年制发件数 本年"). The run is cut at its spaces, and a
 * piece still crossing a boundary at the character nearest to it; x is apportioned by
 * character widths. Runs inside one column are kept whole.
 */
export function splitAcross(items: readonly PageItem[], xs: readonly number[]): PageItem[] {
  const inner = xs.slice(1, -1);
  const crosses = (x0: number, x1: number) => inner.some((b) => b > x0 + 1 && b < x1 - 1);
  const out: PageItem[] = [];
  for (const it of items) {
    if (it.vertical || !crosses(it.x, it.x + it.w)) {
      out.push(it);
      continue;
    }
    const chars = [...it.str];
    const weights = chars.map(charWeight);
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    const at: number[] = [];
    let acc = 0;
    for (const w of weights) {
      at.push(it.x + (acc / total) * it.w);
      acc += w;
    }
    at.push(it.x + it.w);
    // pieces: runs of non-space characters, cut again where a boundary falls inside one
    let piece = -1;
    const pieces: [number, number][] = [];
    chars.forEach((c, i) => {
      // (a number is never cut: a cell holds whole numbers; label text may run on into the next cell)
      const cut = piece >= 0 && !/\d/.test(c) && inner.some((b) => b > at[i]! - 0.5 && b <= at[i]! + (at[i + 1]! - at[i]!) / 2 && b > at[piece]! + 1);
      if (/\s/.test(c) || cut) {
        if (piece >= 0) pieces.push([piece, i]);
        piece = /\s/.test(c) ? -1 : i;
      } else if (piece < 0) piece = i;
    });
    if (piece >= 0) pieces.push([piece, chars.length]);
    for (const [a, b] of pieces) out.push({ ...it, str: chars.slice(a, b).join(''), x: at[a]!, w: at[b]! - at[a]! });
  }
  return out;
}

/**
 * The line an item (taken top to bottom) joins: only lines whose centre is less than 60 pt
 * above it are asked, from the last, so a page of many lines costs no more than its items.
 */
export function recentLine(lines: readonly PageItem[][], cy: number, joins: (l: PageItem[]) => boolean): PageItem[] | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (cy - (l[0]!.y + l[0]!.h / 2) > 60) break;
    if (joins(l)) return l;
  }
  return undefined;
}

/** Items joined as read: lines top to bottom (by centre), items left to right; a space only between Latin/digit neighbours. */
function joinItems(items: readonly PageItem[]): string {
  if (items.length === 0) return '';
  const lines: PageItem[][] = [];
  const sorted = [...items].sort((a, b) => a.y + a.h / 2 - (b.y + b.h / 2));
  for (const it of sorted) {
    const cy = it.y + it.h / 2;
    const line = recentLine(lines, cy, (l) => !it.vertical && !l[0]!.vertical && Math.abs(l[0]!.y + l[0]!.h / 2 - cy) < Math.min(l[0]!.h, it.h) * 0.5);
    if (line) line.push(it);
    else lines.push([it]);
  }
  let text = '';
  for (const line of lines) {
    line.sort((a, b) => a.x - b.x);
    let s = '';
    let prev: PageItem | undefined;
    for (const it of line) {
      const gap = prev ? it.x - (prev.x + prev.w) : 0;
      if (prev && gap > it.h * 0.25 && /[\w.%]$/.test(s) && /^[\w.%]/.test(it.str)) s += ' ';
      s += it.str;
      prev = it;
    }
    s = s.trim();
    if (text && /[\d\w]$/.test(text) && /^[\d\w]/.test(s) && /^\d/.test(s) && /\d$/.test(text)) text += ' ';
    text += s;
  }
  return text;
}

/** The lattice of one ruled region → a table of cells with spans, each with its box. */
function latticeTable(region: Region, items: PageItem[], page: number): RenderTable | null {
  // the region's extent closes it where a page break left a side undrawn (a table cut by
  // a page break has no line above its first row on the next page)
  const xs = cluster([...region.v.map((l) => l.at), region.x0, region.x1], TOL);
  const ys = cluster([...region.h.map((l) => l.at), region.y0, region.y1], TOL);
  if (xs.length < 2 || ys.length < 2 || xs.length * ys.length > LATTICE_LIMITS.maxCells) return null;
  const R = ys.length - 1;
  const C = xs.length - 1;
  const covers = (lines: Line[], at: number, from: number, to: number) => {
    const len = to - from;
    return lines.some((l) => Math.abs(l.at - at) <= TOL && l.from <= from + len * 0.3 && l.to >= to - len * 0.3);
  };
  // union of elementary cells across boundaries that are not drawn
  const id = (r: number, c: number) => r * C + c;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      if (c + 1 < C && !covers(region.v, xs[c + 1]!, ys[r]!, ys[r + 1]!)) parent[find(id(r, c + 1))] = find(id(r, c));
      if (r + 1 < R && !covers(region.h, ys[r + 1]!, xs[c]!, xs[c + 1]!)) parent[find(id(r + 1, c))] = find(id(r, c));
    }
  const spans = new Map<number, { r0: number; c0: number; r1: number; c1: number; items: PageItem[] }>();
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      const root = find(id(r, c));
      const s = spans.get(root);
      if (!s) spans.set(root, { r0: r, c0: c, r1: r, c1: c, items: [] });
      else {
        s.r0 = Math.min(s.r0, r);
        s.c0 = Math.min(s.c0, c);
        s.r1 = Math.max(s.r1, r);
        s.c1 = Math.max(s.c1, c);
      }
    }
  const locate = (x: number, edges: number[]) => {
    for (let i = 0; i + 1 < edges.length; i++) if (x >= edges[i]! && x < edges[i + 1]!) return i;
    return -1;
  };
  for (const it of splitAcross(items, xs)) {
    const c = locate(it.x + it.w / 2, xs);
    const r = locate(it.y + it.h / 2, ys);
    if (c < 0 || r < 0) continue;
    spans.get(find(id(r, c)))!.items.push(it);
  }
  const rows: RenderCell[][] = Array.from({ length: R }, () => []);
  for (const s of [...spans.values()].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0)) {
    rows[s.r0]!.push({
      text: joinItems(s.items),
      rowSpan: s.r1 - s.r0 + 1,
      colSpan: s.c1 - s.c0 + 1,
      from: { page, box: [r1(xs[s.c0]!), r1(ys[s.r0]!), r1(xs[s.c1 + 1]!), r1(ys[s.r1 + 1]!)] },
    });
  }
  return { kind: 'table', rows, page };
}

const inside = (it: PageItem, g: { x0: number; y0: number; x1: number; y1: number }) => {
  const cx = it.x + it.w / 2;
  const cy = it.y + it.h / 2;
  return cx >= g.x0 - TOL && cx <= g.x1 + TOL && cy >= g.y0 - TOL && cy <= g.y1 + TOL;
};

interface TextLine {
  page: number;
  x: number;
  x2: number;
  y: number;
  h: number;
  text: string;
}

/** Text items outside the tables, as lines (items sharing a baseline band), top to bottom. */
function textLines(items: readonly PageItem[], page: number): TextLine[] {
  const lines: PageItem[][] = [];
  for (const it of [...items].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const cy = it.y + it.h / 2;
    const line = recentLine(lines, cy, (l) => Math.abs(l[0]!.y + l[0]!.h / 2 - cy) < Math.max(2, Math.min(l[0]!.h, it.h) * 0.5));
    if (line) line.push(it);
    else lines.push([it]);
  }
  return lines.map((l) => {
    l.sort((a, b) => a.x - b.x);
    let text = '';
    let prev: PageItem | undefined;
    for (const it of l) {
      if (prev && it.x - (prev.x + prev.w) > it.h * 0.6 && text !== '') text += ' ';
      text += it.str;
      prev = it;
    }
    return {
      page,
      x: l[0]!.x,
      x2: Math.max(...l.map((i) => i.x + i.w)),
      y: Math.min(...l.map((i) => i.y)),
      h: Math.max(...l.map((i) => i.h)),
      text: text.trim(),
    };
  });
}

const PAGE_NUMBER =
  /^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/i;

/** A page number alone on its line, in the top or bottom margin. */
const isPageNumber = (l: TextLine, height: number) => PAGE_NUMBER.test(l.text.replace(/\s+/g, ' ').trim()) && (l.y < height * 0.1 || l.y > height * 0.85);

/** Lines → paragraphs: a new one where a line is indented, follows a short line, or changes size. */
function paragraphs(lines: readonly TextLine[], margins: Map<number, { left: number; right: number }>): { text: string; page: number; h: number }[] {
  const out: { text: string; page: number; h: number; lastShort: boolean }[] = [];
  for (const l of lines) {
    const m = margins.get(l.page)!;
    const indented = l.x > m.left + l.h * 0.9;
    const short = l.x2 < m.right - l.h * 2;
    const prev = out[out.length - 1];
    const sameSize = prev && Math.abs(prev.h - l.h) <= Math.max(1, l.h * 0.15);
    if (prev && !indented && !prev.lastShort && sameSize) {
      prev.text += (/[A-Za-z0-9]$/.test(prev.text) && /^[A-Za-z0-9]/.test(l.text) ? ' ' : '') + l.text;
      prev.lastShort = short;
    } else out.push({ text: l.text, page: l.page, h: l.h, lastShort: short });
  }
  return out;
}

export interface PdfLayout {
  blocks: RenderBlock[];
  /** tables rebuilt from drawn lines */
  ruledTables: number;
  /** tables 三/四 rebuilt from text baselines (no lines drawn) */
  baselineTables: number;
  /** text items on all pages (0: no text layer) */
  items: number;
  /** images on all pages */
  images: number;
}

/** The report's blocks in reading order: per page, text and tables by their top edge. */
export function layoutPdf(pages: readonly PageContent[]): PdfLayout {
  const blocks: RenderBlock[] = [];
  let ruledTables = 0;
  let itemCount = 0;
  let images = 0;
  const allLines: TextLine[] = [];
  const margins = new Map<number, { left: number; right: number }>();
  const placed: { y: number; page: number; block: RenderBlock | TextLine }[] = [];
  const freeByPage = new Map<number, PageItem[]>();
  let ruledApplications = false;
  for (const p of pages) {
    images += p.images ?? 0;
    const items = p.items.map((it) => ({ ...it, str: foldRadicals(it.str) }));
    itemCount += items.length;
    // a frame around the page or a text box (one cell, or lines around other tables) is no table
    const found = ruledRegions(p.rulings);
    const regions = found.filter(
      (g) =>
        cluster(
          g.h.map((l) => l.at),
          TOL,
        ).length +
          cluster(
            g.v.map((l) => l.at),
            TOL,
          ).length >
          4 && !found.some((o) => o !== g && o.x0 >= g.x0 - TOL && o.x1 <= g.x1 + TOL && o.y0 >= g.y0 - TOL && o.y1 <= g.y1 + TOL),
    );
    const free: PageItem[] = [];
    const inRegion = regions.map(() => [] as PageItem[]);
    for (const it of items) {
      const k = regions.findIndex((g) => inside(it, g));
      if (k >= 0) inRegion[k]!.push(it);
      else free.push(it);
    }
    regions.forEach((g, k) => {
      const table = latticeTable(g, inRegion[k]!, p.page);
      if (table && table.rows.some((r) => r.some((c) => c.text !== ''))) {
        ruledTables++;
        if (table.rows.some((r) => r.some((c) => c.text.replace(/\s/g, '').includes('本年新收')))) ruledApplications = true;
        placed.push({ y: g.y0, page: p.page, block: table });
      } else free.push(...inRegion[k]!);
    });
    freeByPage.set(p.page, free);
  }
  // tables drawn without lines: 三 and 四 from baselines, when no ruled table holds 三
  let baselineCount = 0;
  if (!ruledApplications) {
    const stacked: Placed[] = [];
    let offset = 0;
    for (const p of pages) {
      const pageNumbers = new Set(
        textLines(freeByPage.get(p.page) ?? [], p.page)
          .filter((l) => isPageNumber(l, p.height))
          .map((l) => l.y),
      );
      for (const it of freeByPage.get(p.page) ?? [])
        if (!pageNumbers.has(it.y)) stacked.push({ ...it, page: p.page, Y: it.y + offset, source: it } as Placed & { source: PageItem });
      offset += p.height + 1000;
    }
    const found = baselineTables(stacked);
    const usedSources = new Set([...found.used].map((u) => (u as Placed & { source: PageItem }).source));
    for (const [page, free] of freeByPage)
      freeByPage.set(
        page,
        free.filter((it) => !usedSources.has(it)),
      );
    for (const t of found.tables) placed.push({ y: t.y, page: t.page, block: t.table });
    baselineCount = found.tables.length;
  }
  for (const p of pages) {
    const free = freeByPage.get(p.page) ?? [];
    const lines = textLines(free, p.page).filter((l) => l.text !== '' && !isPageNumber(l, p.height));
    if (lines.length) margins.set(p.page, { left: Math.min(...lines.map((l) => l.x)), right: Math.max(...lines.map((l) => l.x2)) });
    for (const l of lines) placed.push({ y: l.y, page: p.page, block: l });
  }
  placed.sort((a, b) => a.page - b.page || a.y - b.y);
  // title: the largest text at the top of the first page that has text
  const firstLines = placed.filter((x): x is { y: number; page: number; block: TextLine } => !('kind' in x.block));
  const first = firstLines[0]?.page;
  const top = firstLines.filter((x) => x.page === first).slice(0, 8);
  const maxH = Math.max(0, ...top.map((x) => x.block.h));
  const titleLines = new Set<TextLine>();
  if (top.length) {
    // the consecutive lines of the largest size (a title broken over two lines)
    const start = top.findIndex((x) => x.block.h >= maxH * 0.9);
    for (let i = start; i >= 0 && i < top.length && top[i]!.block.h >= maxH * 0.9; i++) titleLines.add(top[i]!.block);
    if (maxH < 1.15 * Math.min(...top.map((x) => x.block.h)) && ![...titleLines].some((l) => /报告|年报/.test(l.text))) titleLines.clear();
  }
  if (titleLines.size) blocks.push({ kind: 'title', text: [...titleLines].map((l) => l.text).join(''), page: first });
  let run: TextLine[] = [];
  const flush = () => {
    for (const para of paragraphs(run, margins)) blocks.push({ kind: 'paragraph', text: para.text, page: para.page });
    run = [];
  };
  for (const x of placed) {
    if ('kind' in x.block) {
      flush();
      blocks.push(x.block);
    } else if (!titleLines.has(x.block)) {
      run.push(x.block);
      allLines.push(x.block);
    }
  }
  flush();
  return { blocks, ruledTables, baselineTables: baselineCount, items: itemCount, images };
}
