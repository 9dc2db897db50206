import { describe, expect, it } from 'vitest';
import { runRules } from '../../lib/check';
import { REVIEW_FIELDS, REVIEW_GROUPS } from '../../lib/keys';
import { reviewGroupTotal as rule } from '../../lib/rules/review-group-total';
import { expectMessages, failed, FORMATS, onlyFailure, outcomes, realistic } from './support';

/** Suqian 2024 (report-format.md §2.2): 88+18+28+36 = 170, 7+0+11+7 = 25, 33+0+6+13 = 52. */
const SUQIAN_2024 = Object.fromEntries(
  Object.entries({ review: [88, 18, 28, 36, 170], litigationDirect: [7, 0, 11, 7, 25], litigationAfterReview: [33, 0, 6, 13, 52] }).flatMap(([g, vs]) =>
    REVIEW_FIELDS.map((f, i) => [`review.${g}.${f}`, vs[i]!]),
  ),
);

describe.each(FORMATS)('review.groupTotal, %s format', (format) => {
  it.each([
    ['Suqian 2023', {}],
    ['Suqian 2024', SUQIAN_2024],
  ])('passes the three groups of %s', (_, cells) => {
    const all = rule.check(realistic(format, cells));
    expect(all.map((o) => [o.scope, o.status])).toEqual(REVIEW_GROUPS.map((g) => [g, 'passed']));
  });

  it.each([
    ['review', '行政复议', 440, 439],
    ['litigationDirect', '行政诉讼·未经复议直接起诉', 24, 42],
    ['litigationAfterReview', '行政诉讼·复议后起诉', 89, 90],
  ])('fails only the %s group when its 总计 is off', (group, label, expected, actual) => {
    const o = onlyFailure(rule, realistic(format, { [`review.${group}.total`]: actual }));
    expect(o).toMatchObject({ scope: group, expected, actual });
    expect(o.cells[0]).toBe(`review.${group}.total`);
    expect(o.cells).toHaveLength(5);
    expectMessages(rule, o, label, expected, actual);
  });

  it('says a blank 总计 is left blank', () => {
    const o = onlyFailure(rule, realistic(format, { 'review.review.total': '' }));
    const { zh, en } = expectMessages(rule, o, 440);
    expect(zh).toBe('行政复议：结果维持、结果纠正、其他结果、尚未审结之和为 440，总计栏为空（未填）');
    expect(en).toContain('left blank');
  });

  it('has no identity between the groups', () => {
    // 复议后起诉 cases need not be a subset of this body's own 行政复议
    expect(failed(rule, realistic(format, { 'review.litigationAfterReview.upheld': 500, 'review.litigationAfterReview.total': 576 }))).toEqual([]);
  });

  it('is incomplete, never failed, with an unreadable cell', () => {
    const report = realistic(format, { 'review.litigationDirect.pending': '见附件' });
    expect(failed(rule, report)).toEqual([]);
    expect(outcomes(rule, report, 'incomplete').map((o) => o.scope)).toEqual(['litigationDirect']);
  });

  it('says nothing without table 四', () => {
    const omit = REVIEW_GROUPS.flatMap((g) => REVIEW_FIELDS.map((f) => `review.${g}.${f}`));
    expect(rule.check(realistic(format, {}, { omit }))).toEqual([]);
  });

  it('is an error finding through runRules', () => {
    const { findings } = runRules(realistic(format, { 'review.review.pending': 27 }));
    expect(findings.map((f) => [f.id, f.severity, f.expected, f.actual])).toEqual([['review.groupTotal:review', 'error', 441, 440]]);
  });
});
