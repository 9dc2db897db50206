// No super-linear text work (issue 16, SEC-5). Every pattern that runs on page text is
// run on adversarial input made for it (runs of whitespace, its own words repeated, digits,
// 年 repeats, its words in order followed by what it does not expect) and timed against a
// linear scan of the same input: a ratio, not a wall-clock limit (see ./linear-time.ts).
// The whole reader is then timed on the pages SEC-5 described.

import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { checkDocumentReports } from '../../lib/check';
import { pageTextPatterns as DETECT } from '../../lib/detect';
import { pageTextPatterns as DOCUMENT_FACTS } from '../../lib/document-facts';
import { pageTextPatterns as APPLICATIONS } from '../../lib/extract/applications';
import { pageTextPatterns as DOCUMENT_HELPERS } from '../../lib/rules/support/document';
import { MAX_READS, MAX_SENTENCE, extractStatements, pageTextPatterns as NARRATIVE } from '../../lib/narrative/extract';
import { pageTextPatterns as PREVIOUS_REPORT } from '../../lib/previous-report';
import { readPage } from '../../lib/read';
import { pageTextPatterns as SECTIONS } from '../../lib/split-reports';
import { pageTextPatterns as LIST_PAGE } from '../../lib/survey/list-page';
import { pageTextPatterns as CELL_VALUE } from '../../lib/table/cell-value';
import { pageTextPatterns as GRID } from '../../lib/table/grid';
import { pageTextPatterns as HIDDEN } from '../../lib/table/hidden';
import { pageTextPatterns as TEXT } from '../../lib/text';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';
import { MAX_RATIO, judge, timePerCall } from './linear-time';

const LISTS = {
  detect: DETECT,
  'document-facts': DOCUMENT_FACTS,
  'previous-report': PREVIOUS_REPORT,
  sections: SECTIONS,
  'narrative/extract': NARRATIVE,
  text: TEXT,
  'table/cell-value': CELL_VALUE,
  'table/grid': GRID,
  'table/hidden': HIDDEN,
  'extract/applications': APPLICATIONS,
  'rules/document-helpers': DOCUMENT_HELPERS,
  'survey/list-page': LIST_PAGE,
};
const PATTERNS: [string, RegExp][] = Object.entries(LISTS).flatMap(([module, list]) =>
  list().map((re, i): [string, RegExp] => [`${module} #${i} /${re.source.length > 60 ? `${re.source.slice(0, 60)}…` : re.source}/${re.flags}`, re]),
);

describe('every pattern that runs on page text stays within a constant factor of a linear scan', () => {
  it.each(PATTERNS)('%s', (_name, re) => {
    const v = judge(re);
    expect(v.failed, `worst ${v.worst.toFixed(0)}× a linear scan at ${v.size} characters (${v.sample}), growth ×${v.growth.toFixed(1)} to 100,000`).toBe(false);
  });

  it('fails a pattern that backtracks: the cubic REPORT_TITLE of SEC-5', () => {
    // three \s* side by side: 2023年 + 2,000 spaces took 9.6 s
    const old = /((?:19|20)\d{2})\s*年\s*度?\s*(?:政府|政务)?\s*信\s*息\s*公\s*开\s*(?:工作)?\s*(?:年度)?\s*(?:报告|年报)/;
    const v = judge(old);
    expect(v.failed).toBe(true);
    expect(v.worst).toBeGreaterThan(MAX_RATIO);
    expect(v.size).toBe(512); // caught at the smallest size, before it could run for minutes
  });
});

// ---- Nothing left out of the lists ---------------------------------------------------

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The modules whose patterns run on page text, and the patterns each builds with new RegExp (listed in its pageTextPatterns, or quantifier-free). */
const DYNAMIC: Record<string, number> = {
  'lib/detect.ts': 0,
  'lib/text.ts': 1,
  'lib/document-facts.ts': 7,
  'lib/previous-report.ts': 0,
  'lib/split-reports.ts': 0,
  'lib/narrative/extract.ts': 6,
  'lib/narrative/kinds.ts': 0,
  'lib/table/grid.ts': 0,
  'lib/table/cell-value.ts': 0,
  'lib/table/hidden.ts': 0,
  'entrypoints/checker/sentences.ts': 1,
  'lib/extract/applications.ts': 0,
  'lib/rules/support/document.ts': 1,
  'lib/pairing.ts': 0,
  'lib/survey/list-page.ts': 0,
};
/** A regex literal: after ( , = : [ ! & | ? { } ; or return. */
const LITERAL = /(?<=(?:^|[(,=:[!&|?{};]|\breturn)\s*)\/(?![/*])((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+)\/([dgimsuyv]*)/gm;

/** Whether a pattern source has a quantifier (*, +, ?, {n,m}) outside escapes, classes and group openings. */
function quantified(source: string): boolean {
  const bare = source
    .replace(/\\./g, 'e')
    .replace(/\[[^\]]*\]/g, 'c')
    .replace(/\(\?(?::|=|!|<=|<!|<[A-Za-z]\w*>)/g, '(');
  return /[*+?{]/.test(bare);
}

describe('the lists hold every pattern of their modules that could backtrack', () => {
  const listed = new Set(Object.values(LISTS).flatMap((list) => list().map((re) => `/${re.source}/${re.flags}`)));

  it.each(Object.keys(DYNAMIC))('%s: each regex literal with a quantifier is listed', (file) => {
    const source = fs
      .readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .filter((l) => !/^\s*(?:\/\/|\*)/.test(l))
      .join('\n');
    const unlisted = [...source.matchAll(LITERAL)]
      .filter((m) => quantified(m[1]!))
      .map((m) => `/${new RegExp(m[1]!, m[2]).source}/${m[2]}`)
      .filter((p) => !listed.has(p));
    expect(unlisted).toEqual([]);
  });

  it.each(Object.entries(DYNAMIC))('%s builds %i patterns with new RegExp (a new one goes into its list, and here)', (file, count) => {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(source.match(/new RegExp\(/g)?.length ?? 0).toBe(count);
  });

  it('knows a quantifier when it sees one', () => {
    expect(quantified('a\\s*b')).toBe(true);
    expect(quantified('(?:政府|政务)?')).toBe(true);
    expect(quantified('x{0,8}')).toBe(true);
    expect(quantified('(?:较|同比)(?!x)[?*]\\?')).toBe(false);
  });
});

// ---- The whole reader ------------------------------------------------------------------

/** Milliseconds for one check of the page (the least of a few: a collection or a busy core can stall any one). */
const checkTime = (doc: () => Document, runs = 3) => timePerCall(() => checkDocumentReports(doc()).length, runs, 0);

const SPACES = ' '.repeat(100_000);
const newsPage = (linkText: string) =>
  `<html><head><title>某县人民政府 新闻</title></head><body><h1>工作动态</h1><ul>${'<li><a href="/n.html">工作动态</a></li>'.repeat(20)}<li><a href="/r.html">${linkText}</a></li></ul></body></html>`;

/** A real report page with one more paragraph of text. */
function reportWith(paragraph: string): string {
  const html = fixtureHtml('pingtan-2023.html');
  const at = html.indexOf('<table');
  return `${html.slice(0, at)}<p>${paragraph}</p>${html.slice(at)}`;
}

function happyDocument(html: string): Document {
  const win = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  return new win.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

describe('the reader on the pages of SEC-5 takes time in proportion to their size', () => {
  // each page against one of the same size without the hostile text: within a small factor
  const FACTOR = 5;

  it.each([
    ['the light DOM', docFromHtml],
    ['happy-dom', happyDocument],
  ])('a link 2023年 + 100,000 spaces + x (%s)', (_dom, parse) => {
    // 1,000 spaces first: a cubic pattern fails there in seconds, where 100,000 would never end
    for (const n of [1_000, SPACES.length]) {
      const hostile = parse(newsPage(`2023年${SPACES.slice(0, n)}x`));
      const plain = parse(newsPage(`2023年${'x'.repeat(n)}x`));
      expect(readPage(hostile).kind).toBe('news');
      expect(
        checkTime(() => hostile),
        `${n} spaces`,
      ).toBeLessThan(FACTOR * checkTime(() => plain) + 5);
    }
  });

  it.each([
    ['1 M characters of 收到', '收到'.repeat(500_000)],
    ['1 M characters of 收到 on applications (each one read)', `依申请公开${'收到'.repeat(500_000)}`],
    [`the same in sentences of ${MAX_SENTENCE} characters`, `依申请公开${'收到'.repeat(MAX_SENTENCE / 2 - 3)}。`.repeat(500)],
    ['1 M characters of 2023年收到 on applications', `依申请公开${'2023年收到'.repeat(140_000)}`],
    // each sentence asked whether its whole line named applications: 143 s before
    ['333,333 sentences 收到。', '收到。'.repeat(333_333)],
  ])('a report with a paragraph of %s', (_name, paragraph) => {
    const hostile = docFromHtml(reportWith(paragraph));
    // the same sentences, of words that are no triggers
    const plain = docFromHtml(reportWith(paragraph.replace(/[^。]/g, '的')));
    const [check] = checkDocumentReports(hostile);
    expect(check!.reading.report?.agency).toBeTruthy(); // still read as the report it is
    expect(checkTime(() => hostile)).toBeLessThan(FACTOR * checkTime(() => plain) + 5);
  });

  it('reads at most MAX_READS trigger words of a text, and a sentence up to its last clause break within MAX_SENTENCE', () => {
    const statement = '本机关收到政府信息公开申请5件。';
    // a long sentence: read up to its last comma within the bound, not beyond
    const long = `依申请公开方面，${'的'.repeat(MAX_SENTENCE - 100)}，收到申请3件${'的'.repeat(200)}，收到申请4件。`;
    expect(extractStatements([long]).map((s) => s.value)).toEqual([]);
    expect(extractStatements([`依申请公开方面，收到申请3件，${'的'.repeat(MAX_SENTENCE)}。`]).map((s) => s.value)).toEqual([3]);
    // a sentence with no clause break within the bound is not read
    expect(extractStatements([`依申请公开收到申请3件${'的'.repeat(MAX_SENTENCE)}。`])).toEqual([]);
    // triggers past the budget are not read; a report's text is far below it
    expect(extractStatements([`${'收到。'.repeat(MAX_READS)}${statement}`])).toEqual([]);
    expect(extractStatements([`${'收到。'.repeat(MAX_READS - 10)}${statement}`]).map((s) => s.value)).toEqual([5]);
  });
});
