import { describe, expect, it } from 'vitest';
import { runRules } from '../../lib/check';
import { APPLICATION_ROWS } from '../../lib/keys';
import { applicationsRowSum as rule } from '../../lib/rules/applications-row-sum';
import { applicationKeys, base, bump, expectMessages, failed, FORMATS, K, onlyFailure, outcomes, realistic } from './support';

describe.each(FORMATS)('applications.rowSum, %s format', (format) => {
  it('passes every data row of a consistent report', () => {
    const all = rule.check(realistic(format));
    expect(all.map((o) => o.scope)).toEqual(APPLICATION_ROWS[format]);
    expect(all).toHaveLength(format === '2021' ? 25 : 23); // 一、二, 22 / 20 rows under 三 (（七） included), 四
    expect(all.every((o) => o.status === 'passed')).toBe(true);
  });

  it('fails exactly the row whose 总计 disagrees, with its numbers', () => {
    const report = realistic(format, bump(format, K('granted', 'total'), -1)); // 1191 printed as 1190
    const o = onlyFailure(rule, report);
    expect(o).toMatchObject({ scope: 'granted', expected: 1191, actual: 1190, equation: '1150 + 35 + 2 + 3 + 1 + 0 = 1191 ≠ 1190' });
    expect(o.cells[0]).toBe(K('granted', 'total'));
    expect(o.cells).toHaveLength(7);
    expectMessages(rule, o, '（一）予以公开', 1191, 1190);
  });

  it('quotes a 总计 written as — or 无 instead of calling it 0', () => {
    const o = onlyFailure(rule, realistic(format, { [K('granted', 'total')]: '—' }));
    expect(rule.message.zh(o)).toBe('（一）予以公开：各申请人类型之和为 1191，但总计为 “—”');
    expect(rule.message.en(o)).toContain('总计 shows “—”');
  });

  it('checks the row of the format’s own （六） rows', () => {
    const row = format === '2021' ? 'other.noFee' : 'other';
    const o = onlyFailure(rule, realistic(format, bump(format, K(row, 'research'), 2)));
    expect(o.scope).toBe(row);
    expect(o.expected).toBe(base(format, K(row, 'total')) + 2);
  });

  it('says a blank 总计 next to non-zero parts is left blank, not “0 ≠ N”', () => {
    const o = onlyFailure(rule, realistic(format, { [K('granted', 'total')]: '' }));
    expect(o).toMatchObject({ expected: 1191, actual: 0 });
    expect(o.equation).toContain('0（空）');
    const { zh, en } = expectMessages(rule, o, 1191);
    expect(zh).toBe('（一）予以公开：各申请人类型之和为 1191，总计栏为空（未填）');
    expect(zh).not.toContain('但总计为');
    expect(en).toContain('left blank');
  });

  it.each([
    ['an applicant cell', K('granted', 'commercial')],
    ['the 总计 cell', K('granted', 'total')],
  ])('is incomplete, never failed, when %s is unreadable', (_, key) => {
    const report = realistic(format, { [key]: '见附件' });
    expect(failed(rule, report)).toEqual([]);
    const [o, ...rest] = outcomes(rule, report, 'incomplete');
    expect(rest).toEqual([]);
    expect(o).toMatchObject({ scope: 'granted', cells: [key], reason: `unreadable:${key}` });
  });

  it('is incomplete when a cell of the row is missing', () => {
    const key = K('carriedOver', 'otherOrg');
    const [o] = outcomes(rule, realistic(format, {}, { omit: [key] }), 'incomplete');
    expect(o).toMatchObject({ scope: 'carriedOver', reason: `missing:${key}` });
  });

  it('says nothing when the page has no table 三', () => {
    expect(rule.check(realistic(format, {}, { omit: applicationKeys(format) }))).toEqual([]);
  });

  it('becomes an error finding through runRules, and an unreadable cell an incomplete record', () => {
    const { findings } = runRules(realistic(format, bump(format, K('carriedForward', 'total'), 5)));
    const f = findings.find((x) => x.id === 'applications.rowSum:carriedForward');
    expect(f).toMatchObject({ ruleId: 'applications.rowSum', severity: 'error', expected: 121, actual: 126 });
    expect(f?.message).toContain('121');
    expect(f?.messageEn).toContain('126');

    const unreadable = runRules(realistic(format, { [K('granted', 'social')]: '见附件' }));
    expect(unreadable.findings.filter((x) => x.ruleId === 'applications.rowSum')).toEqual([]);
    expect(unreadable.incomplete).toContainEqual(expect.objectContaining({ ruleId: 'applications.rowSum', scope: 'granted' }));
  });

  it('leaves the sums of a table the reader flagged as cut short undecided (needs review), never an error', () => {
    const truncatedTable = (table: 'applications' | 'review') => ({
      structure: [{ code: 'tableTruncated' as const, severity: 'warning' as const, table, cells: [] }],
    });
    const all = rule.check(realistic(format, bump(format, K('granted', 'total'), -1), truncatedTable('applications')));
    expect(all.length).toBeGreaterThan(20);
    expect(all.every((o) => o.status === 'incomplete' && o.reason === 'tableTruncated:applications')).toBe(true);
    // a truncated table 四 says nothing about table 三
    expect(onlyFailure(rule, realistic(format, bump(format, K('granted', 'total'), -1), truncatedTable('review'))).scope).toBe('granted');
  });
});

it('has severity error', () => expect(rule.severity).toBe('error'));
