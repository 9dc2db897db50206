// @vitest-environment happy-dom
// The popup around the findings: which tab, pages that are not reports, tables that
// are images, internal errors, "检查此页", the switches, and the history line.

import { describe, expect, it, vi } from 'vitest';
import { settingsItem } from '../../utils/storage';
import {
  $,
  buttonByText,
  fakeBackground,
  mountPopup,
  pingtanState,
  sentToTab,
  stateFromFixture,
  TAB,
  text,
  URL_PINGTAN,
  usePopupTestSetup,
  waitFor,
} from './harness';

usePopupTestSetup();

const notReportState = () => ({ ...pingtanState(), detected: false, kind: 'news' as const, report: null, findings: [], passed: [], incomplete: [] });

describe('popup: which tab', () => {
  it('uses ?tabId= when given', async () => {
    const bg = fakeBackground(pingtanState(), 42);
    const root = await mountPopup('?tabId=42');
    expect(bg.received).toContainEqual({ type: 'get-state', tabId: 42 });
    expect(text($(root, '[data-testid=agency]'))).toBe('平潭综合实验区');
  });

  it('else asks for the active tab of the current window', async () => {
    const query = vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: 9, url: 'http://www.pingtan.gov.cn/' }] as never);
    const bg = fakeBackground(pingtanState(), 9);
    const root = await mountPopup('');
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(bg.received).toContainEqual({ type: 'get-state', tabId: 9 });
    expect(text($(root, '[data-testid=agency]'))).toBe('平潭综合实验区');
  });

  it('mounts from the entrypoint into #app', async () => {
    fakeBackground(pingtanState());
    history.replaceState(null, '', `/popup.html?tabId=${TAB}`);
    const app = document.createElement('div');
    app.id = 'app';
    document.body.replaceChildren(app);
    vi.resetModules();
    await import('../../entrypoints/popup/main');
    await waitFor(() => expect(text(app.querySelector('[data-testid=agency]'))).toBe('平潭综合实验区'));
  });
});

describe('popup: pages it cannot check', () => {
  it('says when the page is not a report, and what it is', async () => {
    fakeBackground(notReportState());
    const root = await mountPopup();
    const notice = $(root, '[data-testid=not-report]');
    expect(text(notice)).toContain('此页面不是政府信息公开工作年度报告');
    expect(text(notice)).toContain('新闻或通知');
    expect(root.querySelector('[data-testid=findings]')).toBeNull();
    expect(root.querySelector('.exports')).toBeNull();
  });

  it('says when the tables are images or attachments, and links the attachments safely', async () => {
    const state = stateFromFixture('image-only-report.html', 'http://www.qinghe.gov.cn/zwgk/2021.html', {
      attachments: [
        { text: '清河县自然资源局2021年政府信息公开工作年度报告.pdf', href: 'http://www.qinghe.gov.cn/zwgk/P020220125391620512347.pdf' },
        { text: '恶意链接', href: 'javascript:alert(1)' },
      ],
    });
    expect(state.report?.structure.some((n) => n.code === 'tablesAsImages')).toBe(true);
    fakeBackground(state);
    const root = await mountPopup();
    const notice = $(root, '[data-testid=images-only]');
    expect(text(notice)).toContain('表格为图片或附件，无法核对');
    const links = [...notice.querySelectorAll('a')];
    expect(links.map((a) => [text(a), a.getAttribute('href'), a.target])).toEqual([
      ['清河县自然资源局2021年政府信息公开工作年度报告.pdf', 'http://www.qinghe.gov.cn/zwgk/P020220125391620512347.pdf', '_blank'],
    ]);
    expect(links[0]!.rel.split(' ')).toContain('noopener');
    expect(root.textContent).not.toContain('恶意链接');
    expect(text($(root, '[data-testid=agency]'))).toBe('清河县自然资源局');
  });

  it('shows an internal error with a read-only diagnostic that can be copied', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as never);
    fakeBackground({ ...notReportState(), kind: 'unreadable', internalError: 'TypeError: boom\n    at readPage (read.ts:1)' });
    const root = await mountPopup();
    const box = $(root, '[data-testid=internal-error]');
    const area = $<HTMLTextAreaElement>(box, 'textarea');
    expect(area.readOnly).toBe(true);
    expect(area.closest('label')).not.toBeNull();
    expect(area.value).toContain('TypeError: boom');
    expect(area.value).toContain('http://www.pingtan.gov.cn/');
    buttonByText(box, '复制诊断信息').click();
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(area.value));
    await waitFor(() => expect(text($(box, '[role=status]'))).toBe('已复制'));
  });
});

describe('popup: 检查此页', () => {
  it('is offered when the page has no state; checking asks the background, then shows the new state', async () => {
    const bg = fakeBackground(null);
    bg.afterCheck = pingtanState({ trigger: 'demand', checkedAt: '2026-01-02T00:00:00.000Z' });
    const root = await mountPopup();
    expect(root.textContent).toContain('此页面尚未检查');
    buttonByText(root, '检查此页').click();
    await waitFor(() => expect(text($(root, '[data-testid=agency]'))).toBe('平潭综合实验区'));
    expect(bg.received.filter((m) => m.type === 'check-tab')).toEqual([{ type: 'check-tab', tabId: TAB }]);
    // checked on demand: the button stays, to check again
    expect(buttonByText(root, '检查此页')).toBeTruthy();
  });

  it('is not offered when the page was checked automatically', async () => {
    fakeBackground(pingtanState());
    const root = await mountPopup();
    expect(() => buttonByText(root, '检查此页')).toThrow();
  });

  it('is offered on a non-report checked on demand, and says why a check failed', async () => {
    const bg = fakeBackground({ ...notReportState(), trigger: 'demand' });
    bg.checkAnswer = { ok: false, error: 'Cannot access contents of the page' };
    const root = await mountPopup();
    buttonByText(root, '检查此页').click();
    await waitFor(() => expect(root.textContent).toContain('无法检查此页：Cannot access contents of the page'));
  });
});

describe('popup: switches', () => {
  it('显示标记 is stored and sent to the page', async () => {
    fakeBackground(pingtanState());
    const root = await mountPopup();
    const box = $<HTMLInputElement>(root, 'input[name=highlights]');
    expect(box.checked).toBe(true);
    expect(text(box.closest('label'))).toBe('显示标记');
    box.click();
    await waitFor(async () => expect((await settingsItem.getValue()).highlights).toBe(false));
    await waitFor(() => expect(sentToTab()).toContainEqual([TAB, { type: 'set-highlights', on: false }]));
    box.click();
    await waitFor(async () => expect((await settingsItem.getValue()).highlights).toBe(true));
    await waitFor(() => expect(sentToTab()).toContainEqual([TAB, { type: 'set-highlights', on: true }]));
  });

  it('在此网站自动检查 adds and removes the host in disabledHosts', async () => {
    fakeBackground(pingtanState());
    vi.spyOn(browser.tabs, 'get').mockResolvedValue({ id: TAB, url: URL_PINGTAN } as never);
    const root = await mountPopup();
    const box = $<HTMLInputElement>(root, 'input[name=auto-site]');
    expect(text(box.closest('label'))).toContain('在此网站自动检查');
    expect(box.checked).toBe(true);
    box.click();
    await waitFor(async () => expect((await settingsItem.getValue()).disabledHosts).toEqual(['www.pingtan.gov.cn']));
    expect(box.checked).toBe(false);
    box.click();
    await waitFor(async () => expect((await settingsItem.getValue()).disabledHosts).toEqual([]));
  });

  it('acts on the tab’s own site when the report shown is a frame’s of another site, and names that frame’s origin', async () => {
    fakeBackground(pingtanState({ url: 'http://evil.attacker.gov.cn/frame.html', frameId: 5 }));
    vi.spyOn(browser.tabs, 'get').mockResolvedValue({ id: TAB, url: 'http://www.sample.gov.cn/top.html' } as never);
    const root = await mountPopup();
    await waitFor(() => expect(text($(root, '[data-testid=frame-origin]'))).toContain('http://evil.attacker.gov.cn'));
    $<HTMLInputElement>(root, 'input[name=auto-site]').click();
    await waitFor(async () => expect((await settingsItem.getValue()).disabledHosts).toEqual(['www.sample.gov.cn']));
  });

  it('reflects a site already switched off', async () => {
    await settingsItem.setValue({ disabledHosts: ['www.pingtan.gov.cn'], extraSites: [], highlights: false });
    fakeBackground(null);
    vi.spyOn(browser.tabs, 'get').mockResolvedValue({ id: TAB, url: 'http://www.pingtan.gov.cn/x.html' } as never);
    const root = await mountPopup();
    expect($<HTMLInputElement>(root, 'input[name=auto-site]').checked).toBe(false);
  });
});
