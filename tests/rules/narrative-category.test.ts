import { describe, expect, it } from 'vitest';
import { OUTCOME_GROUPS } from '../../lib/keys';
import { narrativeCategory as rule } from '../../lib/rules/narrative-category';
import { withText } from '../narrative/support';
import { expectMessages, failed, FORMATS, K, onlyFailure, outcomes, realistic } from './support';

// Suqian 2023 categories: 1191 / 328 / 142 / 1078 / 406 / 341.
const report = (format: (typeof FORMATS)[number], text: string, cells: Record<string, number | string> = {}) =>
  withText(realistic(format, cells, { year: 2023 }), text);
const SUQIAN = '依申请公开：予以公开1191件，部分公开328件，不予公开142件，无法提供1078件，不予处理406件，其他处理341件。';

describe.each(FORMATS)('narrative.category, %s format', (format) => {
  it('passes the six categories of Suqian 2023 (groups summed over their rows)', () => {
    expect(rule.check(report(format, SUQIAN)).map((o) => [o.scope.split('@')[0], o.status])).toEqual(
      ['granted', 'partiallyGranted', 'denied', 'unavailable', 'notProcessed', 'otherProcessed'].map((k) => [k, 'passed']),
    );
  });

  it('passes 予以公开及部分公开 = 予以公开 + 部分公开, and 予以公开 N 件（含部分公开）', () => {
    expect(failed(rule, report(format, '依申请公开：予以公开及部分公开1519件。'))).toEqual([]);
    expect(failed(rule, report(format, '依申请公开：予以公开1519件（含部分公开328件）。'))).toEqual([]);
  });

  it('flags the Shanghai 2019 pattern: 予以公开及部分公开 given as the 自然人 予以公开 cell', () => {
    const o = onlyFailure(rule, report(format, '依申请公开：予以公开及部分公开1150件。'));
    expect(o).toMatchObject({ expected: 1150, actual: 1519, equation: '1150 ≠ 1191 + 328 = 1519' });
    expect(o.cells.slice(0, 2)).toEqual([K('granted', 'total'), K('partiallyGranted', 'total')]);
    expectMessages(rule, o, '予以公开及部分公开1150件', 1150, 1519);
  });

  it('compares 不予公开 with the sum of its eight rows, read from their parts when the 总计 cells are blank', () => {
    const blanks = Object.fromEntries(OUTCOME_GROUPS.denied.rows.map((r) => [K(r, 'total'), '']));
    expect(failed(rule, report(format, '依申请公开：不予公开142件。', blanks))).toEqual([]);
    const o = onlyFailure(rule, report(format, '依申请公开：不予公开140件。', blanks));
    expect(o.cells[0]).toBe(K('denied.stateSecret', 'total'));
    expect(o.actual).toBe(142);
  });

  it('is incomplete with an unreadable row', () => {
    const r = report(format, '依申请公开：部分公开328件。', { [K('partiallyGranted', 'total')]: '见附件', [K('partiallyGranted', 'naturalPerson')]: '？' });
    expect(outcomes(rule, r, 'incomplete')).toHaveLength(1);
  });
});
