// What a report page says about itself beyond its tables: the reporting year as its
// 统计期限 sentence and its opening state it, and the publication date shown near the
// title (report-format.md §2.7). Only wordings that unambiguously name the reporting
// year are read; other years in the text (较2022年, 2024年工作计划, 〔2021〕30号,
// 2019年修订的条例) are normal and never taken. Pure functions of text, plus one walk of
// the page's text for the shown date.

import { FORMAT_NOTICE, REPORT_TITLE, articleLines, meta, titleCandidates } from './detect';
import type { DocumentInfo, YearStatement } from './schema';
import { cleanText } from './text';

// No two whitespace loops stand side by side in these patterns (an optional word carries
// the whitespace after it): a run of spaces could otherwise be split between them in
// quadratically or cubically many ways before the match fails (SEC-5).
const YEAR = '((?:19|20)\\d{2})';
const S = '\\s*';
/** The keyword of a 统计期限 sentence: 统计期限, 统计时限, 统计限 (seed 001), 统计数据的期限 … */
const PERIOD_KEY = `统计${S}(?:数据${S}(?:的${S})?)?(?:期限|时限|期间|时间|区间|范围|周期|限)`;
/** …期限自2023年1月1日起至2023年12月31日止 / 为2023年1月1日至12月31日 / 为2023年1月至12月 */
const PERIOD = new RegExp(
  `${PERIOD_KEY}[^。；;，,\\d]{0,8}?${YEAR}${S}年${S}0?1${S}月(?:${S}0?1${S}日)?(?:${S}起)?${S}(?:至|到|—|－|-|~|～)+${S}(?:${YEAR}${S}年${S})?12${S}月(?:${S}31${S}日|份|底)?`,
);
/** …期限为2023年度 / 为2023年全年 (nothing after it that could be a date) */
const PERIOD_YEAR_ONLY = new RegExp(`${PERIOD_KEY}[^。；;，,\\d]{0,8}?${YEAR}${S}年${S}(?:度|全年)(?!${S}\\d)`);

/** A sentence of at most MAX_QUOTE characters around [at, end). */
const MAX_QUOTE = 120;

const TERMINATOR = /[。！？；;!?]/g;

/** The sentence of `line` holding [at, end), cut to MAX_QUOTE characters around it. */
function sentenceAround(line: string, at: number, end: number): string {
  let start = 0;
  let stop = line.length;
  for (const m of line.matchAll(TERMINATOR)) {
    if (m.index < at) start = m.index + 1;
    else if (m.index >= end) {
      stop = m.index + 1;
      break;
    }
  }
  const sentence = line.slice(start, stop).trim();
  if (sentence.length <= MAX_QUOTE) return sentence;
  const from = Math.max(0, Math.min(at - start - 20, sentence.length - MAX_QUOTE));
  return sentence.slice(from, from + MAX_QUOTE);
}

/** The 统计期限 sentence: the year the period starts in and, when it names one, the year it ends in. */
export function readPeriod(lines: readonly string[]): DocumentInfo['period'] {
  for (const line of lines) {
    const m = PERIOD.exec(line);
    if (m) return { year: Number(m[1]), endYear: m[2] ? Number(m[2]) : null, text: sentenceAround(line, m.index, m.index + m[0].length) };
    const y = PERIOD_YEAR_ONLY.exec(line);
    if (y) return { year: Number(y[1]), endYear: null, text: sentenceAround(line, y.index, y.index + y[0].length) };
  }
  return null;
}

/** Where the opening ends: the first part heading (一、总体情况) or its first sub-heading. */
const PART_HEADING = /^\s*(?:[一1][、.．，]|[（(]\s*[一1]\s*[）)]|第一部分|总体情况)/;
const OPENING_LINES = 6;
const OPENING_CHARS = 400;
const INLINE_HEADING = /[一1][、.．]\s*总体情况|[（(]\s*一\s*[）)]/;

/**
 * The opening phrases that name the report's own year. The year is bound to the word
 * 报告 with nothing between them that could make it another year's (较, 与, 同比…).
 */
const OPENING: readonly RegExp[] = [
  // 现将2023年度政府信息公开工作年度报告公布如下 / 现将本机关2023年政府信息公开工作情况报告如下
  new RegExp(`现将[^，,。；;较比与同]{0,20}?${YEAR}${S}年${S}度?[^，,。；;较比与同\\d]{0,24}?报告`),
  // 特编制本机关2023年度政府信息公开工作年度报告
  new RegExp(
    `编制(?:了|完成)?${S}(?:(?:本(?:机关|单位|部门|局)|我(?:局|委|办|区|县|市))${S})?${YEAR}${S}年${S}(?:度${S})?(?:(?:政府|政务)${S})?信息公开${S}(?:工作${S})?(?:年度${S})?(?:报告|年报)`,
  ),
  // 2021 年度报告根据新修订《条例》的要求…编制 (seed 001); 本2023年度报告由…
  new RegExp(
    `^${S}(?:(?:本|这)${S})?${YEAR}${S}年${S}(?:度${S})?(?:(?:政府|政务)${S})?(?:信息公开${S})?(?:工作${S})?(?:年度${S})?报告${S}(?:根据|依据|依照|按照|是|由)`,
  ),
];

/** An opening phrase that states the report's year, e.g. 现将2023年度政府信息公开工作年度报告公布如下. */
export function readOpening(lines: readonly string[]): YearStatement | null {
  let budget = OPENING_CHARS;
  for (const line of lines.slice(0, OPENING_LINES)) {
    if (PART_HEADING.test(line) || budget <= 0) break;
    // a page without paragraph breaks holds the whole article in one line: only its opening counts
    const head = line.slice(0, budget);
    const stop = head.search(INLINE_HEADING);
    const opening = stop >= 0 ? head.slice(0, stop) : head;
    for (const re of OPENING) {
      const m = re.exec(opening);
      if (m) return { year: Number(m[1]), text: sentenceAround(line, m.index, m.index + m[0].length) };
    }
    if (stop >= 0) break;
    budget -= line.length;
  }
  return null;
}

// ---- The date shown near the title ------------------------------------------------------

/**
 * 发布时间：2024-01-25 09:30 / 发布日期：2024年01月25日 / 时间：2024-01-25. The label must
 * not continue a longer word (成文日期, 生成日期, 更新时间, 统计时间 are other dates).
 */
const SHOWN_DATE = new RegExp(
  `(?<![\\u3400-\\u9fff])(?:发布|发稿|发表|公开)?(?:时间|日期)${S}[:：]${S}${YEAR}${S}[-/.年]${S}(\\d{1,2})${S}[-/.月]${S}(\\d{1,2})(?!\\d)(?:${S}日)?(?:${S}(\\d{1,2})${S}[:：]${S}(\\d{2}))?`,
  'g',
);
/** How far from the title the date may be, in characters of page text. */
const NEAR = 160;

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function dateIn(text: string, last: boolean): string | null {
  let found: string | null = null;
  for (const m of text.matchAll(SHOWN_DATE)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDate(y, mo, d)) continue;
    const time = m[4] !== undefined && Number(m[4]) < 24 ? ` ${pad(Number(m[4]))}:${m[5]}` : '';
    found = `${y}-${pad(mo)}-${pad(d)}${time}`;
    if (!last) return found;
  }
  return found;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A title's characters, whatever the whitespace between them (the page may letter-space it). */
const titlePattern = (chars: readonly string[]) => new RegExp(chars.map(escapeRe).join(S), 'g');

/**
 * The publication date the page shows next to the report's title: the first labelled
 * date just after a place where the title is printed, else the last one just before
 * it (an info table above the title). Null when the title is not printed or no
 * labelled date is near it; an unlabelled date (today's date in a site header) is not read.
 */
export function shownDate(doc: Document, title: string): string | null {
  const chars = [...title.replace(/\s/g, '')];
  if (chars.length < 6 || chars.length > 120) return null;
  const text = cleanText(doc.body?.textContent ?? '');
  const titleRe = titlePattern(chars);
  const places = [...text.matchAll(titleRe)].slice(0, 5);
  for (const m of places) {
    const after = dateIn(text.slice(m.index + m[0].length, m.index + m[0].length + NEAR), false);
    if (after) return after;
  }
  for (const m of places) {
    const before = dateIn(text.slice(Math.max(0, m.index - NEAR), m.index), true);
    if (before) return before;
  }
  return null;
}

export interface DocumentFacts {
  title: string;
  year: number | null;
  agency: string | null;
  agencySource: 'title' | 'signature' | 'meta' | 'none';
  url: string | null;
  pubDate: string | null;
  /** the article's text lines, report tables left out (see articleLines) */
  lines: string[];
  /** the years the title and text state, and where pubDate came from */
  document: DocumentInfo;
}

/** 统计期限自2023年1月1日…: the year a report covers, as its text states it. */
const STATED_PERIOD = /统计(?:期限|时限|限)?[^。]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/;

const TITLE_QUOTES = /[\s《》"“”]/g;
const AGENCY_END = /(局|委员会|委|办公室|办|政府|院|厅|部|署|中心|会|所|处|站|队|区|馆|室|公司|集团|管委会|街道|镇|乡)$/;

/** The agency name before the year in a title, e.g. 沂源县司法局 in 沂源县司法局2021年…. */
export function agencyFromTitle(title: string): string | null {
  const m = REPORT_TITLE.exec(title);
  if (!m) return null;
  const prefix = cleanText(title.slice(0, m.index)).replace(TITLE_QUOTES, '').replace(/关于$/, '');
  return prefix.length >= 2 ? prefix : null;
}

/** A signature line near the end of the article: a short line naming a body, before or after a date. */
export function agencyFromSignature(lines: readonly string[]): string | null {
  const tail = lines.slice(-8);
  for (let i = tail.length - 1; i >= 0; i--) {
    const line = tail[i]!.replace(/\s/g, '');
    if (line.length >= 3 && line.length <= 30 && AGENCY_END.test(line) && !/[，。；：:、]/.test(line) && !/报告|事项|情况/.test(line)) return line;
  }
  return null;
}

export function documentFacts(doc: Document, article: Element | null, title: string, reportTables: readonly Element[] = []): DocumentFacts {
  // the 统计期限 in the text only when the title names no year (the article's whole text is long)
  const yearText = REPORT_TITLE.exec(title)?.[1] ?? STATED_PERIOD.exec(cleanText(article?.textContent ?? ''))?.[1] ?? null;

  const lines = articleLines(article, reportTables);
  const fromTitle = agencyFromTitle(title);
  const fromSignature = agencyFromSignature(lines);
  let agency: string | null = null;
  let agencySource: DocumentFacts['agencySource'] = 'none';
  if (fromTitle && fromSignature && fromSignature.length > fromTitle.length && fromSignature.endsWith(fromTitle)) {
    agency = fromSignature; // 司法局 in the title, 固原市原州区司法局 in the signature
    agencySource = 'signature';
  } else if (fromTitle) {
    agency = fromTitle;
    agencySource = 'title';
  } else if (fromSignature) {
    agency = fromSignature;
    agencySource = 'signature';
  } else {
    const m = meta(doc, 'ContentSource') ?? meta(doc, 'Author');
    if (m) {
      agency = m;
      agencySource = 'meta';
    }
  }
  const metaDate = meta(doc, 'PubDate') ?? meta(doc, 'firstpublishedtime');
  // no meta: the date printed under the title (发布时间：…), which may be a re-posting date
  const pubDate = metaDate ?? shownDate(doc, title);
  const url = meta(doc, 'Url') ?? (doc.URL && !doc.URL.startsWith('about:') ? doc.URL : null);
  const document: DocumentInfo = {
    titleYear: titleYear(doc, title),
    period: readPeriod(lines),
    opening: readOpening(lines),
    pubDateSource: metaDate ? 'meta' : pubDate ? 'page' : null,
  };
  return { title, year: yearText ? Number(yearText) : null, agency, agencySource, url, pubDate, lines, document };
}

/**
 * The year the title names, when every report title the page carries (ArticleTitle,
 * headings, <title>) names the same one; a page whose titles disagree (a sidebar heading
 * naming another year's report) has no title year to compare.
 */
function titleYear(doc: Document, title: string): number | null {
  const own = REPORT_TITLE.exec(title)?.[1];
  if (!own) return null;
  const years = new Set(
    titleCandidates(doc)
      .filter((t) => !FORMAT_NOTICE.test(t))
      .map((t) => REPORT_TITLE.exec(t)?.[1])
      .filter((y) => y !== undefined),
  );
  return years.size === 0 || (years.size === 1 && years.has(own)) ? Number(own) : null;
}

/**
 * The document facts of one report of a page holding several: the year its heading
 * names, and the 统计期限 and opening of its own text (none when its text could not be
 * told apart from its neighbours'). The page's publication date is the compilation's.
 */
export function sectionDocument(page: DocumentInfo, heading: string | null, lines: readonly string[] | null): DocumentInfo {
  const year = heading ? REPORT_TITLE.exec(heading)?.[1] : undefined;
  return {
    titleYear: year ? Number(year) : null,
    period: heading && lines ? readPeriod(lines) : null,
    opening: heading && lines ? readOpening(lines) : null,
    pubDateSource: page.pubDateSource,
    consolidated: true,
  };
}

/** Every pattern of this module that runs on page text (see pageTextPatterns in ./detect.ts); the title pattern for one title. */
export const pageTextPatterns = (): RegExp[] => [
  STATED_PERIOD,
  AGENCY_END,
  TITLE_QUOTES,
  PERIOD,
  PERIOD_YEAR_ONLY,
  TERMINATOR,
  PART_HEADING,
  INLINE_HEADING,
  ...OPENING,
  SHOWN_DATE,
  titlePattern([...'某县人民政府办公室2023年政府信息公开工作年度报告']),
];
