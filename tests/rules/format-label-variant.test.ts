import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../lib/check';
import { formatLabelVariant as rule } from '../../lib/rules/format-label-variant';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';
import type { StructureNote } from '../../lib/schema';
import { expectMessages, findingsOf, FORMATS, realistic } from './support';

const variant = (table: StructureNote['table'], shown: string, official: string, cells: string[] = []): StructureNote => ({
  code: 'labelVariant',
  severity: 'info',
  table,
  cells,
  shown,
  official,
});

describe.each(FORMATS)('format.labelVariant, %s format', (format) => {
  it('has nothing to say without label variants', () => {
    expect(rule.check(realistic(format))).toEqual([]);
    expect(rule.check(realistic(format, {}, { structure: [{ code: 'tableSplit', severity: 'info', table: 'applications', cells: [] }] }))).toEqual([]);
  });

  it('reports each variant with the page’s label and the official one (seeds 002, 003)', () => {
    const structure = [
      variant('active', '本年度止件数', '本年废止件数', ['active.regulations.repealed', 'active.normativeDocs.repealed']),
      variant(
        'applications',
        '（本列数据的逻辑关系为：第一项加第二项之和，等于第三项加第四项之和）',
        '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
      ),
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

describe('format.labelVariant on real pages: a label the reader cannot match is read under the nearest official one, or said', () => {
  // 平潭 2023 (2021 format), one label changed
  const check = (from: string, to: string) => {
    const html = fixtureHtml('pingtan-2023.html');
    expect(html.split(from)).toHaveLength(2);
    return checkDocument(docFromHtml(html.replace(from, to)));
  };
  const variants = (c: ReturnType<typeof check>) => c.findings.filter((f) => f.ruleId === rule.id).map((f) => f.message);
  const structure = (c: ReturnType<typeof check>) => c.findings.filter((f) => f.ruleId === 'format.structure').map((f) => [f.severity, f.message]);

  it('reads a table 二 column whose header has a one-character typo under the official column, and says so', () => {
    const c = check('>本年制发件数</p>', '>本年制法件数</p>');
    const cells = c.reading.report!.cells;
    expect([cells['active.regulations.issued']?.value, cells['active.normativeDocs.issued']?.value]).toEqual([0, 77]);
    expect(variants(c)).toEqual(['表头与标准格式不一致：“本年制法件数”，标准为“本年制发件数”']);
    expect(structure(c)).toEqual([]);
  });

  it('says a table 二 column it cannot name, rather than dropping it silently', () => {
    const c = check('>本年制发件数</p>', '>备注</p>');
    expect(c.reading.report!.cells['active.normativeDocs.issued']).toBeUndefined();
    expect(structure(c)).toEqual([['warning', '表二（主动公开）中无法识别的列：“备注”，该列未读取']]);
  });

  it('says the 2019 wording 规范性文件 in a 2021 table 二', () => {
    const c = check('>行政规范性文件</p>', '>规范性文件</p>');
    expect(c.reading.report!.cells['active.normativeDocs.inForce']?.value).toBe(470);
    expect(variants(c)).toEqual(['表头与标准格式不一致：“规范性文件”，标准为“行政规范性文件”']);
    expect(c.findings.find((f) => f.ruleId === rule.id)).toMatchObject({ severity: 'info', cells: ['active.normativeDocs.issued'] });
  });

  it('reads a table 三 column and row whose labels have a typo under the official ones, and says both', () => {
    const c = check('>自然人</p>', '>自燃人</p>');
    expect(c.reading.report!.cells['applications.newReceived.naturalPerson']?.value).toBe(80);
    expect(variants(c)).toEqual(['表头与标准格式不一致：“自燃人”，标准为“自然人”']);
    expect(c.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const row = check('>1.属于国家秘密</p>', '>1.属于国家秘蜜</p>');
    expect(row.reading.report!.cells['applications.denied.stateSecret.total']).toBeDefined();
    expect(variants(row)).toEqual(['表头与标准格式不一致：“1.属于国家秘蜜”，标准为“1.属于国家秘密”']);
    expect(structure(row)).toEqual([]);
  });
});
