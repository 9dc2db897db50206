// @vitest-environment happy-dom
// The popup's 检查附件 and 检查此 PDF: offered for the page's attachments (http(s) only),
// beside a report's own HTML tables too; a click opens our attachment page in a new tab
// with the attachment's address and the page's, and fetches nothing itself.

import { describe, expect, it, vi } from 'vitest';
import { $, fakeBackground, mountPopup, pingtanState, stateFromFixture, TAB, text, URL_PINGTAN, usePopupTestSetup, waitFor } from '../popup/harness';

usePopupTestSetup();

const PDF = 'http://www.pingtan.gov.cn/zwgk/gknb/P020240125.pdf';
const DOWNFILE = 'http://www.pingtan.gov.cn/module/download/downfile.jsp?classid=0&filename=8f.docx&showname=a.docx';

function spyTabs() {
  const created: string[] = [];
  browser.tabs.create = vi.fn(async (o: { url?: string }) => {
    created.push(o.url ?? '');
    return { id: 99 } as never;
  }) as never;
  return created;
}

describe('popup: 检查附件', () => {
  it('beside a report with its own HTML tables: each http(s) attachment with its button; the click opens the attachment page', async () => {
    const created = spyTabs();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    fakeBackground(
      pingtanState({
        attachments: [
          { text: '附件：年度报告.pdf', href: PDF, type: 'pdf' },
          { text: '文件下载', href: DOWNFILE, type: 'docx' },
          { text: '恶意', href: 'javascript:alert(1)', type: 'pdf' },
        ],
      }),
    );
    const root = await mountPopup();
    const offer = $(root, '[data-testid=attachments]');
    expect([...offer.querySelectorAll('li')].map((li) => text(li))).toEqual(['检查附件 附件：年度报告.pdf', '检查附件 文件下载']);
    expect(root.textContent).not.toContain('恶意');
    $<HTMLButtonElement>(offer, 'li:nth-child(2) [data-testid=check-attachment]').click();
    await waitFor(() => expect(created).toHaveLength(1));
    const opened = new URL(created[0]!);
    expect(opened.pathname).toBe('/attachment.html');
    expect(opened.searchParams.get('src')).toBe(DOWNFILE);
    expect(opened.searchParams.get('from')).toBe(URL_PINGTAN);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('in the 表格为图片或附件 notice: the same button beside each link', async () => {
    const created = spyTabs();
    const state = stateFromFixture('image-only-report.html', 'http://www.qinghe.gov.cn/zwgk/2021.html', {
      attachments: [{ text: '年报.pdf', href: 'http://www.qinghe.gov.cn/zwgk/P0202201.pdf' }],
    });
    fakeBackground(state);
    const root = await mountPopup();
    const notice = $(root, '[data-testid=images-only]');
    expect(root.querySelector('[data-testid=attachments]')).toBeNull();
    $<HTMLButtonElement>(notice, '[data-testid=check-attachment]').click();
    await waitFor(() => expect(created).toHaveLength(1));
    expect(new URL(created[0]!).searchParams.get('src')).toBe('http://www.qinghe.gov.cn/zwgk/P0202201.pdf');
  });

  it('检查此 PDF on a tab showing a PDF (known by its address), nothing on an ordinary page', async () => {
    const created = spyTabs();
    fakeBackground(null);
    browser.tabs.get = vi.fn(async (id: number) => ({ id, url: 'http://www.huaian.gov.cn/attach/0/szfgs2024.pdf' })) as never;
    // (the popup's other injected probes, the survey's, get nothing here)
    browser.scripting.executeScript = vi.fn(async (o: { func?: () => unknown }) => [
      { result: String(o.func).includes('contentType') ? 'text/html' : undefined },
    ]) as never;
    let root = await mountPopup(`?tabId=${TAB}`);
    const button = await waitFor(() => $<HTMLButtonElement>(root, '[data-testid=check-this-file]'));
    expect(text(button)).toBe('检查此 PDF');
    button.click();
    await waitFor(() => expect(created).toHaveLength(1));
    expect(new URL(created[0]!).searchParams.get('src')).toBe('http://www.huaian.gov.cn/attach/0/szfgs2024.pdf');

    browser.tabs.get = vi.fn(async (id: number) => ({ id, url: 'http://www.huaian.gov.cn/news/1.html' })) as never;
    root = await mountPopup(`?tabId=${TAB}`);
    await waitFor(() => expect(browser.scripting.executeScript).toHaveBeenCalled());
    expect(root.querySelector('[data-testid=check-this-file]')).toBeNull();
  });
});
