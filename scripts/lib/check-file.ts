// Checking one saved page in Node: decode → parse (linkedom) → read → rules.
// Never throws: an unreadable file becomes an entry with an `error`.

import { parseHTML } from 'linkedom';
import fs from 'node:fs';
import { checkDocument } from '../../lib/check';
import { decodePage } from '../../lib/encoding';
import type { CheckOutputEntry } from '../../lib/schema';

/** Parse a page; a fragment without <html> (or an empty string) is wrapped so the document is whole. */
export function parseDocument(html: string): Document {
  const doc = parseHTML(html).document as unknown as Document;
  if (doc.documentElement && doc.body) return doc;
  return parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
}

export function checkHtml(source: string, html: string): CheckOutputEntry {
  const { reading, findings, passed, incomplete } = checkDocument(parseDocument(html));
  return { source, detected: reading.detected, kind: reading.kind, report: reading.report, findings, passed, incomplete };
}

export function checkFile(source: string): CheckOutputEntry {
  let html: string;
  try {
    html = decodePage(fs.readFileSync(source)).text;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { source, detected: false, kind: 'unreadable', report: null, findings: [], passed: [], incomplete: [], error: reason };
  }
  if (html.trim() === '')
    return { source, detected: false, kind: 'unreadable', report: null, findings: [], passed: [], incomplete: [], error: '文件为空 / empty file' };
  try {
    return checkHtml(source, html);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { source, detected: false, kind: 'unreadable', report: null, findings: [], passed: [], incomplete: [], error: `could not parse: ${reason}` };
  }
}
