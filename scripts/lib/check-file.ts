// Checking one saved page in Node: decode → parse (light DOM, ./dom) → read → rules.
// Never throws: an unreadable file becomes an entry with an `error`.

import fs from 'node:fs';
import { checkDocumentReports } from '../../lib/check';
import { decodePage } from '../../lib/encoding';
import type { CheckOutputEntry } from '../../lib/schema';
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
  const checks = checkDocumentReports(parseDocument(html));
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

const unreadableEntry = (source: string, error: string): CheckOutputEntry => ({ source, detected: false, kind: 'unreadable', report: null, findings: [], passed: [], incomplete: [], error });

/** Every report of a saved page, one entry each; an unreadable file is one entry with an `error`. Never throws. */
export function checkFileReports(source: string): CheckOutputEntry[] {
  let html: string;
  try {
    html = decodePage(fs.readFileSync(source)).text;
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

/** The saved page's first (usually only) report. */
export function checkFile(source: string): CheckOutputEntry {
  return checkFileReports(source)[0]!;
}
