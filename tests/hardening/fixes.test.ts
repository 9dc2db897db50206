// Regression tests for what the hardening tests found: each fails without its fix.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocument, internalError, runRules } from '../../lib/check';
import { BOM, TABLE_COLUMNS, tableRows, toCsv } from '../../lib/export/csv';
import { RULES } from '../../lib/rules';
import type { Rule } from '../../lib/rules/support/types';
import { readCellValue } from '../../lib/table/cell-value';
import { GRID_LIMITS } from '../../lib/table/grid';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';
import { makeReport } from '../support/report';

describe('numbers too long to be exact', () => {
  it.each(['1'.repeat(400), '12345678901234567890'])('%s is unreadable, never Infinity or a rounded guess', (raw) => {
    expect(readCellValue(raw)).toEqual({ raw, value: null, readAs: ['unreadable'] });
  });
  it('the largest exact integer still reads', () => expect(readCellValue(String(Number.MAX_SAFE_INTEGER)).value).toBe(Number.MAX_SAFE_INTEGER));
});

describe('a table longer than the row limit', () => {
  it('is reported as truncated, not as rows missing from the page', () => {
    const extra = Array.from({ length: GRID_LIMITS.maxRows + 10 }, (_, i) => `<tr><td>其他情形${i}</td>${'<td>1</td>'.repeat(7)}</tr>`).join('');
    const page = fixtureHtml('pingtan-2023.html').replace(/(<tr[^>]*>[\s\S]*?予以公开[\s\S]*?<\/tr>)/, `$1${extra}`);
    const { reading } = checkDocument(docFromHtml(page));
    expect(reading.report!.structure.map((n) => n.code)).toContain('tableTruncated');
  }, 120_000);
});

describe('failures stay contained', () => {
  it('a rule returning something that is not a list of outcomes becomes one internal error; the other rules run', () => {
    const broken: Rule = { ...RULES[0]!, id: 'test.broken', check: () => 42 as never };
    const result = runRules(makeReport(), [broken, ...RULES]);
    expect(result.findings.filter((f) => f.ruleId === 'internal.error').map((f) => f.id)).toEqual(['internal.error:test.broken']);
    expect(result.passed).toEqual(runRules(makeReport()).passed);
    expect(result.passed.length).toBeGreaterThan(40);
  });
  it('an error that cannot even be printed still becomes a finding', () => {
    const unprintable = Object.create(null) as object;
    const evil = new Error('x');
    Object.defineProperty(evil, 'message', {
      get: () => {
        throw new Error('no');
      },
    });
    for (const e of [unprintable, evil]) expect(internalError('reader', e).message).toContain('内部错误');
  });
});

describe('exports', () => {
  it('the tidy tables keep a negative value a number (only text is neutralised)', () => {
    const report = makeReport({ format: '2019', cells: { 'active.licensing.change': '-3' } });
    const csv = toCsv(TABLE_COLUMNS, tableRows('x', report));
    const row = csv
      .slice(BOM.length)
      .split('\r\n')
      .find((l) => l.includes('active.licensing.change'))!;
    expect(row).toContain('"\'-3","-3"'); // raw text neutralised, value a number
  });
});

describe('the CLI listing', () => {
  it('never writes control characters from a page to the terminal', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-esc-'));
    const file = path.join(dir, 'esc.html');
    fs.writeFileSync(file, fixtureHtml('pingtan-2023-changed-granted.html').replace('<title>', '<title>\u001b[31m'));
    const root = path.resolve(import.meta.dirname, '../..');
    const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['cli/check.ts', file], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('（一）予以公开');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
