// Checking one page the survey fetched, as the checker checks a page the reviewer opens
// (entrypoints/checker/index.ts), or one PDF/Word report as the attachment page does
// (entrypoints/attachment/): every report read and checked, each paired with the same
// agency's year before by the background (which alone reads the memory), and remembered
// there at once, under the address it was fetched at (`#k` for the k-th of several), as a
// page fetched on the reviewer's click.

import { checkDocumentReports, withPrevious, type PageCheck } from '../../lib/check';
import { BOUNDS, clip } from '../../lib/bounds';
import type { Report } from '../../lib/schema';
import type { Message, PairResult } from '../../utils/messages';
import { reportKey, sectionOf, type PageState } from '../../utils/page-state';
import { rememberedEntries } from '../../utils/remembered';
import { checkAttachment, sniffAttachment, type AttachmentFailure } from '../../lib/attachment';
import { readAttachment } from '../../components/attachment/read-file';
import { rebuiltDocument } from '../../components/attachment/rebuilt-document';
import type { Checked } from './runner';
import { claimedUrl } from '../../lib/site';
import { pairRequest, previousByKey } from '../../utils/pair-request';
import { stateOf } from '../../utils/check-state';

export type Send = (message: Message) => Promise<unknown>;

export async function checkFetchedPage(url: string, doc: Document, send: Send): Promise<Checked> {
  const checks = checkDocumentReports(doc).slice(0, BOUNDS.reportsPerPage);
  const found = checks.filter((c): c is Found => !!c.reading.detected && !!c.reading.report);
  if (found.length === 0) return { ok: false, reason: 'notReport', detail: checks[0]?.reading.kind };
  for (const c of found) c.reading.report.url = claimedUrl(c.reading.report.url, url);
  return pairAndRemember(url, doc.title || found[0]!.reading.report.title || url, found, send);
}

/**
 * A PDF or Word report, through the attachment reader (components/attachment/read-file.ts:
 * pdf.js in this page, the DOCX reader), its rebuilt document checked as the attachment
 * page checks it (row order verified first), then paired and remembered under its address.
 */
export async function checkAttachmentBytes(url: string, bytes: Uint8Array, send: Send): Promise<Checked> {
  const name = fileName(url);
  const sniffed = sniffAttachment(bytes, name);
  if ('refusal' in sniffed) return { ok: false, reason: 'attachment', detail: refusalDetail(sniffed.refusal) };
  const reading = await readAttachment(sniffed.kind, bytes, name);
  const doc = rebuiltDocument(reading.html || '<!DOCTYPE html><html><head><title></title></head><body></body></html>');
  const checked = checkAttachment(reading, doc);
  const found = checked.checks.flatMap((c): Found[] => (c.reading.report ? [c as Found] : [])).slice(0, BOUNDS.reportsPerPage);
  if (found.length === 0) return { ok: false, reason: 'attachment', detail: checked.failure ? refusalDetail(checked.failure) : 'notReport' };
  for (const c of found) c.reading.report.url = url;
  return pairAndRemember(url, found[0]!.reading.report.title || name || url, found, send);
}

/** The code of an attachment's failure (the view says it in words: lib/attachment failure()), and its detail. */
const refusalDetail = (f: AttachmentFailure) => `${f.code}${f.detail ? ` ${f.detail}` : ''}`;

function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '').slice(0, 200);
  } catch {
    return '';
  }
}

type Found = PageCheck & { reading: { report: Report } };

/** The year before of each report (asked of the background), the cross-year checks, and the reports remembered at once. */
async function pairAndRemember(url: string, pageTitle: string, found: readonly Found[], send: Send): Promise<Checked> {
  const keyed = found.map((check) => ({ check, key: reportKey({ url, section: sectionOf(check) }) }));
  // the year before: on this page, in the memory on this site, or the reviewer's choice
  const reports = keyed.map(({ check, key }) => pairRequest(key, check.reading.report));
  const paired = (await send({ type: 'survey-pair', pageUrl: url, reports }).catch(() => null)) as PairResult | null;
  const previous = previousByKey(paired?.answers ?? [], new Map(keyed.map((k) => [k.key, k.check.reading.report])));
  const checkedAt = new Date().toISOString();
  const title = clip(pageTitle, BOUNDS.title);
  const states: PageState[] = keyed.map(({ check, key }) => {
    const p = previous.get(key);
    const result = p ? { ...check, ...withPrevious(check, check.reading.report, p) } : check;
    return { ...stateOf(result, url, title, 'demand', checkedAt), ...(check.reading.section && { section: sectionOf(check) }) };
  });
  const answer = (await send({ type: 'survey-remember', entries: rememberedEntries(states) }).catch((e: unknown) => ({ ok: false, error: String(e) }))) as
    { ok?: boolean; error?: string } | undefined;
  if (answer?.ok !== true) return { ok: false, reason: 'error', detail: `not remembered: ${answer?.error ?? 'no answer'}` };
  return { ok: true, keys: keyed.map((k) => k.key) };
}
