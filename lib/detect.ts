// Is this page an annual report? Cheap string probes run first (title, metas, a
// handful of table labels), so a page that is not a report is rejected before any
// table is read. Year and agency are read from the title, the 统计期限 sentence,
// the signature and the metas, most specific first.

import type { PageKind } from './schema';
import { looksLikeValue } from './table/cell-value';
import { layoutTables } from './table/grid';
import { cleanText, normLabel } from './text';
import { attachmentPatterns, isAttachmentLink } from './attachment-links';

export { findAttachments } from './attachment-links';

/**
 * A report title: 2023年度政府信息公开工作年度报告, letter-spaced or not. Each optional word
 * carries the whitespace after it, so no two `\s*` ever stand side by side: the earlier
 * form (年\s*度?\s*(?:政府)?\s*信…) split a run of spaces between three of them, and
 * `2023年` + 2,000 spaces took 9.6 s (SEC-5). This one matches the same strings, linearly.
 */
export const REPORT_TITLE = /((?:19|20)\d{2})\s*年\s*(?:度\s*)?(?:(?:政府|政务)\s*)?信\s*息\s*公\s*开\s*(?:工作\s*)?(?:年度\s*)?(?:报告|年报)/;
/** Labels printed only in the report tables (report-format.md §3.2). */
const STRONG_LABELS = [
  '本年新收政府信息公开申请数量',
  '结转下年度继续办理',
  '未经复议直接起诉',
  '本列数据的勾稽关系',
  '本列数据的逻辑关系',
  '上年结转政府信息公开申请数量',
];
export const FORMAT_NOTICE = /年度报告格式|报告格式的通知|格式（试行）|有关事项的通知/;

/**
 * An attribute whatever the case of its name (<META Name="PubDate" Content=…>): browsers
 * lower-case attribute names, the Node DOMs keep them as written.
 */
const attr = (el: Element, name: string) =>
  el.getAttribute(name) ?? el.getAttribute(name[0]!.toUpperCase() + name.slice(1)) ?? el.getAttribute(name.toUpperCase());

/** A <meta name=…> value; names are matched case-insensitively (SiteName, sitename). */
export function meta(doc: Document, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const el of Array.from((doc.head ?? doc).getElementsByTagName('meta'))) {
    if ((attr(el, 'name') ?? '').toLowerCase() !== wanted) continue;
    const v = attr(el, 'content');
    if (v && cleanText(v)) return cleanText(v);
  }
  return null;
}

/** <title> parts: 标题_站点名, 标题 - 站点名 */
const TITLE_SEPARATOR = /[_|｜]|\s[-—–]\s/;
/** The longest title kept: real report titles are under 100 characters. */
export const MAX_TITLE = 300;

/** The page's title candidates, most specific first. */
export function titleCandidates(doc: Document): string[] {
  const out: string[] = [];
  const push = (s: string | null | undefined) => {
    // a heading may hold a whole paragraph: a title is far shorter, and the rules match patterns on it
    const t = cleanText(s ?? '').slice(0, MAX_TITLE);
    if (t) out.push(t);
  };
  push(meta(doc, 'ArticleTitle'));
  for (const tag of ['h1', 'h2']) for (const h of Array.from(doc.getElementsByTagName(tag))) push(h.textContent);
  for (const part of (doc.title ?? '').split(TITLE_SEPARATOR)) push(part);
  return out;
}

export interface Probe {
  /** a report title was found */
  titled: boolean;
  title: string;
  /** some table carries labels that only the report tables have (the search stops at the first: a page of 100 reports has 300) */
  strongTable: boolean;
  tables: number;
}

/**
 * The cheap first look: title/metas and a substring test on table text.
 * No table is parsed here. A page with no title hint and no table is done.
 */
export function probe(doc: Document): Probe {
  const candidates = titleCandidates(doc);
  const title = candidates.find((t) => REPORT_TITLE.test(t)) ?? candidates[0] ?? '';
  const titled = REPORT_TITLE.test(title) && !FORMAT_NOTICE.test(title);
  const tables = doc.getElementsByTagName('table');
  const layout = layoutTables(tables);
  let strongTable = false;
  for (let i = 0; i < tables.length && !strongTable; i++) {
    // a layout table's first rows hold the whole page: its nested tables are probed on their own
    if (layout.has(tables[i]!)) continue;
    const n = normLabel(headText(tables[i]!, 8));
    strongTable = STRONG_LABELS.some((l) => n.includes(l));
  }
  return { titled, title, strongTable, tables: tables.length };
}

/** A link to an attachment the report may be published as (PDF, Word, WPS, OFD, spreadsheets). */
export const ATTACHMENT_HREF = /\.(pdf|docx?|wps|ofd|xlsx?|et)(\?|#|$)/i;

export const attachmentLinks = (root: ParentNode): HTMLAnchorElement[] =>
  Array.from(root.querySelectorAll('a')).filter((a) => {
    const href = a.getAttribute('href') ?? '';
    return ATTACHMENT_HREF.test(href) || isAttachmentLink(href, a.textContent ?? '');
  });

/** Could the probed page be a report: a report title, or a table carrying the report's own labels. */
export const looksLikeReport = (p: Probe) => p.titled || p.strongTable;

/** The cheap decision alone: could this page be a report? (What the content script asks on every page.) */
export const isReportCandidate = (doc: Document): boolean => looksLikeReport(probe(doc));

/** The text of a table's first rows only: the report's labels sit in its header rows. */
function headText(table: Element, maxRows: number): string {
  let text = '';
  let rows = 0;
  const visit = (parent: Element): void => {
    for (let el = parent.firstElementChild; el && rows < maxRows; el = el.nextElementSibling) {
      const tag = el.tagName.toUpperCase();
      if (tag === 'TR') {
        rows++;
        text += el.textContent ?? '';
      } else if (tag === 'TBODY' || tag === 'THEAD' || tag === 'TFOOT') visit(el);
    }
  };
  visit(table);
  return text;
}

/** Pages that are clearly not a report: no title hint and no report table. */
export function classifyNonReport(doc: Document, p: Probe): PageKind {
  if (FORMAT_NOTICE.test(p.title) || p.strongTable) return 'template';
  const anchors = Array.from(doc.getElementsByTagName('a'));
  // a link's raw text may be anything (2023年 + 100,000 spaces): collapsed and bounded like a title
  const links = anchors.slice(0, 300).filter((a) => REPORT_TITLE.test(cleanText(a.textContent ?? '').slice(0, MAX_TITLE))).length;
  if (links >= 3) return 'list';
  if (p.tables > 0) {
    // numeric tables (budgets, statistics): most cells are numbers, not dates or titles
    const cells = Array.from(doc.getElementsByTagName('td')).slice(0, 400);
    const numeric = cells.filter((td) => looksLikeValue(td.textContent ?? '')).length;
    if (numeric >= 10 && numeric >= cells.length * 0.3) return 'numeric';
  }
  return anchors.length >= 40 ? 'list' : 'news';
}

/** By localName (see lib/table/grid.ts): this walk visits every element of the article. */
const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'section', 'article', 'table', 'tr', 'ul', 'ol', 'blockquote', 'center']);

/** A text line of the article (with its element), or one of the report tables (its index) where it stands. */
export type ArticleEvent = { line: string; el: Element } | { table: number };

/**
 * The article as block-level text lines (innermost paragraphs, divs, cells) and the
 * report tables (not read as text), in document order, in one walk of the tree.
 */
export function articleEvents(article: Element, tableIndex: ReadonlyMap<Element, number>): ArticleEvent[] {
  const out: ArticleEvent[] = [];
  // returns whether the subtree holds a block element (then its own text is not one line)
  const walk = (el: Element): boolean => {
    let hasBlock = false;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      const t = tableIndex.get(c);
      if (t !== undefined) {
        out.push({ table: t });
        hasBlock = true;
        continue;
      }
      const inner = walk(c);
      const isBlock = BLOCK.has(c.localName);
      if (isBlock && !inner) {
        const text = cleanText(c.textContent ?? '');
        if (text) out.push({ line: text, el: c });
      }
      hasBlock ||= isBlock || inner;
    }
    return hasBlock;
  };
  walk(article);
  return out;
}

/** The article's text as block-level lines, the report tables left out. */
export function articleLines(article: Element | null, reportTables: readonly Element[]): string[] {
  if (!article) return [];
  return articleEvents(article, new Map(reportTables.map((t, i) => [t, i]))).flatMap((e) => ('line' in e ? [e.line] : []));
}

const CONTAINER_CLASSES = ['TRS_Editor', 'Custom_UnionStyle', 'article-content', 'ewb-main', 'xl_main', 'articleBox', 'article', 'content', 'zoom'];
const CONTAINER_IDS = ['zoom', 'content', 'fontzoom', 'article'];
const CLASS_SEPARATOR = /\s+/;

function isContainer(el: Element): boolean {
  const id = el.getAttribute('id');
  if (id && CONTAINER_IDS.includes(id)) return true;
  if (el.tagName.toUpperCase() === 'ARTICLE') return true;
  const cls = el.getAttribute('class');
  return !!cls && cls.split(CLASS_SEPARATOR).some((c) => CONTAINER_CLASSES.includes(c));
}

/**
 * The element holding the report: the nearest known CMS container around the tables
 * (found by walking up, not by searching the whole page), else their common ancestor
 * widened until it holds some narrative text.
 */
export function findArticle(doc: Document, tables: readonly Element[]): Element | null {
  const first = tables[0];
  if (!first) return doc.body;
  for (let el = first.parentElement; el && el !== doc.body; el = el.parentElement) if (isContainer(el) && tables.every((t) => el!.contains(t))) return el;
  let node: Element | null = first.parentElement;
  while (node && tables.some((t) => !node!.contains(t))) node = node.parentElement;
  while (node && node.parentElement && (node.textContent ?? '').length < 200) node = node.parentElement;
  return node ?? doc.body;
}

/**
 * Every pattern of this module that runs on page text (titles, link text, the article,
 * attributes), for tests/hardening/regex.test.ts, which runs each on adversarial input and
 * holds its time to a multiple of a linear scan. Patterns without a quantifier (a plain
 * alternation of words) cannot backtrack and stay inline; that test checks this too. A
 * function, so that bundles that do not ask for the list (the content script) leave it out.
 */
export const pageTextPatterns = (): RegExp[] => [REPORT_TITLE, FORMAT_NOTICE, TITLE_SEPARATOR, ATTACHMENT_HREF, CLASS_SEPARATOR, ...attachmentPatterns()];
