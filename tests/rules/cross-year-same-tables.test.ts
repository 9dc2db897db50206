import { describe, expect, it } from 'vitest';
import { crossYearSameTables as rule } from '../../lib/rules/cross-year-same-tables';
import { makeReport } from '../support/report';
import { current, failedWith, previous } from './cross-year-support';
import { expectMessages } from './support';

describe('crossYear.sameTables', () => {
  it('notes tables 三 and 四 identical to last year’s when they hold numbers', () => {
    const [o] = failedWith(rule, current('2021'), previous('2021'));
    expect(o).toBeDefined();
    expect(rule.severity).toBe('info');
    expectMessages(rule, o!, '2021');
  });

  it('does not flag all-zero tables two years running (normal for small bodies)', () => {
    const zero = (year: number) => makeReport({ format: '2021', year });
    expect(failedWith(rule, zero(2022), { report: zero(2021), source: 'x', renamed: false })).toEqual([]);
  });

  it('passes when any number differs', () => {
    expect(failedWith(rule, current('2021', { 'review.review.total': 441, 'review.review.pending': 27 }), previous('2021'))).toEqual([]);
  });
});
