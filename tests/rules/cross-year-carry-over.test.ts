import { describe, expect, it } from 'vitest';
import { APPLICATION_COLUMNS } from '../../lib/keys';
import { crossYearCarryOver as rule } from '../../lib/rules/cross-year-carry-over';
import { current, failedWith, previous, PREV_URL } from './cross-year-support';
import { base, expectMessages, FORMATS, K } from './support';

describe.each(FORMATS)('crossYear.carryOver, %s format', (format) => {
  // last year's 结转下年度 becomes this year's 上年结转, column by column
  const carried = (from: 'carriedForward' | 'carriedOver', to: 'carriedForward' | 'carriedOver') =>
    Object.fromEntries(APPLICATION_COLUMNS.map((c) => [K(to, c), base(format, K(from, c))]));

  it('says nothing without the previous report', () => expect(rule.check(current(format))).toEqual([]));

  it('passes every column when the carry-over matches', () => {
    const prev = previous(format, carried('carriedOver', 'carriedForward'));
    const all = rule.check(current(format), { previous: prev });
    expect(all.map((o) => [o.scope, o.status])).toEqual(APPLICATION_COLUMNS.map((c) => [c, 'passed']));
  });

  it('fails exactly the column that disagrees, naming both reports and both cells', () => {
    const fwd = carried('carriedOver', 'carriedForward');
    fwd[K('carriedForward', 'commercial')] = Number(fwd[K('carriedForward', 'commercial')]) + 4;
    const [o, ...rest] = failedWith(rule, current(format), previous(format, fwd));
    expect(rest).toEqual([]);
    expect(o).toMatchObject({
      scope: 'commercial',
      cells: [K('carriedOver', 'commercial')],
      related: { source: PREV_URL, cells: [K('carriedForward', 'commercial')] },
    });
    expect(o!.expected! - o!.actual!).toBe(4);
    expect(o!.severity).toBeUndefined(); // the rule's own: error
    expectMessages(rule, o!, '商业企业', PREV_URL, o!.actual!, o!.expected!);
  });

  it('is only a warning when the agency was renamed', () => {
    const fwd = { ...carried('carriedOver', 'carriedForward'), [K('carriedForward', 'total')]: 9999 };
    const [o] = failedWith(rule, current(format), previous(format, fwd, true));
    expect(o!.severity).toBe('warning');
    expect(rule.message.zh(o!)).toContain('机关名称有变化');
  });

  it('marks an unreadable cell incomplete, never failed', () => {
    const prev = previous(format, { ...carried('carriedOver', 'carriedForward'), [K('carriedForward', 'total')]: '见附件' });
    const total = rule.check(current(format), { previous: prev }).find((o) => o.scope === 'total')!;
    expect([total.status, total.reason]).toEqual(['incomplete', 'unreadable']);
  });
});
