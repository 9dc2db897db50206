// Reports published as PDF or DOCX files, read with the same engine as web pages.
//
// API (DOM-free; runs in the extension's attachment page and in the CLI):
//
//   sniffAttachment(bytes, name?)   → { kind: 'pdf' | 'docx' } | { refusal: AttachmentFailure }
//       Recognise a file by its bytes. Legacy .doc/.wps (Compound File Binary), .ofd,
//       encrypted Office files, empty, cut and unknown files are refused with a plain
//       message (zh + en).
//   readDocx(bytes, name?)          → AttachmentReading          (synchronous)
//   readPdfPages(pages, name?)      → AttachmentReading          (synchronous)
//       `pages` come from readPdfPageContents(pdfDoc, OPS) in ./pdf-pages.ts, which takes an
//       already-loaded pdf.js document (the caller loads pdf.js: a Worker in the extension,
//       cli/pdf-node.ts in Node, always with isEvalSupported: false, cMapUrl + cMapPacked
//       for the GB cMaps listed in ./cmaps.ts, no scripting).
//   reading.html                    the rebuilt report as an HTML document (all text escaped):
//       <h1> title, <p> paragraphs, <table>s with rowspan/colspan; every <td> carries
//       data-gip-page + data-gip-box="x0,y0,x1,y1" (PDF points, top-left origin) or
//       data-gip-docx="table,row,cell". Parse it into any Document: the browser's
//       `new DOMParser().parseFromString(reading.html, 'text/html')`, the CLI's light DOM.
//   checkAttachment(reading, doc)   → AttachmentCheck
//       Reads every report of that Document with the page reader (lib/read.ts) and runs the
//       rules (lib/check.ts), after verifying that table 三's rows came out in the 2021 or
//       2019 order and table 四 has its 15 values. If not, the tables' numbers are dropped and
//       the one finding is attachment.unreadableTable ("附件表格无法可靠读取", with what failed).
//       Every report cell's ref carries its provenance (ref.page/ref.box, or ref.docx).
//       Returns the page checks (as checkDocumentReports does), the final quality line, and
//       a failure when the reading had one or the file is not a report.
//       A finding's place: report.cells[finding.cells[0]].ref.page (1-based) and .box, the
//       page's box being in pdf.js viewport units at scale 1 (PDF points, y down).
//       Where the cell with reader ref {table,row,cell} came from.
//
// A reading with `failure` (a scan, nothing readable) still has html (title and any text),
// so the caller can show it; checkAttachment then returns the failure and no findings.
// reading.imagePages lists PDF pages that are images (scans); reading.documentPages is set
// when only the first reading.pages pages of a longer PDF were read (quality says so too).
// Failures (sniff.ts): scan, legacyDoc, wps, ofd, encrypted, broken, notReport,
// unreadableTable, tooLarge (MAX_ATTACHMENT_BYTES, 50 MB), unknown — each with zh, en, detail.
// Tables 三/四 of a PDF drawn without lines are rebuilt from baselines (quality.method
// 'baselines') only when every column's header words are found; table 二 only when ruled.

import type { CellRef } from '../schema';
import { layoutDocx, docxDocumentXml } from './docx';
import { layoutPdf } from './pdf-layout';
import type { PageContent } from './pdf-pages';
import { renderHtml, type AttachmentProvenance, type RenderBlock } from './render';
import { failure, sniffAttachment, type AttachmentFailure, type AttachmentKind } from './sniff';
import { checkAttachmentReports, type AttachmentPageCheck } from './verify';

export type { AttachmentFailure, AttachmentKind, FailureCode } from './sniff';
export type { AttachmentProvenance } from './render';
export type { PageContent, PdfDocumentLike, PdfOps } from './pdf-pages';
export type { AttachmentPageCheck } from './verify';
export { sniffAttachment, failure } from './sniff';
export { readPdfPageContents } from './pdf-pages';

export interface AttachmentQuality {
  method: 'ruled' | 'baselines' | 'docx';
  rowsVerified: boolean;
  order?: '2021' | '2019';
  zh: string;
  en: string;
}

export interface AttachmentReading {
  kind: AttachmentKind;
  name?: string;
  /** PDF pages read */
  pages?: number;
  /** the PDF's page count when only its first `pages` were read (a bundle longer than the reader's limit) */
  documentPages?: number;
  /** the HTML the tables and text were rendered to (escaped); feed it to any Document */
  html: string;
  /** how the table was rebuilt, rows verified — for a read-quality line (rowsVerified is set by checkAttachment) */
  quality: AttachmentQuality;
  failure?: AttachmentFailure;
  /** provenance of every rebuilt cell: cells[table][tr][td], as the reader's refs count them */
  cells: AttachmentProvenance[][][];
  /** tables rebuilt */
  tables: number;
  /** PDF pages holding images and (almost) no text: scanned pages, whose tables cannot be read */
  imagePages?: number[];
}

const PDF_LINE: Record<'ruled' | 'baselines', [string, string]> = {
  ruled: ['由 PDF 文字层和表格线重建', 'Rebuilt from the PDF text layer and its ruling lines'],
  baselines: ['由 PDF 文字层重建（无表格线）', 'Rebuilt from the PDF text layer (no ruling lines)'],
};

function qualityLine(method: AttachmentQuality['method'], tables: number, cut: Pick<AttachmentReading, 'pages' | 'documentPages'> = {}): AttachmentQuality {
  const [zh, en] = method === 'docx' ? ['由 DOCX 表格结构读取', 'Read from the DOCX table structure'] : PDF_LINE[method];
  // a long PDF read only in part says so
  const part =
    cut.documentPages && cut.pages
      ? [`（共 ${cut.documentPages} 页，只读取了前 ${cut.pages} 页）`, ` (${cut.documentPages} pages, the first ${cut.pages} read)`]
      : ['', ''];
  return { method, rowsVerified: false, zh: `${zh}：${tables} 个表格，行序未核对${part[0]}`, en: `${en}: ${tables} tables, row order not verified${part[1]}` };
}

function reading(
  kind: AttachmentKind,
  blocks: RenderBlock[],
  name: string | undefined,
  method: AttachmentQuality['method'],
  tables: number,
  extra: Partial<AttachmentReading> = {},
): AttachmentReading {
  const { html, cells } = renderHtml(blocks, name);
  return { kind, ...(name !== undefined && { name }), html, cells, tables, quality: qualityLine(method, tables, extra), ...extra };
}

/** A DOCX's report: paragraphs and tables of word/document.xml. Never throws. */
export function readDocx(bytes: Uint8Array, name?: string): AttachmentReading {
  const sniffed = sniffAttachment(bytes, name);
  if ('refusal' in sniffed || sniffed.kind !== 'docx')
    return reading('docx', [], name, 'docx', 0, { failure: 'refusal' in sniffed ? sniffed.refusal : failure('unknown', 'not a DOCX') });
  const xml = docxDocumentXml(bytes);
  if ('error' in xml) return reading('docx', [], name, 'docx', 0, { failure: failure(xml.error === 'tooLarge' ? 'tooLarge' : 'broken', xml.detail) });
  try {
    const { blocks, tables } = layoutDocx(xml.xml);
    if (blocks.length === 0) return reading('docx', [], name, 'docx', 0, { failure: failure('broken', '文档为空 / the document is empty') });
    return reading('docx', blocks, name, 'docx', tables);
  } catch (e) {
    return reading('docx', [], name, 'docx', 0, { failure: failure('broken', e instanceof Error ? e.message : String(e)) });
  }
}

/** A PDF's report from its pages' text items and rulings (see ./pdf-pages.ts). Never throws. */
export function readPdfPages(pages: readonly PageContent[], name?: string): AttachmentReading {
  if (pages.length === 0) return reading('pdf', [], name, 'baselines', 0, { pages: 0, failure: failure('broken', '没有页面 / no pages') });
  try {
    const layout = layoutPdf(pages);
    const method = layout.ruledTables > 0 ? 'ruled' : 'baselines';
    const chars = pages.reduce((n, p) => n + p.items.reduce((m, it) => m + it.str.trim().length, 0), 0);
    // a text layer of a few characters (a page number, a stamp) is still a scan
    if (chars < 20 * Math.max(1, Math.min(pages.length, 3)))
      return reading('pdf', layout.blocks, name, method, 0, {
        pages: pages.length,
        failure: failure('scan', `${chars} 个字符，${layout.images} 幅图像 / ${chars} characters, ${layout.images} images`),
      });
    const of = Math.max(...pages.map((p) => p.of ?? 0));
    const imagePages = pages.filter((p) => (p.images ?? 0) > 0 && p.items.reduce((m, it) => m + it.str.trim().length, 0) < 20).map((p) => p.page);
    return reading('pdf', layout.blocks, name, method, layout.ruledTables + layout.baselineTables, {
      pages: pages.length,
      ...(of > pages.length && { documentPages: of }),
      ...(imagePages.length && { imagePages }),
    });
  } catch (e) {
    return reading('pdf', [], name, 'baselines', 0, { pages: pages.length, failure: failure('broken', e instanceof Error ? e.message : String(e)) });
  }
}

export interface AttachmentCheck {
  /** one per report of the attachment (one reading that is not a report when none is) */
  checks: AttachmentPageCheck[];
  /** the reading's quality, with rowsVerified and order set */
  quality: AttachmentQuality;
  /** the reading's failure, or notReport / unreadableTable found while checking */
  failure?: AttachmentFailure;
}

/**
 * Check an attachment: `doc` is a Document built from `reading.html`. Reads, verifies the
 * row order, runs the rules. Never throws.
 */
export function checkAttachment(r: AttachmentReading, doc: Document): AttachmentCheck {
  if (r.failure) {
    const empty = { detected: false, kind: 'unreadable' as const, report: null, nodes: new Map<string, Element>(), tables: [] };
    return { checks: [{ reading: empty, findings: [], passed: [], incomplete: [], verification: null }], quality: r.quality, failure: r.failure };
  }
  const scanned = r.imagePages?.length ? `第 ${r.imagePages.join('、')} 页为图片（扫描件），其中的表格无法读取` : undefined;
  const checks = checkAttachmentReports(doc, r.cells, scanned);
  const verified = checks.map((c) => c.verification).filter((v) => v !== null);
  const ok = verified.length > 0 && verified.every((v) => v.ok);
  const rows = verified.map((v) => v.rows).join('、');
  const order = ok ? verified[0]!.order : undefined;
  const template = checks.every((c) => c.reading.kind === 'template');
  const base = qualityLine(r.quality.method, r.tables, r);
  const quality: AttachmentQuality = {
    ...base,
    rowsVerified: ok,
    ...(order && { order }),
    zh: ok
      ? base.zh.replace('行序未核对', `表三 ${rows} 行，行序已核对（${order} 年格式）`)
      : base.zh.replace('行序未核对', verified.length ? '行序核对未通过，未核对数字' : template ? '空白模板（没有数字），不是年报' : '未读出报告'),
    en: ok
      ? base.en.replace('row order not verified', `table 三 ${rows} rows, order verified (${order} format)`)
      : base.en.replace(
          'row order not verified',
          verified.length ? 'row order check failed, figures not checked' : template ? 'a blank template (no figures), not a report' : 'no report read',
        ),
  };
  let fail: AttachmentFailure | undefined;
  if (verified.length === 0) {
    const kind = checks[0]?.reading.kind;
    // the blank national form is a template, as on web pages: said, not a failure
    if (kind !== 'template') fail = failure('notReport', kind ? `page kind: ${kind}` : undefined);
  } else if (!ok) fail = failure(scanned ? 'scan' : 'unreadableTable', verified.flatMap((v) => v.failed).join('；'));
  return { checks, quality, ...(fail && { failure: fail }) };
}
