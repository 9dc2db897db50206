// Reading a list page of annual reports (a portal's 政府信息公开年报 column, issue 18): the
// links that name a report — their address, agency, year and format — and the other pages
// of the list (下一页, numbered pages, index_1.html / ?page=2, and the TRS pager that a
// script writes: createPageHTML(5, 0, "index", "html")), also the links a Hanweb list keeps
// in its <script type="text/xml"> records for a script to write. Only links on the list's own site
// (lib/site.ts: its registrable domain), de-duplicated; javascript:, mailto: and the like
// are ignored. DOM-agnostic: the extension reads the live page, the CLI its light DOM.
// Nothing is fetched here.

import { ATTACHMENT_HREF, FORMAT_NOTICE, MAX_TITLE, REPORT_TITLE } from '../detect';
import { agencyFromTitle } from '../document-facts';
import { SHORT_REPORT_TITLE } from '../previous-report';
import { sameSite } from '../site';
import { cleanText } from '../text';

export type ListedFormat = 'html' | 'pdf' | 'docx' | 'other';

/** One report a list page links to. */
export interface ListedReport {
  /** absolute, without fragment */
  url: string;
  /** what names it: the link's title attribute, else its text, else the file name in its address */
  text: string;
  /** from a full title (XX局2023年政府信息公开工作年度报告); null for "2023年度报告" or a title naming no body */
  agency: string | null;
  year: number | null;
  /** from the address (or a link text ending in .pdf/.docx): what reads it */
  format: ListedFormat;
}

export interface ListPage {
  reports: ListedReport[];
  /** the list's other pages (absolute, de-duplicated, not this page, at most LIST_LIMITS.next): the caller keeps its own visited set */
  next: string[];
  /** links naming a report on another site, left out (at most LIST_LIMITS.next): for the caller to say so */
  elsewhere?: string[];
}

/** Bounds on what one list page gives: a real column lists 15–50 links and a pager of a few dozen pages. */
export const LIST_LIMITS = { links: 5_000, reports: 1_000, next: 200, scripts: 200, scriptChars: 50_000, recordChars: 2_000_000 };

/** Addresses that are not web pages to fetch. */
const NOT_FETCHED = /^\s*(?:javascript|mailto|tel|data|about|blob|vbscript|file):/i;
/** Interpretations and graphics of a report are pages of their own, never the report's tables. */
const INTERPRETATION = /解读|图解|一图读懂|图说/;
/** Pager words: 下一页, 下页, 后一页, 尾页, 末页, next, », > */
const PAGER_TEXT = /^(?:下一?页|后一?页|尾页|末页|最后一?页|next|last|[>›»]{1,2})$/i;
/** A numbered page of a list by its file name: index_1.html, list_2.shtml, default_3.htm */
const PAGED_PATH = /\/(?:index|list|default)_\d{1,5}\.(?:s?html?|jsp|php|aspx?)$/i;
/** A numbered page of a list by its query: ?page=2, &pageNo=3, ?pn=4 */
const PAGED_QUERY = /[?&](?:page|pageno|pagenum|pageindex|curpage|currentpage|pn|p)=\d{1,5}(?:&|$)/i;
/** The TRS pager call a list's script writes its page links with: createPageHTML(5, 0, "index", "html") */
const PAGER_CALL = /createPageHTML\s{0,20}\(([^()]{0,300})\)/g;
/** A numeric assignment in the same script (var countPage = 5), for pager calls that pass variables */
const NUMERIC_VAR = /([A-Za-z_$][\w$]{0,40})\s{0,20}=\s{0,20}(\d{1,6})(?!\d)/g;
const QUOTED = /^(["'])(.{0,40})\1$/;
const NUMBER = /^\d{1,6}$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]{0,40}$/;
const PAGE_EXT = /^(?:s?html?|jsp|php|aspx?)$/i;
const INDEX_FILE = /\/index\.(?:s?html?|jsp|php|aspx?)$/i;
const LAST_SEGMENT = /[^/]*$/;
const EXTENSION = /\.([a-z0-9]{1,5})$/i;
/** Markup kept in a script: an <a> tag, its href and title, any tag (to strip from its text), the entities a title uses */
const A_TAG = /<a\s[^<>]{0,2000}>/gi;
const HREF_ATTR = /\bhref\s{0,5}=\s{0,5}(?:"([^"]{0,2000})"|'([^']{0,2000})'|([^\s"'<>]{1,2000}))/i;
const TITLE_ATTR = /\btitle\s{0,5}=\s{0,5}(?:"([^"]{0,600})"|'([^']{0,600})')/i;
const ANY_TAG = /<[^<>]{0,2000}>/g;
const ENTITY = /&(amp|lt|gt|quot|apos|nbsp|#39);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** A link as the reader needs it, from the DOM or from markup in a script. */
interface LinkLike {
  href: string | null;
  title: string;
  text: string;
}

const unescape = (s: string) => s.replace(ENTITY, (_m, e: string) => ENTITIES[e] ?? _m);

/**
 * Links a page keeps as markup inside a script for the script to write: Hanweb (大汉) jpage
 * lists hold their records as <script type="text/xml"><datastore><recordset><record>
 * <![CDATA[<li><a href="…" title="…">…</a><span>…</span></li>]]></record>…. A browser shows
 * them once the page's script has run; the CLI runs no script and reads them here.
 */
export function scriptLinks(script: string, limit = LIST_LIMITS.links): LinkLike[] {
  const text = script.slice(0, LIST_LIMITS.recordChars);
  if (!text.includes('<record')) return [];
  const out: LinkLike[] = [];
  for (const m of text.matchAll(A_TAG)) {
    if (out.length >= limit) break;
    const tag = m[0];
    const href = HREF_ATTR.exec(tag);
    const title = TITLE_ATTR.exec(tag);
    const start = m.index + tag.length;
    const close = text.indexOf('</a', start);
    const inner = text.slice(start, close < 0 ? start : Math.min(close, start + 2_000));
    out.push({
      href: href ? unescape(href[1] ?? href[2] ?? href[3] ?? '') : null,
      title: title ? unescape(title[1] ?? title[2] ?? '') : '',
      text: unescape(inner.replace(ANY_TAG, '')),
    });
  }
  return out;
}

/** File types that are not web pages (of them, the attachment reader reads pdf and docx). */
const FILE_EXT = /^(?:pdf|docx?|wps|ofd|xlsx?|et|pptx?|dps|zip|rar|7z|jpe?g|png|gif|bmp|tiff?|txt|csv|mp[34])$/i;

/** The format an address's path implies, or its link text when the path names no file type (download.jspx?guid=…, text 报告.pdf). */
function formatFromPath(path: string, text: string): ListedFormat {
  const fromPath = (EXTENSION.exec(path)?.[1] ?? '').toLowerCase();
  const ext = FILE_EXT.test(fromPath) ? fromPath : (ATTACHMENT_HREF.exec(text)?.[1] ?? '').toLowerCase();
  return ext === 'pdf' ? 'pdf' : ext === 'docx' ? 'docx' : ext === '' ? 'html' : 'other';
}

/** The format a report's address (or its link text naming a file) implies. */
export function formatOf(url: string, text = ''): ListedFormat {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // keep the string as it is
  }
  return formatFromPath(path, text);
}

/**
 * One key per page for de-duplication: no fragment, and a folder's index file is the
 * folder (…/gknb/index.html and …/gknb/ are one page on every CMS met).
 */
export function pageKey(url: string): string {
  try {
    return keyOf(new URL(url));
  } catch {
    return url;
  }
}

function keyOf(parsed: URL): string {
  if (!parsed.hash && !(INDEX_FILE.test(parsed.pathname) && !parsed.search)) return parsed.href;
  const u = new URL(parsed.href);
  u.hash = '';
  if (INDEX_FILE.test(u.pathname) && !u.search) u.pathname = u.pathname.replace(INDEX_FILE, '/');
  return u.href;
}

/** An http(s) address on the list's site, without fragment; null otherwise. */
function sameSiteUrl(href: string | null, base: string, pageUrl: string): URL | null {
  if (!href || NOT_FETCHED.test(href) || href.trim().startsWith('#')) return null;
  try {
    const u = new URL(href.trim(), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return sameSite(u.href, pageUrl) ? u : null;
  } catch {
    return null;
  }
}

/** An http(s) address on another site than the list's, without fragment; null otherwise. */
function otherSiteUrl(href: string | null, base: string, pageUrl: string): string | null {
  if (!href || NOT_FETCHED.test(href)) return null;
  try {
    const u = new URL(href.trim(), base);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || sameSite(u.href, pageUrl)) return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

/** The file name of an address, decoded: /uploads/2023年政府信息公开工作年度报告.pdf names the report. */
function fileName(path: string): string {
  const last = LAST_SEGMENT.exec(path)?.[0] ?? '';
  if (!last.includes('%')) return last.slice(0, MAX_TITLE);
  try {
    return cleanText(decodeURIComponent(last)).slice(0, MAX_TITLE);
  } catch {
    return '';
  }
}

/** What a report link names: its agency and year, from the first of its names that is a report's title. */
function naming(names: readonly string[]): { text: string; agency: string | null; year: number } | null {
  const usable = names.filter((n) => n && !FORMAT_NOTICE.test(n) && !INTERPRETATION.test(n));
  for (const text of usable) {
    const m = REPORT_TITLE.exec(text);
    if (m) return { text, agency: agencyFromTitle(text), year: Number(m[1]) };
  }
  for (const text of usable) {
    const m = SHORT_REPORT_TITLE.exec(text);
    if (m) return { text, agency: null, year: Number(m[1]) };
  }
  return null;
}

/** The base addresses resolve against: the page's <base href> if any (as a browser does), else its address. */
function baseOf(doc: Document, pageUrl: string): string {
  const href = doc.getElementsByTagName('base')[0]?.getAttribute('href');
  if (!href) return pageUrl;
  try {
    return new URL(href, pageUrl).href;
  } catch {
    return pageUrl;
  }
}

/** The pages a TRS pager call names, from its arguments (numbers, quoted strings, or variables set in the same script). */
export function pagerScriptPages(script: string, base: string, limit = LIST_LIMITS.next): string[] {
  const text = script.slice(0, LIST_LIMITS.scriptChars);
  if (!text.includes('createPageHTML')) return [];
  const vars = new Map<string, number>();
  for (const m of text.matchAll(NUMERIC_VAR)) vars.set(m[1]!, Number(m[2]));
  const out: string[] = [];
  for (const call of text.matchAll(PAGER_CALL)) {
    const numbers: number[] = [];
    const strings: string[] = [];
    for (const raw of call[1]!.split(',')) {
      const arg = raw.trim();
      const quoted = QUOTED.exec(arg);
      if (quoted) strings.push(quoted[2]!);
      else if (NUMBER.test(arg)) numbers.push(Number(arg));
      else if (IDENTIFIER.test(arg) && vars.has(arg)) numbers.push(vars.get(arg)!);
    }
    // (count, current, name, ext); some CMSs put an element id first and the record count last
    const extAt = strings.findIndex((s) => PAGE_EXT.test(s));
    const count = numbers[0];
    if (extAt < 0 || count === undefined || count < 2) continue;
    const ext = strings[extAt]!;
    const name = extAt > 0 ? strings[extAt - 1]! : 'index';
    if (!IDENTIFIER.test(name)) continue;
    for (let k = 0; k < Math.min(count, limit); k++) {
      try {
        out.push(new URL(k === 0 ? `${name}.${ext}` : `${name}_${k}.${ext}`, base).href);
      } catch {
        break;
      }
    }
  }
  return out;
}

/**
 * The reports a list page links to and its other pages. `pageUrl` is the address the page
 * was read at (its site decides which links are kept).
 */
export function readListPage(doc: Document, pageUrl: string): ListPage {
  let pagePath: string;
  try {
    pagePath = new URL(pageUrl).pathname;
  } catch {
    return { reports: [], next: [] };
  }
  const base = baseOf(doc, pageUrl);
  const self = pageKey(pageUrl);
  const reports = new Map<string, ListedReport>();
  const elsewhere = new Set<string>();
  const pagerLinks: string[] = [];
  const numbered: string[] = [];
  const links: LinkLike[] = Array.from(doc.getElementsByTagName('a'))
    .slice(0, LIST_LIMITS.links)
    .map((a) => ({ href: a.getAttribute('href'), title: a.getAttribute('title') ?? '', text: a.textContent ?? '' }));
  const scripts = Array.from(doc.getElementsByTagName('script')).slice(0, LIST_LIMITS.scripts);
  for (const s of scripts) if (links.length < 2 * LIST_LIMITS.links) links.push(...scriptLinks(s.textContent ?? ''));
  for (const a of links) {
    const u = sameSiteUrl(a.href, base, pageUrl);
    if (!u) {
      const away = otherSiteUrl(a.href, base, pageUrl);
      if (
        away &&
        elsewhere.size < LIST_LIMITS.next &&
        naming([cleanText(a.title.slice(0, 4 * MAX_TITLE)).slice(0, MAX_TITLE), cleanText(a.text.slice(0, 4 * MAX_TITLE)).slice(0, MAX_TITLE)])
      )
        elsewhere.add(away);
      continue;
    }
    const url = u.href;
    const key = keyOf(u);
    if (key === self) continue;
    const text = cleanText(a.text.slice(0, 4 * MAX_TITLE)).slice(0, MAX_TITLE);
    const named = naming([cleanText(a.title.slice(0, 4 * MAX_TITLE)).slice(0, MAX_TITLE), text, fileName(u.pathname)]);
    if (named) {
      const before = reports.get(key);
      // the same report linked twice (its title and a 详情 link): the fuller naming is kept, in the first place
      if ((!before && reports.size < LIST_LIMITS.reports) || (before && before.agency === null && named.agency !== null))
        reports.set(key, { url, text: named.text, agency: named.agency, year: named.year, format: formatFromPath(u.pathname, named.text) });
      continue;
    }
    if (formatFromPath(u.pathname, '') !== 'html') continue;
    if (PAGER_TEXT.test(text)) pagerLinks.push(url);
    else if (PAGED_PATH.test(u.pathname) || (PAGED_QUERY.test(u.search) && u.pathname === pagePath)) numbered.push(url);
  }
  const scripted: string[] = [];
  for (const s of scripts) scripted.push(...pagerScriptPages(s.textContent ?? '', base));
  const next: string[] = [];
  const seen = new Set([self, ...reports.keys()]);
  for (const url of [...pagerLinks, ...numbered, ...scripted]) {
    const key = pageKey(url);
    if (seen.has(key) || !sameSite(url, pageUrl) || next.length >= LIST_LIMITS.next) continue;
    seen.add(key);
    next.push(url);
  }
  return { reports: [...reports.values()], next, elsewhere: [...elsewhere] };
}

/** Every pattern of this module that runs on page text (see pageTextPatterns in ../detect.ts). */
export const pageTextPatterns = (): RegExp[] => [
  NOT_FETCHED,
  INTERPRETATION,
  PAGER_TEXT,
  PAGED_PATH,
  PAGED_QUERY,
  PAGER_CALL,
  NUMERIC_VAR,
  QUOTED,
  NUMBER,
  IDENTIFIER,
  PAGE_EXT,
  INDEX_FILE,
  LAST_SEGMENT,
  EXTENSION,
  FILE_EXT,
  A_TAG,
  HREF_ATTR,
  TITLE_ATTR,
  ANY_TAG,
  ENTITY,
];
