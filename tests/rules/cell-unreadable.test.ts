import { describe, expect, it } from 'vitest';
import { runRules } from '../../lib/check';
import { cellUnreadable as rule } from '../../lib/rules/cell-unreadable';
import { expectMessages, FORMATS, onlyFailure, realistic } from './support';

describe.each(FORMATS)('cell.unreadable, %s format', (format) => {
  it('has nothing to say when every cell reads as a number (blanks and dashes included)', () => {
    expect(
      rule.check(realistic(format, { 'review.review.other': '', 'applications.granted.research': '—', 'review.litigationDirect.corrected': '无' })),
    ).toEqual([]);
  });

  it.each([
    ['review.review.upheld', '见附件', '行政复议 / 结果维持'],
    ['applications.granted.total', '详见说明', '（一）予以公开 / 总计'],
  ])('flags %s = “%s” for review', (key, raw, label) => {
    const o = onlyFailure(rule, realistic(format, { [key]: raw }));
    expect(o).toMatchObject({ scope: key, cells: [key] });
    expectMessages(rule, o, label, raw);
  });

  it('is a warning through runRules, while the identities using the cell become incomplete', () => {
    const { findings, incomplete } = runRules(realistic(format, { 'review.review.upheld': '见附件' }));
    expect(findings.map((f) => [f.id, f.severity])).toEqual([['cell.unreadable:review.review.upheld', 'warning']]);
    expect(incomplete).toEqual([{ ruleId: 'review.groupTotal', scope: 'review', cells: ['review.review.upheld'], reason: 'unreadable:review.review.upheld' }]);
  });
});

describe('cell names follow the report’s format', () => {
  it('names a 2019 table 二 cell by its 2019 header (处理决定数量, not 本年处理决定数量)', () => {
    const o = onlyFailure(rule, realistic('2019', { 'active.licensing.decisions': '见附件' }));
    expect(rule.message.zh(o)).toContain('行政许可 / 处理决定数量：');
    const o21 = onlyFailure(rule, realistic('2021', { 'active.licensing.decisions': '见附件' }));
    expect(rule.message.zh(o21)).toContain('行政许可 / 本年处理决定数量：');
  });
});
