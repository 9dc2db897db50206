// Hostile page text in what the checker writes out: the CSV exports neutralise
// formulae in every field and keep the text otherwise intact; the CLI's --json output
// is valid JSON that round-trips the hostile text exactly.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDocument } from '../../lib/check';
import { BOM, FINDING_COLUMNS, TABLE_COLUMNS, findingRows, tableRows, toCsv } from '../../lib/export/csv';
import { CheckOutputSchema, type Finding, type Report } from '../../lib/schema';
import { checkHtml } from '../../cli/check-file';
import { docFromHtml } from '../../toolkit/dom';
import { BIDI, FORMULA, HOSTILE_AGENCY_PREFIX, HOSTILE_CELLS, IMG, LONG, SCRIPT, hostileReportHtml } from '../support/hostile';
import { parseCsvQuoting as parseCsv } from '../support/csv';
import { CLI } from '../support/built-cli';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** What a spreadsheet runs as a formula when a field starts with it (OWASP: = + - @ tab CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

const HTML = hostileReportHtml();
const checked = checkDocument(docFromHtml(HTML));
const report = checked.reading.report!;

/** The field as the user meant it: the one apostrophe the exporter adds is taken off again. */
const unneutralised = (field: string) => (field.startsWith("'") && FORMULA_START.test(field.slice(1)) ? field.slice(1) : field);

function expectSafeCsv(csv: string, columns: readonly string[], rowCount: number): string[][] {
  expect(csv.startsWith(BOM)).toBe(true);
  const { rows, allQuoted } = parseCsv(csv.slice(BOM.length));
  expect(allQuoted, 'every field quoted').toBe(true);
  expect(rows[0]).toEqual([...columns]);
  expect(rows).toHaveLength(rowCount + 1);
  for (const r of rows) expect(r).toHaveLength(columns.length);
  // a plain number (-5) is data; anything else starting like a formula would run
  const runnable = rows.flat().filter((f) => FORMULA_START.test(f) && !/^-?\d+(\.\d+)?$/.test(f));
  expect(runnable, 'fields a spreadsheet would run').toEqual([]);
  return rows.slice(1);
}

describe('the hostile page itself', () => {
  it('is read as a report with every hostile text as an unreadable cell', () => {
    expect(checked.reading.kind).toBe('report');
    const raws = Object.values(report.cells).map((c) => c.raw);
    for (const h of HOSTILE_CELLS) expect(raws).toContain(h);
    expect(checked.findings.filter((f) => f.ruleId === 'cell.unreadable')).toHaveLength(HOSTILE_CELLS.length);
    expect(report.agency!.startsWith('=HYPERLINK(x)')).toBe(true);
  });
});

describe('CSV exports', () => {
  it('findings: every field neutralised, the hostile text otherwise intact', () => {
    const source = `${FORMULA}.html`;
    const rows = expectSafeCsv(toCsv(FINDING_COLUMNS, findingRows({ source, report }, checked.findings)), FINDING_COLUMNS, checked.findings.length);
    const col = (name: (typeof FINDING_COLUMNS)[number]) => FINDING_COLUMNS.indexOf(name);
    expect(rows.map((r) => unneutralised(r[col('source')]!))).toEqual(rows.map(() => source));
    expect(rows.map((r) => unneutralised(r[col('agency')]!))).toEqual(rows.map(() => report.agency));
    const shown = rows.filter((r) => r[col('ruleId')] === 'cell.unreadable').map((r) => unneutralised(r[col('shown')]!));
    expect(shown.sort()).toEqual([...HOSTILE_CELLS].sort());
    // the messages quote the cell text as it is, bidi control and all
    const messages = rows.map((r) => r[col('message')]!).join('\n');
    for (const h of [IMG, SCRIPT, BIDI, LONG]) expect(messages).toContain(h);
  });

  it('findings: fields the checker writes itself are neutralised too (messages, equations, numbers, statuses)', () => {
    const evil: Finding = {
      id: '=x',
      ruleId: '+rule',
      severity: 'error',
      cells: ['applications.granted.total'],
      expected: -5,
      actual: -1,
      message: '=1+1',
      messageEn: '@SUM(A1)',
      equation: '-2+3',
      groupedUnder: '\t=1',
      likelyCause: '\r=1',
    };
    const hostileReport: Report = { ...report, agency: '\t=agency', year: 2023, format: '2021' };
    const csv = toCsv(FINDING_COLUMNS, findingRows({ source: '\r=src', report: hostileReport, status: () => '=status' }, [evil]));
    const [row] = expectSafeCsv(csv, FINDING_COLUMNS, 1);
    expect(row![FINDING_COLUMNS.indexOf('message')]).toBe("'=1+1");
    // a number is data, not a formula: it stays a number in the spreadsheet
    expect(row![FINDING_COLUMNS.indexOf('expected')]).toBe('-5');
    expect(row![FINDING_COLUMNS.indexOf('status')]).toBe("'=status");
    expect(row![FINDING_COLUMNS.indexOf('groupedUnder')]).toBe("'\t=1");
  });

  it('tidy tables: every field neutralised, raw text intact, one row per cell', () => {
    const rows = expectSafeCsv(toCsv(TABLE_COLUMNS, tableRows(`@${FORMULA}`, report)), TABLE_COLUMNS, Object.keys(report.cells).length);
    const raws = rows.map((r) => unneutralised(r[TABLE_COLUMNS.indexOf('raw')]!));
    for (const h of HOSTILE_CELLS) expect(raws).toContain(h);
  });

  it('quotes, commas and line breaks inside a field stay inside it', () => {
    const nasty = `a","=b\r\n=c,d"`;
    const [row] = expectSafeCsv(toCsv(['x', 'y'], [[nasty, '=' + nasty]]), ['x', 'y'], 1);
    expect(row).toEqual([nasty, "'=" + nasty]);
  });
});

describe('CLI --json', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-hostile-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is valid JSON in the contract’s shape that round-trips the hostile text exactly', () => {
    const file = path.join(dir, `${FORMULA.replace(/[/|]/g, '_')}${BIDI}.html`);
    fs.writeFileSync(file, HTML);
    const r = spawnSync(process.execPath, [CLI, '--json', file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    expect(r.status, r.stderr).toBe(0);
    const out = CheckOutputSchema.parse(JSON.parse(r.stdout));
    expect(out).toHaveLength(1);
    const entry = out[0]!;
    expect(entry.source).toBe(file);
    // exactly what the checker read in-process, nothing lost or re-encoded on the way
    expect(JSON.parse(r.stdout)[0]).toStrictEqual(JSON.parse(JSON.stringify(checkHtml(file, HTML))));
    const raws = Object.values(entry.report!.cells).map((c) => c.raw);
    for (const h of HOSTILE_CELLS) expect(raws).toContain(h);
    expect(entry.report!.title.startsWith(HOSTILE_AGENCY_PREFIX)).toBe(true);
    // the JSON text escapes the control characters rather than emitting them raw
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});
