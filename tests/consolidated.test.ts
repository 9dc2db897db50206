// Pages holding several reports (toolkit/consolidated.ts): each report is read
// from its own tables under its own heading, with its own text; findings land in the
// report they are about; what cannot be told apart is said, never mixed.

import { describe, expect, it } from 'vitest';
import { checkDocument, checkDocumentReports, withPrevious } from '../lib/check';
import { previousReports } from '../lib/pairing';
import { readPage, readPageReports, type PageReading } from '../lib/read';
import type { Finding } from '../lib/schema';
import { CHANGED_KEY, FIXTURE_3, consolidatedPage, sectionTitle, type SectionSpec } from '../toolkit/consolidated';
import { docFromHtml, fixtureExpected, fixtureHtml, fixtureNames } from '../toolkit/dom';

const valuesOf = (r: PageReading) => Object.fromEntries(Object.entries(r.report!.cells).map(([k, c]) => [k, c.value]));
const errorsOf = (c: { findings: Finding[] }) => c.findings.filter((f) => f.severity === 'error');
const notInfo = (c: { findings: Finding[] }) => c.findings.filter((f) => f.severity !== 'info');

function expectSection(reading: PageReading, spec: SectionSpec, index: number, count: number): void {
  const report = reading.report!;
  expect([report.agency, report.year, report.format], `report ${index + 1}`).toEqual([spec.agency, spec.year, spec.format]);
  expect(report.title).toBe(sectionTitle(spec, index));
  expect(valuesOf(reading), `report ${index + 1}`).toEqual(spec.values);
  expect(reading.section).toMatchObject({ index, count });
  // every cell points into this report's own tables
  const own = new Set(reading.section!.tableIndexes);
  for (const [key, cell] of Object.entries(report.cells)) {
    expect(own.has(cell.ref.table), key).toBe(true);
    expect(reading.tables[cell.ref.table]!.contains(reading.nodes.get(key)!), key).toBe(true);
  }
}

describe('a page holding three reports', () => {
  const { html, sections } = consolidatedPage(FIXTURE_3);
  const doc = docFromHtml(html);
  const checks = checkDocumentReports(doc);

  it('reads three reports, each with its own heading, identity, cells and tables', () => {
    expect(checks).toHaveLength(3);
    checks.forEach((c, i) => expectSection(c.reading, sections[i]!, i, 3));
    expect(checks.map((c) => c.reading.section!.heading?.textContent?.replace(/\s/g, ''))).toEqual([
      sectionTitle(sections[0]!, 0),
      sectionTitle(sections[1]!, 1),
      // the body's name on a line of its own: the heading element is the title line
      sectionTitle(sections[2]!, 2).slice(sections[2]!.agency.length),
    ]);
    const tables = checks.flatMap((c) => c.reading.section!.tableIndexes);
    expect(new Set(tables).size).toBe(tables.length);
    expect(checks.every((c) => c.reading.tables === checks[0]!.reading.tables)).toBe(true);
  });

  it('puts the findings of the changed count in its own report only', () => {
    expect(notInfo(checks[0]!)).toEqual([]);
    expect(notInfo(checks[1]!)).toEqual([]);
    const errors = errorsOf(checks[2]!);
    expect(errors.map((f) => f.ruleId).sort()).toEqual(['applications.outcomeTotal', 'applications.rowSum']);
    for (const f of errors) expect(f.cells[0]).toBe(CHANGED_KEY);
    expect(checks[2]!.reading.nodes.get(CHANGED_KEY)!.textContent).toContain(String(sections[2]!.changed!.to));
  });

  it('reads each report’s own text: the figures it states are its own', () => {
    for (const [i, c] of checks.entries()) {
      const received = c.reading.report!.narrative!.statements.filter((s) => s.kind === 'received').map((s) => s.value);
      const total = sections[i]!.values['applications.newReceived.total']!;
      expect(received, `report ${i + 1}`).toEqual(total > 0 ? [total] : []);
      expect(c.passed.some((p) => p.ruleId.startsWith('narrative.')) || total === 0).toBe(true);
    }
    expect(checks.flatMap((c) => c.reading.report!.structure).filter((n) => n.code === 'multipleReports')).toEqual([]);
  });

  it('keeps readPage and checkDocument: the first report', () => {
    expect(readPage(doc).report).toEqual(checks[0]!.reading.report);
    const first = checkDocument(doc);
    expect(first.reading.report!.agency).toBe(sections[0]!.agency);
    expect(first.findings.map((f) => f.id)).toEqual(checks[0]!.findings.map((f) => f.id));
  });

  it('pairs the same bureau’s two years on one page for the cross-year checks', () => {
    const items = checks.map((c, i) => ({ report: c.reading.report!, source: `page#${i + 1}` }));
    const pairs = previousReports(items);
    expect([...pairs.entries()].map(([item, prev]) => [item.source, prev.source])).toEqual([['page#2', 'page#1']]);
    const cross = withPrevious(checks[1]!, items[1]!.report, pairs.get(items[1]!)!);
    expect(cross.passed.filter((p) => p.ruleId === 'crossYear.carryOver')).toHaveLength(7);
    // the real 平潭 pair: 470 + 62 − 33 = 499, the page says 440
    expect(cross.findings.filter((f) => f.ruleId === 'crossYear.inForceStock').map((f) => [f.expected, f.actual])).toEqual([[499, 440]]);
  });
});

describe('what cannot be told apart is said, never mixed', () => {
  const { html, sections } = consolidatedPage(FIXTURE_3);

  it('a report without a heading: identity from the page, no text for it or the report before it', () => {
    const title = sectionTitle(sections[1]!, 1);
    const doc = docFromHtml(html.replace(`<h2 style="text-align: center;">${title}</h2>`, ''));
    const [a, b, c] = checkDocumentReports(doc);
    expect(b!.reading.report).toMatchObject({ title: '平潭综合实验区各部门2023年度政府信息公开工作年度报告汇编', agency: '平潭综合实验区各部门', year: 2023 });
    expect(b!.reading.report!.narrative).toBeUndefined();
    // (the reader reports the fact; format.structure judges it a warning)
    expect(b!.reading.report!.structure.filter((n) => n.code === 'multipleReports')).toEqual([
      { code: 'multipleReports', table: 'document', cells: [], count: 3 },
    ]);
    expect(b!.findings.find((f) => f.ruleId === 'format.structure' && f.message.includes('未找到本份报告的标题'))).toMatchObject({ severity: 'warning' });
    // the first report's text would run into the second's: left out, said
    expect(a!.reading.report!.narrative).toBeUndefined();
    expect(a!.reading.report!.structure.find((n) => n.code === 'multipleReports')).toMatchObject({ shown: sectionTitle(sections[0]!, 0) });
    expect(a!.findings.find((f) => f.ruleId === 'format.structure' && f.message.includes('正文无法与相邻报告区分'))).toMatchObject({ severity: 'info' });
    expect(a!.reading.report!.agency).toBe(sections[0]!.agency);
    // the third is whole
    expect(c!.reading.report!.narrative!.statements.length).toBeGreaterThan(0);
    expect(c!.reading.report!.structure.some((n) => n.code === 'multipleReports')).toBe(false);
    // the cells are still each report's own
    [a, b, c].forEach((x, i) => expect(valuesOf(x!.reading)).toEqual(sections[i]!.values));
    // an identity borrowed from the page is never paired across years
    const items = [a, b, c].map((x, i) => ({ report: x!.reading.report!, source: `#${i + 1}` }));
    expect(previousReports(items).size).toBe(0);
  });

  it('a report whose table 二 is missing still starts where its tables begin', () => {
    // the page's first table is the first report's table 二 (no table is nested in it)
    const start = html.indexOf('<table');
    const end = html.indexOf('</table>', start) + '</table>'.length;
    expect(html.slice(start, end)).toContain('第二十条');
    const readings = readPageReports(docFromHtml(html.slice(0, start) + html.slice(end)));
    expect(readings.map((r) => r.report!.agency)).toEqual(sections.map((s) => s.agency));
    expect(readings[0]!.report!.structure.map((n) => n.code)).toContain('tableMissing');
    readings.slice(1).forEach((r, i) => expect(valuesOf(r)).toEqual(sections[i + 1]!.values));
  });
});

describe('a page holding 100 reports', () => {
  const broken = [17, 64];
  const { html, sections } = consolidatedPage({ n: 100, broken });
  const checks = checkDocumentReports(docFromHtml(html));

  it('reads 100 reports, each as its own', () => {
    expect(checks).toHaveLength(100);
    checks.forEach((c, i) => expectSection(c.reading, sections[i]!, i, 100));
  });

  it('raises errors in the changed reports only', () => {
    expect(checks.flatMap((c, i) => (errorsOf(c).length ? [i] : []))).toEqual(broken);
  });
});

describe('pages holding one report', () => {
  it.each(fixtureNames().filter((n) => !fixtureExpected(n).reports))('%s reads as one report, as readPage does', (name) => {
    const doc = docFromHtml(fixtureHtml(name));
    const all = readPageReports(doc);
    expect(all).toHaveLength(1);
    expect(all[0]!.section).toBeUndefined();
    expect(all[0]!.report).toEqual(readPage(doc).report);
  });
});
