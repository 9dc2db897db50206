import { describe, expect, it } from 'vitest';
import { REPORT_TITLE, meta, probe } from '../lib/detect';
import { documentFacts } from '../lib/document-facts';
import { docFromHtml, fixtureHtml } from '../toolkit/dom';

// Title predicates with their positive and negative examples side by side.
describe('REPORT_TITLE', () => {
  it.each([
    '沂源县司法局2021年政府信息公开工作年度报告',
    '乐清市司法局 2021 年政府信息公开工作年度报告',
    '平潭综合实验区2023年度政府信息公开工作年度报告',
    '2021年度政府信息公开工作报告',
    '宿迁市2017年政府信息公开年度报告',
    '某局2012年政务信息公开工作年度报告',
  ])('matches %s', (t) => expect(REPORT_TITLE.test(t)).toBe(true));
  it.each(['政府信息公开年报', '关于做好政府信息公开工作的通知', '2021年部门预算公开', '2021年政府工作报告'])('does not match %s', (t) =>
    expect(REPORT_TITLE.test(t)).toBe(false),
  );
});

const page = (head: string, body: string) => docFromHtml(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`);

describe('document facts', () => {
  it('prefers the signature when the title names only a department (seed 003)', () => {
    const doc = page(
      '<title>司法局 2020 年政府信息公开工作年度报告</title>',
      '<div class="article"><p>正文</p><p>固原市原州区司法局</p><p>2021年1月28日</p></div>',
    );
    const f = documentFacts(doc, doc.querySelector('.article'), '司法局 2020 年政府信息公开工作年度报告');
    expect([f.agency, f.agencySource, f.year]).toEqual(['固原市原州区司法局', 'signature', 2020]);
  });
  it('reads the agency from the title prefix and the year from the 统计期限 sentence when the title has none', () => {
    const doc = page('', '<div class="article"><p>本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。</p></div>');
    const f = documentFacts(doc, doc.querySelector('.article'), '政府信息公开工作年度报告');
    expect(f.year).toBe(2022);
    const g = documentFacts(doc, doc.querySelector('.article'), '利通区司法局 2022 年政府信息公开工作年度报告');
    expect([g.agency, g.agencySource]).toEqual(['利通区司法局', 'title']);
  });
  it('falls back to the ContentSource meta', () => {
    const doc = page('<meta name="ContentSource" content="某某县信访局">', '<div class="article"><p>正文很长。</p></div>');
    expect(documentFacts(doc, doc.querySelector('.article'), '2021年度政府信息公开工作报告').agency).toBe('某某县信访局');
  });
  it('reads metas whatever the case of their attribute names (the real 乐山 page: <META Name="PubDate" Content=…>)', () => {
    const doc = docFromHtml(fixtureHtml('seed-004-leshan-2021.html'));
    expect(meta(doc, 'PubDate')).toBe('2022-01-28 17:46');
    const upper = page('<META NAME="PubDate" CONTENT="2024-01-25">', '<div class="article"><p>正文。</p></div>');
    expect(meta(upper, 'pubdate')).toBe('2024-01-25');
  });
});

describe('probe', () => {
  it('rejects a page with no report title and no report table without reading tables', () => {
    const p = probe(page('<title>工作动态</title>', '<table><tr><td>发布时间</td><td>2022-01-01</td></tr></table>'));
    expect([p.titled, p.strongTable]).toEqual([false, false]);
  });
  it('finds report tables by their labels even without a title', () => {
    const p = probe(page('<title>x</title>', '<table><tr><td>一、本年新收政府信息公开申请数量</td><td>1</td></tr></table>'));
    expect(p.strongTable).toBe(true);
    // after ordinary tables and a layout table holding the report table
    const later = probe(
      page(
        '<title>x</title>',
        '<table><tr><td>发布时间</td></tr></table><table><tr><td><table><tr><td>一、本年新收政府信息公开申请数量</td></tr></table></td></tr></table>',
      ),
    );
    expect(later.strongTable).toBe(true);
  });
  it('does not take the national format notice for a report', () => {
    expect(probe(page('<meta name="ArticleTitle" content="关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知">', '')).titled).toBe(false);
  });
});
