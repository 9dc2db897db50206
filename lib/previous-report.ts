// "获取上一年度报告": finding the same agency's report of the year before when the
// memory does not hold it. First the links on the page whose text names a report of
// the previous year (related-article lists often do), then the site's report list (the
// breadcrumb or column link "政府信息公开年报", else the page's own folder) and the links
// there. Only same-origin web pages, a handful at most, and every page fetched is read
// and verified (a report, the same agency, the year before) before it is used.
// DOM-agnostic: the fetching is passed in (the checker gives a same-origin fetch).

import { checkDocumentReports, type PageCheck } from './check';
import { sameAgency } from './pairing';
import { ATTACHMENT_HREF, REPORT_TITLE } from './detect';
import { agencyFromTitle } from './document-facts';
import type { Report } from './schema';
import { cleanText } from './text';

/** Fetch and parse a page; null when it cannot be had (not found, not HTML, another origin…). */
export type FetchPage = (url: string) => Promise<Document | null>;

/** At most this many list pages and report pages are fetched per request. */
export const PREVIOUS_LIMITS = { listPages: 2, reports: 4 };

export interface PreviousSearch {
  found: { url: string; check: PageCheck & { reading: { report: Report } }; renamed: boolean } | null;
  /** every address fetched, in order */
  tried: string[];
  reason: 'found' | 'noYear' | 'noAgency' | 'noLinks' | 'notFound';
}

/** A link's absolute address (no fragment) when it is a same-origin web page, else null. */
export function sameOriginPage(href: string | null, base: string): string | null {
  if (!href || ATTACHMENT_HREF.test(href)) return null;
  try {
    const u = new URL(href, base);
    const b = new URL(base);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== b.origin) return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

const linkText = (a: Element) => cleanText(`${a.textContent ?? ''} ${a.getAttribute('title') ?? ''}`);
const withoutHash = (url: string) => url.replace(FRAGMENT, '');
/** a report link without 信息公开 in its text: "2023年度报告", "2023年年报" */
export const SHORT_REPORT_TITLE = /((?:19|20)\d{2})\s*年\s*(?:度\s*)?(?:报告|年报)/;

/**
 * Links on a page to a report of the year before `current.year`: those naming the same
 * agency (or a rename on this site) first, then those naming no agency ("2023年度报告"
 * in the agency's own column). Links naming another agency are left out.
 */
export function previousYearLinks(doc: Document, current: Report, pageUrl: string): string[] {
  if (current.year === null) return [];
  const want = current.year - 1;
  const named: string[] = [];
  const anonymous: string[] = [];
  for (const a of Array.from(doc.getElementsByTagName('a')).slice(0, 2000)) {
    const text = linkText(a);
    const m = REPORT_TITLE.exec(text) ?? SHORT_REPORT_TITLE.exec(text);
    if (!m || Number(m[1]) !== want) continue;
    const url = sameOriginPage(a.getAttribute('href'), pageUrl);
    if (!url || url === withoutHash(pageUrl)) continue;
    const agency = REPORT_TITLE.test(text) ? agencyFromTitle(text) : null;
    if (agency === null) anonymous.push(url);
    else if (sameAgency({ ...current, url: pageUrl }, { ...current, agency, url })) named.push(url);
  }
  return [...new Set([...named, ...anonymous])];
}

/**
 * A report list's link: 政府信息公开年报, 信息公开工作年度报告, 年度报告 … Only tested, so the
 * optional words before it (信息公开, 工作, with whitespace loops side by side that made it
 * quadratic in a run of spaces) never changed the answer and are left out.
 */
const LIST_TEXT = /年度报告|年报/;
const HAS_YEAR = /(?:19|20)\d{2}/;
const FRAGMENT = /#.*$/;

/** The site's report list: links such as the breadcrumb's "政府信息公开年报" (no year in them), then the page's folder. */
export function reportListLinks(doc: Document, pageUrl: string): string[] {
  const out: string[] = [];
  for (const a of Array.from(doc.getElementsByTagName('a')).slice(0, 2000)) {
    const text = linkText(a);
    if (text.length > 30 || !LIST_TEXT.test(text) || HAS_YEAR.test(text)) continue;
    const url = sameOriginPage(a.getAttribute('href'), pageUrl);
    if (url && url !== withoutHash(pageUrl)) out.push(url);
  }
  const folder = sameOriginPage('./', pageUrl);
  if (folder && folder !== withoutHash(pageUrl)) out.push(folder);
  return [...new Set(out)];
}

export async function findPreviousReport(
  doc: Document,
  current: Report,
  pageUrl: string,
  fetchPage: FetchPage,
  limits = PREVIOUS_LIMITS,
): Promise<PreviousSearch> {
  if (current.year === null) return { found: null, tried: [], reason: 'noYear' };
  if (!current.agency) return { found: null, tried: [], reason: 'noAgency' };
  const tried: string[] = [];
  const seen = new Set([withoutHash(pageUrl)]);
  let reports = 0;
  const fetchOnce = async (url: string): Promise<Document | null> => {
    seen.add(url);
    tried.push(url);
    try {
      return await fetchPage(url);
    } catch {
      return null;
    }
  };

  const verify = async (urls: readonly string[]): Promise<PreviousSearch['found']> => {
    for (const url of urls) {
      if (seen.has(url) || reports >= limits.reports) continue;
      reports++;
      const page = await fetchOnce(url);
      if (!page) continue;
      // a page may hold several reports (a district's departments together): the agency's own is the one
      for (const check of checkDocumentReports(page)) {
        const read = check.reading.report;
        // the address fetched names the report (a parsed page's own URL is the current page's)
        const report = read && { ...read, url };
        if (!report || report.year !== current.year! - 1) continue;
        const same = sameAgency({ ...current, url: pageUrl }, report);
        if (same) return { url, check: { ...check, reading: { ...check.reading, report } }, renamed: same.renamed };
      }
    }
    return null;
  };

  const found = await verify(previousYearLinks(doc, current, pageUrl));
  if (found) return { found, tried, reason: 'found' };
  let lists = 0;
  for (const list of reportListLinks(doc, pageUrl)) {
    if (lists >= limits.listPages || reports >= limits.reports) break;
    if (seen.has(list)) continue;
    lists++;
    const page = await fetchOnce(list);
    if (!page) continue;
    const fromList = await verify(previousYearLinks(page, current, list));
    if (fromList) return { found: fromList, tried, reason: 'found' };
  }
  return { found: null, tried, reason: tried.length ? 'notFound' : 'noLinks' };
}

/** Every pattern of this module that runs on page text (see pageTextPatterns in ./detect.ts). */
export const pageTextPatterns = (): RegExp[] => [SHORT_REPORT_TITLE, LIST_TEXT, HAS_YEAR, FRAGMENT];
