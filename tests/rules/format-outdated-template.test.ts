import { describe, expect, it } from 'vitest';
import type { Format } from '../../lib/keys';
import { formatOutdatedTemplate as rule } from '../../lib/rules/format-outdated-template';
import type { Report } from '../../lib/schema';
import { expectMessages, findingsOf, onlyFailure, realistic } from './support';

const report = (format: Format, year: number | null, formatSource: Report['formatSource'] = 'outcomeRows'): Report => ({
  ...realistic(format, {}, year === null ? {} : { year }),
  year,
  formatSource,
});

describe('format.outdatedTemplate', () => {
  it.each([
    ['2019', 2019],
    ['2019', 2020],
    ['2021', 2021],
    ['2021', 2024],
  ] as const)('passes a %s-format table in a %i report', (format, year) => {
    expect(rule.check(report(format, year))).toEqual([expect.objectContaining({ status: 'passed' })]);
  });

  it.each([2021, 2022])('warns about the 2019 format in a %i report', (year) => {
    const o = onlyFailure(rule, report('2019', year, 'activeHeaders'));
    expect(o.severity ?? rule.severity).toBe('warning');
    const { zh } = expectMessages(rule, o, year, '2019', '2021');
    expect(zh).toBe(`${year} 年度报告使用了 2019 年格式的表格，应为 2021 年格式`);
  });

  it('notes the 2021 format in a 2020 report as info only (republished later)', () => {
    const o = onlyFailure(rule, report('2021', 2020));
    expect(o.severity).toBe('info');
    expectMessages(rule, o, 2020, '2021', '2019');
  });

  it.each([
    ['the format was only derived from the year', report('2019', 2022, 'year')],
    ['the year is unknown', report('2019', null)],
  ])('says nothing when %s', (_, r) => {
    expect(rule.check(r)).toEqual([]);
  });

  it('carries its severity into runRules findings', () => {
    expect(findingsOf(report('2019', 2022), rule.id)).toEqual([
      expect.objectContaining({ id: 'format.outdatedTemplate:template', severity: 'warning', cells: [] }),
    ]);
    expect(findingsOf(report('2021', 2020), rule.id)).toEqual([expect.objectContaining({ severity: 'info' })]);
    expect(findingsOf(report('2019', 2022, 'year'), rule.id)).toEqual([]);
  });
});
