// @vitest-environment happy-dom
// The survey view as the reviewer meets it (components/survey/SurveyView.tsx, in
// happy-dom): one row per report and per failure with its reason in words, sorting by a
// header (aria-sort said), the filters, the charts' numbers as text and in words, and the
// findings export: one CSV row per finding of the rows shown, read from the memory.

import { parse } from 'csv-parse/sync';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { surveyRows } from '../../components/survey/rows';
import { SurveyView } from '../../components/survey/SurveyView';
import type { Message } from '../../utils/messages';
import type { RememberedReport, ReportSummary } from '../../utils/storage';
import type { SurveyRun } from '../../utils/survey';
import { $, buttonByText, captureDownloads, pingtanState, stateFromFixture, text, usePopupTestSetup, waitFor } from '../popup/harness';

usePopupTestSetup();

const O = 'http://www.pingtan.gov.cn';

function remembered(name: string, path: string): RememberedReport {
  const s = name === 'pingtan' ? pingtanState({ url: `${O}${path}` }) : stateFromFixture(name, `${O}${path}`);
  return {
    url: s.url,
    title: s.title,
    agency: s.report!.agency,
    year: s.report!.year,
    format: s.report!.format,
    counts: s.counts,
    checkedAt: '2026-12-06T07:00:00.000Z',
    report: s.report!,
    findings: s.findings,
  };
}
const toSummary = (r: RememberedReport): ReportSummary => ({
  url: r.url,
  title: r.title,
  agency: r.agency,
  year: r.year,
  format: r.format,
  counts: r.counts,
  checkedAt: r.checkedAt,
  findingIds: Object.fromEntries(r.findings.map((f) => [f.id, f.severity])),
  borrowed: false,
  fetched: true,
  bytes: 1,
});

const REPORTS = [
  remembered('pingtan', '/gknb/2023.html'),
  remembered('pingtan-2024.html', '/gknb/2024.html'),
  remembered('seed-001-yueqing-2021.html', '/gknb/yq.html'),
];
const INDEX = Object.fromEntries(REPORTS.map((r) => [r.url, toSummary(r)]));
const RUN: SurveyRun = {
  id: 'v1',
  listUrl: `${O}/gknb/`,
  listTitle: '政府信息公开年报',
  origin: O,
  tabId: 1,
  year: null,
  createdAt: '2026-12-06T07:00:00.000Z',
  startedAt: '2026-12-06T07:00:00.000Z',
  finishedAt: '2026-12-06T07:01:00.000Z',
  status: 'done',
  lists: [{ url: `${O}/gknb/`, status: 'read', found: 5 }],
  items: [
    ...REPORTS.map((r) => ({ url: r.url, text: r.title, agency: r.agency, year: r.year, format: 'html' as const, status: 'checked' as const, keys: [r.url] })),
    {
      url: `${O}/gknb/gone.html`,
      text: '平潭综合实验区2022年政府信息公开工作年度报告',
      agency: '平潭综合实验区',
      year: 2022,
      format: 'html',
      status: 'failed',
      reason: 'http',
      detail: 'HTTP 404',
    },
    {
      url: `${O}/gknb/2021.pdf`,
      text: '平潭综合实验区2021年政府信息公开工作年度报告',
      agency: '平潭综合实验区',
      year: 2021,
      format: 'pdf',
      status: 'failed',
      reason: 'attachment',
    },
  ],
  current: null,
};

function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(
    <SurveyView
      lang="zh"
      run={RUN}
      rows={surveyRows(RUN, INDEX, {})}
      dismissals={{}}
      running={false}
      canResume={false}
      pauseMs={1000}
      recent={[]}
      onCancel={() => undefined}
      onResume={() => undefined}
    />,
    root,
  );
  return root;
}
const bodyRows = (root: HTMLElement) => [...root.querySelectorAll('tbody tr')] as HTMLTableRowElement[];
const cell = (tr: HTMLTableRowElement, severity: string) => text(tr.querySelector(`td[data-severity="${severity}"]`));

describe('the survey view', () => {
  it('lists every report with its open counts, and each failure with its reason in words', () => {
    const root = mount();
    expect(bodyRows(root)).toHaveLength(5);
    for (const r of REPORTS) {
      const tr = root.querySelector<HTMLTableRowElement>(`tr[data-key="${r.url}"]`)!;
      expect(cell(tr, 'error')).toBe(String(r.counts.error));
      expect(cell(tr, 'warning')).toBe(String(r.counts.warning));
      expect(tr.querySelector('a')!.getAttribute('href')).toBe(r.url);
    }
    expect(text(root.querySelector(`tr[data-key="${O}/gknb/gone.html"] .reason`))).toBe('服务器返回错误 (HTTP 404)');
    expect(text(root.querySelector(`tr[data-key="${O}/gknb/2021.pdf"] .reason`))).toBe('附件报告，请逐份检查');
    expect(text($(root, '[data-testid="survey-status"]'))).toContain('已处理 5 / 5 份，其中 2 份未能检查');
  });

  it('sorts by a column header, either way, and says so (aria-sort)', async () => {
    const root = mount();
    const header = () => root.querySelectorAll('th')[3]!;
    buttonByText(root, '错误').click();
    await waitFor(() => expect(header().getAttribute('aria-sort')).toBe('descending'));
    const errors = () => bodyRows(root).map((tr) => cell(tr, 'error'));
    const desc = errors().filter(Boolean).map(Number);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    expect(desc[0]).toBeGreaterThan(0);
    // failures last, whichever the direction
    expect(errors().slice(-2)).toEqual(['', '']);
    buttonByText(root, '错误 ▼').click();
    await waitFor(() => expect(header().getAttribute('aria-sort')).toBe('ascending'));
    const asc = errors().filter(Boolean).map(Number);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(errors().slice(-2)).toEqual(['', '']);
  });

  it('filters by severity, year and words', async () => {
    const root = mount();
    const select = (name: string, value: string) => {
      const s = $<HTMLSelectElement>(root, `select[name="${name}"]`);
      s.value = value;
      s.dispatchEvent(new Event('change', { bubbles: true }));
    };
    select('survey-severity', 'failed');
    await waitFor(() => expect(bodyRows(root)).toHaveLength(2));
    select('survey-severity', 'errors');
    await waitFor(() => expect(bodyRows(root).map((tr) => tr.dataset.key)).toEqual(REPORTS.filter((r) => r.counts.error > 0).map((r) => r.url)));
    select('survey-severity', 'all');
    select('survey-year', '2024');
    await waitFor(() => expect(bodyRows(root).map((tr) => tr.dataset.key)).toEqual([`${O}/gknb/2024.html`]));
    expect(text($(root, '[data-testid="survey-shown"]'))).toBe('显示 1 行，共 5 行');
  });

  it('draws the charts with their numbers as text and each bar in words', () => {
    const root = mount();
    const errorsChart = $(root, '[data-testid="chart-errors"]');
    expect(errorsChart.querySelector('svg')!.getAttribute('role')).toBe('img');
    expect(errorsChart.querySelector('svg')!.getAttribute('aria-labelledby')).toBe('chart-errors-title chart-errors-desc');
    const values = [...errorsChart.querySelectorAll('g.bar')].map((g) => Number(text(g.querySelector('.bar-value'))));
    expect(values.reduce((a, b) => a + b, 0)).toBe(REPORTS.length);
    const clean = REPORTS.filter((r) => r.counts.error === 0).length;
    expect(text(errorsChart.querySelector('g.bar title'))).toBe(`0 个错误：${clean} 份`);
    const rules = [...root.querySelectorAll('[data-testid="chart-rules"] g.bar')];
    expect(rules.length).toBeGreaterThan(0);
    expect(text(rules[0]!.querySelector('title'))).toMatch(/：\d+ 份$/);
  });

  it('exports every finding of the rows shown, one CSV row each, with its verdict', async () => {
    fakeBrowser.runtime.onMessage.addListener((raw: unknown, _s: unknown, sendResponse: (r: unknown) => void) => {
      const m = raw as Message;
      if (m.type !== 'load-reports') return undefined;
      sendResponse(Object.fromEntries(m.keys.flatMap((k) => REPORTS.filter((r) => r.url === k).map((r) => [k, r]))));
      return true;
    });
    const downloads = captureDownloads();
    const root = mount();
    buttonByText(root, '导出全部发现（CSV）').click();
    await waitFor(() => expect(downloads).toHaveLength(1));
    const csv = await downloads[0]!.blob.text();
    const records = parse(csv.replace(/^\ufeff/, ''), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(REPORTS.reduce((a, r) => a + r.findings.length, 0));
    expect(new Set(records.map((r) => r.status))).toEqual(new Set(['待处理']));
    expect(downloads[0]!.name).toMatch(/^年报核对_政府信息公开年报_栏目_5份_发现\.csv$/);
    buttonByText(root, '导出清单（CSV）').click();
    await waitFor(() => expect(downloads).toHaveLength(2));
    const list = parse((await downloads[1]!.blob.text()).replace(/^\ufeff/, ''), { columns: true }) as Record<string, string>[];
    expect(list).toHaveLength(5);
    expect(list.filter((r) => r.status === 'checked')).toHaveLength(3);
    expect(
      list
        .filter((r) => r.status === 'failed')
        .map((r) => r.reason)
        .sort(),
    ).toEqual(['服务器返回错误', '附件报告，请逐份检查'].sort());
  });
});
