// The reader's HTML becomes our page's content only through rebuiltDocument: the elements
// and attributes the reader writes, text as text nodes, nothing else (a bug in the reader's
// escaping must not put a file's markup into the extension's page).

import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageOf, rebuiltDocument } from '../../components/attachment/rebuilt-document';

let win: Window;
beforeAll(() => {
  win = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  (globalThis as Record<string, unknown>).DOMParser = win.DOMParser;
});
afterAll(() => {
  delete (globalThis as Record<string, unknown>).DOMParser;
  void win.happyDOM.close();
});

const doc = () => win.document as unknown as Document;

describe('rebuiltDocument', () => {
  it('keeps the report: title, paragraphs, tables with spans and provenance', () => {
    const out = rebuiltDocument(
      '<!DOCTYPE html><html><head><title>某局2024年政府信息公开工作年度报告</title></head><body><h1 data-gip-page="1">某局2024年</h1><p data-gip-page="1">正文 &lt;b&gt;</p><table border="1" data-gip-page="2"><tr><td rowspan="2" colspan="3" data-gip-page="2" data-gip-box="10.5,20,30,40.2">自然人</td><td data-gip-docx="1,2,3">5</td></tr></table></body></html>',
      doc(),
    );
    expect(out.title).toBe('某局2024年政府信息公开工作年度报告');
    const td = out.querySelector('td')!;
    expect([td.getAttribute('rowspan'), td.getAttribute('colspan'), td.getAttribute('data-gip-page'), td.getAttribute('data-gip-box')]).toEqual([
      '2',
      '3',
      '2',
      '10.5,20,30,40.2',
    ]);
    expect(out.querySelectorAll('td')[1]!.getAttribute('data-gip-docx')).toBe('1,2,3');
    expect(out.querySelector('p')!.textContent).toBe('正文 <b>');
    expect(out.querySelector('p b')).toBeNull();
    expect(pageOf(td)).toBe(2);
  });

  it('drops what the reader never writes: scripts, images, frames, handlers, styles, links, odd attribute values', () => {
    const out = rebuiltDocument(
      `<html><body><table><tr><td rowspan="9999999" colspan="x">1</td></tr></table><script>alert(1)</script><img src=x onerror=alert(1)><iframe src="http://evil"></iframe><style>*{}</style>
       <p onclick="alert(1)" style="color:red" class="x" data-gip-page="1 onmouseover=x"><a href="javascript:alert(1)">链接</a><svg><script>1</script></svg></p></body></html>`,
      doc(),
    );
    expect(out.querySelectorAll('script, img, iframe, style, a, svg')).toHaveLength(0);
    const p = out.querySelector('p')!;
    expect(p.getAttributeNames()).toEqual([]);
    expect(p.textContent).toBe('链接');
    expect(out.querySelector('td')!.getAttributeNames()).toEqual([]);
    for (const el of Array.from(out.querySelectorAll('*')))
      for (const name of el.getAttributeNames()) expect(name).toMatch(/^(rowspan|colspan|data-gip-(page|box|docx))$/);
  });

  it('caps nesting: a deep tree is cut, not followed', () => {
    const deep = `<html><body>${'<p>'.repeat(5_000)}x${'</p>'.repeat(5_000)}</body></html>`;
    const out = rebuiltDocument(deep, doc());
    let depth = 0;
    for (let el: Element | null = out.body; el; el = el.firstElementChild) depth++;
    expect(depth).toBeLessThanOrEqual(34);
  });
});
