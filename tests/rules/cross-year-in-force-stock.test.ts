import { describe, expect, it } from 'vitest';
import { crossYearInForceStock as rule } from '../../lib/rules/cross-year-in-force-stock';
import { current, failedWith, previous } from './cross-year-support';
import { expectMessages } from './support';

const stock = (issued: number, repealed: number, inForce: number) => ({
  'active.regulations.issued': 0,
  'active.regulations.repealed': 0,
  'active.normativeDocs.issued': issued,
  'active.normativeDocs.repealed': repealed,
  'active.normativeDocs.inForce': inForce,
});

describe('crossYear.inForceStock', () => {
  it('holds when in force = last year + issued − repealed (Suqian: 597 + 50 − 227 = 420)', () => {
    const all = rule.check(current('2021', stock(50, 227, 420)), { previous: previous('2021', stock(0, 0, 597)) });
    expect(all.find((o) => o.scope === 'normativeDocs')!.status).toBe('passed');
  });

  it('warns, worded to allow expiry, when it does not (Pingtan: 470 + 62 − 33 = 499, page 440)', () => {
    const [o, ...rest] = failedWith(rule, current('2021', stock(62, 33, 440)), previous('2021', stock(77, 132, 470)));
    expect(rest).toEqual([]);
    expect(o).toMatchObject({ scope: 'normativeDocs', expected: 499, actual: 440, equation: '470 + 62 − 33 = 499 ≠ 440' });
    expect(o!.cells[0]).toBe('active.normativeDocs.inForce');
    const { zh } = expectMessages(rule, o!, '行政规范性文件', 440, 499);
    expect(zh).toContain('到期失效');
  });

  it('does not compare across the 2020→2021 format change, and says so', () => {
    const [o] = rule.check(current('2021'), { previous: previous('2019') });
    expect([o!.status, o!.severity, o!.data.formatChange]).toEqual(['failed', 'info', true]);
    expect(rule.message.zh(o!)).toContain('不作跨年比较');
  });

  it('does not apply to two 2019-format reports or without a previous report', () => {
    expect(rule.check(current('2019'), { previous: previous('2019') })).toEqual([]);
    expect(rule.check(current('2021'))).toEqual([]);
  });
});
