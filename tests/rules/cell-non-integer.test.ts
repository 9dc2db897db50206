import { describe, expect, it } from 'vitest';
import { cellNonInteger as rule } from '../../lib/rules/cell-non-integer';
import { expectMessages, failed, findingsOf, FORMATS, onlyFailure, realistic } from './support';

describe('cell.nonInteger', () => {
  it.each(FORMATS)('passes a consistent %s report', (format) => {
    expect(failed(rule, realistic(format))).toEqual([]);
  });

  it.each([
    ['2021', 'active.fees.amount', '178.2028'],
    ['2021', 'active.fees.amount', '72701.2578'],
    ['2019', 'active.procurement.amount', '75394432.52元'],
  ] as const)('accepts decimals in the %s money cell %s (%s)', (format, key, raw) => {
    expect(failed(rule, realistic(format, { [key]: raw }))).toEqual([]);
  });

  it.each([
    ['2021', 'applications.granted.naturalPerson', '（一）予以公开 / 自然人'],
    ['2021', 'active.licensing.decisions', '行政许可 / 本年处理决定数量'],
    ['2019', 'review.litigationDirect.pending', '行政诉讼·未经复议直接起诉 / 尚未审结'],
    // in 2019 the 行政事业性收费 row counts fee items, not money
    ['2019', 'active.fees.previous', '行政事业性收费 / 上一年项目数量'],
  ] as const)('warns about 1.5 in the %s count %s', (format, key, label) => {
    const o = onlyFailure(rule, realistic(format, { [key]: '1.5' }));
    expect(o).toMatchObject({ scope: key, cells: [key], actual: 1.5 });
    expectMessages(rule, o, label, '1.5');
  });

  it('is a warning finding through runRules', () => {
    expect(findingsOf(realistic('2021', { 'active.punishment.decisions': '12.5' }), rule.id)).toEqual([
      expect.objectContaining({ id: 'cell.nonInteger:active.punishment.decisions', severity: 'warning' }),
    ]);
  });
});
