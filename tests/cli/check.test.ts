// The batch checker as users run it: a real process, its output validated against
// the exported zod schema of the contract (schema-keys.md).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckOutputSchema } from '../../lib/schema';
import { FIXTURES } from '../../toolkit/dom';
import { CLI } from '../support/built-cli';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 512 * 1024 * 1024 });
const fixture = (name: string) => path.join(FIXTURES, name);

describe('npm run check', () => {
  it('prints --json output that validates against the contract schema, in input order', () => {
    const inputs = ['seed-000-yiyuan-2021.html', 'negative-news.html', 'pingtan-2023-changed-granted.html'].map(fixture);
    const r = run('--json', ...inputs);
    expect(r.status).toBe(0);
    const out = CheckOutputSchema.parse(JSON.parse(r.stdout));
    expect(out.map((e) => e.source)).toEqual(inputs);
    expect(out.map((e) => e.detected)).toEqual([true, false, true]);
    expect(out[0]!.report).toMatchObject({ agency: '沂源县司法局', year: 2021, format: '2021' });
    expect(out[0]!.passed.length).toBeGreaterThan(40);
    // a rule about single cells passes once per table, naming the cells
    expect(out[0]!.passed.filter((p) => p.ruleId === 'cell.negative').map((p) => p.scope)).toEqual(['active', 'applications', 'review']);
    expect(out[1]!.report ?? null).toBeNull();
    expect(out[1]!.findings).toEqual([]);
    const rowSum = out[2]!.findings.find((f) => f.ruleId === 'applications.rowSum')!;
    expect(rowSum).toMatchObject({ severity: 'error', expected: 25, actual: 22 });
    expect(rowSum.cells[0]).toBe('applications.granted.naturalPerson');
  });

  it('decodes a GB2312 page from its meta charset', () => {
    const out = CheckOutputSchema.parse(JSON.parse(run('--json', fixture('seed-004-leshan-2021.html')).stdout));
    expect(out[0]!.report?.agency).toBe('乐山市司法局');
    expect(out[0]!.report?.cells['active.fees.amount']?.note).toBe('仲裁案件收费');
  });

  it('walks directories recursively, gives an unreadable input an error entry and goes on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-cli-'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.copyFileSync(fixture('seed-002-litong-2022.html'), path.join(dir, 'sub', 'a.shtml'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a page');
    fs.writeFileSync(path.join(dir, 'bad.html'), Buffer.from('<meta charset="x-unknown-enc"><p>x</p>'));
    const r = run('--json', dir, path.join(dir, 'missing.html'));
    expect(r.status).toBe(0);
    const out = CheckOutputSchema.parse(JSON.parse(r.stdout));
    expect(out.map((e) => path.relative(dir, e.source))).toEqual(['bad.html', path.join('sub', 'a.shtml'), 'missing.html']);
    expect(out[0]!.error).toMatch(/unsupported encoding/);
    expect(out[1]!.report?.agency).toBe('利通区司法局');
    expect(out[2]!.error).toMatch(/ENOENT/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['2023 first', ['pingtan-2023.html', 'pingtan-2024.html']],
    ['2024 first', ['pingtan-2024.html', 'pingtan-2023.html']],
  ])('pairs consecutive years of one agency (%s): the later report gets the cross-year checks', (_, names) => {
    const out = CheckOutputSchema.parse(JSON.parse(run('--json', ...names.map(fixture)).stdout));
    const y2024 = out.find((e) => e.report?.year === 2024)!;
    const y2023 = out.find((e) => e.report?.year === 2023)!;
    // the real pair: carry-over holds (all zero); the 行政规范性文件 stock does not (470 + 62 − 33 = 499, page 440)
    expect(y2024.passed.filter((c) => c.ruleId === 'crossYear.carryOver')).toHaveLength(7);
    const stock = y2024.findings.filter((f) => f.ruleId === 'crossYear.inForceStock');
    expect(stock).toEqual([
      expect.objectContaining({
        severity: 'warning',
        cells: expect.arrayContaining(['active.normativeDocs.inForce']),
        expected: 499,
        actual: 440,
        related: expect.objectContaining({ year: 2023, source: fixture('pingtan-2023.html') }),
      }),
    ]);
    expect(y2023.findings.concat(y2023.passed as never[]).filter((f: { ruleId: string }) => f.ruleId.startsWith('crossYear.'))).toEqual([]);
  });

  it('gives one entry per report of a page holding several, its source suffixed #1, #2 …, and pairs their years', () => {
    const file = fixture('consolidated-3.html');
    const r = run('--json', fixture('seed-000-yiyuan-2021.html'), file);
    expect(r.status).toBe(0);
    const out = CheckOutputSchema.parse(JSON.parse(r.stdout));
    expect(out.map((e) => e.source)).toEqual([fixture('seed-000-yiyuan-2021.html'), `${file}#1`, `${file}#2`, `${file}#3`]);
    expect(out.slice(1).map((e) => [e.report?.agency, e.report?.year])).toEqual([
      ['平潭综合实验区财政局', 2023],
      ['平潭综合实验区财政局', 2024],
      ['平潭综合实验区司法局', 2021],
    ]);
    const errors = out.map((e) =>
      e.findings
        .filter((f) => f.severity === 'error')
        .map((f) => f.ruleId)
        .sort(),
    );
    expect(errors).toEqual([[], [], [], ['applications.outcomeTotal', 'applications.rowSum']]);
    // the 2024 report is checked against the 2023 one on the same page
    expect(out[2]!.passed.filter((c) => c.ruleId === 'crossYear.carryOver')).toHaveLength(7);
    expect(out[2]!.findings.find((f) => f.ruleId === 'crossYear.inForceStock')?.related?.source).toBe(`${file}#1`);
    const listing = run(file).stdout;
    expect(listing).toContain(`✗ ${file}#3`);
    expect(listing).toContain('共 1 个文件：年报 3 份，其中有错误 1 份');
  });

  it('prints findings as CSV with a BOM, quoted, formula injection neutralised', () => {
    const r = run('--csv', fixture('pingtan-2023-changed-total.html'));
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('\ufeff"source","agency"')).toBe(true);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(4); // header + rowSum + outcomeTotal + columnBalance
    expect(lines[1]).toContain('"applications.rowSum","error","open","applications.totalProcessed.total"');
  });

  it('prints a readable listing by default', () => {
    const r = run(fixture('pingtan-2023-changed-review.html'), fixture('negative-budget.html'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('✗ ');
    expect(r.stdout).toContain('行政复议：结果维持、结果纠正、其他结果、尚未审结之和为 2，但总计为 3');
    expect(r.stdout).toContain('非年报页面 / not an annual report (numeric)');
    expect(r.stdout).toContain('共 2 个文件');
  });

  it.each([[[]], [['--json', '--csv', 'x.html']], [['--nope', 'x.html']], [['--jobs', '0', 'x.html']]])('exits 2 on bad usage %j', (args) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('用法 / usage');
  });

  it('gives the same answers on two worker threads as on one, in every output mode', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-pool-'));
    const names = fs.readdirSync(FIXTURES).filter((n) => n.endsWith('.html') && !n.startsWith('negative-large'));
    for (let i = 0; i < 3; i++) for (const n of names) fs.copyFileSync(fixture(n), path.join(dir, `${i}-${n}`));
    // (each worker prints its entries and hands their bytes over as it goes; the main thread spools them)
    for (const mode of [['--json'], ['--csv'], []]) {
      const pooled = run(...mode, '--jobs', '2', dir);
      const single = run(...mode, '--jobs', '1', dir);
      expect({
        status: pooled.status,
        stderr: pooled.stderr
          .split('\n')
          .filter((l) => !l.includes('已检查'))
          .join('\n'),
      }).toEqual({ status: 0, stderr: '' });
      expect(pooled.stdout.length).toBeGreaterThan(1000);
      expect(pooled.stdout).toBe(single.stdout);
    }
    expect(JSON.parse(run('--json', '--jobs', '2', dir).stdout).length).toBeGreaterThanOrEqual(40);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
