import { describe, expect, it } from 'vitest';
import { runRules } from '../../lib/check';
import { APPLICATION_COLUMNS } from '../../lib/keys';
import { applicationsColumnBalance as rule } from '../../lib/rules/applications-column-balance';
import { applicationKeys, bump, expectMessages, failed, FORMATS, K, onlyFailure, outcomes, realistic } from './support';

describe.each(FORMATS)('applications.columnBalance, %s format', (format) => {
  it('passes all seven columns of a consistent report (新收 + 结转 = 办结 + 转下年)', () => {
    const all = rule.check(realistic(format));
    expect(all.map((o) => o.scope)).toEqual([...APPLICATION_COLUMNS]);
    expect(all.every((o) => o.status === 'passed')).toBe(true);
  });

  it.each([
    // row, column, change, 一+二, 三+四
    ['newReceived', 'naturalPerson', +1, 3494, 3493],
    ['carriedOver', 'otherOrg', -1, 1, 2],
    ['totalProcessed', 'commercial', +1, 102, 103],
    ['carriedForward', 'total', +1, 3607, 3608],
  ])('fails only the column of a wrong %s cell (%s)', (row, col, change, expected, actual) => {
    const o = onlyFailure(rule, realistic(format, bump(format, K(row, col), change)));
    expect(o).toMatchObject({ scope: col, expected, actual });
    // 结转下年度 is listed first: it is the cell most often left unbalanced
    expect(o.cells[0]).toBe(K('carriedForward', col));
    expect(new Set(o.cells)).toEqual(new Set(['newReceived', 'carriedOver', 'totalProcessed', 'carriedForward'].map((r) => K(r, col))));
    expectMessages(rule, o, expected, actual);
  });

  it('names the column in both languages', () => {
    const o = onlyFailure(rule, realistic(format, bump(format, K('carriedForward', 'legalService'), 1)));
    const { zh, en } = expectMessages(rule, o, '法律服务机构');
    expect(zh).toBe('“法律服务机构”列：第一项加第二项之和为 1，第三项加第四项之和为 2，两者应相等');
    expect(en).toContain('Column 法律服务机构');
  });

  it('is incomplete, never failed, with an unreadable cell', () => {
    const key = K('carriedOver', 'total');
    const report = realistic(format, { [key]: '见附件' });
    expect(failed(rule, report)).toEqual([]);
    expect(outcomes(rule, report, 'incomplete')).toEqual([expect.objectContaining({ scope: 'total', reason: `unreadable:${key}` })]);
  });

  it('says nothing without table 三', () => {
    expect(rule.check(realistic(format, {}, { omit: applicationKeys(format) }))).toEqual([]);
  });

  it('is an error finding through runRules', () => {
    const f = runRules(realistic(format, bump(format, K('newReceived', 'research'), 3))).findings.find((x) => x.id === 'applications.columnBalance:research');
    expect(f).toMatchObject({ severity: 'error', expected: 7, actual: 4 });
    expect(f?.equation).toBe('7 + 0 = 7 ≠ 4 + 0 = 4');
  });
});

it('has severity error', () => expect(rule.severity).toBe('error'));
