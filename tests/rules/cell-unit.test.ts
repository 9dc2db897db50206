import { describe, expect, it } from 'vitest';
import { cellUnit as rule } from '../../lib/rules/cell-unit';
import { expectMessages, findingsOf, FORMATS, onlyFailure, outcomes, realistic } from './support';

describe('cell.unit', () => {
  it.each(FORMATS)('has nothing to say about a %s report without units', (format) => {
    expect(rule.check(realistic(format))).toEqual([]);
  });

  it('warns about 元 in the 2021 万元 fee column, without converting', () => {
    const o = onlyFailure(rule, realistic('2021', { 'active.fees.amount': '251000元' }));
    expect(o).toMatchObject({ scope: 'active.fees.amount', cells: ['active.fees.amount'], actual: 251000 });
    expect(o.data).toMatchObject({ unit: '元', expectedUnit: '万元' });
    const { zh } = expectMessages(rule, o, '251000元', '万元');
    expect(zh).toContain('未作换算');
  });

  it('accepts 万元 in the 2021 fee column', () => {
    expect(outcomes(rule, realistic('2021', { 'active.fees.amount': '178.2028万元' }))).toEqual([expect.objectContaining({ status: 'passed' })]);
  });

  it.each(['251000元', '75394432.52元', '7539.44万元'])('accepts any unit in the 2019 采购总金额 (%s)', (raw) => {
    expect(rule.check(realistic('2019', { 'active.procurement.amount': raw }))).toEqual([]);
  });

  it.each([
    ['2021', 'applications.granted.total', '1191元'],
    ['2021', 'review.review.total', '440万元'],
    // 2019 行政事业性收费 counts items: a money unit there is wrong
    ['2019', 'active.fees.previous', '12万元'],
  ] as const)('warns about a money unit on the %s count %s', (format, key, raw) => {
    const o = onlyFailure(rule, realistic(format, { [key]: raw }));
    expect(o.data.expectedUnit).toBe('件');
    expectMessages(rule, o, raw);
  });

  it('accepts a count unit such as 件 on a count', () => {
    expect(outcomes(rule, realistic('2021', { 'applications.granted.total': '1191件' }))).toEqual([expect.objectContaining({ status: 'passed' })]);
  });

  it('is a warning finding through runRules, and the 2019 procurement amount gives none', () => {
    expect(findingsOf(realistic('2021', { 'active.fees.amount': '251000元' }), rule.id)).toEqual([
      expect.objectContaining({ id: 'cell.unit:active.fees.amount', severity: 'warning' }),
    ]);
    expect(findingsOf(realistic('2019'), rule.id)).toEqual([]); // realistic 2019 has '251000元'
  });
});
