// The batch checker's output, printed entry by entry (where each page was checked), spooled
// to a temporary file as each comes and written in pieces: byte for byte what printing the
// whole list at once gives, in input order whatever order the entries came in, and the
// cross-year checks made on the spooled entries as on the entries themselves.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withPrevious } from '../../lib/check';
import { FINDING_COLUMNS, findingRows, toCsv } from '../../lib/export/csv';
import type { CheckOutputEntry, Finding } from '../../lib/schema';
import { checkHtml } from '../../cli/check-file';
import { OutputSpool, printEntry, type OutputMode, type PrintedEntry } from '../../cli/output';
import { fixtureHtml } from '../../toolkit/dom';
import { hostileReportHtml } from '../support/hostile';

const SPOOLS = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-spool-test-'));
afterAll(() => fs.rmSync(SPOOLS, { recursive: true, force: true }));

/** The output of printed entries given to a spool (one input each, in `order`: input order unless said). */
function output(printed: readonly PrintedEntry[], mode: OutputMode, files?: number, order = printed.map((_, i) => i)): string {
  const spool = new OutputSpool(mode, SPOOLS);
  try {
    for (const i of order) spool.add(i, [printed[i]!]);
    return joined(spool.pieces(files));
  } finally {
    spool.close();
  }
}
const print = (entries: readonly CheckOutputEntry[], mode: OutputMode, files?: number) =>
  output(
    entries.map((e) => printEntry(structuredClone(e), mode)),
    mode,
    files,
  );
const joined = (pieces: Iterable<string | Uint8Array>) => Buffer.concat([...pieces].map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString('utf8');
const text = (p: { text: Uint8Array }) => Buffer.from(p.text).toString('utf8');

const unreadable: CheckOutputEntry = {
  source: 'x.html',
  detected: false,
  kind: 'unreadable',
  report: null,
  findings: [],
  passed: [],
  incomplete: [],
  error: 'line\nbreak',
};
const MIXED = [
  checkHtml('a.html', fixtureHtml('seed-004-leshan-2021.html')),
  checkHtml('b.html', fixtureHtml('negative-news.html')),
  checkHtml('c\n"x".html', hostileReportHtml()),
  checkHtml('d.html', fixtureHtml('pingtan-2023-changed-total.html')),
  unreadable,
];

describe('the --json output', () => {
  it.each([
    ['no entries', []],
    ['one report', [checkHtml('a.html', fixtureHtml('pingtan-2023.html'))]],
    ['reports, non-reports, hostile text and an unreadable file', MIXED],
  ])('%s: the same bytes as JSON.stringify of the whole list', (_name, entries) => {
    expect(print(entries, 'json')).toBe(JSON.stringify(entries, null, 2) + '\n');
  });
});

describe('the --csv output', () => {
  it.each([
    ['no entries', []],
    ['reports, non-reports, hostile text and an unreadable file', MIXED],
  ])('%s: the header and every finding, an unreadable input as a row of its own', (_name, entries) => {
    const rows = entries.flatMap((e) => {
      const findings: Finding[] = e.error
        ? [{ id: 'input.error', ruleId: 'input.error', severity: 'warning', cells: [], message: `无法读取：${e.error}`, messageEn: `unreadable: ${e.error}` }]
        : e.findings;
      return findingRows({ source: e.source, report: e.report }, findings);
    });
    expect(print(entries, 'csv')).toBe(toCsv(FINDING_COLUMNS, rows));
  });
});

describe('the listing', () => {
  it('has a block per entry and the summary, control characters shown as �', () => {
    const out = print(MIXED, 'table', 4);
    expect(out).toContain('✓ a.html\n    ');
    expect(out).toContain('– b.html\n    非年报页面 / not an annual report (news)');
    expect(out).toContain('✗ x.html\n    无法读取 / unreadable: line\nbreak');
    expect(out).toContain('✗ d.html');
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(
      out.endsWith(
        '\n\n共 4 个文件：年报 3 份，其中有错误 2 份；非年报 1 个；无法读取 1 个。\n4 files: 3 reports (2 with errors), 1 not reports, 1 unreadable.\n',
      ),
    ).toBe(true);
  });

  it('with no entries is the summary alone', () => {
    expect(print([], 'table', 0)).toBe(
      '\n共 0 个文件：年报 0 份，其中有错误 0 份；非年报 0 个；无法读取 0 个。\n0 files: 0 reports (0 with errors), 0 not reports, 0 unreadable.\n',
    );
  });
});

describe('the spool', () => {
  it.each(['json', 'table', 'csv'] as const)('writes entries in input order whatever order they came in, several per input kept in theirs (%s)', (mode) => {
    const printed = MIXED.map((e) => printEntry(e, mode));
    const inOrder = output(printed, mode);
    expect(output(printed, mode, undefined, [4, 2, 0, 3, 1])).toBe(inOrder);
    // one input giving two entries (a page holding two reports), another giving none
    const spool = new OutputSpool(mode, SPOOLS);
    try {
      spool.add(1, [printed[2]!, printed[3]!, printed[4]!]);
      spool.add(2, []);
      spool.add(0, [printed[0]!, printed[1]!]);
      expect(joined(spool.pieces())).toBe(inOrder);
    } finally {
      spool.close();
    }
  });

  it('keeps no entry in memory: its bytes are copied out as it is added', () => {
    const printed = MIXED.map((e) => printEntry(e, 'json'));
    const expected = JSON.stringify(MIXED, null, 2) + '\n';
    const spool = new OutputSpool('json', SPOOLS);
    try {
      printed.forEach((p, i) => {
        spool.add(i, [p]);
        p.text.fill(0x20); // the worker's buffer, reused or freed
      });
      expect(joined(spool.pieces())).toBe(expected);
    } finally {
      spool.close();
    }
  });

  it('leaves no file behind', () => {
    const dir = fs.mkdtempSync(path.join(SPOOLS, 'dir-'));
    const spool = new OutputSpool('table', dir);
    spool.add(0, [printEntry(MIXED[0]!, 'table')]);
    expect(fs.readdirSync(dir)).toEqual([]); // removed from the directory once opened
    expect(joined(spool.pieces(1))).toContain('✓ a.html');
    spool.close();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('cross-year checks on spooled entries', () => {
  const y2023 = checkHtml('2023.html', fixtureHtml('pingtan-2023.html'));
  const y2024 = checkHtml('2024.html', fixtureHtml('pingtan-2024.html'));
  const expected2024 = { ...y2024, ...withPrevious(y2024, y2024.report!, { report: y2023.report!, source: '2023.html', renamed: false }) };

  it('the later report is checked against the year before and printed again (json)', () => {
    // input order does not matter: the year before may come after, or arrive after
    expect(print([y2023, y2024], 'json')).toBe(JSON.stringify([y2023, expected2024], null, 2) + '\n');
    expect(print([y2024, y2023], 'json')).toBe(JSON.stringify([expected2024, y2023], null, 2) + '\n');
    const printed = [y2023, y2024].map((e) => printEntry(structuredClone(e), 'json'));
    expect(output(printed, 'json', undefined, [1, 0])).toBe(JSON.stringify([y2023, expected2024], null, 2) + '\n');
    expect(expected2024.passed.some((c) => c.ruleId === 'crossYear.carryOver')).toBe(true);
  });

  it.each(['table', 'csv'] as const)('the later report is checked against the year before and printed again (%s)', (mode) => {
    for (const entries of [
      [y2023, y2024],
      [y2024, y2023],
    ]) {
      const out = print(entries, mode);
      expect(out).toContain(text(printEntry(expected2024, mode)));
      expect(out).toContain(text(printEntry(y2023, mode)));
      if (mode === 'table') expect(out).not.toContain(text(printEntry(y2024, mode)));
      else expect(text(printEntry(y2024, mode))).toBe(''); // no finding of its own: only the cross-year one
    }
  });

  it("counts the reprinted entry in the listing's summary as reprinted", () => {
    const [a, b] = [y2023, y2024].map((e) => printEntry(structuredClone(e), 'table'));
    expect([y2023, expected2024].flatMap((e) => e.findings).filter((f) => f.severity === 'error')).toEqual([]);
    b!.counts.hasErrors = true; // what the worker said: the summary counts the entry as written
    expect(output([a!, b!], 'table', 2).endsWith('\n2 files: 2 reports (0 with errors), 0 not reports, 0 unreadable.\n')).toBe(true);
  });

  it('leaves alone entries with nothing to pair (no report, no year, a borrowed identity)', () => {
    expect(printEntry(unreadable, 'table').pairing).toBeNull();
    expect(printEntry(MIXED[1]!, 'table').pairing).toBeNull();
    // (and the --json tests above: every entry of MIXED written as JSON.stringify writes it)
  });
});
