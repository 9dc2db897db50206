// @vitest-environment happy-dom
// A page holding several reports: the picker lists each with its open counts, and
// choosing one asks the page to show and mark it; verdicts are kept per report.

import { describe, expect, it } from 'vitest';
import { dismissalKey, type PageState } from '../../utils/page-state';
import { dismissalsItem } from '../../utils/storage';
import { $, buttonByText, fakeBackground, mountPopup, pingtanState, sentToTab, TAB, tabMessages, text, usePopupTestSetup, waitFor } from './harness';

usePopupTestSetup();

const PAGE = 'http://www.sample.gov.cn/hb/2023.html';
const sections = [
  { index: 0, title: '甲县财政局2023年政府信息公开工作年度报告', agency: '甲县财政局', year: 2023, counts: { error: 0, warning: 1, info: 0 } },
  { index: 1, title: '甲县教育局2023年政府信息公开工作年度报告', agency: '甲县教育局', year: 2023, counts: { error: 2, warning: 0, info: 0 } },
  { index: 2, title: '甲县司法局2023年政府信息公开工作年度报告', agency: '甲县司法局', year: 2023, counts: { error: 0, warning: 0, info: 0 } },
];
const sectionState = (index: number): PageState => {
  const s = pingtanState({ url: PAGE, section: { index, count: 3 }, sections });
  return { ...s, report: { ...s.report!, agency: sections[index]!.agency } };
};

describe('popup: several reports on one page', () => {
  it('lists every report with its open counts and shows the one chosen', async () => {
    fakeBackground(sectionState(0));
    const root = await mountPopup();
    const select = $<HTMLSelectElement>(root, 'select[name=report]');
    expect([...select.options].map((o) => o.textContent)).toEqual([
      '1. 甲县财政局 2023 年度（错误 0，警告 1）',
      '2. 甲县教育局 2023 年度（错误 2，警告 0）',
      '3. 甲县司法局 2023 年度（错误 0，警告 0）',
    ]);
    expect(text(root)).toContain('本页共有 3 份年报');

    tabMessages.mockImplementation(async (_tab: number, m: { type: string; index?: number }) =>
      m.type === 'select-report' ? sectionState(m.index!) : undefined,
    );
    select.value = '1';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(text($(root, '[data-testid=agency]'))).toBe('甲县教育局'));
    expect(sentToTab()).toContainEqual([TAB, { type: 'select-report', index: 1 }]);
    expect($<HTMLSelectElement>(root, 'select[name=report]').value).toBe('1');
  });

  it('keeps verdicts per report: the key names the report (page#2)', async () => {
    fakeBackground(sectionState(1));
    const root = await mountPopup();
    const first = root.querySelector('[data-finding-id]')!.getAttribute('data-finding-id')!;
    const item = $(root, `li[data-finding-id="${first}"]`);
    buttonByText(item, '标为已核实').click();
    await waitFor(() => $(item, 'button[type=submit]')).then((b) => b.click());
    await waitFor(async () => expect(Object.keys(await dismissalsItem.getValue())).toEqual([dismissalKey(`${PAGE}#2`, first)]));
  });

  it('shows no picker on a page with one report', async () => {
    fakeBackground(pingtanState());
    const root = await mountPopup();
    expect(root.querySelector('select[name=report]')).toBeNull();
  });
});
