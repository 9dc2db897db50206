import { describe, expect, it } from 'vitest';
import { narrativeProcessed as rule } from '../../lib/rules/narrative-processed';
import { withText } from '../narrative/support';
import { applicationKeys, expectMessages, failed, FORMATS, K, onlyFailure, outcomes, realistic } from './support';

const report = (format: (typeof FORMATS)[number], text: string, cells: Record<string, number | string> = {}) =>
  withText(realistic(format, cells, { year: 2023 }), text);

describe.each(FORMATS)('narrative.processed, %s format', (format) => {
  it.each([
    ['办结 = （七）总计', '全年办结政府信息公开申请3486件。'],
    ['答复 = （七）总计 (Shanghai 2019 wording)', '答复政府信息公开申请3486件（含上年度结转申请96件）。'],
    ['答复 … 结转 = （七）总计 + 结转下年度', '答复政府信息公开申请3607件（含结转下年度办理的申请）。'],
  ])('passes %s', (_, text) => expect(rule.check(report(format, text)).map((o) => o.status)).toEqual(['passed']));

  it('does not take （七）总计 + 结转下年度 without 结转 in the sentence', () => {
    const o = onlyFailure(rule, report(format, '全年办结政府信息公开申请3607件。'));
    expect(o).toMatchObject({ expected: 3607, actual: 3486 });
    expect(o.cells[0]).toBe(K('totalProcessed', 'total'));
    expectMessages(rule, o, '办结政府信息公开申请3607件', 3607, 3486, '七');
  });

  it('is incomplete without table 三', () => {
    const r = withText(realistic(format, {}, { year: 2023, omit: applicationKeys(format) }), '全年办结政府信息公开申请3486件。');
    expect(outcomes(rule, r, 'incomplete')).toHaveLength(1);
    expect(failed(rule, r)).toEqual([]);
  });
});
