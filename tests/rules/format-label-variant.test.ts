import { describe, expect, it } from 'vitest';
import { formatLabelVariant as rule } from '../../lib/rules/format-label-variant';
import type { StructureNote } from '../../lib/schema';
import { expectMessages, findingsOf, FORMATS, realistic } from './support';

const variant = (table: StructureNote['table'], shown: string, official: string, cells: string[] = []): StructureNote => ({ code: 'labelVariant', severity: 'info', table, cells, shown, official });

describe.each(FORMATS)('format.labelVariant, %s format', (format) => {
  it('has nothing to say without label variants', () => {
    expect(rule.check(realistic(format))).toEqual([]);
    expect(rule.check(realistic(format, {}, { structure: [{ code: 'tableSplit', severity: 'info', table: 'applications', cells: [] }] }))).toEqual([]);
  });

  it('reports each variant with the page’s label and the official one (seeds 002, 003)', () => {
    const structure = [
      variant('active', '本年度止件数', '本年废止件数', ['active.regulations.repealed', 'active.normativeDocs.repealed']),
      variant('applications', '（本列数据的逻辑关系为：第一项加第二项之和，等于第三项加第四项之和）', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'),
    ];
    const all = rule.check(realistic(format, {}, { structure }));
    expect(all.map((o) => [o.scope, o.status, o.cells])).toEqual([
      ['active.0', 'failed', ['active.regulations.repealed', 'active.normativeDocs.repealed']],
      ['applications.1', 'failed', []],
    ]);
    const { zh } = expectMessages(rule, all[0]!, '本年度止件数', '本年废止件数');
    expect(zh).toBe('表头与标准格式不一致：“本年度止件数”，标准为“本年废止件数”');
    expectMessages(rule, all[1]!, '逻辑关系', '勾稽关系');
  });

  it('is an info finding through runRules', () => {
    const report = realistic(format, {}, { structure: [variant('applications', '2.其他法律法规禁止公开', '2.其他法律行政法规禁止公开')] });
    expect(findingsOf(report, rule.id)).toEqual([expect.objectContaining({ id: 'format.labelVariant:applications.0', severity: 'info' })]);
  });
});
