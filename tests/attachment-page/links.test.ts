// Which links and frames lead to a report's attachment (lib/attachment-links.ts): the ways
// gov sites link them (../shared/domain/attachments.md §5), and what must not count.

import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { attachmentTarget, findAttachments } from '../../lib/attachment-links';
import { attachmentLinks } from '../../lib/detect';
import { docFromHtml } from '../../toolkit/dom';

function happyDocument(html: string): Document {
  const win = new Window({
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  });
  return new win.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

const PAGE = 'http://www.sample.gov.cn/xxgk/nb/t20250120_1.html';

describe('attachmentTarget', () => {
  it.each([
    ['P020241219531612435781.pdf', `http://www.sample.gov.cn/xxgk/nb/P020241219531612435781.pdf`, 'pdf'],
    ['/attach/0/report.DOCX', 'http://www.sample.gov.cn/attach/0/report.DOCX', 'docx'],
    ['./W020240329.pdf?v=2#page=3', 'http://www.sample.gov.cn/xxgk/nb/W020240329.pdf?v=2#page=3', 'pdf'],
    ['/Upload/File/2015/1423.doc', 'http://www.sample.gov.cn/Upload/File/2015/1423.doc', 'doc'],
    ['a.wps', 'http://www.sample.gov.cn/xxgk/nb/a.wps', 'wps'],
    ['a.ofd', 'http://www.sample.gov.cn/xxgk/nb/a.ofd', 'ofd'],
    // a name percent-encoded in the path
    ['/files/%E5%B9%B4%E6%8A%A5.pdf', 'http://www.sample.gov.cn/files/%E5%B9%B4%E6%8A%A5.pdf', 'pdf'],
  ])('a path ending in the file name: %s', (href, url, type) => {
    expect(attachmentTarget(href, PAGE)).toEqual({ url, type });
  });

  it('Hanweb download scripts, whatever the order of the parameters: the script itself serves the file', () => {
    for (const href of [
      '/module/download/downfile.jsp?classid=0&filename=8f2c9d1e.pdf&showname=%E9%99%84%E4%BB%B61.pdf',
      '/module/download/downfile.jsp?showname=%E9%99%84%E4%BB%B61.pdf&filename=8f2c9d1e.pdf&classid=0',
      '/module/download/downfile.jsp?classid=0&filename=8f2c9d1e.pdf',
    ])
      expect(attachmentTarget(href, PAGE)).toEqual({ url: new URL(href, PAGE).href, type: 'pdf' });
    expect(attachmentTarget('/module/download/downfile.jsp?classid=0&filename=a.docx', PAGE)?.type).toBe('docx');
  });

  it('a site-hosted pdf.js viewer: the attachment is its file, resolved against the viewer', () => {
    expect(attachmentTarget('/generic2/web/viewer.html?file=/attach/2024/P0201.pdf', PAGE)).toEqual({
      url: 'http://www.sample.gov.cn/attach/2024/P0201.pdf',
      type: 'pdf',
    });
    expect(attachmentTarget('/pdfjs/web/viewer.html?file=http%3A%2F%2Fwww.sample.gov.cn%2Fa.pdf', PAGE)).toEqual({
      url: 'http://www.sample.gov.cn/a.pdf',
      type: 'pdf',
    });
    // a viewer's file that is not http(s) is nothing
    expect(attachmentTarget('/web/viewer.html?file=javascript:alert(1)//.pdf', PAGE)).toBeNull();
  });

  it('a link whose text names the file', () => {
    expect(attachmentTarget('/xxgk/download?id=123', PAGE, '附件：淮安市人民政府2024年政府信息公开工作年度报告.pdf ')).toEqual({
      url: 'http://www.sample.gov.cn/xxgk/download?id=123',
      type: 'pdf',
    });
    expect(attachmentTarget('/xxgk/download?id=123', PAGE, '点击下载')).toBeNull();
  });

  it('not attachments: spreadsheets, pages, other schemes, names in other parameters, overlong addresses', () => {
    for (const href of [
      'a.xls',
      'a.xlsx',
      'a.et',
      'report.html',
      'javascript:void(0)',
      'mailto:a@b.cn',
      'data:application/pdf;base64,JVBERi0=',
      '/search?q=report.pdf',
      `/a.pdf${'x'.repeat(3000)}`,
      '',
    ])
      expect(attachmentTarget(href, PAGE), href).toBeNull();
  });
});

describe('findAttachments', () => {
  it('links, PDF frames, embeds and objects, each address once, in document order', () => {
    // (a browser's DOM: the CLI's light DOM keeps no src attributes)
    const doc = happyDocument(`<html><body>
      <a href="P0201.pdf">附件1：年度报告.pdf</a>
      <a href="P0201.pdf">下载</a>
      <iframe class="isofd" src="/generic2/web/viewer.html?file=/attach/b.pdf"></iframe>
      <embed type="application/pdf" src="/show?id=9">
      <object data="/c.pdf" type="application/pdf"></object>
      <a href="/module/download/downfile.jsp?classid=0&amp;filename=d.docx&amp;showname=x">文件下载</a>
      <a href="table.xls">统计表.xls</a>
      <a href="news.html">新闻</a>
    </body></html>`);
    expect(findAttachments(doc, PAGE).map((a) => [a.url, a.type, a.text])).toEqual([
      ['http://www.sample.gov.cn/xxgk/nb/P0201.pdf', 'pdf', '附件1：年度报告.pdf'],
      ['http://www.sample.gov.cn/attach/b.pdf', 'pdf', 'b.pdf'],
      ['http://www.sample.gov.cn/show?id=9', 'pdf', 'show'],
      ['http://www.sample.gov.cn/c.pdf', 'pdf', 'c.pdf'],
      ['http://www.sample.gov.cn/module/download/downfile.jsp?classid=0&filename=d.docx&showname=x', 'docx', '文件下载'],
    ]);
  });

  it('at most 20 attachments from a page that links thousands', () => {
    const doc = docFromHtml(`<html><body>${Array.from({ length: 3000 }, (_, i) => `<a href="f${i}.pdf">f${i}</a>`).join('')}</body></html>`);
    expect(findAttachments(doc, PAGE)).toHaveLength(20);
  });

  it('the reader counts the widened links too (a report page linking only a download script is 表格为图片或附件)', () => {
    const doc = docFromHtml('<html><body><a href="/module/download/downfile.jsp?classid=0&amp;filename=8f.pdf">年报</a><a href="x.html">x</a></body></html>');
    expect(attachmentLinks(doc)).toHaveLength(1);
  });
});
