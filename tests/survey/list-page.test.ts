// The list-page reader (issue 18): which links of a 年报 column are reports, with their
// agency, year and format, and which are the list's other pages — on the real-shaped TRS
// list fixture and on the shapes government CMSs write (title attributes over cut text,
// 详情 links, attachments, script pagers, ?page=N).

import { describe, expect, it } from 'vitest';
import { formatOf, LIST_LIMITS, pageKey, pagerScriptPages, readListPage, scriptLinks } from '../../lib/survey/list-page';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';

const QH = 'http://www.qinghe.gov.cn/zwgk/zfxxgknb/';

/** A TRS 政务公开 column: <ul><li><a href title>…</a><span>date</span></li>, then the pager. */
const trsList = (items: string, pager = '', head = '') =>
  docFromHtml(`<!DOCTYPE html><html><head><meta charset="utf-8">${head}<title>政府信息公开年报_某县人民政府</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="http://www.gov.cn/">中国政府网</a></div>
<ul class="list">${items}</ul><div class="page">${pager}</div></body></html>`);
const li = (href: string, text: string, title = text) =>
  `<li><a href="${href}" target="_blank" title="${title}">${text}</a><span class="date">2024-01-25</span></li>`;

describe('reports on the real-shaped TRS column (negative-report-list.html)', () => {
  const page = readListPage(docFromHtml(fixtureHtml('negative-report-list.html')), QH);

  it('finds its 26 report links, each with its agency, year and format', () => {
    expect(page.reports).toHaveLength(26);
    expect(page.reports[0]).toEqual({
      url: `${QH}202201/t20220129_3418903.html`,
      text: '清河县退役军人事务局2021年政府信息公开工作年度报告',
      agency: '清河县退役军人事务局',
      year: 2021,
      format: 'html',
    });
    expect(page.reports.every((r) => r.year === 2021 && r.format === 'html' && r.agency?.startsWith('清河县'))).toBe(true);
    expect(new Set(page.reports.map((r) => r.url)).size).toBe(26);
    // 2021年度 written both ways
    expect(page.reports.find((r) => r.url.endsWith('t20220124_3418718.html'))?.agency).toBe('清河县水利局');
  });

  it('follows its pager: 下一页 and 尾页 first, then the numbered pages; not itself, not the year tabs', () => {
    expect(page.next).toEqual([`${QH}index_1.html`, `${QH}index_4.html`, `${QH}index_2.html`, `${QH}index_3.html`]);
  });
});

describe('report links', () => {
  it('takes the title attribute over text a column cut short, and merges a 详情 link to the same page', () => {
    const doc = trsList(
      li('./202401/t20240125_123.html', '某县财政局2023年政府信息公开工作年...', '某县财政局2023年政府信息公开工作年度报告') +
        '<li><a href="./202401/t20240125_123.html#top">详情</a></li>' +
        li('./202401/t20240126_124.html', '2023年度报告', '') +
        li('./202401/t20240126_124.html', '某县民政局2023年度政府信息公开工作年度报告'),
    );
    const { reports } = readListPage(doc, 'http://www.mx.gov.cn/zwgk/gknb/index.html');
    expect(reports).toEqual([
      {
        url: 'http://www.mx.gov.cn/zwgk/gknb/202401/t20240125_123.html',
        text: '某县财政局2023年政府信息公开工作年度报告',
        agency: '某县财政局',
        year: 2023,
        format: 'html',
      },
      // a short naming is upgraded in place by a fuller link to the same page
      {
        url: 'http://www.mx.gov.cn/zwgk/gknb/202401/t20240126_124.html',
        text: '某县民政局2023年度政府信息公开工作年度报告',
        agency: '某县民政局',
        year: 2023,
        format: 'html',
      },
    ]);
  });

  it('reads attachments: the format from the address, the naming from the file name when the text says only 下载', () => {
    const doc = trsList(
      li('/attach/0/2023年政府信息公开工作年度报告.pdf', '下载', '') +
        li('/attach/0/a1.docx', '某镇人民政府2023年政府信息公开工作年度报告.docx', '') +
        li('/attach/0/a2.doc', '某街道办事处2023年政府信息公开工作年度报告', '') +
        li('/download.jsp?id=7', '某局2022年政府信息公开工作年度报告.pdf', ''),
    );
    const { reports } = readListPage(doc, 'https://xxgk.mx.gov.cn/gknb/');
    expect(reports.map((r) => [r.url, r.format, r.agency, r.year])).toEqual([
      [`https://xxgk.mx.gov.cn/attach/0/${encodeURI('2023年政府信息公开工作年度报告')}.pdf`, 'pdf', null, 2023],
      ['https://xxgk.mx.gov.cn/attach/0/a1.docx', 'docx', '某镇人民政府', 2023],
      ['https://xxgk.mx.gov.cn/attach/0/a2.doc', 'other', '某街道办事处', 2023],
      ['https://xxgk.mx.gov.cn/download.jsp?id=7', 'pdf', '某局', 2022],
    ]);
  });

  it('keeps the list’s own site only, and never javascript:, mailto: or a bare fragment', () => {
    const doc = trsList(
      li('http://xxgk.mx.gov.cn/a/1.html', '甲局2023年政府信息公开工作年度报告') + // another host of the same site
        li('http://www.other.gov.cn/a/2.html', '乙局2023年政府信息公开工作年度报告') + // another site
        li('javascript:openReport(3)', '丙局2023年政府信息公开工作年度报告') +
        li('mailto:gk@mx.gov.cn', '丁局2023年政府信息公开工作年度报告') +
        li('#r5', '戊局2023年政府信息公开工作年度报告') +
        li('ftp://www.mx.gov.cn/6.html', '己局2023年政府信息公开工作年度报告') +
        li('http://[bad', '庚局2023年政府信息公开工作年度报告'),
    );
    const { reports, next, elsewhere } = readListPage(doc, 'http://www.mx.gov.cn/gknb/');
    expect(reports.map((r) => r.agency)).toEqual(['甲局']);
    expect(next).toEqual([]);
    // the report on another site is left out, and named for the caller to say so
    expect(elsewhere).toEqual(['http://www.other.gov.cn/a/2.html']);
  });

  it('leaves out format notices, interpretations and links that name no report', () => {
    const doc = trsList(
      li('./1.html', '国务院办公厅政府信息与政务公开办公室关于印发中华人民共和国政府信息公开工作年度报告格式的通知') +
        li('./2.html', '图解：某县2023年政府信息公开工作年度报告') +
        li('./3.html', '《某县2023年政府信息公开工作年度报告》解读') +
        li('./4.html', '政府信息公开年报') +
        li('./5.html', '2023年度') +
        li('./6.html', '某县2023年政务公开工作要点') +
        li('./7.html', '2023年年报'),
    );
    const { reports } = readListPage(doc, 'http://www.mx.gov.cn/gknb/');
    expect(reports.map((r) => [r.url.slice(-6), r.agency, r.year])).toEqual([['7.html', null, 2023]]);
  });

  it('a page linking no report gives none, and says so by an empty list', () => {
    const page = readListPage(docFromHtml(fixtureHtml('negative-news.html')), 'http://www.mx.gov.cn/news/1.html');
    expect(page.reports.filter((r) => r.agency !== null).length).toBeLessThanOrEqual(1);
    expect(readListPage(trsList(li('./a.html', '工作动态')), 'http://www.mx.gov.cn/').reports).toEqual([]);
    expect(readListPage(trsList(''), 'not a url')).toEqual({ reports: [], next: [] });
  });

  it('resolves against <base href> as a browser does', () => {
    const doc = trsList(li('t1.html', '甲局2023年政府信息公开工作年度报告'), '', '<base href="http://www.mx.gov.cn/zwgk/nb/">');
    expect(readListPage(doc, 'http://www.mx.gov.cn/x.jsp?c=1').reports[0]?.url).toBe('http://www.mx.gov.cn/zwgk/nb/t1.html');
  });

  it('is bounded on a page of very many links', () => {
    const items = Array.from({ length: 3_000 }, (_, i) => li(`./${i}.html`, `第${i}局2023年政府信息公开工作年度报告`)).join('');
    const { reports } = readListPage(trsList(items), 'http://www.mx.gov.cn/gknb/');
    expect(reports).toHaveLength(LIST_LIMITS.reports);
  });
});

describe('Hanweb (大汉) lists: records kept in a script for the script to write', () => {
  // the shape of a jpage column: the first records inline, the rest behind dataproxy.jsp
  const record = (href: string, title: string) =>
    `<record><![CDATA[\n<li><a href="${href}" title="${title}" target="_blank">${title.length > 24 ? `${title.slice(0, 22)}…` : title}</a><span class="bt-data-time">2024-01-25</span></li>\n]]></record>`;
  const page = (records: string) =>
    docFromHtml(`<html><head><title>政府信息公开年报</title></head><body><div class="main"><div id="5407186"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3025&path=/&columnid=1229415133&unitid=5407186&webname=%E6%9D%AD%E5%B7%9E&permissiontype=0"></a>]]></nextgroup>
<recordset>${records}</recordset></datastore></script><script language="javascript" src="/module/web/jpage/jpage.js"></script></div></div></body></html>`);

  it('reads the records’ links, their title over the cut text, entities decoded', () => {
    const doc = page(
      record('/art/2024/1/25/art_1229415133_59012345.html', '杭州市财政局2023年政府信息公开工作年度报告') +
        record('/art/2024/1/24/art_1229415133_59012300.html', '杭州市司法局2023年度政府信息公开工作年度报告') +
        record('http://www.other.gov.cn/art/1.html', '外市2023年政府信息公开工作年度报告') +
        record('/art/2024/1/20/art_1229415133_59011111.html', '关于开展政务公开&amp;政府信息公开工作的通知'),
    );
    const { reports, next } = readListPage(doc, 'https://www.hangzhou.gov.cn/col/col1229415133/index.html');
    expect(reports.map((r) => [r.url, r.agency, r.year])).toEqual([
      ['https://www.hangzhou.gov.cn/art/2024/1/25/art_1229415133_59012345.html', '杭州市财政局', 2023],
      ['https://www.hangzhou.gov.cn/art/2024/1/24/art_1229415133_59012300.html', '杭州市司法局', 2023],
    ]);
    // the rest of a jpage list comes from dataproxy.jsp by POST: not followed (the README says so)
    expect(next).toEqual([]);
  });

  it('reads no script that holds no records, and stops at the bounds', () => {
    expect(scriptLinks('var a = \'<a href="/x.html">甲局2023年政府信息公开工作年度报告</a>\';')).toEqual([]);
    const many = Array.from({ length: 50 }, (_, i) => record(`/art/${i}.html`, `第${i}局2023年政府信息公开工作年度报告`)).join('');
    expect(scriptLinks(`<datastore>${many}</datastore>`, 10)).toHaveLength(10);
    // an unclosed tag, a lone <a: nothing read past them, no error
    expect(scriptLinks('<record><![CDATA[<a href="/1.html" title="甲">甲')).toEqual([{ href: '/1.html', title: '甲', text: '' }]);
    expect(scriptLinks('<record><a <a <a href=/2.html>乙</a>')).toEqual([{ href: '/2.html', title: '', text: '乙' }]);
  });
});

describe('the list’s other pages', () => {
  it('reads the TRS pager call, with its arguments as numbers or as variables of the same script', () => {
    const pager = `<script type="text/javascript">
var currentPage = 2;//所在页从0开始
var countPage = 4//共多少页
createPageHTML(countPage, currentPage, "index", "html");
</script>`;
    const { next } = readListPage(trsList(li('./a.html', '甲局2023年政府信息公开工作年度报告'), pager), 'http://www.mx.gov.cn/gknb/index_2.html');
    expect(next).toEqual(['http://www.mx.gov.cn/gknb/index.html', 'http://www.mx.gov.cn/gknb/index_1.html', 'http://www.mx.gov.cn/gknb/index_3.html']);
  });

  it('reads the variant with an element id first and the record count last, and ignores the function’s own definition', () => {
    const script = `function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) { /* … */ }\ncreatePageHTML('page_div', 3, 0, 'list', 'shtml', 60);`;
    expect(pagerScriptPages(script, 'http://www.mx.gov.cn/gknb/list.shtml')).toEqual([
      'http://www.mx.gov.cn/gknb/list.shtml',
      'http://www.mx.gov.cn/gknb/list_1.shtml',
      'http://www.mx.gov.cn/gknb/list_2.shtml',
    ]);
    // one page, unknown variables, no extension: nothing to follow
    expect(pagerScriptPages('createPageHTML(1, 0, "index", "html");', 'http://a.gov.cn/')).toEqual([]);
    expect(pagerScriptPages('createPageHTML(n, 0, "index", "html");', 'http://a.gov.cn/')).toEqual([]);
    expect(pagerScriptPages('createPageHTML(5, 0);', 'http://a.gov.cn/')).toEqual([]);
  });

  it('bounds a pager that claims absurdly many pages', () => {
    expect(pagerScriptPages('createPageHTML(999999, 0, "index", "html");', 'http://a.gov.cn/l/')).toHaveLength(LIST_LIMITS.next);
    const { next } = readListPage(trsList('', '<script>createPageHTML(999999, 0, "index", "html");</script>'), 'http://a.gov.cn/l/');
    expect(next).toHaveLength(LIST_LIMITS.next - 1); // page 0, index.html, is this page
  });

  it('follows ?page=N on the same path and 下一页 links, never another site’s or an attachment', () => {
    const pager =
      '<a href="?page=1">1</a><a href="?page=2">2</a><a href="/other.jsp?page=3">3</a><a href="list.jsp?c=9&amp;page=2">下一页</a><a href="http://www.evil.cn/list?page=2">下一页</a><a href="/a.pdf">尾页</a><a href="javascript:goPage(2)">下一页</a>';
    const { next } = readListPage(trsList('', pager), 'http://www.mx.gov.cn/list.jsp?c=9');
    expect(next).toEqual(['http://www.mx.gov.cn/list.jsp?c=9&page=2', 'http://www.mx.gov.cn/list.jsp?page=1', 'http://www.mx.gov.cn/list.jsp?page=2']);
  });
});

describe('helpers', () => {
  it('formatOf', () => {
    expect(formatOf('http://a.gov.cn/x/t1.html')).toBe('html');
    expect(formatOf('http://a.gov.cn/x/')).toBe('html');
    expect(formatOf('http://a.gov.cn/x/art.jsp?id=1')).toBe('html');
    expect(formatOf('http://a.gov.cn/x/F.PDF')).toBe('pdf');
    expect(formatOf('http://a.gov.cn/x/f.docx')).toBe('docx');
    expect(formatOf('http://a.gov.cn/x/f.xls')).toBe('other');
    // the real 利通 page: an Epoint download address, the file type in the link's text
    const litong = readListPage(
      docFromHtml(fixtureHtml('seed-002-litong-2022.html')),
      'http://www.litong.gov.cn/xxgk/zfxxgk/fdzdgknr/zfxxgkndbg/202301/t20230131_1.html',
    );
    expect(litong.reports.map((r) => [r.agency, r.year, r.format])).toEqual([['利通区司法局', 2022, 'pdf']]);
  });

  it('pageKey: a folder’s index file is the folder; the fragment goes', () => {
    expect(pageKey('http://a.gov.cn/l/index.html#x')).toBe('http://a.gov.cn/l/');
    expect(pageKey('http://a.gov.cn/l/index_1.html')).toBe('http://a.gov.cn/l/index_1.html');
    expect(pageKey('http://a.gov.cn/l/index.jsp?page=2')).toBe('http://a.gov.cn/l/index.jsp?page=2');
  });
});
