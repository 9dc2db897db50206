import { describe, expect, it } from 'vitest';
import { REVIEW_FIELDS, REVIEW_GROUPS } from '../../lib/keys';
import { narrativeReview as rule } from '../../lib/rules/narrative-review';
import { withText } from '../narrative/support';
import { expectMessages, failed, FORMATS, onlyFailure, outcomes, realistic } from './support';

// Suqian 2023 table 四: 行政复议 440, 直接起诉 24, 复议后起诉 89.
const report = (format: (typeof FORMATS)[number], text: string, cells: Record<string, number | string> = {}) =>
  withText(realistic(format, cells, { year: 2023 }), text);
const ZERO = Object.fromEntries(REVIEW_GROUPS.flatMap((g) => REVIEW_FIELDS.map((f) => [`review.${g}.${f}`, 0])));

describe.each(FORMATS)('narrative.review, %s format', (format) => {
  it('passes 行政复议 = 行政复议总计 and 行政诉讼 = 直接起诉 + 复议后起诉', () => {
    expect(rule.check(report(format, '全年因政府信息公开被申请行政复议440件，被提起行政诉讼113件。')).map((o) => o.status)).toEqual(['passed', 'passed']);
    expect(failed(rule, report(format, '全年因政府信息公开被申请行政复议和行政诉讼共553件。'))).toEqual([]);
  });

  it('passes 未发生 against an all-zero table 四, and fails it otherwise', () => {
    const text = '本年度未发生因政府信息公开引起的行政复议、行政诉讼。';
    expect(failed(rule, report(format, text, ZERO))).toEqual([]);
    expect(failed(rule, report(format, text)).map((o) => o.actual)).toEqual([440, 113]);
  });

  it('fails a wrong 行政诉讼 count, pointing at the first 行政诉讼 总计', () => {
    const o = onlyFailure(rule, report(format, '全年因政府信息公开被申请行政复议440件，被提起行政诉讼24件。'));
    expect(o).toMatchObject({ expected: 24, actual: 113, equation: '24 ≠ 24 + 89 = 113' });
    expect(o.cells).toEqual(['review.litigationDirect.total', 'review.litigationAfterReview.total']);
    expectMessages(rule, o, '行政诉讼24件', 24, 113, '四');
  });

  it('is incomplete without table 四', () => {
    const omit = REVIEW_GROUPS.flatMap((g) => REVIEW_FIELDS.map((f) => `review.${g}.${f}`));
    const r = withText(realistic(format, {}, { year: 2023, omit }), '全年因政府信息公开被申请行政复议440件。');
    expect(outcomes(rule, r).map((o) => o.status)).toEqual(['incomplete']);
  });
});
