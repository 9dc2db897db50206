// The batch checker's output, printed entry by entry (where each page was checked) and
// written in pieces: byte for byte what printing the whole list at once gives, and the
// cross-year checks made on the printed entries as on the entries themselves.

import { describe, expect, it } from 'vitest';
import { withPrevious } from '../../lib/check';
import { FINDING_COLUMNS, findingRows, toCsv } from '../../lib/export/csv';
import type { CheckOutputEntry, Finding } from '../../lib/schema';
import { checkHtml } from '../../scripts/lib/check-file';
import { addCrossYearPrinted, outputPieces, printEntry, type OutputMode } from '../../scripts/lib/output';
import { fixtureHtml } from '../support/dom';
import { hostileReportHtml } from '../support/hostile';

const print = (entries: readonly CheckOutputEntry[], mode: OutputMode, files?: number) => {
  const printed = entries.map((e) => printEntry(structuredClone(e), mode));
  addCrossYearPrinted(printed, mode);
  return joined(outputPieces(printed, mode, files));
};
const joined = (pieces: Iterable<string | Uint8Array>) => Buffer.concat([...pieces].map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString('utf8');
const text = (p: { text: Uint8Array }) => Buffer.from(p.text).toString('utf8');

const unreadable: CheckOutputEntry = { source: 'x.html', detected: false, kind: 'unreadable', report: null, findings: [], passed: [], incomplete: [], error: 'line\nbreak' };
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
      const findings: Finding[] = e.error ? [{ id: 'input.error', ruleId: 'input.error', severity: 'warning', cells: [], message: `无法读取：${e.error}`, messageEn: `unreadable: ${e.error}` }] : e.findings;
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
    expect(out.endsWith('\n\n共 4 个文件：年报 3 份，其中有错误 2 份；非年报 1 个；无法读取 1 个。\n4 files: 3 reports (2 with errors), 1 not reports, 1 unreadable.\n')).toBe(true);
  });

  it('with no entries is the summary alone', () => {
    expect(print([], 'table', 0)).toBe('\n共 0 个文件：年报 0 份，其中有错误 0 份；非年报 0 个；无法读取 0 个。\n0 files: 0 reports (0 with errors), 0 not reports, 0 unreadable.\n');
  });
});

describe('cross-year checks on printed entries', () => {
  const y2023 = checkHtml('2023.html', fixtureHtml('pingtan-2023.html'));
  const y2024 = checkHtml('2024.html', fixtureHtml('pingtan-2024.html'));
  const expected2024 = { ...y2024, ...withPrevious(y2024, y2024.report!, { report: y2023.report!, source: '2023.html', renamed: false }) };

  it.each(['json', 'table', 'csv'] as const)('the later report is checked against the year before and printed again (%s)', (mode) => {
    // input order does not matter: the year before may come after
    for (const entries of [[y2023, y2024], [y2024, y2023]]) {
      const printed = entries.map((e) => printEntry(structuredClone(e), mode));
      addCrossYearPrinted(printed, mode);
      const later = printed.find((p) => p.source === '2024.html')!;
      const earlier = printed.find((p) => p.source === '2023.html')!;
      expect(text(later)).toBe(text(printEntry(expected2024, mode)));
      expect(text(earlier)).toBe(text(printEntry(y2023, mode)));
    }
    expect(expected2024.passed.some((c) => c.ruleId === 'crossYear.carryOver')).toBe(true);
  });

  it('leaves alone entries with nothing to pair (no report, no year, a borrowed identity)', () => {
    const printed = MIXED.map((e) => printEntry(e, 'json'));
    const before = printed.map(text);
    addCrossYearPrinted(printed, 'json');
    expect(printed.map(text)).toEqual(before);
    expect(printEntry(unreadable, 'table').pairing).toBeNull();
    expect(printEntry(MIXED[1]!, 'table').pairing).toBeNull();
  });
});
