// @vitest-environment happy-dom
// The popup's survey offer (components/SurveyOffer.tsx): “检查本页列出的全部年报（N 份）” from
// the links the tab gives, the year filter, the run recorded and the survey view opened
// only on the click, another site's permission asked on the click (and nothing started
// without it), no offer for a report page's few related links, and a run under way shown
// with its progress and cancelled from here.

import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ListLinks } from '../../entrypoints/list-links';
import type { Message } from '../../utils/messages';
import type { SurveyProgress, SurveyRun } from '../../utils/survey';
import { TAB, buttonByText, fakeBackground, mountPopup, pingtanState, text, unmountPopup, usePopupTestSetup, waitFor } from '../popup/harness';

usePopupTestSetup();

const LIST = 'http://www.qinghe.gov.cn/gknb/index.html';
const report = (path: string, agency: string, year: number) => ({
  url: `http://www.qinghe.gov.cn/gknb/${path}`,
  text: `${agency}${year}年政府信息公开工作年度报告`,
  agency,
  year,
  format: 'html' as const,
});
const LINKS: ListLinks = {
  url: LIST,
  title: '政府信息公开年报',
  reports: [
    report('a.html', '清河县财政局', 2023),
    report('b.html', '清河县教育局', 2023),
    report('c.html', '清河县司法局', 2023),
    report('d.html', '清河县财政局', 2022),
    report('e.html', '清河县民政局', 2022),
  ],
  next: ['http://www.qinghe.gov.cn/gknb/index_1.html'],
};

/** The tab answers the injected list-links script with `links`; the background keeps the runs it is given. */
function setup(links: ListLinks | null, state = null as ReturnType<typeof pingtanState> | null) {
  fakeBackground(state);
  const inject = vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([{ frameId: 0, documentId: 'd', result: links }] as never);
  const saved: SurveyRun[] = [];
  const sent: Message[] = [];
  let runs: SurveyRun[] = [];
  let ping: SurveyProgress | null = null;
  fakeBrowser.runtime.onMessage.addListener((raw: unknown, _s: unknown, sendResponse: (r: unknown) => void) => {
    const m = raw as Message;
    sent.push(m);
    if (m.type === 'survey-save') {
      saved.push(m.run);
      sendResponse({ ok: true });
      return true;
    }
    if (m.type === 'survey-get') {
      sendResponse(runs);
      return true;
    }
    if (m.type === 'survey-ping') {
      sendResponse(ping);
      return true;
    }
    return undefined;
  });
  const opened = vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
  return { inject, saved, sent, opened, setRuns: (r: SurveyRun[]) => (runs = r), setPing: (p: SurveyProgress | null) => (ping = p) };
}

describe('the popup’s survey offer', () => {
  it('offers the page’s reports; the year filter narrows them; the click records the run and opens the view, nothing before', async () => {
    const bg = setup(LINKS);
    const root = await mountPopup();
    await waitFor(() => buttonByText(root, '检查本页列出的全部年报（5 份）'));
    expect(bg.inject).toHaveBeenCalledWith({ target: { tabId: TAB }, files: ['/list-links.js'] });
    expect(text(root)).toContain('点击后才逐一获取 http://www.qinghe.gov.cn 上的年报页面');
    expect(root.querySelector('[data-testid="survey-off-origin"]')).toBeNull();
    expect(bg.saved).toEqual([]);
    expect(bg.opened).not.toHaveBeenCalled();
    const year = root.querySelector<HTMLSelectElement>('select[name="survey-year"]')!;
    year.value = '2023';
    year.dispatchEvent(new Event('change', { bubbles: true }));
    const button = await waitFor(() => buttonByText(root, '检查本页列出的全部年报（3 份）'));
    button.click();
    await waitFor(() => expect(bg.opened).toHaveBeenCalledTimes(1));
    const [run] = bg.saved;
    expect(run).toMatchObject({ listUrl: LIST, origin: 'http://www.qinghe.gov.cn', tabId: TAB, year: 2023, status: 'queued', startedAt: null });
    expect(run!.items.map((i) => i.url.slice(-6))).toEqual(['a.html', 'b.html', 'c.html']);
    expect(run!.lists).toEqual([
      { url: LIST, status: 'read', found: 3 },
      { url: 'http://www.qinghe.gov.cn/gknb/index_1.html', status: 'queued' },
    ]);
    expect((bg.opened.mock.calls[0]![0] as { url: string }).url).toMatch(new RegExp(`/survey\\.html\\?run=${run!.id}$`));
  });

  it('on another site, asks for its permission on the click, and starts nothing without it', async () => {
    const other = 'http://mirror.example.org';
    const bg = setup({ ...LINKS, url: `${other}/gknb/`, reports: LINKS.reports.map((r) => ({ ...r, url: r.url.replace('http://www.qinghe.gov.cn', other) })) });
    const request = vi.spyOn(browser.permissions, 'request').mockResolvedValue(false as never);
    const root = await mountPopup();
    (await waitFor(() => buttonByText(root, '检查本页列出的全部年报（5 份）'))).click();
    await waitFor(() => expect(text(root)).toContain('未获得访问此网站的权限，检查未开始。'));
    expect(request).toHaveBeenCalledWith({ origins: [`${other}/*`] });
    expect(bg.saved).toEqual([]);
    expect(bg.opened).not.toHaveBeenCalled();
  });

  it('says how many of the links are on another origin of the site (listed, not fetched)', async () => {
    setup({
      ...LINKS,
      reports: [...LINKS.reports, report('f.html', '清河县审计局', 2023)].map((r, i) => (i >= 4 ? { ...r, url: r.url.replace('www.', 'xxgk.') } : r)),
    });
    const root = await mountPopup();
    await waitFor(() => buttonByText(root, '检查本页列出的全部年报（6 份）'));
    expect(text(root.querySelector('[data-testid="survey-off-origin"]'))).toBe(
      '其中 2 份不在 http://www.qinghe.gov.cn 上（其他主机名或协议），只列出，不获取。',
    );
  });

  it('on a report page, an offer only for a real list of links (three or more)', async () => {
    const bg = setup({ ...LINKS, reports: LINKS.reports.slice(0, 3) }, pingtanState());
    let root = await mountPopup();
    await waitFor(() => buttonByText(root, '检查本页列出的全部年报（3 份）'));
    unmountPopup();
    bg.inject.mockResolvedValue([{ frameId: 0, documentId: 'd', result: { ...LINKS, reports: LINKS.reports.slice(0, 2) } }] as never);
    root = await mountPopup();
    await waitFor(() => expect(bg.inject).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 50));
    expect(text(root)).toContain('平潭综合实验区');
    expect(text(root)).not.toContain('检查本页列出的全部年报');
  });

  it('shows a run under way with its progress, and cancels it', async () => {
    const bg = setup(LINKS);
    const run: SurveyRun = {
      id: 'r9',
      listUrl: LIST,
      listTitle: '年报',
      origin: 'http://www.qinghe.gov.cn',
      tabId: TAB,
      year: null,
      createdAt: '2026-12-06T07:00:00.000Z',
      startedAt: '2026-12-06T07:00:00.000Z',
      finishedAt: null,
      status: 'running',
      lists: [],
      current: null,
      items: LINKS.reports.map((r) => ({ ...r, status: 'queued' as const })),
    };
    bg.setRuns([run]);
    bg.setPing({
      id: 'r9',
      status: 'running',
      done: 2,
      total: 5,
      failed: 0,
      current: 'http://www.qinghe.gov.cn/gknb/c.html',
      listUrl: LIST,
      tabId: TAB,
      live: true,
    });
    const root = await mountPopup();
    await waitFor(() => expect(text(root)).toContain('正在检查栏目：已完成 2 / 5 份'));
    expect(text(root)).toContain('正在获取：http://www.qinghe.gov.cn/gknb/c.html');
    // (no second survey offered while one runs)
    expect(text(root)).not.toContain('检查本页列出的全部年报');
    buttonByText(root, '取消检查').click();
    await waitFor(() => expect(bg.sent).toContainEqual({ type: 'survey-cancel', id: 'r9' }));
  });

  it('a run whose view was closed: said, and its view can be opened to go on', async () => {
    const bg = setup(null);
    bg.setRuns([
      {
        id: 'r8',
        listUrl: LIST,
        listTitle: '年报',
        origin: 'http://www.qinghe.gov.cn',
        tabId: TAB,
        year: null,
        createdAt: '2026-12-06T07:00:00.000Z',
        startedAt: '2026-12-06T07:00:00.000Z',
        finishedAt: null,
        status: 'running',
        lists: [],
        current: null,
        items: [
          { ...LINKS.reports[0]!, status: 'checked', keys: [LINKS.reports[0]!.url] },
          { ...LINKS.reports[1]!, status: 'queued' },
        ],
      },
    ]);
    const root = await mountPopup();
    await waitFor(() => expect(text(root)).toContain('栏目检查页面已关闭（已完成 1 / 2 份）'));
    buttonByText(root, '查看检查结果').click();
    await waitFor(() => expect(bg.opened).toHaveBeenCalledTimes(1));
    expect((bg.opened.mock.calls[0]![0] as { url: string }).url).toMatch(/\/survey\.html\?run=r8$/);
  });
});
