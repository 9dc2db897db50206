// The rule list as a whole: registered, identified, described, worded and tested.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATEMENT_KINDS } from '../../lib/narrative/kinds';
import { RULES } from '../../lib/rules';
import type { Rule, RuleContext } from '../../lib/rules/support/types';
import { SeveritySchema, StructureNoteSchema, type Report } from '../../lib/schema';
import { withText } from '../narrative/support';
import { expectMessages, K, realistic } from './support';

const RULES_DIR = join(import.meta.dirname, '../../lib/rules');
const LIB = join(import.meta.dirname, '../../lib');

/** A rule id as a file name: cell.noteInCell → cell-note-in-cell, crossYear.itemCount2019 → cross-year-item-count-2019. */
const kebab = (id: string) =>
  id
    .replace(/\./g, '-')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([a-zA-Z])(\d)/g, '$1-$2')
    .toLowerCase();

/** The readers: they report what the page shows; judging it (severity, words) is the rules'. */
const READERS = ['extract', 'read.ts', 'narrative', 'split-reports.ts', 'table', 'detect.ts', 'document-facts.ts', 'attachment'];
const filesUnder = (path: string): string[] =>
  !existsSync(path) ? [] : statSync(path).isDirectory() ? readdirSync(path).flatMap((f) => filesUnder(join(path, f))) : path.endsWith('.ts') ? [path] : [];
/** `severity:` / `severity =` or a severity name given as a value (`: 'warning'`, `= 'info'`, `? 'error'`). */
const SEVERITY_LITERAL = /\bseverity\s*[:=]|[:=?]\s*['"](?:error|warning|info)['"]/;

const isRule = (x: unknown): x is Rule =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as Rule).id === 'string' &&
  typeof (x as Rule).check === 'function' &&
  typeof (x as Rule).message?.zh === 'function';

/** Every Rule exported by a file of lib/rules/, with the file's name. */
async function exportedRules(): Promise<{ file: string; rule: Rule }[]> {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts'));
  const found = await Promise.all(
    files.map(async (f) =>
      Object.values(await import(join(RULES_DIR, f)))
        .filter(isRule)
        .map((rule) => ({ file: basename(f, '.ts'), rule })),
    ),
  );
  return found.flat();
}

/** Reports (with a previous year's report for the cross-year rules) that make every rule fail somewhere. */
const prev = (report: Report): RuleContext => ({ previous: { report, source: 'http://www.sample.gov.cn/prev.html', renamed: false } });
const PROVOCATIONS: [Report, RuleContext][] = (
  [
    [
      realistic('2021', {}, { year: 2022 }),
      prev(realistic('2021', { [K('carriedForward', 'total')]: 9999, 'active.normativeDocs.inForce': 1 }, { year: 2021 })),
    ],
    [realistic('2021', {}, { year: 2022 }), prev(realistic('2021', {}, { year: 2021 }))],
    [realistic('2021', {}, { year: 2021 }), prev(realistic('2019', {}, { year: 2020 }))],
    [realistic('2019', { 'active.licensing.previous': 999 }, { year: 2020 }), prev(realistic('2019', {}, { year: 2019 }))],
  ] as [Report, RuleContext][]
).concat(
  [
    realistic(
      '2021',
      {
        [K('granted', 'total')]: 1190,
        [K('carriedForward', 'commercial')]: 4,
        [K('granted', 'orgSubtotal')]: 40,
        [K('subtotal.denied', 'naturalPerson')]: 140,
        'review.review.total': '',
        'review.litigationDirect.pending': '见附件',
        'active.punishment.decisions': '-3',
        'active.coercion.decisions': '1.5',
        'active.regulations.issued': 30,
        'active.fees.amount': '251000元',
        'active.licensing.decisions': '1808595（含备案）',
        [K('granted', 'otherOrg')]: '—',
      },
      {
        year: 2020,
        // (a truncated table 三 would make its sums incomplete, not failed: that note is put on the document)
        structure: StructureNoteSchema.shape.code.options.map((code) => ({
          code,
          severity: 'warning',
          table: code === 'tableTruncated' ? 'document' : 'applications',
          cells: [],
          shown: '3.其他',
          official: '3.其他',
          count: 8,
          expectedCount: 7,
        })),
      },
    ),
    realistic(
      '2019',
      {
        [K('granted', 'total')]: '',
        [K('totalProcessed', 'total')]: '',
        'active.regulations.totalPublished': 1,
        'active.fees.change': '-13',
        'active.procurement.amount': '-251000元',
      },
      { year: 2022 },
    ),
    // a text whose every statement disagrees with the (Suqian 2023) tables
    withText(
      realistic('2021', {}, { year: 2023 }),
      [
        '（二）依申请公开',
        '全年共收到政府信息公开申请1件，办结1件，结转下年度继续办理1件。',
        '其中，予以公开1件，不予公开1件。',
        '自然人申请1件，法人或其他组织申请1件。',
        '全年因政府信息公开被申请行政复议1件，被提起行政诉讼1件。',
      ].join('\n'),
    ),
    // a 统计期限 left at last year; a department's report dated after 31 January
    {
      ...realistic('2021', {}, { year: 2023 }),
      document: {
        titleYear: 2023,
        period: { year: 2022, endYear: 2022, text: '本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。' },
        opening: null,
        pubDateSource: 'meta',
      },
    },
    {
      ...realistic('2021', {}, { year: 2023 }),
      pubDate: '2024-02-20 09:30',
      document: { titleYear: 2023, period: null, opening: null, pubDateSource: 'page' },
    },
    // a cell holding text the page hides (read as shown, the hidden text noted)
    ((r: Report) => ({
      ...r,
      cells: { ...r.cells, 'active.normativeDocs.inForce': { ...r.cells['active.normativeDocs.inForce']!, readAs: ['number', 'hidden'], hidden: '0' } },
    }))(realistic('2021', {}, { year: 2023 })),
  ].map((r) => [r, {}] as [Report, RuleContext]),
);

describe('the rule list', async () => {
  const exported = await exportedRules();

  it('registers every rule a file of lib/rules/ exports, once', () => {
    expect(exported.length).toBeGreaterThan(0);
    for (const { file, rule } of exported) expect(RULES, `${rule.id} from ${file}.ts`).toContain(rule);
    expect(RULES).toHaveLength(new Set(exported.map((e) => e.rule)).size);
  });

  it('keeps every rule in the file named after its id', () => {
    expect(kebab('cell.noteInCell')).toBe('cell-note-in-cell');
    expect(kebab('crossYear.itemCount2019')).toBe('cross-year-item-count-2019');
    for (const rule of RULES) {
      const files = exported.filter((e) => e.rule === rule).map((e) => `lib/rules/${e.file}.ts`);
      expect(files, rule.id).toEqual([`lib/rules/${kebab(rule.id)}.ts`]);
    }
  });

  it('leaves every judgement to the rules: no reader file sets a severity', () => {
    const readers = READERS.flatMap((r) => filesUnder(join(LIB, r)));
    expect(readers.length).toBeGreaterThan(10);
    const offending = readers.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line: line.replace(/\/\/.*$/, ''), at: `lib/${relative(LIB, f)}:${i + 1}` }))
        .filter(({ line }) => SEVERITY_LITERAL.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offending).toEqual([]);
    // (the pattern does find one)
    expect(SEVERITY_LITERAL.test("b.note({ code: 'tableMissing', severity: 'warning', table })")).toBe(true);
    expect(SEVERITY_LITERAL.test("const level = ok ? 'info' : 'error';")).toBe(true);
  });

  it('compares every kind of statement the text can make in exactly one narrative rule', () => {
    const statements = STATEMENT_KINDS.map((kind, i) => ({ kind, value: 999_999, text: '结转', phrase: `${kind}999999件`, start: i * 10, end: i * 10 + 5 }));
    const report = { ...realistic('2021', {}, { year: 2023 }), narrative: { statements } };
    for (const kind of STATEMENT_KINDS) {
      const comparing = RULES.filter((r) => r.check(report).some((o) => o.scope.startsWith(`${kind}@`))).map((r) => r.id);
      expect(comparing, kind).toHaveLength(1);
      expect(comparing[0], kind).toMatch(/^narrative\./);
    }
  });

  it('gives every rule a unique id', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]*\.[a-zA-Z][a-zA-Z0-9]*$/);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s has a severity and descriptions in both languages', (_, rule) => {
    expect(SeveritySchema.options).toContain(rule.severity);
    expect(rule.description.zh.trim()).not.toBe('');
    expect(rule.description.en.trim()).not.toBe('');
    expect(rule.description.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s words every failure it can be provoked into', (_, rule) => {
    const failures = PROVOCATIONS.flatMap(([report, context]) => rule.check(report, context)).filter((o) => o.status === 'failed');
    expect(failures.length).toBeGreaterThan(0);
    for (const o of failures) {
      expectMessages(rule, o);
      expect(SeveritySchema.options).toContain(o.severity ?? rule.severity);
    }
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s has its own test file', (_, rule) => {
    const files = exported.filter((e) => e.rule === rule).map((e) => e.file);
    expect(files).toHaveLength(1);
    expect(existsSync(join(import.meta.dirname, `${files[0]}.test.ts`)), `tests/rules/${files[0]}.test.ts`).toBe(true);
  });
});
