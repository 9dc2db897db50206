// The report memory with the real 平潭 2023 and 2024 pages: the year before is found for
// a page, and visiting 2023 after 2024 brings the remembered 2024 report's cross-year
// findings up to date (the real stock warning 470 + 62 − 33 = 499 ≠ 440).

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runRules } from '../../lib/check';
import { readPage } from '../../lib/read';
import { laterReportsRechecked, previousFromMemory, rememberReport, toRemembered } from '../../utils/memory';
import { countBySeverity, type PageState } from '../../utils/state';
import { reportsItem } from '../../utils/storage';
import { docFromHtml, fixtureHtml } from '../support/dom';

const URL_2023 = 'http://www.pingtan.gov.cn/zwgk/gknb/2023.html';
const URL_2024 = 'http://www.pingtan.gov.cn/zwgk/gknb/2024.html';

function checked(fixture: string, url: string): PageState {
  const report = readPage(docFromHtml(fixtureHtml(fixture))).report!;
  const result = runRules(report);
  return {
    url,
    title: report.title,
    detected: true,
    kind: 'report',
    report,
    ...result,
    counts: countBySeverity(result.findings),
    attachments: [],
    trigger: 'auto',
    checkedAt: '2026-11-01T00:00:00.000Z',
    elapsedMs: 1,
  };
}

const crossYear = (findings: readonly { ruleId: string; id: string }[]) => findings.filter((f) => f.ruleId.startsWith('crossYear.')).map((f) => f.id);

describe('report memory', () => {
  beforeEach(() => fakeBrowser.reset());

  it('finds the year before for a page, never the page itself', () => {
    const y23 = checked('pingtan-2023.html', URL_2023);
    const y24 = checked('pingtan-2024.html', URL_2024);
    const memory = { [URL_2023]: toRemembered({ ...y23, report: y23.report! }), [URL_2024]: toRemembered({ ...y24, report: y24.report! }) };
    expect(previousFromMemory(memory, { report: y24.report!, source: `${URL_2024}#top` })?.source).toBe(URL_2023);
    expect(previousFromMemory(memory, { report: y23.report!, source: URL_2023 })).toBeUndefined();
    // the 2024 page visited again: its own memory entry is not its year before
    expect(previousFromMemory({ [URL_2024]: memory[URL_2024]! }, { report: y24.report!, source: URL_2024 })).toBeUndefined();
  });

  it('visiting 2023 after 2024 rechecks the remembered 2024 report against it', async () => {
    const y24 = checked('pingtan-2024.html', URL_2024);
    await rememberReport(y24);
    expect(crossYear((await reportsItem.getValue())[URL_2024]!.findings)).toEqual([]);

    await rememberReport(checked('pingtan-2023.html', URL_2023));
    const later = (await reportsItem.getValue())[URL_2024]!;
    const stock = later.findings.find((f) => f.ruleId === 'crossYear.inForceStock');
    expect(stock?.equation).toContain('470 + 62 − 33 = 499');
    expect(stock?.related?.source).toBe(URL_2023);
    // the report's own findings are kept, the counts follow
    expect(later.findings.filter((f) => !f.ruleId.startsWith('crossYear.'))).toEqual(y24.findings);
    expect(later.counts).toEqual(countBySeverity(later.findings));

    // 2023 checked again: the cross-year findings are replaced, not added twice
    await rememberReport(checked('pingtan-2023.html', URL_2023));
    const again = (await reportsItem.getValue())[URL_2024]!;
    expect(crossYear(again.findings)).toEqual(crossYear(later.findings));
    expect(new Set(again.findings.map((f) => f.id)).size).toBe(again.findings.length);
  });

  it('leaves other agencies and other years alone', () => {
    const y23 = checked('pingtan-2023.html', URL_2023);
    const other = checked('seed-000-yiyuan-2021.html', 'http://www.yiyuan.gov.cn/2021.html');
    const memory = { [other.url]: toRemembered({ ...other, report: other.report! }) };
    expect(laterReportsRechecked(memory, { report: y23.report!, source: URL_2023 })).toEqual([]);
  });

  it('does not remember pages that are not reports', async () => {
    await rememberReport({ ...checked('pingtan-2023.html', URL_2023), detected: false, report: null });
    expect(await reportsItem.getValue()).toEqual({});
  });
});
