// @vitest-environment happy-dom
// Across years in the popup: the report of the year before that was used (with its
// link), or the "获取上一年度报告" button, the checker's answer and the page's new state.

import { describe, expect, it } from 'vitest';
import type { PreviousFetchResult } from '../../utils/messages';
import { $, buttonByText, fakeBackground, mountPopup, pingtanState, sentToTab, TAB, tabMessages, text, usePopupTestSetup, waitFor } from './harness';

usePopupTestSetup();

const answer = (r: PreviousFetchResult | undefined) =>
  tabMessages.mockImplementation(async (_tab: number, m: { type: string }) => (m.type === 'fetch-previous' ? r : undefined));
const message = (root: HTMLElement) => text($(root, '[data-testid=previous-message]'));

describe('popup: report of the year before', () => {
  it('names the report the cross-year checks used, with a link', async () => {
    fakeBackground(pingtanState({ previous: { source: 'http://www.pingtan.gov.cn/2022.html', year: 2022 } }));
    const root = await mountPopup();
    expect(text($(root, '[data-testid=previous-used]'))).toBe('已与 2022 年度报告比对：http://www.pingtan.gov.cn/2022.html');
    expect($<HTMLAnchorElement>(root, '[data-testid=previous-used] a').getAttribute('href')).toBe('http://www.pingtan.gov.cn/2022.html');
    expect(() => buttonByText(root, '获取上一年度报告')).toThrow();
  });

  it('fetches on click only, then shows the page checked again', async () => {
    const bg = fakeBackground(pingtanState({ previous: null }));
    const root = await mountPopup();
    expect(text(root)).toContain('尚未核对同一机关的 2022 年度报告');
    expect(sentToTab().filter(([, m]) => m.type === 'fetch-previous')).toEqual([]);

    const rechecked = pingtanState({ previous: { source: 'http://www.pingtan.gov.cn/2022.html', year: 2022 }, checkedAt: '2026-11-23T00:00:00.000Z' });
    tabMessages.mockImplementationOnce(async () => {
      bg.state = rechecked;
      return { ok: true, source: 'http://www.pingtan.gov.cn/2022.html', year: 2022, tried: 2 };
    });
    buttonByText(root, '获取上一年度报告').click();
    await waitFor(() => expect(message(root)).toBe('已获取并核对 2022 年度报告（查看了 2 个页面），跨年度结果已加入下方。'));
    expect(sentToTab()).toContainEqual([TAB, { type: 'fetch-previous' }]);
    expect($(root, '[data-testid=previous-used]')).toBeTruthy();
  });

  it.each([
    [
      { ok: false, reason: 'notFound', tried: 3 } as PreviousFetchResult,
      '查看了 3 个页面，未找到同一机关的 2022 年度报告。可先打开该报告页面，再回到此页重新检查。',
    ],
    [{ ok: false, reason: 'noLinks', tried: 0 } as PreviousFetchResult, '页面上没有找到上一年度报告或年报栏目的链接。'],
    [{ ok: false, reason: 'error', tried: 0, error: 'HTTP 500' } as PreviousFetchResult, '获取失败：HTTP 500'],
    [undefined, '页面没有响应，请刷新页面后重试。'],
  ])('says why nothing was found: %o', async (result, expected) => {
    fakeBackground(pingtanState({ previous: null }));
    const root = await mountPopup();
    answer(result);
    buttonByText(root, '获取上一年度报告').click();
    await waitFor(() => expect(message(root)).toBe(expected));
    expect(buttonByText(root, '获取上一年度报告').disabled).toBe(false);
  });

  it('offers another site’s report of the same name only as a suggestion, used on a click, then undone', async () => {
    const other = 'http://www.other.gov.cn/2022.html';
    const bg = fakeBackground(pingtanState({ previous: null, suggestion: { source: other, year: 2022, agency: '平潭综合实验区' } }));
    const root = await mountPopup();
    expect(text($(root, '[data-testid=previous-suggestion]'))).toContain(other);
    expect(bg.received.filter((m) => m.type === 'choose-previous')).toEqual([]);
    tabMessages.mockImplementation(async (_tab: number, m: { type: string }) => {
      if (m.type === 'recheck') bg.state = pingtanState({ previous: { source: other, year: 2022 }, checkedAt: '2026-12-06T00:00:00.000Z' });
      return undefined;
    });
    buttonByText(root, '用它比对').click();
    await waitFor(() => expect(text($(root, '[data-testid=previous-used]'))).toContain('（你选择的其他网站报告）'));
    expect(bg.received).toContainEqual({ type: 'choose-previous', key: 'http://www.pingtan.gov.cn/zwgk/gknb/2023.html', previous: other });
    expect(sentToTab()).toContainEqual([TAB, { type: 'recheck' }]);
    buttonByText(root, '取消此比对').click();
    await waitFor(() => expect(bg.received).toContainEqual({ type: 'choose-previous', key: 'http://www.pingtan.gov.cn/zwgk/gknb/2023.html', previous: null }));
  });

  it('is not offered when the report has no year', async () => {
    const s = pingtanState();
    fakeBackground({ ...s, report: { ...s.report!, year: null } });
    const root = await mountPopup();
    expect(root.querySelector('.previous')).toBeNull();
  });
});
