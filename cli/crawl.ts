// The batch checker on the web (issue 18): report pages by address, and --crawl LIST_URL,
// every report a list page links to, its pagination followed (lib/survey/list-page.ts).
// Fetching is ./fetch.ts's (polite, robots.txt, --save DIR); each page is checked here as
// a saved file would be (./check-file.ts), its `source` the address. Every failure — a list
// with no report links, a 404, a redirect to another site, a timeout, a page too large, a
// page that is not a report — is an entry with its reason, and the run goes on.

import { decodePage } from '../lib/encoding';
import type { CheckOutputEntry } from '../lib/schema';
import { pageKey, readListPage, type ListedReport } from '../lib/survey/list-page';
import { checkHtmlReports, parseDocument, unreadableEntry } from './check-file';
import type { Fetched, PoliteFetcher } from './fetch';

export const CRAWL_DEFAULTS = { maxPages: 50, maxReports: 2_000 };

export const CRAWL_REASONS = {
  noReports: '列表页中没有年报链接 / no report links on the list page',
  list: (error: string) => `列表页无法读取 / list page unreadable: ${error}`,
  notPage: (type: string) => `不是网页或年报附件 / not a web page or a report file (${type})`,
  empty: '页面为空 / empty page',
  attachment: '附件报告：需 PDF/DOCX 读取 / attachment report: needs the PDF/DOCX reader',
  unsupported: (ext: string) => `附件格式无法读取，未获取 / file format not read, not fetched (.${ext})`,
};

/** Checks a PDF or DOCX report's bytes (cli/attachment.ts: lib/attachment's reader). */
export type AttachmentChecker = (source: string, bytes: Uint8Array, kind: 'pdf' | 'docx') => Promise<CheckOutputEntry[]>;

/** What a list crawl found: the reports, and entries for the list pages that failed. */
export interface ListCrawl {
  listUrl: string;
  reports: ListedReport[];
  /** entries (with `error`) for list pages that could not be read, or a list with no report link */
  failures: CheckOutputEntry[];
  pages: number;
  /** report links to other sites, left out */
  elsewhere: string[];
  /** what the bounds left out */
  skippedPages: number;
  skippedReports: number;
}

const listEntry = (source: string, error: string): CheckOutputEntry => ({ ...unreadableEntry(source, error), kind: 'list' });

/**
 * The reports a list links to, over its pages (breadth first, each list page once, at most
 * `maxPages`), de-duplicated; at most `maxReports` (counted across lists by `seen`).
 */
export async function crawlList(
  listUrl: string,
  fetcher: PoliteFetcher,
  opts: { maxPages: number; maxReports: number; seen?: Set<string>; stop?: () => boolean },
): Promise<ListCrawl> {
  const seen = opts.seen ?? new Set<string>();
  const out: ListCrawl = { listUrl, reports: [], failures: [], pages: 0, elsewhere: [], skippedPages: 0, skippedReports: 0 };
  const queue = [listUrl];
  const queued = new Set([pageKey(listUrl)]);
  while (queue.length > 0 && !opts.stop?.()) {
    const url = queue.shift()!;
    if (out.pages >= opts.maxPages) {
      out.skippedPages = queue.length + 1;
      break;
    }
    out.pages++;
    const page = await fetcher.get(url);
    const html = htmlOf(page);
    if ('error' in html) {
      out.failures.push(listEntry(url, CRAWL_REASONS.list(html.error)));
      continue;
    }
    let listed;
    try {
      listed = readListPage(parseDocument(html.text), page.finalUrl);
    } catch (e) {
      out.failures.push(listEntry(url, CRAWL_REASONS.list(`could not parse: ${e instanceof Error ? e.message : String(e)}`)));
      continue;
    }
    for (const r of listed.reports) {
      const key = pageKey(r.url);
      if (seen.has(key)) continue;
      if (seen.size >= opts.maxReports) {
        out.skippedReports++;
        continue;
      }
      seen.add(key);
      out.reports.push(r);
    }
    for (const away of listed.elsewhere ?? []) if (!out.elsewhere.includes(away) && out.elsewhere.length < 1_000) out.elsewhere.push(away);
    for (const next of listed.next) {
      const key = pageKey(next);
      if (queued.has(key)) continue;
      queued.add(key);
      queue.push(next);
    }
  }
  if (out.reports.length === 0 && out.failures.length === 0 && out.skippedReports === 0) out.failures.push(listEntry(listUrl, CRAWL_REASONS.noReports));
  return out;
}

const HTML_TYPE = /^(?:text\/html|application\/xhtml\+xml|text\/plain)$/i;
const PDF_TYPE = /^application\/(?:pdf|x-pdf)$/i;
const DOCX_TYPE = /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document$/i;
const CHARSET = /;\s*charset\s*=\s*"?([\w:.-]+)/i;
/** the first bytes of markup: a BOM, blanks, then <!DOCTYPE, <html, <head, <meta, <!-- */
const MARKUP_START = /^(?:\xef\xbb\xbf)?\s*<(?:!doctype|html|head|meta|!--)/i;

/** What a fetched body is: a web page, a PDF or DOCX file, or something else (by its type, else its first bytes). */
export function bodyKind(page: Pick<Fetched, 'contentType' | 'body'>): 'html' | 'pdf' | 'docx' | string {
  const type = (page.contentType ?? '').split(';')[0]!.trim();
  const b = page.body;
  if (b && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'pdf'; // %PDF
  if (PDF_TYPE.test(type)) return 'pdf';
  if (DOCX_TYPE.test(type) || (b && b[0] === 0x50 && b[1] === 0x4b && (type === '' || /octet-stream|msword|zip/i.test(type)))) return 'docx';
  if (type === '' || HTML_TYPE.test(type)) return 'html';
  // a web page sent as a download (application/octet-stream): markup from its first bytes
  if (b && MARKUP_START.test(String.fromCharCode(...b.subarray(0, 64)))) return 'html';
  return type;
}

/** A fetched page's text (decoded by the server's charset, else the page's own, as for files), or why there is none. */
function htmlOf(page: Fetched): { text: string } | { error: string } {
  if (page.error) return { error: page.error };
  if (!page.body || page.body.length === 0) return { error: CRAWL_REASONS.empty };
  const kind = bodyKind(page);
  if (kind !== 'html') return { error: CRAWL_REASONS.notPage(kind) };
  try {
    const text = decodePage(page.body, CHARSET.exec(page.contentType ?? '')?.[1] ?? null).text;
    return text.trim() ? { text } : { error: CRAWL_REASONS.empty };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** A report page's entries (one per report on it), its `source` the address asked for; never throws. */
export async function checkFetched(url: string, page: Fetched, attachments?: AttachmentChecker): Promise<CheckOutputEntry[]> {
  if (page.error) return [unreadableEntry(url, page.error)];
  // the address the page was read at names its reports (for same-site pairing), never what the page claims
  const located = (entries: CheckOutputEntry[]) => entries.map((e) => (e.report ? { ...e, report: { ...e.report, url: page.finalUrl } } : e));
  const kind = page.body && page.body.length > 0 ? bodyKind(page) : 'html';
  if (kind === 'pdf' || kind === 'docx') {
    if (!attachments) return [unreadableEntry(url, CRAWL_REASONS.attachment)];
    try {
      return located(await attachments(url, page.body!, kind));
    } catch (e) {
      return [unreadableEntry(url, `${CRAWL_REASONS.attachment}: ${e instanceof Error ? e.message : String(e)}`)];
    }
  }
  const html = htmlOf(page);
  if ('error' in html) return [unreadableEntry(url, html.error)];
  try {
    return located(checkHtmlReports(url, html.text));
  } catch (e) {
    return [unreadableEntry(url, `could not parse: ${e instanceof Error ? e.message : String(e)}`)];
  }
}

/** A listed report that was never fetched because the list's link said it is a file the checker cannot read. */
export function notFetched(r: ListedReport): CheckOutputEntry | null {
  if (r.format !== 'other') return null;
  const ext = /\.([a-z0-9]{1,5})(?:[?#]|$)/i.exec(r.url)?.[1]?.toLowerCase() ?? '?';
  return unreadableEntry(r.url, CRAWL_REASONS.unsupported(ext));
}

/** One item of a web run: an address to fetch and check, or an entry already made (a list's failure). */
export type WebItem = { url: string; listed?: ListedReport } | { entry: CheckOutputEntry };

/**
 * Check the web items one after another (the fetcher keeps the pace), handing each item's
 * entries to `deliver` as soon as it is done, so nothing checked is lost when a later one
 * fails or the run is stopped (`stop`: the items not begun get no entry).
 */
export async function checkWebItems(
  items: readonly WebItem[],
  fetcher: PoliteFetcher,
  deliver: (index: number, entries: CheckOutputEntry[]) => void,
  opts: { attachments?: AttachmentChecker; onProgress?: (done: number, total: number, etaMs: number | null) => void; stop?: () => boolean } = {},
): Promise<number> {
  const started = Date.now();
  let done = 0;
  let fetched = 0;
  let toFetch = items.filter((it) => 'url' in it).length;
  for (let i = 0; i < items.length; i++) {
    if (opts.stop?.()) break;
    const item = items[i]!;
    let entries: CheckOutputEntry[];
    if ('entry' in item) entries = [item.entry];
    else {
      const skipped = item.listed && notFetched(item.listed);
      toFetch--;
      if (skipped) entries = [skipped];
      else {
        entries = await checkFetched(item.url, await fetcher.get(item.url), opts.attachments);
        fetched++;
      }
    }
    deliver(i, entries);
    done++;
    // the time left: the pages still to fetch at the pace so far
    opts.onProgress?.(done, items.length, fetched > 0 ? ((Date.now() - started) / fetched) * toFetch : null);
  }
  return done;
}
