import { describe, expect, it } from 'vitest';
import { activeInForceBelowNet as rule } from '../../lib/rules/active-in-force-below-net';
import { checkDocument } from '../../lib/check';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';
import { expectMessages, failed, findingsOf, onlyFailure, realistic } from './support';

describe('active.inForceBelowNet', () => {
  it('checks nothing in the 2019 format', () => {
    expect(rule.check(realistic('2019'))).toEqual([]);
  });

  it('passes a consistent 2021 report, more repealed than issued included', () => {
    // 规章 2 − 1 = 1 ≤ 12; 行政规范性文件 50 − 227 < 420
    expect(rule.check(realistic('2021')).map((o) => [o.scope, o.status])).toEqual([
      ['regulations', 'passed'],
      ['normativeDocs', 'passed'],
    ]);
    expect(failed(rule, realistic('2021', { 'active.regulations.inForce': 1 }))).toEqual([]);
  });

  it('notes 现行有效件数 below 本年制发 − 本年废止, pointing at 现行有效件数', () => {
    const o = onlyFailure(rule, realistic('2021', { 'active.normativeDocs.issued': 500, 'active.normativeDocs.repealed': 20 })); // 420 < 480
    expect(o).toMatchObject({
      scope: 'normativeDocs',
      cells: ['active.normativeDocs.inForce', 'active.normativeDocs.issued', 'active.normativeDocs.repealed'],
      expected: 480,
      actual: 420,
      equation: '420 < 500 − 20 = 480',
    });
    const { zh } = expectMessages(rule, o, '420', '500 − 20 = 480', '-60');
    expect(zh).toBe(
      '行政规范性文件：现行有效件数 420 小于本年制发件数减本年废止件数（500 − 20 = 480），按此推算上年现行有效件数为 -60；请确认是否有年内到期失效的文件，或现行有效件数的统计口径',
    );
    expect(findingsOf(realistic('2021', { 'active.regulations.issued': 30 }), rule.id)).toEqual([
      expect.objectContaining({ id: 'active.inForceBelowNet:regulations', severity: 'info' }),
    ]);
  });

  it('leaves a row with an unreadable operand for review, never failed', () => {
    const all = rule.check(realistic('2021', { 'active.regulations.inForce': '见附件', 'active.normativeDocs.issued': 900 }));
    expect(all.map((o) => [o.scope, o.status])).toEqual([
      ['regulations', 'incomplete'],
      ['normativeDocs', 'failed'],
    ]);
  });

  it('notes it on a real page (平潭 2023 with its 本年制发 of 行政规范性文件 changed)', () => {
    // 行政规范性文件: 本年制发 77 → 700, 本年废止 132, 现行有效 470 < 700 − 132 = 568
    const html = fixtureHtml('pingtan-2023.html').replace('>77</p>', '>700</p>');
    const findings = checkDocument(docFromHtml(html)).findings.filter((f) => f.ruleId === rule.id);
    expect(findings.map((f) => [f.severity, f.cells[0], f.equation])).toEqual([['info', 'active.normativeDocs.inForce', '470 < 700 − 132 = 568']]);
    expect(checkDocument(docFromHtml(fixtureHtml('pingtan-2023.html'))).findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });
});
