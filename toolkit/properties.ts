// The whole-pipeline properties, shared by tests/property.test.ts (a few hundred runs in
// CI) and scripts/fuzz.ts (10,000 runs, nightly). Each check throws an Error saying what
// went wrong; it returns nothing when the property holds.

import fc from 'fast-check';
import { checkDocument } from '../lib/check';
import { arbConsistentReport, arbRenderOptions, changeOneCell, type ReportPage } from './arbitrary';
import { docFromHtml, fixtureHtml } from './dom';
import { renderReportPage, type RenderOptions, type ReportData } from './render';

export const checkHtml = (html: string) => checkDocument(docFromHtml(html));

/** Consistent reports read back cell for cell, in the right format and year, with no error finding. */
export function consistentHolds({ data, opts, html }: ReportPage): void {
  const { reading, findings } = checkHtml(html);
  const where = JSON.stringify(opts);
  if (!reading.detected || !reading.report) throw new Error(`not detected (${reading.kind}) ${where}`);
  const report = reading.report;
  if (report.format !== data.format) throw new Error(`format ${report.format}, want ${data.format} ${where}`);
  if (report.year !== data.year) throw new Error(`year ${report.year}, want ${data.year} ${where}`);
  const wrong = Object.entries(data.values).filter(([k, v]) => report.cells[k]?.value !== v);
  if (wrong.length > 0)
    throw new Error(
      `cells read wrong: ${wrong
        .slice(0, 5)
        .map(([k, v]) => `${k}=${report.cells[k]?.value} (want ${v})`)
        .join(', ')} ${where}`,
    );
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(`error findings on a consistent report: ${errors.map((f) => f.id).join(', ')} ${where}`);
}

export interface OneChange {
  key: string;
  delta: number;
  opts: Required<RenderOptions>;
  changed: ReportData;
}

/** A consistent report with one count of table 三 or 四 changed (table 二 has no identity to catch it). */
export function arbOneChange(): fc.Arbitrary<OneChange> {
  return fc.tuple(arbConsistentReport(), arbRenderOptions(), fc.integer({ min: 1, max: 40 }), fc.nat()).map(([data, opts, delta, pick]) => {
    const keys = Object.keys(data.values).filter((k) => k.startsWith('applications.') || k.startsWith('review.'));
    const key = keys[pick % keys.length]!;
    return { key, delta, opts, changed: changeOneCell(data, key, delta) };
  });
}

/** One changed count is flagged by an error finding that names that cell. */
export function oneChangeFlagged({ key, opts, changed }: OneChange): void {
  const { findings } = checkHtml(renderReportPage(changed, opts));
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) throw new Error(`${key} changed: no error finding ${JSON.stringify(opts)}`);
  if (!errors.some((f) => f.cells.includes(key)))
    throw new Error(
      `${key} changed: no error finding names it (errors: ${errors.map((f) => `${f.id}[${f.cells.slice(0, 3).join(' ')}]`).join(', ')}) ${JSON.stringify(opts)}`,
    );
}

/** Random tag soup around report labels and absurd spans, under a report title. */
export function arbRandomMarkup(): fc.Arbitrary<string> {
  const tag = fc.constantFrom('table', 'tr', 'td', 'th', 'tbody', 'p', 'span', 'br', 'div', 'o:p');
  const piece = fc.oneof(
    tag.map((t) => `<${t}>`),
    tag.map((t) => `</${t}>`),
    fc.constantFrom(
      '<td rowspan="99999">',
      '<td colspan="0">',
      '<td rowspan="-3" colspan="x">',
      '自然人',
      '总计',
      '本年新收政府信息公开申请数量',
      '１２',
      '—',
      '&nbsp;',
      '3',
    ),
    fc.string(),
  );
  return fc.array(piece, { maxLength: 200 }).map((parts) => `<title>某局2021年政府信息公开工作年度报告</title>${parts.join('')}`);
}

/** A real report page cut at any point. */
export function arbCutPage(name = 'pingtan-2023.html'): fc.Arbitrary<string> {
  const page = fixtureHtml(name);
  return fc.integer({ min: 0, max: page.length }).map((cut) => page.slice(0, cut));
}

/** A real report page with random stretches cut, doubled or moved to the front (one to six edits). */
export function arbEditedPage(name = 'pingtan-2023.html'): fc.Arbitrary<string> {
  const page = fixtureHtml(name);
  const edit = fc.tuple(fc.nat(page.length), fc.nat(5_000), fc.constantFrom('cut', 'double', 'swap'));
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let html = page;
    for (const [at, len, op] of edits) {
      const a = at % (html.length + 1);
      const piece = html.slice(a, a + len);
      if (op === 'cut') html = html.slice(0, a) + html.slice(a + len);
      else if (op === 'double') html = html.slice(0, a) + piece + piece + html.slice(a + len);
      else html = piece + html.slice(0, a) + html.slice(a + len);
    }
    return html;
  });
}

const KINDS = ['report', 'template', 'list', 'numeric', 'news', 'unreadable'];

/** Any HTML: checkDocument does not throw, gives a known kind, and no internal error. */
export function randomHtmlHolds(html: string): void {
  const result = checkHtml(html);
  if (!KINDS.includes(result.reading.kind)) throw new Error(`unknown kind ${result.reading.kind}`);
  const internal = result.findings.filter((f) => f.ruleId === 'internal.error');
  if (internal.length > 0) throw new Error(`internal error: ${internal.map((f) => f.messageEn).join('; ')}`);
}
