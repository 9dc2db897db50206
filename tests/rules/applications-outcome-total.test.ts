import { describe, expect, it } from 'vitest';
import { runRules } from '../../lib/check';
import { APPLICATION_COLUMNS, OUTCOME_GROUPS, OUTCOME_ROWS } from '../../lib/keys';
import { applicationsOutcomeTotal as rule } from '../../lib/rules/applications-outcome-total';
import { applicationKeys, base, bump, expectMessages, failed, FORMATS, K, onlyFailure, outcomes, realistic, realisticCells } from './support';

// （一）–（六） leaves: 2+8+3+5+3 = 21 in 2021, 2+8+3+5+1 = 19 in 2019. (report-format.md's "22 / 20"
// is the rowspan of 三、本年度办理结果, which also covers the （七）总计 row.)
const LEAVES = { '2021': 21, '2019': 19 } as const;

describe.each(FORMATS)('applications.outcomeTotal, %s format', (format) => {
  it('passes all seven columns of a consistent report', () => {
    const all = rule.check(realistic(format));
    expect(all.map((o) => o.scope)).toEqual([...APPLICATION_COLUMNS]);
    expect(all.every((o) => o.status === 'passed' && o.data.rows === LEAVES[format])).toBe(true);
  });

  it(`counts each of the ${LEAVES[format]} outcome leaf rows, and only those`, () => {
    expect(OUTCOME_ROWS[format]).toHaveLength(LEAVES[format]);
    for (const row of OUTCOME_ROWS[format]) {
      const o = onlyFailure(rule, realistic(format, bump(format, K(row, 'naturalPerson'), 4)));
      expect(o).toMatchObject({ scope: 'naturalPerson', expected: 3375 + 4, actual: 3375 });
    }
    // the flow rows are not outcomes
    for (const row of ['newReceived', 'carriedOver', 'carriedForward'])
      expect(failed(rule, realistic(format, bump(format, K(row, 'naturalPerson'), 4)))).toEqual([]);
  });

  it('fails the column whose （七）总计 disagrees, with the numbers in both languages', () => {
    const o = onlyFailure(rule, realistic(format, bump(format, K('totalProcessed', 'commercial'), 2)));
    expect(o).toMatchObject({ scope: 'commercial', expected: 99, actual: 101 });
    expect(o.cells[0]).toBe(K('totalProcessed', 'commercial'));
    expect(o.cells).toHaveLength(LEAVES[format] + 1);
    expectMessages(rule, o, '商业企业', LEAVES[format], 99, 101);
  });

  it('says a blank （七）总计 is left blank', () => {
    const o = onlyFailure(rule, realistic(format, { [K('totalProcessed', 'total')]: '' }));
    expect(o).toMatchObject({ scope: 'total', expected: 3486, actual: 0 });
    const { zh, en } = expectMessages(rule, o, 3486);
    expect(zh).toContain('（七）总计栏为空（未填）');
    expect(zh).not.toContain('但（七）总计为');
    expect(en).toContain('left blank');
  });

  it('is incomplete, never failed, when an outcome cell is unreadable', () => {
    const key = K('denied.thirdParty', 'naturalPerson');
    const report = realistic(format, { [key]: '见附件' });
    expect(failed(rule, report)).toEqual([]);
    expect(outcomes(rule, report, 'incomplete')).toEqual([expect.objectContaining({ scope: 'naturalPerson', cells: [key], reason: `unreadable:${key}` })]);
  });

  it('keeps non-standard subtotal rows out of the sum', () => {
    const cells = realisticCells(format);
    const subtotal = (col: string) => OUTCOME_GROUPS.notProcessed.rows.reduce((s, r) => s + Number(cells[K(r, col)]), 0);
    const subtotals = Object.fromEntries(APPLICATION_COLUMNS.map((c) => [K('subtotal.notProcessed', c), subtotal(c)]));
    expect(subtotals[K('subtotal.notProcessed', 'total')]).toBe(406);
    expect(failed(rule, realistic(format, subtotals))).toEqual([]);
  });

  it('says nothing without table 三', () => {
    expect(rule.check(realistic(format, {}, { omit: applicationKeys(format) }))).toEqual([]);
  });

  it('is an error finding through runRules', () => {
    const findings = runRules(realistic(format, bump(format, K('totalProcessed', 'research'), 1))).findings;
    expect(findings.find((f) => f.id === 'applications.outcomeTotal:research')).toMatchObject({
      severity: 'error',
      expected: base(format, K('totalProcessed', 'research')),
      actual: 5,
    });
  });
});

it('has severity error', () => expect(rule.severity).toBe('error'));
