// pdf.js → plain page contents: the positioned text items and the drawn ruling lines of
// each page, in page space with y pointing down (points, origin at the top left). No
// import of pdfjs-dist here: the caller passes an already-loaded document proxy and the
// module's OPS table (the extension page and the CLI each load pdf.js their own way).

/** A run of text as pdf.js positions it, in page space (y down, top-left origin). */
export interface PageItem {
  str: string;
  /** left edge, top edge, width, height */
  x: number;
  y: number;
  w: number;
  h: number;
  /** written top to bottom (a rotated run, or a tall narrow run of several characters) */
  vertical: boolean;
}

/** A drawn straight line (or thin filled rectangle), horizontal or vertical, in page space. */
export interface Ruling {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PageContent {
  /** 1-based */
  page: number;
  width: number;
  height: number;
  items: PageItem[];
  rulings: Ruling[];
  /** images painted on the page (a page with images and no text is a scan) */
  images?: number;
  /** the document's page count (more than the pages read when it was cut at maxPages) */
  of?: number;
}

// ---- the slice of the pdf.js API used (structural, so lib/ needs no pdfjs-dist types) ----

type Matrix = [number, number, number, number, number, number];
interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}
export interface PdfPageLike {
  getViewport(o: { scale: number }): { width: number; height: number; transform: number[] };
  getTextContent(o?: Record<string, unknown>): Promise<{ items: unknown[] }>;
  getOperatorList(o?: Record<string, unknown>): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  cleanup?(): unknown;
}
export interface PdfDocumentLike {
  numPages: number;
  getPage(n: number): Promise<PdfPageLike>;
}
/** The few operator codes read (pdf.js's `OPS`). */
export interface PdfOps {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  paintImageXObject: number;
  paintInlineImageXObject?: number;
  paintImageXObjectRepeat?: number;
  paintImageMaskXObject?: number;
}

export interface PageOptions {
  /** read the drawn lines too (about twice the time of text alone); default true */
  rulings?: boolean;
  /** stop after this many pages (a report is 3–12 pages; a 500-page bundle is not read whole) */
  maxPages?: number;
}

const mul = (m: Matrix, n: readonly number[]): Matrix => [
  m[0] * n[0]! + m[2] * n[1]!,
  m[1] * n[0]! + m[3] * n[1]!,
  m[0] * n[2]! + m[2] * n[3]!,
  m[1] * n[2]! + m[3] * n[3]!,
  m[0] * n[4]! + m[2] * n[5]! + m[4],
  m[1] * n[4]! + m[3] * n[5]! + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** One text item in page space; null for empty runs. */
export function toPageItem(raw: TextItemLike, viewport: readonly number[]): PageItem | null {
  const str = raw.str ?? '';
  if (str.trim() === '' || !raw.transform) return null;
  const t = mul(viewport as Matrix, raw.transform);
  // the text's own axes: x along the baseline, y up the glyphs (after the viewport flip, y down)
  const fontH = Math.hypot(t[2], t[3]) || Math.abs(raw.height ?? 0) || 1;
  const rotated = Math.abs(t[1]) > Math.abs(t[0]) * 2; // baseline runs vertically on the page
  const width = Math.abs(raw.width ?? 0);
  if (rotated) {
    // baseline along y: the run covers [y, y + width] downwards (or upwards), the glyphs left of it
    const down = t[1] > 0;
    const y = down ? t[5] : t[5] - width;
    return { str, x: t[4] - fontH, y, w: fontH, h: Math.max(width, fontH), vertical: true };
  }
  const top = t[5] - fontH;
  // a vertical font (Identity-V) keeps an upright matrix: pdf.js gives width along y then
  const h = Math.abs(raw.height ?? 0);
  const tall = [...str].length > 1 && h > fontH * 1.8 && width < fontH * 1.5;
  if (tall) return { str, x: t[4], y: t[5], w: Math.max(width, fontH), h, vertical: true };
  return { str, x: t[4], y: top, w: width, h: fontH, vertical: false };
}

const THIN = 2.5; // a filled rectangle this thin (pt) is a line
const FLAT = 0.6; // |dy| (or |dx|) below this: the segment is horizontal (vertical)

function segments(path: ArrayLike<number>, m: Matrix, paint: 'stroke' | 'fill', out: Ruling[]): void {
  // subpaths as point lists
  const subs: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (let i = 0; i < path.length;) {
    const op = path[i++]!;
    if (op === 0) {
      if (cur.length) subs.push(cur);
      cur = [apply(m, path[i]!, path[i + 1]!)];
      i += 2;
    } else if (op === 1) {
      cur.push(apply(m, path[i]!, path[i + 1]!));
      i += 2;
    } else if (op === 2) {
      cur.push(apply(m, path[i + 4]!, path[i + 5]!));
      i += 6;
    } else if (op === 3) {
      cur.push(apply(m, path[i + 2]!, path[i + 3]!));
      i += 4;
    } else if (op === 4) {
      if (cur.length) cur.push(cur[0]!);
    } else break;
  }
  if (cur.length) subs.push(cur);
  for (const pts of subs) {
    if (paint === 'fill') {
      // a thin filled rectangle is a line; a larger one (a shaded cell) gives no line
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      const x0 = Math.min(...xs);
      const x1 = Math.max(...xs);
      const y0 = Math.min(...ys);
      const y1 = Math.max(...ys);
      if (y1 - y0 <= THIN && x1 - x0 > THIN) out.push({ x1: x0, y1: (y0 + y1) / 2, x2: x1, y2: (y0 + y1) / 2 });
      else if (x1 - x0 <= THIN && y1 - y0 > THIN) out.push({ x1: (x0 + x1) / 2, y1: y0, x2: (x0 + x1) / 2, y2: y1 });
      continue;
    }
    for (let k = 1; k < pts.length; k++) {
      const [ax, ay] = pts[k - 1]!;
      const [bx, by] = pts[k]!;
      if (Math.abs(ay - by) < FLAT && Math.abs(ax - bx) > FLAT) out.push({ x1: Math.min(ax, bx), y1: (ay + by) / 2, x2: Math.max(ax, bx), y2: (ay + by) / 2 });
      else if (Math.abs(ax - bx) < FLAT && Math.abs(ay - by) > FLAT)
        out.push({ x1: (ax + bx) / 2, y1: Math.min(ay, by), x2: (ax + bx) / 2, y2: Math.max(ay, by) });
    }
  }
}

/** The rulings and image count of one page's operator list (the CTM tracked through save/restore/transform). */
export function readOperators(
  ops: PdfOps,
  list: { fnArray: number[]; argsArray: unknown[] },
  viewport: readonly number[],
): { rulings: Ruling[]; images: number } {
  const rulings: Ruling[] = [];
  let images = 0;
  let m = [...viewport] as Matrix;
  const stack: Matrix[] = [];
  const strokes = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fills = new Set([ops.fill, ops.eoFill]);
  const imageOps = new Set(
    [ops.paintImageXObject, ops.paintInlineImageXObject, ops.paintImageXObjectRepeat, ops.paintImageMaskXObject].filter((x): x is number => x !== undefined),
  );
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i]!;
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(m);
    else if (fn === ops.restore) m = stack.pop() ?? m;
    else if (fn === ops.transform && args) m = mul(m, args as number[]);
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const path = (args[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
      if (!path) continue;
      if (strokes.has(paint)) segments(path, m, 'stroke', rulings);
      else if (fills.has(paint)) segments(path, m, 'fill', rulings);
    } else if (imageOps.has(fn)) images++;
  }
  return { rulings, images };
}

/**
 * Every page's text items and rulings. pdf.js errors on one page (a broken stream) leave
 * that page empty rather than failing the document; the caller decides what an empty
 * document means (a scan, a broken file).
 */
export async function readPdfPageContents(doc: PdfDocumentLike, ops: PdfOps, options: PageOptions = {}): Promise<PageContent[]> {
  const pages: PageContent[] = [];
  const n = Math.min(doc.numPages, options.maxPages ?? 60);
  for (let p = 1; p <= n; p++) {
    const page = await doc.getPage(p);
    const vp = page.getViewport({ scale: 1 });
    const text = await page.getTextContent();
    const items: PageItem[] = [];
    for (const raw of text.items) {
      const it = toPageItem(raw as TextItemLike, vp.transform);
      if (it) items.push(it);
    }
    let rulings: Ruling[] = [];
    let images = 0;
    if (options.rulings !== false) {
      const list = await page.getOperatorList();
      ({ rulings, images } = readOperators(ops, list, vp.transform));
    }
    pages.push({ page: p, width: vp.width, height: vp.height, items, rulings, images, of: doc.numPages });
    page.cleanup?.();
  }
  return pages;
}
