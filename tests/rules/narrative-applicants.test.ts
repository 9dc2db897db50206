import { describe, expect, it } from 'vitest';
import { narrativeApplicants as rule } from '../../lib/rules/narrative-applicants';
import { withText } from '../narrative/support';
import { expectMessages, failed, FORMATS, K, onlyFailure, realistic } from './support';

// Suqian 2023: 新收 自然人 3402 and 法人… 99+4+5+1+0 = 109; with 上年结转 3493 and 114.
const report = (format: (typeof FORMATS)[number], text: string) => withText(realistic(format, {}, { year: 2023 }), text);

describe.each(FORMATS)('narrative.applicants, %s format', (format) => {
  it.each([
    ['of new applications', '依申请公开：自然人申请3402件，法人或其他组织申请109件。'],
    ['of new + carried over (Suqian 2023)', '依申请公开：自然人申请 3493 件，法人或其他组织申请 114 件。'],
  ])('passes the columns %s', (_, text) => {
    const all = rule.check(report(format, text));
    expect(all.map((o) => o.status)).toEqual(['passed', 'passed']);
  });

  it('fails a 自然人 count no reading gives, pointing at the 自然人 cell of 新收', () => {
    const o = onlyFailure(rule, report(format, '依申请公开：自然人申请3400件。'));
    expect(o.cells[0]).toBe(K('newReceived', 'naturalPerson'));
    expect(o.equation).toBe('3400 ≠ 3402 / 3402 + 91 = 3493');
    expectMessages(rule, o, '自然人申请3400件', 3402, 3493);
  });

  it('fails a 法人或其他组织 count no reading gives', () => {
    const o = onlyFailure(rule, report(format, '依申请公开：法人或其他组织申请110件。'));
    expect(o.equation).toBe('110 ≠ 109 / 109 + 5 = 114');
    expect(failed(rule, report(format, '依申请公开：法人或其他组织申请109件。'))).toEqual([]);
  });
});
