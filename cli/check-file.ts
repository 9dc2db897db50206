// Checking one saved page in Node: decode → parse (light DOM, ./dom) → read → rules.
// Never throws: an unreadable file becomes an entry with an `error`.

import fs from 'node:fs';
import { checkDocumentReports, type PageCheck } from '../lib/check';
import { decodePage } from '../lib/encoding';
import type { CheckOutputEntry } from '../lib/schema';
import { parseRaw } from './dom/index';

/**
 * Parse a page (the light DOM; GIP_DOM=linkedom for linkedom, see ./dom/index.ts). A page
 * with no element at all (an empty string, bare text) is wrapped so the document is whole;
 * anything with an element is parsed once (the body check creates a missing <body>).
 */
export function parseDocument(html: string): Document {
  const doc = parseRaw(html);
  if (doc.documentElement && doc.body) return doc;
  return parseRaw(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
}

/**
 * The source of each report of a page: the file path, with `#k` (1-based, in document
 * order) only when the page holds more than one report, so single-report output is unchanged.
 */
export const reportSource = (source: string, index: number, count: number) => (count > 1 ? `${source}#${index + 1}` : source);

/** Every report of a page, one entry each (one entry for a page with one report or none). */
export function checkHtmlReports(source: string, html: string): CheckOutputEntry[] {
  return entriesOf(source, checkDocumentReports(parseDocument(html)));
}

/** A page's (or an attachment's) checks as output entries: FILE, or FILE#1, FILE#2 … when it holds several reports. */
export function entriesOf(source: string, checks: readonly PageCheck[]): CheckOutputEntry[] {
  return checks.map(({ reading, findings, passed, incomplete }, i) => ({
    source: reportSource(source, i, checks.length),
    detected: reading.detected,
    kind: reading.kind,
    report: reading.report,
    findings,
    passed,
    incomplete,
  }));
}

/** The page's first (usually only) report. */
export function checkHtml(source: string, html: string): CheckOutputEntry {
  return checkHtmlReports(source, html)[0]!;
}

/** The entry of an input that could not be read or checked: `error` says why. */
export const unreadableEntry = (source: string, error: string): CheckOutputEntry => ({
  source,
  detected: false,
  kind: 'unreadable',
  report: null,
  findings: [],
  passed: [],
  incomplete: [],
  error,
});

/**
 * The largest file read: far above any report page (a district's page of 100 reports is
 * 6.5 MB), and below what can be decoded at all (a string holds at most ~512 M characters:
 * a 700 MB page failed after being read whole).
 */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** What kind of thing a path is that is not a regular file, for its entry. */
export function fileKind(st: fs.Stats | fs.Dirent): string {
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isDirectory()) return 'directory';
  if (st.isSymbolicLink()) return 'symbolic link';
  return 'unknown type';
}

/** The error of an input that is not a regular file: it is never opened for reading. */
export const notRegularFile = (kind: string) => `不是普通文件，已跳过 / not a regular file (${kind}) — skipped`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
const tooLarge = (size: string, limit: number) => `文件过大，已跳过 / file too large (${size}, limit ${mb(limit)}) — skipped`;

/**
 * A saved page's bytes, from a regular file of at most `limit` bytes; throws with the reason
 * otherwise. Checked on the open file itself, so a link to a FIFO or a device is refused as
 * they are: opening a FIFO to read waits for a writer for ever (O_NONBLOCK: it does not), and
 * /dev/zero never ends. Reads to the end of the file but never past the limit (a file can
 * grow while it is read, or give its size as 0, as /proc's do).
 */
export function readPageFile(source: string, limit = MAX_FILE_BYTES): Buffer {
  const fd = fs.openSync(source, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error(notRegularFile(fileKind(st)));
    if (st.size > limit) throw new Error(tooLarge(mb(st.size), limit));
    const chunks: Buffer[] = [];
    let total = 0;
    // one read of the whole file, and one more that finds its end
    for (let size = Math.min(st.size + 1, limit + 1); ; size = Math.min(64 * 1024, limit + 1 - total)) {
      const chunk = Buffer.allocUnsafe(size);
      const n = fs.readSync(fd, chunk, 0, size, null);
      if (n === 0) break;
      total += n;
      if (total > limit) throw new Error(tooLarge(`more than ${mb(limit)}`, limit));
      chunks.push(n === size ? chunk : chunk.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

/** Every report of a saved page's bytes, one entry each; bytes that cannot be read are one entry with an `error`. Never throws. */
export function checkPageBytes(source: string, bytes: Buffer): CheckOutputEntry[] {
  let html: string;
  try {
    html = decodePage(bytes).text;
  } catch (e) {
    return [unreadableEntry(source, e instanceof Error ? e.message : String(e))];
  }
  if (html.trim() === '') return [unreadableEntry(source, '文件为空 / empty file')];
  try {
    return checkHtmlReports(source, html);
  } catch (e) {
    return [unreadableEntry(source, `could not parse: ${e instanceof Error ? e.message : String(e)}`)];
  }
}
