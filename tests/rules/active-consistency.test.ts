import { describe, expect, it } from 'vitest';
import { activeConsistency as rule } from '../../lib/rules/active-consistency';
import { expectMessages, failed, findingsOf, onlyFailure, realistic } from './support';

describe('active.consistency', () => {
  it('checks nothing in the 2021 format', () => {
    expect(rule.check(realistic('2021'))).toEqual([]);
  });

  it('passes a consistent 2019 report, negative 本年增/减 included', () => {
    const all = rule.check(realistic('2019'));
    expect(all.map((o) => [o.scope, o.status])).toEqual([
      ['regulations.totalPublished', 'passed'],
      ['normativeDocs.totalPublished', 'passed'],
      ...['licensing', 'otherServices', 'punishment', 'coercion', 'fees'].map((r) => [`${r}.items`, 'passed']),
    ]);
  });

  it('warns when 对外公开总数量 is below 本年新公开数量', () => {
    const o = onlyFailure(rule, realistic('2019', { 'active.normativeDocs.totalPublished': 30 })); // published 40
    expect(o).toMatchObject({
      scope: 'normativeDocs.totalPublished',
      cells: ['active.normativeDocs.totalPublished', 'active.normativeDocs.published'],
      equation: '30 < 40',
    });
    expectMessages(rule, o, '规范性文件 / 对外公开总数量', '30 < 40');
  });

  it('accepts 对外公开总数量 equal to 本年新公开数量', () => {
    expect(failed(rule, realistic('2019', { 'active.regulations.totalPublished': 3 }))).toEqual([]);
  });

  it('warns when 上一年项目数量 + 本年增/减 is negative, pointing at the change', () => {
    const o = onlyFailure(rule, realistic('2019', { 'active.fees.change': '-15' })); // 12 − 15
    expect(o).toMatchObject({ scope: 'fees.items', cells: ['active.fees.change', 'active.fees.previous'], equation: '12 + (-15) = -3 < 0' });
    expectMessages(rule, o, '行政事业性收费 / 本年增/减', '12 + (-15) = -3 < 0');
  });

  it('accepts a change that brings the items to exactly 0', () => {
    expect(failed(rule, realistic('2019', { 'active.coercion.change': '-45' }))).toEqual([]);
  });

  it('marks a check with an unreadable operand incomplete (needs review), never failed', () => {
    const report = realistic('2019', { 'active.licensing.change': '见附件', 'active.regulations.totalPublished': '见附件' });
    expect(failed(rule, report)).toEqual([]);
    const incomplete = rule.check(report).filter((o) => o.status === 'incomplete');
    expect(incomplete.map((o) => [o.scope, o.reason])).toEqual([
      ['regulations.totalPublished', 'unreadable:active.regulations.totalPublished'],
      ['licensing.items', 'unreadable:active.licensing.change'],
    ]);
  });

  it('is a warning finding through runRules', () => {
    expect(findingsOf(realistic('2019', { 'active.otherServices.change': '-121' }), rule.id)).toEqual([
      expect.objectContaining({
        id: 'active.consistency:otherServices.items',
        severity: 'warning',
        cells: ['active.otherServices.change', 'active.otherServices.previous'],
      }),
    ]);
  });
});
