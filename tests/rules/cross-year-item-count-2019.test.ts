import { describe, expect, it } from 'vitest';
import { crossYearItemCount as rule } from '../../lib/rules/cross-year-item-count-2019';
import { current, failedWith, previous } from './cross-year-support';
import { expectMessages, realisticCells } from './support';

describe('crossYear.itemCount2019', () => {
  const cell = (key: string) => Number(realisticCells('2019')[key]);
  const carried = (extra = 0) => ({ 'active.licensing.previous': cell('active.licensing.previous') + cell('active.licensing.change') + extra });

  it('holds when this year’s previous count = last year’s previous + change', () => {
    const all = rule.check(current('2019', carried()), { previous: previous('2019') });
    expect(all.find((o) => o.scope === 'licensing')!.status).toBe('passed');
  });

  it('warns on the row that does not carry, with the arithmetic', () => {
    const fails = failedWith(rule, current('2019', carried(5)), previous('2019')).filter((o) => o.scope === 'licensing');
    expect(fails).toHaveLength(1);
    expect(fails[0]!.cells[0]).toBe('active.licensing.previous');
    expectMessages(rule, fails[0]!, '行政许可');
  });

  it('applies only to 2019-format pairs', () => {
    expect(rule.check(current('2021'), { previous: previous('2021') })).toEqual([]);
    expect(rule.check(current('2021'), { previous: previous('2019') })).toEqual([]);
  });
});
