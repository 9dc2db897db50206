import { describe, expect, it } from 'vitest';
import { runRules } from '../../lib/check';
import { cellBlankAsZero as rule } from '../../lib/rules/cell-blank-as-zero';
import { expectMessages, FORMATS, K, realistic } from './support';

describe.each(FORMATS)('cell.blankAsZero, %s format', (format) => {
  it('has nothing to say when every zero is written as 0', () => {
    expect(rule.check(realistic(format))).toEqual([]);
  });

  it('gives one info per table, listing its cells and how they were written', () => {
    const active = format === '2021' ? 'active.regulations.repealed' : 'active.punishment.change';
    const report = realistic(format, {
      [active]: '无',
      // Shanghai 2019 style: zero cells of table 三 left blank or dashed
      [K('granted', 'otherOrg')]: '',
      [K('denied.stateSecret', 'research')]: '',
      [K('carriedForward', 'social')]: '—',
      'review.litigationAfterReview.corrected': '/',
      'review.litigationDirect.corrected': '不适用',
    });
    const all = rule.check(report);
    expect(all.map((o) => [o.scope, o.status, o.cells])).toEqual([
      ['active', 'failed', [active]],
      ['applications', 'failed', [K('granted', 'otherOrg'), K('denied.stateSecret', 'research'), K('carriedForward', 'social')]],
      ['review', 'failed', ['review.litigationDirect.corrected', 'review.litigationAfterReview.corrected']],
    ]);
    const [a, b, c] = all;
    expect(b!.data).toMatchObject({ count: 3, blanks: 2 });
    expect(expectMessages(rule, a!, '无').zh).toBe('表二中 1 个单元格（无）按 0 计算');
    expect(expectMessages(rule, b!, 3).zh).toBe('表三中 3 个单元格（空白、—）按 0 计算');
    expect(expectMessages(rule, c!, 2, '/', '不适用').en).toBe('2 cells of 表四 (不适用、/) are counted as 0');
  });

  it('lists at most four ways of writing zero', () => {
    const raws = ['', '—', '-', '/', '无', 'N/A'];
    const keys = ['upheld', 'corrected', 'other', 'pending', 'total'].map((f) => `review.litigationDirect.${f}`);
    keys.push('review.litigationAfterReview.corrected');
    const report = realistic(format, Object.fromEntries(keys.map((k, i) => [k, raws[i]!])));
    const [o] = rule.check(report);
    expect(o!.cells).toHaveLength(6);
    expect(String(o!.data.shown).split('、')).toHaveLength(4);
  });

  it('is an info finding through runRules, and the blank still counts as 0 in the sums', () => {
    const { findings } = runRules(realistic(format, { [K('granted', 'otherOrg')]: '' }));
    expect(findings).toEqual([expect.objectContaining({ id: 'cell.blankAsZero:applications', severity: 'info', cells: [K('granted', 'otherOrg')] })]);
  });
});
