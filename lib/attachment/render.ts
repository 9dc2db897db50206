// The rebuilt report as HTML: a title heading, the text as paragraphs, the tables with
// rowspan/colspan, every cell carrying where it came from. Any Document parses it (the
// browser's DOMParser, the CLI's light DOM), and the page reader runs on it unchanged.

import { foldRadicals } from '../text';

/** Where a rebuilt cell came from: a PDF page and box (points, top-left origin), or a DOCX table, row and cell. */
export interface AttachmentProvenance {
  /** 1-based PDF page */
  page?: number;
  box?: [x0: number, y0: number, x1: number, y1: number];
  /** 0-based DOCX table (in document order, nested tables not counted), row (w:tr) and cell (w:tc) */
  docx?: [table: number, row: number, cell: number];
}

export interface RenderCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  from: AttachmentProvenance;
}

/** A rebuilt table: rows of the cells whose top-left corner lies in that row. */
export interface RenderTable {
  kind: 'table';
  rows: RenderCell[][];
  page?: number;
}
export interface RenderText {
  kind: 'title' | 'paragraph';
  text: string;
  page?: number;
}
export type RenderBlock = RenderTable | RenderText;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const num = (x: number) => String(Math.round(x * 10) / 10);

/**
 * The HTML of the blocks, and the provenance of each table's cells: `cells[t][r][c]` is the
 * c-th <td> of the r-th <tr> of the t-th <table>, exactly the refs the reader gives (lib/schema.ts CellRef).
 */
export function renderHtml(blocks: readonly RenderBlock[], name?: string): { html: string; cells: AttachmentProvenance[][][] } {
  const title = blocks.find((b): b is RenderText => b.kind === 'title')?.text ?? name ?? '';
  const out: string[] = ['<!DOCTYPE html><html><head><meta charset="utf-8">', `<title>${escapeHtml(foldRadicals(title))}</title></head><body>`];
  const cells: AttachmentProvenance[][][] = [];
  for (const b of blocks) {
    const page = b.page !== undefined ? ` data-gip-page="${b.page}"` : '';
    if (b.kind !== 'table') {
      const tag = b.kind === 'title' ? 'h1' : 'p';
      out.push(`<${tag}${page}>${escapeHtml(foldRadicals(b.text))}</${tag}>`);
    } else {
      const table: AttachmentProvenance[][] = [];
      out.push(`<table border="1"${page}>`);
      for (const row of b.rows) {
        out.push('<tr>');
        const provs: AttachmentProvenance[] = [];
        for (const c of row) {
          let attrs = '';
          if (c.rowSpan > 1) attrs += ` rowspan="${c.rowSpan}"`;
          if (c.colSpan > 1) attrs += ` colspan="${c.colSpan}"`;
          if (c.from.page !== undefined) attrs += ` data-gip-page="${c.from.page}"`;
          if (c.from.box) attrs += ` data-gip-box="${c.from.box.map(num).join(',')}"`;
          if (c.from.docx) attrs += ` data-gip-docx="${c.from.docx.join(',')}"`;
          out.push(`<td${attrs}>${escapeHtml(foldRadicals(c.text))}</td>`);
          provs.push(c.from);
        }
        out.push('</tr>');
        table.push(provs);
      }
      out.push('</table>');
      cells.push(table);
    }
  }
  out.push('</body></html>');
  return { html: out.join('\n'), cells };
}
