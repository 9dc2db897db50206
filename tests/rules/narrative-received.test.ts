import { describe, expect, it } from 'vitest';
import { runRules } from '../../lib/check';
import { narrativeReceived as rule } from '../../lib/rules/narrative-received';
import { withText } from '../narrative/support';
import { applicationKeys, expectMessages, failed, FORMATS, K, onlyFailure, outcomes, realistic } from './support';

// The realistic report is Suqian 2023: 新收 3511, 上年结转 96, （七）总计 3486.
const report = (format: (typeof FORMATS)[number], text: string, cells: Record<string, number | string> = {}) =>
  withText(realistic(format, cells, { year: 2023 }), text);

describe.each(FORMATS)('narrative.received, %s format', (format) => {
  it.each([
    ['收到 = 新收', '2023年共收到政府信息公开申请3511件。'],
    ['新收', '全年新收政府信息公开申请3511件。'],
    ['受理 = 新收', '全年受理政府信息公开申请3511件。'],
    ['收办 = 新收 + 上年结转 (Suqian 2023)', '2023年，共收办政府信息公开申请3607件。'],
    ['办理 = （七）总计', '全年办理政府信息公开申请3486件。'],
  ])('passes %s', (_, text) => {
    const all = rule.check(report(format, text));
    expect(all).toHaveLength(1);
    expect(all[0]!.status).toBe('passed');
  });

  it('fails 收到 N 件 that is 新收 + 上年结转 (收到 means new ones only)', () => {
    const o = onlyFailure(rule, report(format, '2023年共收到政府信息公开申请3607件。'));
    expect(o).toMatchObject({ expected: 3607, actual: 3511, equation: '3607 ≠ 3511' });
    expect(o.cells[0]).toBe(K('newReceived', 'total'));
    const { zh } = expectMessages(rule, o, '收到政府信息公开申请3607件', 3607, 3511);
    expect(zh).toBe('正文“收到政府信息公开申请3607件”与表三不一致：表中一、本年新收为 3511，不是 3607。原句：“2023年共收到政府信息公开申请3607件。”');
  });

  it('fails 受理 N 件 only when no reading gives N, and names every reading', () => {
    const o = onlyFailure(rule, report(format, '全年受理政府信息公开申请3600件。'));
    expect(o.equation).toBe('3600 ≠ 3511 / 3511 + 96 = 3607 / 3486');
    const { zh, en } = expectMessages(rule, o, 3600, 3511, 3607, 3486);
    expect(zh).toContain('都不是 3600');
    expect(en).toContain('new + carried over');
  });

  it('checks 未收到…申请 against 新收 = 0', () => {
    expect(outcomes(rule, report(format, '本年度未收到政府信息公开申请。'), 'failed')).toHaveLength(1);
    const zero = Object.fromEntries(
      ['naturalPerson', 'commercial', 'research', 'social', 'legalService', 'otherOrg', 'total'].map((c) => [K('newReceived', c), 0]),
    );
    expect(failed(rule, report(format, '本年度未收到政府信息公开申请。', zero))).toEqual([]);
  });

  it('reads a blank 总计 from its parts', () => {
    expect(failed(rule, report(format, '全年新收政府信息公开申请3511件。', { [K('newReceived', 'total')]: '' }))).toEqual([]);
  });

  it('is incomplete without table 三, and with an unreadable cell', () => {
    const omit = applicationKeys(format);
    expect(outcomes(rule, withText(realistic(format, {}, { year: 2023, omit }), '全年新收政府信息公开申请3511件。'), 'incomplete')).toHaveLength(1);
    const unreadable = report(format, '全年新收政府信息公开申请3511件。', {
      [K('newReceived', 'total')]: '见附件',
      [K('newReceived', 'naturalPerson')]: '见附件',
    });
    expect(outcomes(rule, unreadable, 'incomplete')).toEqual([expect.objectContaining({ reason: `unreadable:${K('newReceived', 'total')}` })]);
  });

  it('is incomplete when the page holds several reports', () => {
    const r = report(format, '全年新收政府信息公开申请1件。', {});
    r.structure.push({ code: 'multipleReports', severity: 'warning', table: 'document', cells: [] });
    expect(outcomes(rule, r).map((o) => [o.status, o.reason])).toEqual([['incomplete', 'multipleReports']]);
  });

  it('says nothing without a narrative', () => expect(rule.check(realistic(format))).toEqual([]));

  it('is a warning finding through runRules', () => {
    const f = runRules(report(format, '全年新收政府信息公开申请3510件。')).findings.filter((x) => x.ruleId === rule.id);
    expect(f.map((x) => [x.severity, x.cells[0]])).toEqual([['warning', K('newReceived', 'total')]]);
  });
});

it('takes 收到 N 件（含上年结转…） as 新收 + 上年结转', () => {
  const r = withText(realistic('2021', {}, { year: 2023 }), '2023年共收到政府信息公开申请3607件（含上年结转96件）。');
  expect(failed(rule, r)).toEqual([]);
});

it('has severity warning', () => expect(rule.severity).toBe('warning'));
