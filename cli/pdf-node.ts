// pdf.js in Node for the CLI, the bench and the tests: the legacy build, loaded once per
// thread, with what Node 20 lacks. pdfjs-dist 6 declares Node >= 22.13: on Node 20 it needs
// Promise.withResolvers and ArrayBuffer.prototype.transferToFixedLength (without the
// latter, getOperatorList fails silently and no ruling is read), and its display layer
// builds a DOMMatrix at load. Text positions and operator lists need no canvas: three
// inert classes stand in for DOMMatrix, Path2D and ImageData, and @napi-rs/canvas is kept
// out of node_modules (package.json overrides, scripts/no-canvas).

import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readPdfPageContents, type PageContent, type PdfDocumentLike, type PdfOps } from '../lib/attachment/pdf-pages';
import { PDF_CMAP_DIR } from '../lib/attachment/cmaps';

type PdfModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

function polyfill(): void {
  const P = Promise as unknown as { withResolvers?: unknown };
  if (typeof P.withResolvers !== 'function')
    P.withResolvers = function withResolvers<T>() {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((a, b) => {
        resolve = a;
        reject = b;
      });
      return { promise, resolve, reject };
    };
  const AB = ArrayBuffer.prototype as unknown as { transferToFixedLength?: unknown; transfer?: unknown };
  if (typeof AB.transferToFixedLength !== 'function')
    AB.transferToFixedLength = function transferToFixedLength(this: ArrayBuffer, length?: number) {
      const n = length ?? this.byteLength;
      const out = new ArrayBuffer(n);
      new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(n, this.byteLength)));
      return out;
    };
  const g = globalThis as unknown as Record<string, unknown>;
  // inert: never used for text or operator lists, only constructed at load
  for (const name of ['DOMMatrix', 'Path2D', 'ImageData'])
    if (!g[name])
      g[name] = class {
        a = 1;
        b = 0;
        c = 0;
        d = 1;
        e = 0;
        f = 0;
        constructor(..._args: unknown[]) {}
        multiplySelf() {
          return this;
        }
        preMultiplySelf() {
          return this;
        }
        translate() {
          return this;
        }
        scale() {
          return this;
        }
        invertSelf() {
          return this;
        }
        addPath() {}
      };
}

let loaded: Promise<PdfModule> | undefined;

/** The pdf.js module, loaded once (about 150–400 ms on first use). */
export function loadPdfjs(): Promise<PdfModule> {
  return (loaded ??= (async () => {
    polyfill();
    // pdf.js warns at load that the (deliberately absent) canvas package cannot be loaded
    const warn = console.warn;
    console.warn = (...a: unknown[]) => {
      if (!String(a[0] ?? '').includes('@napi-rs/canvas')) warn(...a);
    };
    try {
      const mod = await import('pdfjs-dist/legacy/build/pdf.mjs');
      // the worker runs in this thread (Node has no Worker for it): loaded here, inside the
      // muted window, and handed over as pdf.js's documented pdfjsWorker global
      const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      mod.GlobalWorkerOptions.workerSrc = pathToFileURL(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href;
      return mod;
    } finally {
      console.warn = warn;
    }
  })());
}

const cmapUrl = () => path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), PDF_CMAP_DIR) + path.sep;

/** Why pdf.js refused a file: a password, or a file it could not parse. */
export type PdfOpenError = { code: 'encrypted' | 'broken'; detail: string };

/**
 * A PDF's page contents (text items and rulings), or why it could not be opened. The bytes
 * are copied: pdf.js detaches the buffer it is given.
 */
export async function pdfPageContents(bytes: Uint8Array, options: { rulings?: boolean; maxPages?: number } = {}): Promise<PageContent[] | PdfOpenError> {
  const pdfjs = await loadPdfjs();
  const params: Parameters<PdfModule['getDocument']>[0] & { isEvalSupported: false } = {
    data: new Uint8Array(bytes),
    // pdf.js 6 has no eval path left (the option is gone); said anyway, so an older build never takes it
    isEvalSupported: false,
    enableXfa: false,
    cMapUrl: cmapUrl(),
    cMapPacked: true,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
    stopAtErrors: false,
  };
  const task = pdfjs.getDocument(params);
  try {
    const doc = await task.promise;
    return await readPdfPageContents(doc as unknown as PdfDocumentLike, pdfjs.OPS as unknown as PdfOps, options);
  } catch (e) {
    const err = e as { name?: string; message?: string };
    if (err?.name === 'PasswordException') return { code: 'encrypted', detail: err.message ?? 'password required' };
    return { code: 'broken', detail: `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}` };
  } finally {
    await task.destroy();
  }
}
