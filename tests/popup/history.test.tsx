// @vitest-environment happy-dom
// The history: the footer line, the list of every remembered report (agency, year,
// open counts, a link only to web addresses), the filter, the exports over all
// reports (one CSV row per finding), clearing after confirmation, and the view alone
// in a tab.

import { describe, expect, it, vi } from 'vitest';
import { historyRows, reportListCsv } from '../../components/history-rows';
import { FINDING_COLUMNS, TABLE_COLUMNS } from '../../lib/export/csv';
import { dismissalKey, type PageState } from '../../utils/page-state';
import { borrowsIdentity } from '../../lib/pairing';
import { reportMemory } from '../../utils/memory';
import { dismissalsItem, type RememberedReport, type ReportSummary } from '../../utils/storage';
import {
  $,
  buttonByText,
  captureDownloads,
  fakeBackground,
  mountPopup,
  parseCsv,
  pingtanState,
  stateFromFixture,
  text,
  typeInto,
  usePopupTestSetup,
  waitFor,
} from './harness';

usePopupTestSetup();

const remembered = (s: PageState, over: Partial<RememberedReport> = {}): RememberedReport => ({
  url: s.url,
  title: s.title,
  agency: s.report!.agency,
  year: s.report!.year,
  format: s.report!.format,
  counts: s.counts,
  checkedAt: s.checkedAt,
  report: s.report!,
  findings: s.findings,
  ...over,
});

// three reports of two agencies: 平潭 2023 with a changed cell (errors), 平潭 2024 (clean), 沂源县司法局 2021
const broken = () => remembered(pingtanState({ url: 'http://www.pingtan.gov.cn/2023.html' }));
const clean = () => remembered(stateFromFixture('pingtan-2024.html', 'http://www.pingtan.gov.cn/2024.html'));
const yiyuan = () => remembered(stateFromFixture('seed-000-yiyuan-2021.html', 'http://www.yiyuan.gov.cn/2021.html'));
const memoryOf = (...entries: RememberedReport[]) => Object.fromEntries(entries.map((e) => [e.url, e]));
/** the index the history lists (what reportMemory.put keeps of each report) */
const indexOf = (...entries: RememberedReport[]): Record<string, ReportSummary> =>
  Object.fromEntries(
    entries.map(({ report, findings, ...e }) => [
      e.url,
      { ...e, findingIds: Object.fromEntries(findings.map((f) => [f.id, f.severity])), borrowed: borrowsIdentity(report), fetched: false, bytes: 0 },
    ]),
  );

const names = (root: HTMLElement) => [...root.querySelectorAll('.history-item')].map((li) => text(li.querySelector('.history-name')));

async function openHistory(memory: Record<string, RememberedReport>, search?: string): Promise<HTMLElement> {
  await reportMemory.put(Object.values(memory));
  fakeBackground(pingtanState());
  const root = await mountPopup(search);
  if (!search?.includes('view=history')) {
    await waitFor(() => expect(text($(root, '[data-testid=history-count]'))).toBe(`已记住 ${Object.keys(memory).length} 份年报`));
    buttonByText(root, '历史记录').click();
  }
  await waitFor(() => expect(root.querySelectorAll('.history-item').length).toBe(Object.keys(memory).length));
  return root;
}

describe('history rows (pure)', () => {
  it('sorts by agency, then the latest year first; counts only open findings', () => {
    const b = broken();
    const f = b.findings.find((x) => x.severity === 'error')!;
    const dismissals = { [dismissalKey(b.url, f.id)]: { status: 'falsePositive' as const, note: '', at: '' } };
    const rows = historyRows(indexOf(yiyuan(), b, clean()), dismissals, { text: '', errorsOnly: false });
    expect(rows.map((r) => [r.entry.agency, r.entry.year])).toEqual([
      ['平潭综合实验区', 2024],
      ['平潭综合实验区', 2023],
      ['沂源县司法局', 2021],
    ]);
    expect(rows[1]!.open.error).toBe(b.counts.error - 1);
  });

  it('filters by every word given and by open errors', () => {
    const memory = indexOf(yiyuan(), broken(), clean());
    expect(historyRows(memory, {}, { text: '平潭 2024', errorsOnly: false }).map((r) => r.entry.year)).toEqual([2024]);
    expect(historyRows(memory, {}, { text: 'yiyuan.gov.cn', errorsOnly: false }).map((r) => r.entry.agency)).toEqual(['沂源县司法局']);
    expect(historyRows(memory, {}, { text: '', errorsOnly: true }).map((r) => r.entry.url)).toEqual(['http://www.pingtan.gov.cn/2023.html']);
  });

  it('links only web addresses', () => {
    const local = remembered(pingtanState({ url: 'file:///C:/reports/a.html' }));
    const script = remembered(pingtanState({ url: 'javascript:alert(1)' }));
    const rows = historyRows(indexOf(local, script, clean()), {}, { text: '', errorsOnly: false });
    expect(rows.map((r) => r.href)).toEqual(['http://www.pingtan.gov.cn/2024.html', null, null]);
  });

  it('lists one row per report in the list CSV, formulas neutralised', () => {
    const evil = remembered(pingtanState({ url: 'http://x.gov.cn/1', title: '=HYPERLINK("http://evil")' }), { agency: null });
    const rows = parseCsv(reportListCsv(historyRows(indexOf(evil, clean()), {}, { text: '', errorsOnly: false })).slice(1));
    expect(rows).toHaveLength(3);
    const titleColumn = rows[0]!.indexOf('title');
    expect(rows.map((r) => r[titleColumn])).toContain(`'=HYPERLINK("http://evil")`);
  });
});

describe('popup: history view', () => {
  it('opens from the footer, lists every report with its open counts and a new-tab link, and goes back', async () => {
    const root = await openHistory(memoryOf(yiyuan(), broken(), clean()));
    expect(names(root)).toEqual(['平潭综合实验区 2024 年度', '平潭综合实验区 2023 年度', '沂源县司法局 2021 年度']);
    const link = $<HTMLAnchorElement>(root, '.history-item a');
    expect(link.getAttribute('href')).toBe('http://www.pingtan.gov.cn/2024.html');
    expect(link.target).toBe('_blank');
    expect(link.rel).toContain('noopener');
    const counts = text(root.querySelectorAll('.history-item')[1]!.querySelector('.history-counts'));
    expect(counts).toContain(`错误 ${broken().counts.error}`);
    expect(text($(root, '[data-testid=history-shown]'))).toBe('共 3 份');

    buttonByText(root, '返回').click();
    await waitFor(() => expect(root.querySelector('.history-view')).toBeNull());
    expect(text($(root, '[data-testid=agency]'))).toBe('平潭综合实验区');
  });

  it('filters as the reviewer types and by errors only', async () => {
    const root = await openHistory(memoryOf(yiyuan(), broken(), clean()));
    typeInto($<HTMLInputElement>(root, 'input[name=history-filter]'), '沂源');
    await waitFor(() => expect(names(root)).toEqual(['沂源县司法局 2021 年度']));
    expect(text($(root, '[data-testid=history-shown]'))).toBe('显示 1 份，共 3 份');
    typeInto($<HTMLInputElement>(root, 'input[name=history-filter]'), '');
    $<HTMLInputElement>(root, 'input[name=errors-only]').click();
    await waitFor(() => expect(names(root)).toEqual(['平潭综合实验区 2023 年度']));
    typeInto($<HTMLInputElement>(root, 'input[name=history-filter]'), '沂源');
    await waitFor(() => expect(text(root.querySelector('.history-view'))).toContain('没有符合筛选条件的年报'));
  });

  it('exports the findings of all shown reports as one CSV, one row per finding, with each reviewer status', async () => {
    const b = broken();
    const y = yiyuan();
    const marked = b.findings[0]!;
    await dismissalsItem.setValue({ [dismissalKey(b.url, marked.id)]: { status: 'verified', note: '', at: '2026-01-01T00:00:00.000Z' } });
    const root = await openHistory(memoryOf(y, b, clean()));
    const downloads = captureDownloads();
    // (the findings and tables load the reports' cells from storage first)
    for (const [i, label] of ['导出发现（CSV）', '导出表格（CSV）', '导出清单（CSV）'].entries()) {
      buttonByText(root, label).click();
      await waitFor(() => expect(downloads).toHaveLength(i + 1));
    }

    expect(downloads.map((d) => d.name)).toEqual(['年报核对_历史_3份_发现.csv', '年报核对_历史_3份_表格.csv', '年报核对_历史_3份_清单.csv']);
    const [header, ...rows] = parseCsv((await downloads[0]!.blob.text()).slice(1));
    expect(header).toEqual([...FINDING_COLUMNS]);
    expect(rows).toHaveLength(b.findings.length + y.findings.length + clean().findings.length);
    const col = (name: string) => header!.indexOf(name);
    expect(new Set(rows.map((r) => r[col('source')]))).toEqual(new Set([b.url, y.url, ...(clean().findings.length ? [clean().url] : [])]));
    expect(rows.find((r) => r[col('source')] === b.url && r[col('ruleId')] === marked.ruleId && r[col('message')] === marked.message)![col('status')]).toBe(
      '已核实',
    );

    const [tableHeader, ...cells] = parseCsv((await downloads[1]!.blob.text()).slice(1));
    expect(tableHeader).toEqual([...TABLE_COLUMNS]);
    const cellCount = [b, y, clean()].reduce((n, e) => n + Object.keys(e.report.cells).length, 0);
    expect(cells).toHaveLength(cellCount);
    expect(parseCsv((await downloads[2]!.blob.text()).slice(1))).toHaveLength(4);
  });

  it('exports only the reports the filter shows', async () => {
    const root = await openHistory(memoryOf(yiyuan(), broken(), clean()));
    typeInto($<HTMLInputElement>(root, 'input[name=history-filter]'), '2023');
    await waitFor(() => expect(names(root)).toHaveLength(1));
    const downloads = captureDownloads();
    buttonByText(root, '导出清单（CSV）').click();
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toBe('年报核对_历史_1份_清单.csv');
    expect(parseCsv((await downloads[0]!.blob.text()).slice(1))).toHaveLength(2);
  });

  it('clears the memory after confirmation only, keeping the verdicts', async () => {
    await dismissalsItem.setValue({ 'http://a.gov.cn/1#x': { status: 'verified', note: '', at: '2026-01-01T00:00:00.000Z' } });
    const root = await openHistory(memoryOf(broken(), clean()));
    buttonByText(root, '清除记录').click();
    await waitFor(() => buttonByText(root, '取消'));
    buttonByText(root, '取消').click();
    await new Promise((r) => setTimeout(r, 20));
    expect(Object.keys(await reportMemory.index())).toHaveLength(2);

    buttonByText(root, '清除记录').click();
    await waitFor(() => buttonByText(root, '仅清除年报记录')).then((b) => b.click());
    await waitFor(async () => expect(await browser.storage.local.get(null)).toEqual({ dismissals: expect.anything(), storageVersion: 2 }));
    await waitFor(() => expect(text(root.querySelector('.history-view'))).toContain('还没有核对过年报'));
    expect(Object.keys(await dismissalsItem.getValue())).toHaveLength(1);
  });

  it('offers to clear the verdicts and notes too (清除全部数据)', async () => {
    await dismissalsItem.setValue({ 'http://a.gov.cn/1#x': { status: 'verified', note: '已核实', at: '2026-01-01T00:00:00.000Z' } });
    const root = await openHistory(memoryOf(broken(), clean()));
    buttonByText(root, '清除记录').click();
    await waitFor(() => buttonByText(root, '清除全部数据（含误报/已核实标记和备注）')).then((b) => b.click());
    await waitFor(async () => expect(await browser.storage.local.get(null)).toEqual({ storageVersion: 2 }));
  });

  it('announces reports dropped to stay within the cap, records refused and a failed write', async () => {
    const root = await openHistory(memoryOf(broken()));
    // (written after the list: a successful write clears lastError; the view follows the memory's changes)
    await browser.storage.local.set({
      memoryStatus: {
        evicted: 12,
        lastEvictedAt: '2026-12-01T00:00:00.000Z',
        dropped: 1,
        lastError: { at: '2026-12-01T00:00:00.000Z', message: 'QUOTA_BYTES quota exceeded' },
      },
    });
    await waitFor(() => expect(text($(root, '[data-testid=memory-evicted]'))).toContain('已自动删除最早核对的 12 份'));
    expect(text($(root, '[data-testid=memory-dropped]'))).toContain('1 条');
    expect(text($(root, '[data-testid=memory-error]'))).toContain('QUOTA_BYTES');
  });

  it('opens alone in a tab (popup.html?view=history), without a way back to a page and without opening another tab', async () => {
    const root = await openHistory(memoryOf(broken(), clean()), '?view=history');
    expect(() => buttonByText(root, '返回')).toThrow();
    expect(() => buttonByText(root, '在新标签页中打开')).toThrow();
    expect(root.querySelector('[data-testid=history-count]')).toBeNull();
  });

  it('offers to open the history in a tab from the popup', async () => {
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
    const root = await openHistory(memoryOf(broken()));
    buttonByText(root, '在新标签页中打开').click();
    await waitFor(() => expect(create).toHaveBeenCalledOnce());
    expect(create.mock.calls[0]![0].url).toMatch(/popup\.html\?view=history$/);
  });
});
