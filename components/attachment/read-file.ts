// Reading an attachment's bytes in the attachment page: a PDF with pdf.js (loaded here
// only, from the files the build copied byte for byte from pdfjs-dist: pdfjs/pdf.min.mjs,
// its worker, and the simplified-Chinese cMaps), a .docx with the DOM-free reader. Never
// throws: what cannot be read comes back as the reading's failure.
//
// pdf.js runs with isEvalSupported: false (CVE-2024-4367's mitigation; MV3 forbids eval
// anyway), no scripting, no XFA, no viewer, its own Worker; the bytes are given as `data`
// (never a URL: pdf.js fetches nothing but the cMaps, from the extension), copied first
// because pdf.js detaches the buffer it is given.

import type * as Pdfjs from 'pdfjs-dist';
import {
  failure,
  readDocx,
  readPdfPageContents,
  readPdfPages,
  type AttachmentKind,
  type AttachmentReading,
  type PdfDocumentLike,
  type PdfOps,
} from '../../lib/attachment';
import type { PdfPageLike } from '../../lib/attachment/pdf-pages';

/** At most this many pages are read (a report is 3–12; a 500-page bundle is not read whole). */
export const MAX_PDF_PAGES = 60;

const url = (path: string): string => (browser.runtime.getURL as (p: string) => string)(path);

let pdfjs: Promise<{ lib: typeof Pdfjs; worker: Pdfjs.PDFWorker }> | null = null;
/**
 * pdf.js and its worker, started once and kept for every PDF of the page. Called early (the
 * page starts it while the file downloads), so the first read does not wait for them.
 */
export function loadPdfjs(): Promise<{ lib: typeof Pdfjs; worker: Pdfjs.PDFWorker }> {
  pdfjs ??= (import(/* @vite-ignore */ url('/pdfjs/pdf.min.mjs')) as Promise<typeof Pdfjs>).then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = url('/pdfjs/pdf.worker.min.mjs');
    return { lib, worker: new lib.PDFWorker() };
  });
  pdfjs.catch(() => (pdfjs = null));
  return pdfjs;
}

/** How many pages are asked of the worker ahead of the one being read (it then never waits for us). */
const PAGES_AHEAD = 3;

/**
 * The document as readPdfPageContents reads it, page after page, but with the next pages'
 * text and drawing already asked of pdf.js's worker, so its work and ours overlap.
 */
function pipelined(doc: Pdfjs.PDFDocumentProxy, last: number): PdfDocumentLike {
  const pages = new Map<number, Promise<PdfPageLike>>();
  const ask = (n: number): Promise<PdfPageLike> => {
    let p = pages.get(n);
    if (!p) {
      p = doc.getPage(n).then((page) => {
        const text = page.getTextContent();
        const ops = page.getOperatorList();
        // (awaited by the reader in turn; a failure is its to see, not an unhandled rejection here)
        text.catch(() => undefined);
        ops.catch(() => undefined);
        return {
          getViewport: (o: { scale: number }) => page.getViewport(o),
          getTextContent: () => text as unknown as ReturnType<PdfPageLike['getTextContent']>,
          getOperatorList: () => ops as unknown as ReturnType<PdfPageLike['getOperatorList']>,
          cleanup: () => page.cleanup(),
        };
      });
      pages.set(n, p);
    }
    return p;
  };
  return {
    numPages: doc.numPages,
    getPage: (n: number) => {
      for (let k = n + 1; k <= Math.min(last, n + PAGES_AHEAD); k++) void ask(k).catch(() => undefined);
      const p = ask(n);
      void p.then(
        () => pages.delete(n),
        () => undefined,
      );
      return p;
    },
  };
}

/** The PDF's pages → the reader's reading. */
export async function readPdf(bytes: Uint8Array, name?: string): Promise<AttachmentReading> {
  const empty = (code: 'encrypted' | 'broken', detail?: string): AttachmentReading => ({
    kind: 'pdf',
    ...(name !== undefined && { name }),
    html: '',
    cells: [],
    tables: 0,
    quality: { method: 'baselines', rowsVerified: false, zh: '', en: '' },
    failure: failure(code, detail),
  });
  let lib: typeof Pdfjs;
  let worker: Pdfjs.PDFWorker;
  try {
    ({ lib, worker } = await loadPdfjs());
  } catch (e) {
    return empty('broken', `pdf.js: ${e instanceof Error ? e.message : String(e)}`);
  }
  const params: Parameters<typeof lib.getDocument>[0] & { isEvalSupported: false } = {
    data: bytes.slice(),
    worker,
    // pdf.js 6 has no eval path left (the option is gone); said anyway, so an older build never takes it
    isEvalSupported: false,
    enableXfa: false,
    cMapUrl: url('/pdfjs/cmaps/'),
    cMapPacked: true,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  };
  const task = lib.getDocument(params);
  try {
    const doc = await task.promise;
    const pages = await readPdfPageContents(pipelined(doc, Math.min(doc.numPages, MAX_PDF_PAGES)), lib.OPS as unknown as PdfOps, { maxPages: MAX_PDF_PAGES });
    return readPdfPages(pages, name);
  } catch (e) {
    const kind = e instanceof Error ? e.name : '';
    if (kind === 'PasswordException') return empty('encrypted', 'PDF');
    return empty('broken', e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  } finally {
    void task.destroy().catch(() => undefined);
  }
}

/** A file's bytes → its reading, by the kind its bytes say it is. */
export async function readAttachment(kind: AttachmentKind, bytes: Uint8Array, name?: string): Promise<AttachmentReading> {
  return kind === 'pdf' ? readPdf(bytes, name) : readDocx(bytes, name);
}

/** The SHA-256 of a file on disk, in hex: its key in the report memory (file:<sha256>). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
