// runRules: one wrong cell breaks a row and a column identity by the same amount; the
// findings are grouped under the likely cause (report-format.md §2.1 rule 5).

import { describe, expect, it } from 'vitest';
import { runRules } from '../../lib/check';
import { applicationsRowSum } from '../../lib/rules/applications-row-sum';
import { cellUnit } from '../../lib/rules/cell-unit';
import type { Rule } from '../../lib/rules/support/types';
import type { Finding } from '../../lib/schema';
import { bump, FORMATS, K, realistic } from './support';

const summary = (fs: Finding[]) => fs.map((f) => ({ id: f.id, first: f.cells[0], likelyCause: f.likelyCause, groupedUnder: f.groupedUnder }));

describe.each(FORMATS)('grouping by likely cause, %s format', (format) => {
  it('puts a wrong applicant cell first and groups its column finding under its row finding', () => {
    const cause = K('granted', 'naturalPerson'); // 1150 → 1153, row total 1191 unchanged
    const { findings } = runRules(realistic(format, bump(format, cause, 3)));
    expect(summary(findings)).toEqual([
      { id: 'applications.rowSum:granted', first: cause, likelyCause: cause, groupedUnder: undefined },
      { id: 'applications.outcomeTotal:naturalPerson', first: cause, likelyCause: cause, groupedUnder: 'applications.rowSum:granted' },
    ]);
    expect(findings.map((f) => [f.expected, f.actual])).toEqual([
      [1194, 1191],
      [3378, 3375],
    ]);
  });

  it('groups both column findings of a wrong （七）总计 total under its row sum', () => {
    const cause = K('totalProcessed', 'total'); // 3486 → 3490
    const { findings } = runRules(realistic(format, bump(format, cause, 4)));
    expect(summary(findings)).toEqual([
      { id: 'applications.rowSum:totalProcessed', first: cause, likelyCause: cause, groupedUnder: undefined },
      { id: 'applications.outcomeTotal:total', first: cause, likelyCause: cause, groupedUnder: 'applications.rowSum:totalProcessed' },
      { id: 'applications.columnBalance:total', first: cause, likelyCause: cause, groupedUnder: 'applications.rowSum:totalProcessed' },
    ]);
  });

  it('groups nothing when two cells of one column are wrong by the same amount', () => {
    const { findings } = runRules(
      realistic(format, { ...bump(format, K('granted', 'naturalPerson'), 3), ...bump(format, K('partiallyGranted', 'naturalPerson'), 3) }),
    );
    expect(summary(findings)).toEqual([
      { id: 'applications.rowSum:granted', first: K('granted', 'total'), likelyCause: undefined, groupedUnder: undefined },
      { id: 'applications.rowSum:partiallyGranted', first: K('partiallyGranted', 'total'), likelyCause: undefined, groupedUnder: undefined },
      { id: 'applications.outcomeTotal:naturalPerson', first: K('totalProcessed', 'naturalPerson'), likelyCause: undefined, groupedUnder: undefined },
    ]);
  });

  it('groups nothing when one column finding is explained equally well by several rows', () => {
    // 予以公开 +3, 部分公开 +3 and （七） +3 in 自然人: the column is off by 3, like each of the three rows
    const cells = {
      ...bump(format, K('granted', 'naturalPerson'), 3),
      ...bump(format, K('partiallyGranted', 'naturalPerson'), 3),
      ...bump(format, K('totalProcessed', 'naturalPerson'), 3),
    };
    const { findings } = runRules(realistic(format, cells));
    expect(findings.map((f) => f.id)).toEqual([
      'applications.rowSum:granted',
      'applications.rowSum:partiallyGranted',
      'applications.rowSum:totalProcessed',
      'applications.outcomeTotal:naturalPerson',
      'applications.columnBalance:naturalPerson',
    ]);
    expect(findings.every((f) => f.likelyCause === undefined && f.groupedUnder === undefined)).toBe(true);
  });
});

describe('runRules', () => {
  const broken = realistic('2021', { ...bump('2021', K('granted', 'total'), 1), 'active.fees.amount': '251000元' });
  const throwing: Rule = {
    ...applicationsRowSum,
    id: 'test.throws',
    check: () => {
      throw new TypeError('boom');
    },
  };
  const badMessage: Rule = {
    ...applicationsRowSum,
    id: 'test.badMessage',
    message: {
      zh: () => {
        throw new Error('no words');
      },
      en: () => '',
    },
  };

  it('turns a throwing rule into one internal.error finding and runs the other rules', () => {
    const { findings } = runRules(broken, [throwing, applicationsRowSum]);
    expect(findings.map((f) => f.id)).toEqual(['applications.rowSum:granted', 'internal.error:test.throws']);
    const err = findings[1]!;
    expect(err).toMatchObject({ ruleId: 'internal.error', severity: 'warning', cells: [] });
    expect(err.message).toContain('TypeError: boom');
    expect(err.messageEn).toContain('test.throws');
  });

  it('turns a failing message template into an internal.error finding', () => {
    const { findings } = runRules(broken, [badMessage]);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([['internal.error:test.badMessage', 'warning']]);
  });

  it.each(FORMATS)('gives a consistent %s report no findings and no incomplete checks, only passed ones', (format) => {
    const { findings, incomplete, passed } = runRules(realistic(format));
    expect(findings).toEqual([]);
    expect(incomplete).toEqual([]);
    const count = (id: string) => passed.filter((p) => p.ruleId === id).length;
    expect([count('applications.rowSum'), count('applications.outcomeTotal'), count('applications.columnBalance'), count('review.groupTotal')]).toEqual([
      format === '2021' ? 25 : 23,
      7,
      7,
      3,
    ]);
  });

  it('orders findings most severe first, keeping the rule order otherwise', () => {
    const { findings } = runRules(broken, [cellUnit, applicationsRowSum]);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['applications.rowSum', 'error'],
      ['cell.unit', 'warning'],
    ]);
  });
});
