// Extremes: huge and deeply nested tables, absurd spans, megabyte cells and pages,
// broken HTML. checkDocument must never throw, must finish with bounded work, and must
// say something clear: the report (with structural findings where the markup is
// broken) or a not-a-report verdict — never an internal error.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocument, type PageCheck } from '../../lib/check';
import { CheckOutputEntrySchema } from '../../lib/schema';
import { buildGrid, GRID_LIMITS, tableRows } from '../../lib/table/grid';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';
import { arbEditedPage } from '../../toolkit/properties';

const PAGE = fixtureHtml('pingtan-2023.html');
const NOT_REPORT_KINDS = ['template', 'list', 'numeric', 'news'];
/** The longest a finding's text can get: a row label of maxColumns cells of maxTextPerCell each, plus the sentence. */
const MAX_MESSAGE = GRID_LIMITS.maxColumns * GRID_LIMITS.maxTextPerCell + 1_000;

const clean = checkDocument(docFromHtml(PAGE));
const cleanValues = valuesOf(clean);

function valuesOf(result: PageCheck): Record<string, number | null> {
  return Object.fromEntries(Object.entries(result.reading.report?.cells ?? {}).map(([k, c]) => [k, c.value]));
}

/** Parse, check, and assert what holds for every input: no throw, no internal error, output in the contract's shape. */
function check(html: string): PageCheck & { doc: Document } {
  const doc = docFromHtml(html);
  const result = checkDocument(doc);
  expect(result.findings.filter((f) => f.ruleId === 'internal.error')).toEqual([]);
  const entry = {
    source: 'x',
    detected: result.reading.detected,
    kind: result.reading.kind,
    report: result.reading.report,
    findings: result.findings,
    passed: result.passed,
    incomplete: result.incomplete,
  };
  const parsed = CheckOutputEntrySchema.safeParse(entry);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  for (const f of result.findings) {
    expect(f.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(f.messageEn.length).toBeLessThanOrEqual(MAX_MESSAGE);
  }
  return { ...result, doc };
}

const structural = (r: PageCheck) => r.findings.filter((f) => f.ruleId === 'format.structure');

function expectNotReport(r: PageCheck): void {
  expect(r.reading.detected).toBe(false);
  expect(NOT_REPORT_KINDS).toContain(r.reading.kind);
  expect(r.findings).toEqual([]);
}

/** Every table's grid stays within GRID_LIMITS, whatever its spans claim. */
function expectBoundedGrids(doc: Document): void {
  for (const table of Array.from(doc.querySelectorAll('table'))) {
    const grid = buildGrid(table);
    expect(grid.width).toBeLessThanOrEqual(GRID_LIMITS.maxColumns);
    expect(grid.rows.length).toBe(Math.min(tableRows(table).length, GRID_LIMITS.maxRows));
    for (const row of grid.rows) expect(row.length).toBeLessThanOrEqual(GRID_LIMITS.maxColumns);
  }
}

/** Rows that look like data rows of table 三 but carry no label the template knows. */
const unknownRows = (n: number) => Array.from({ length: n }, (_, i) => `<tr><td>其他情形${i}</td>${'<td>1</td>'.repeat(7)}</tr>`).join('');
/** The real page with `n` unknown rows inserted into table 三, after （一）予以公开. */
const withRowsInTable3 = (n: number) => PAGE.replace(/(<tr[^>]*>[\s\S]*?予以公开[\s\S]*?<\/tr>)/, `$1${unknownRows(n)}`);
const plainRows = (n: number, cols = 7) => Array.from({ length: n }, (_, i) => `<tr><td>项目${i}</td>${'<td>1</td>'.repeat(cols - 1)}</tr>`).join('');
const inBody = (extra: string) => PAGE.replace('</body>', `${extra}</body>`);
const wrapBody = (wrap: (body: string) => string) =>
  PAGE.replace(/<body([^>]*)>([\s\S]*)<\/body>/, (_m, attrs: string, body: string) => `<body${attrs}>${wrap(body)}</body>`);
const nest = (depth: number, inner: string) => '<table><tr><td>'.repeat(depth) + inner + '</td></tr></table>'.repeat(depth);

describe('the baseline page', () => {
  it('is a clean report (what the extremes below are compared with)', () => {
    expect(clean.reading.kind).toBe('report');
    expect(clean.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(Object.keys(cleanValues).length).toBeGreaterThan(100);
  });
});

describe('huge tables', () => {
  it('5,000 unknown rows inside table 三: the report is still read, the stray rows are one structural warning with their number, nothing else changes', () => {
    const r = check(withRowsInTable3(5_000));
    expect(r.reading.kind).toBe('report');
    expect(valuesOf(r)).toEqual(cleanValues);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.reading.report!.structure.filter((n) => n.code === 'rowUnrecognised')).toHaveLength(5_000);
    const stray = structural(r).filter((f) => f.id.startsWith('format.structure:rowUnrecognised'));
    expect(stray).toHaveLength(1);
    expect(stray[0]!.message).toMatch(/同类问题共 5000 处（如“[^”]*其他情形0”“[^”]*其他情形1”“[^”]*其他情形2”），合并为一条$/);
    expect(structural(r).length).toBeLessThan(10);
    expectBoundedGrids(r.doc);
  });

  it('a 5,000-row unrelated table next to the report changes nothing', () => {
    const r = check(inBody(`<table>${plainRows(5_000)}</table>`));
    expect(r.reading.kind).toBe('report');
    expect(valuesOf(r)).toEqual(cleanValues);
    expect(r.findings).toEqual(clean.findings);
  });

  it('a 5,000-row numeric table on an ordinary page is not a report', () => {
    expectNotReport(check(`<title>2023年部门预算</title><table>${plainRows(5_000)}</table>`));
  });

  it('a 5,000-row table under a report header with nothing readable is not taken for a report', () => {
    const header = '<tr><td>本年新收政府信息公开申请数量</td><td>申请人情况</td><td>自然人</td><td>予以公开</td></tr>';
    expectNotReport(check(`<table>${header}${'<tr><td>x</td><td>y</td></tr>'.repeat(5_000)}</table>`));
  });

  it('5,000 one-row tables that look like continuations of table 三 are read in bounded time', () => {
    const r = check(inBody('<table><tr><td>自然人</td><td>1</td></tr></table>'.repeat(5_000)));
    expect(r.reading.kind).toBe('report');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('deep nesting', () => {
  it('the report inside 120 nested layout tables reads exactly as without them', () => {
    const r = check(wrapBody((body) => nest(120, body)));
    expect(r.reading.kind).toBe('report');
    expect(valuesOf(r)).toEqual(cleanValues);
    expect(r.findings.map((f) => f.id)).toEqual(clean.findings.map((f) => f.id));
  });

  it('the report inside 200 nested layout tables, past the 512 elements a browser nests: said unreadable, never guessed', () => {
    // browsers attach what is deeper than 512 open elements to the 512th (Blink's
    // kMaximumHTMLParserDOMTreeDepth), and so does the light DOM: the report's rows
    // become one flat run of cells, which must not be read as a table
    const r = check(wrapBody((body) => nest(200, body)));
    expect(r.reading.kind).toBe('report');
    expect(valuesOf(r)).toEqual({});
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(structural(r).map((f) => f.id)).toContain('format.structure:tableMissing.0');
  });

  it('200 nested tables with nothing in them are not a report', () => {
    expectNotReport(check(`<title>通知</title>${nest(200, '正文')}`));
  });

  it('200 unclosed <table><tr><td> on a titled page: a report without tables, said so', () => {
    const r = check(`<html><head><title>某局2021年政府信息公开工作年度报告</title></head><body>${'<table><tr><td>'.repeat(200)}`);
    expect(r.reading.kind).toBe('report');
    expect(structural(r).map((f) => f.id)).toEqual(['format.structure:tableMissing.0']);
  });

  it('table 三 nested 200 deep in itself: only the innermost is data, nothing is counted twice', () => {
    const inner = '<table><tr><td>申请人情况</td><td>自然人</td></tr><tr><td>本年新收</td><td>1</td></tr></table>';
    const r = check(inBody(nest(200, inner)));
    expect(r.reading.kind).toBe('report');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('absurd spans', () => {
  const SPANS = [
    'rowspan="99999"',
    'colspan="99999"',
    'rowspan="0"',
    'rowspan="99999" colspan="99999"',
    'rowspan="0" colspan="0"',
    'rowspan="-1" colspan="1e9"',
  ];
  for (const attr of SPANS) {
    it(`${attr} on every cell: bounded grids, the report is still found, its broken structure said`, () => {
      const r = check(PAGE.replace(/<td\b/g, `<td ${attr}`));
      expectBoundedGrids(r.doc);
      expect(r.reading.kind).toBe('report');
      // the browser draws these tables differently (or not at all): either it still reads, or the structure is reported
      if (JSON.stringify(valuesOf(r)) !== JSON.stringify(cleanValues)) expect(structural(r).length).toBeGreaterThan(0);
    });
  }

  for (const attr of SPANS) {
    it(`${attr} on every cell: no identity error on a grid the reader flags as cut short, its sums need review`, () => {
      const r = check(PAGE.replace(/<td\b/g, `<td ${attr}`));
      const flagged = r.reading.report!.structure.filter((n) => n.code === 'tableTruncated').map((n) => n.table);
      for (const table of flagged) {
        expect(r.findings.filter((f) => f.severity === 'error' && f.cells.some((k) => k.startsWith(`${table}.`)))).toEqual([]);
        expect(r.findings.filter((f) => f.ruleId.startsWith('narrative.') && f.cells.some((k) => k.startsWith(`${table}.`)))).toEqual([]);
      }
      const readSome = Object.keys(r.reading.report!.cells).some((k) => k.startsWith('applications.'));
      if (flagged.includes('applications') && readSome)
        expect(r.incomplete.some((c) => c.ruleId === 'applications.rowSum' && c.reason === 'tableTruncated:applications')).toBe(true);
    });
  }

  it('rowspan="0" and rowspan="99999" on every cell of a 5,000-row table: bounded and not a report', () => {
    for (const attr of ['rowspan="0"', 'rowspan="99999" colspan="99999"']) {
      const r = check(`<title>统计表</title><table>${plainRows(5_000).replace(/<td\b/g, `<td ${attr}`)}</table>`);
      expectBoundedGrids(r.doc);
      expectNotReport(r);
    }
  });

  it('a 5,000-row table 三 whose every cell spans to the end stays bounded', () => {
    const r = check(withRowsInTable3(5_000).replace(/<td>1<\/td>/g, '<td rowspan="0">1</td>'));
    expectBoundedGrids(r.doc);
    expect(r.reading.kind).toBe('report');
    expect(structural(r).length).toBeGreaterThan(0);
  });
});

describe('megabytes', () => {
  it('a value cell with 1 MB of text: read up to the per-cell limit, unreadable, said so', () => {
    const r = check(PAGE.replace('>22<', `>${'x'.repeat(1_000_000)}<`));
    expect(r.reading.kind).toBe('report');
    const cell = r.reading.report!.cells['applications.granted.naturalPerson']!;
    expect(cell.raw.length).toBeLessThanOrEqual(GRID_LIMITS.maxTextPerCell);
    expect(cell.readAs).toEqual(['unreadable']);
    expect(r.findings.map((f) => f.id)).toEqual(['cell.unreadable:applications.granted.naturalPerson']);
    expect(r.incomplete.length).toBeGreaterThan(0);
  });

  it('a value cell with 1 MB of Chinese text: the row no longer reads, said so, no error', () => {
    const r = check(PAGE.replace('>22<', `>${'非数字'.repeat(350_000)}<`));
    expect(r.reading.kind).toBe('report');
    expect(structural(r).map((f) => f.id.replace(/\.\d+$/, ''))).toEqual(['format.structure:cellCount', 'format.structure:rowMissing']);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a label cell with 1 MB of text: still recognised, the variant disclosed, every value read', () => {
    const r = check(PAGE.replace('（一）予以公开', `（一）予以公开${'说明'.repeat(500_000)}`));
    expect(r.reading.kind).toBe('report');
    expect(valuesOf(r)).toEqual(cleanValues);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['format.labelVariant']);
  });

  it('a 2 MB report page (the report plus 2 MB of text) reads as the plain page', () => {
    const r = check(inBody('<p>本机关认真贯彻落实政务公开工作要求。</p>'.repeat(2_000_000 / 20)));
    expect(r.reading.kind).toBe('report');
    expect(valuesOf(r)).toEqual(cleanValues);
    expect(r.findings.map((f) => f.id)).toEqual(clean.findings.map((f) => f.id));
  });

  it('a 2 MB page that is not a report is rejected', () => {
    expectNotReport(check(`<title>工作动态</title>${'<p>本机关认真贯彻落实政务公开工作要求。</p>'.repeat(2_000_000 / 20)}`));
  });

  it('a 2 MB titled report whose tables are missing says so', () => {
    const r = check(
      `<html><head><title>某局2021年政府信息公开工作年度报告</title></head><body>${'<p>一、总体情况。</p>'.repeat(2_000_000 / 12)}</body></html>`,
    );
    expect(r.reading.kind).toBe('report');
    expect(structural(r).map((f) => f.id)).toEqual(['format.structure:tableMissing.0']);
  });
});

describe('broken HTML', () => {
  const CASES: [string, string][] = [
    ['empty', ''],
    ['a lone <', '<'],
    ['an open tag', '<table'],
    ['an open attribute', '<table><tr><td rowspan="'],
    ['an unclosed comment before the tables', `<!--${PAGE}`],
    ['CDATA and processing instructions', `<![CDATA[<table>]]><?xml x?>${PAGE}`],
    ['NUL and control characters', PAGE.replace(/>0</g, '>\u0000\u0001\u001b[2J<')],
    ['lone surrogates and noncharacters', PAGE.replace(/>0</g, '>\ud800\udfff\uffff<')],
    ['tables inside <svg> and <math>', `<svg>${PAGE}</svg><math>${PAGE}</math>`],
    ['the report inside <template>', `<title>x</title><template>${PAGE}</template>`],
    ['rows and cells outside any table', PAGE.replace(/<\/?table[^>]*>/g, '')],
    ['every closing tag removed', PAGE.replace(/<\/[a-z]+>/gi, '')],
    ['every opening <tr> removed', PAGE.replace(/<tr\b[^>]*>/gi, '')],
    ['tags reversed', PAGE.replace(/<(\/?)(td|tr)\b/gi, (_m, slash: string, tag: string) => `<${slash ? '' : '/'}${tag}`)],
    ['a 100,000-character attribute', PAGE.replace('<table', `<table data-x="${'a'.repeat(100_000)}"`)],
    ['10,000 unclosed <table>', `<title>某局2021年政府信息公开工作年度报告</title>${'<table>'.repeat(10_000)}`],
  ];
  for (const [name, html] of CASES) {
    it(`${name}: no throw, a clear verdict`, () => {
      const r = check(html);
      expect([...NOT_REPORT_KINDS, 'report']).toContain(r.reading.kind);
      if (r.reading.detected) expect(r.reading.report).not.toBeNull();
    });
  }

  it('the real page with random stretches cut, doubled or swapped never throws', () => {
    fc.assert(
      fc.property(arbEditedPage(), (html) => void check(html)),
      { numRuns: Math.ceil(Number(process.env.PROPERTY_RUNS ?? 120) / 3) },
    );
  });
});
