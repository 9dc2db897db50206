// Property tests over the whole pipeline: random consistent reports rendered in
// every markup the fixtures know are read back exactly and raise no error; any
// one changed count is flagged at that cell; random or truncated HTML never throws.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../lib/check';
import { arbConsistentReport, arbReportPage, arbRenderOptions, changeOneCell } from './support/arbitrary';
import { docFromHtml, fixtureHtml } from './support/dom';
import { renderReportPage } from './support/render';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 120);
const check = (html: string) => checkDocument(docFromHtml(html));

describe('consistent reports in random markups', () => {
  it('are read back cell for cell, in the right format, with no error finding', () => {
    fc.assert(
      fc.property(arbReportPage(), ({ data, opts, html }) => {
        const { reading, findings } = check(html);
        expect(reading.detected).toBe(true);
        const report = reading.report!;
        expect(report.format).toBe(data.format);
        expect(report.year).toBe(data.year);
        const read = Object.fromEntries(Object.keys(data.values).map((k) => [k, report.cells[k]?.value]));
        expect(read, JSON.stringify(opts)).toEqual(data.values);
        expect(findings.filter((f) => f.severity === 'error'), JSON.stringify(opts)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('one changed count', () => {
  it('is flagged by an error finding that names the changed cell', () => {
    const arb = fc
      .tuple(arbConsistentReport(), arbRenderOptions(), fc.integer({ min: 1, max: 40 }), fc.nat())
      .map(([data, opts, delta, pick]) => {
        // table 二 has no identity, so only the cells of tables 三 and 四 can be caught by arithmetic
        const keys = Object.keys(data.values).filter((k) => k.startsWith('applications.') || k.startsWith('review.'));
        const key = keys[pick % keys.length]!;
        return { key, opts, changed: changeOneCell(data, key, delta) };
      });
    fc.assert(
      fc.property(arb, ({ key, opts, changed }) => {
        const { findings } = check(renderReportPage(changed, opts));
        const errors = findings.filter((f) => f.severity === 'error');
        expect(errors.length, `${key} ${JSON.stringify(opts)}`).toBeGreaterThan(0);
        expect(errors.some((f) => f.cells.includes(key)), key).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('hostile input', () => {
  it('never throws on random markup', () => {
    const tag = fc.constantFrom('table', 'tr', 'td', 'th', 'tbody', 'p', 'span', 'br', 'div', 'o:p');
    const piece = fc.oneof(
      tag.map((t) => `<${t}>`),
      tag.map((t) => `</${t}>`),
      fc.constantFrom('<td rowspan="99999">', '<td colspan="0">', '<td rowspan="-3" colspan="x">', '自然人', '总计', '本年新收政府信息公开申请数量', '１２', '—', '&nbsp;', '3'),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (parts) => {
        const result = check(`<title>某局2021年政府信息公开工作年度报告</title>${parts.join('')}`);
        expect(['report', 'template', 'list', 'numeric', 'news', 'unreadable']).toContain(result.reading.kind);
        expect(result.findings.filter((f) => f.ruleId === 'internal.error')).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on a real page cut at any point', () => {
    const page = fixtureHtml('pingtan-2023.html');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: page.length }), (cut) => {
        const result = check(page.slice(0, cut));
        expect(result.findings.filter((f) => f.ruleId === 'internal.error')).toEqual([]);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});
