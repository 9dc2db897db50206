// The report memory with the real 平潭 2023 and 2024 pages: the year before is found for
// a page, and visiting 2023 after 2024 brings the remembered 2024 report's cross-year
// findings up to date (the real stock warning 470 + 62 − 33 = 499 ≠ 440).

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkDocumentReports, runRules } from '../../lib/check';
import { readPage } from '../../lib/read';
import type { Report } from '../../lib/schema';
import { laterReports, pairFor, rememberEntries, reportMemory } from '../../utils/memory';
import { rememberedEntries, toRemembered } from '../../utils/remembered';
import { reportKey, type PageState } from '../../utils/page-state';
import { countBySeverity } from '../../lib/severity';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';

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

/** what the checker sends the background and the background writes (the page read at the states' address) */
const rememberReports = (states: readonly PageState[]) => rememberEntries(states[0]!.url, rememberedEntries(states));

type Dated = { report: Report; source: string };
const request = (d: Dated) => ({ source: d.source, agency: d.report.agency, year: d.report.year, borrowed: false });

/** the year before of one report, as the background answers the checker (paired there, loaded in full) */
const previousOf = async (d: Dated, pageUrl = d.source.replace(/#.*/, '')) => (await pairFor(pageUrl, [request(d)])).answers[0]!.previous ?? undefined;

const crossYear = (findings: readonly { ruleId: string; id: string }[]) => findings.filter((f) => f.ruleId.startsWith('crossYear.')).map((f) => f.id);

describe('report memory', () => {
  beforeEach(() => fakeBrowser.reset());

  it('finds the year before for a page (loaded in full), never the page itself', async () => {
    const y23 = checked('pingtan-2023.html', URL_2023);
    const y24 = checked('pingtan-2024.html', URL_2024);
    await rememberReports([y24]);
    // the 2024 page visited again: its own memory entry is not its year before
    expect(await previousOf({ report: y24.report!, source: URL_2024 })).toBeUndefined();
    await rememberReports([y23]);
    const previous = await previousOf({ report: y24.report!, source: URL_2024 });
    expect(previous?.source).toBe(URL_2023);
    expect(previous?.report).toEqual(y23.report); // its cells, not only its identity
    expect(await previousOf({ report: y23.report!, source: URL_2023 })).toBeUndefined();
  });

  it('reads the index once per check and once per remember, not again to load the reports it paired', async () => {
    const y23 = checked('pingtan-2023.html', URL_2023);
    const y24 = checked('pingtan-2024.html', URL_2024);
    await rememberReports([y24]);
    const get = vi.spyOn(browser.storage.local, 'get');
    const indexReads = () => get.mock.calls.filter(([keys]) => keys === 'reportIndex').length;
    try {
      // remembering 2023 loads the remembered 2024 report to recheck it
      await rememberReports([y23]);
      expect(indexReads()).toBe(2); // its own read, and put's (which writes the index back)
      get.mockClear();
      const dated = { report: y24.report!, source: URL_2024 };
      expect((await previousOf(dated))?.report).toEqual(y23.report);
      expect(indexReads()).toBe(1);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('keeps a small index under one key and each report under its own, so a check writes only its own reports', async () => {
    await rememberReports([checked('pingtan-2024.html', URL_2024)]);
    const set = vi.spyOn(browser.storage.local, 'set');
    await rememberReports([checked('seed-000-yiyuan-2021.html', 'http://www.yiyuan.gov.cn/2021.html')]);
    expect(set).toHaveBeenCalledOnce();
    expect(Object.keys(set.mock.calls[0]![0]).sort()).toEqual(['memoryStatus', 'report:http://www.yiyuan.gov.cn/2021.html', 'reportIndex', 'storageVersion']);
    const index = await reportMemory.index();
    expect(Object.keys(index).sort()).toEqual(['http://www.pingtan.gov.cn/zwgk/gknb/2024.html', 'http://www.yiyuan.gov.cn/2021.html']);
    expect(JSON.stringify(index).length).toBeLessThan(JSON.stringify(await reportMemory.all()).length / 5);
    await reportMemory.clear();
    expect(await browser.storage.local.get(null)).toEqual({ storageVersion: 2 }); // the layout's version stays
  });

  it('visiting 2023 after 2024 rechecks the remembered 2024 report against it', async () => {
    const y24 = checked('pingtan-2024.html', URL_2024);
    await rememberReports([y24]);
    expect(crossYear((await reportMemory.all())[URL_2024]!.findings)).toEqual([]);

    await rememberReports([checked('pingtan-2023.html', URL_2023)]);
    const later = (await reportMemory.all())[URL_2024]!;
    const stock = later.findings.find((f) => f.ruleId === 'crossYear.inForceStock');
    expect(stock?.equation).toContain('470 + 62 − 33 = 499');
    expect(stock?.related?.source).toBe(URL_2023);
    // the report's own findings are kept, the counts follow
    expect(later.findings.filter((f) => !f.ruleId.startsWith('crossYear.'))).toEqual(y24.findings);
    expect(later.counts).toEqual(countBySeverity(later.findings));

    // 2023 checked again: the cross-year findings are replaced, not added twice
    await rememberReports([checked('pingtan-2023.html', URL_2023)]);
    const again = (await reportMemory.all())[URL_2024]!;
    expect(crossYear(again.findings)).toEqual(crossYear(later.findings));
    expect(new Set(again.findings.map((f) => f.id)).size).toBe(again.findings.length);
  });

  it('leaves other agencies and other years alone', async () => {
    const y23 = checked('pingtan-2023.html', URL_2023);
    await rememberReports([checked('seed-000-yiyuan-2021.html', 'http://www.yiyuan.gov.cn/2021.html')]);
    expect(laterReports(await reportMemory.index(), URL_2023, rememberedEntries([y23]))).toEqual([]);
  });

  it('does not remember pages that are not reports', async () => {
    await rememberReports([{ ...checked('pingtan-2023.html', URL_2023), detected: false, report: null }]);
    expect(await reportMemory.index()).toEqual({});
  });

  it('remembers each report of a page holding several under its own key (page#k), pairing them with each other', async () => {
    const doc = docFromHtml(fixtureHtml('consolidated-3.html'));
    const url = 'http://www.pingtan.gov.cn/hb/2024.html';
    const states = checkDocumentReports(doc).map((c, index): PageState => ({
      ...checked('pingtan-2023.html', url),
      report: c.reading.report,
      findings: c.findings,
      section: { index, count: 3 },
    }));
    const dated = states.map((s) => ({ report: s.report!, source: reportKey(s) }));
    const { answers } = await pairFor(url, dated.map(request));
    expect(answers.flatMap((a) => (a.previous ? [[a.source, a.previous.source, a.previous.report]] : []))).toEqual([[`${url}#2`, `${url}#1`, null]]);
    await rememberReports(states);
    const memory = await reportMemory.all();
    expect(Object.keys(memory).sort()).toEqual([`${url}#1`, `${url}#2`, `${url}#3`]);
    expect(memory[`${url}#3`]!.agency).toBe('平潭综合实验区司法局');
  });

  it('moves reports an earlier version kept under one key to the index and one key per report', async () => {
    const y24 = checked('pingtan-2024.html', URL_2024);
    const old = toRemembered({ ...y24, report: y24.report! });
    await browser.storage.local.set({ reports: { [URL_2024]: old } });
    await reportMemory.migrate();
    expect(await reportMemory.all()).toEqual({ [URL_2024]: old });
    expect((await browser.storage.local.get('storageVersion')).storageVersion).toBe(2);
    expect((await browser.storage.local.get('reports')).reports).toBeUndefined();
    await reportMemory.migrate(); // nothing left to move
    expect(Object.keys(await reportMemory.index())).toEqual([URL_2024]);
  });
});
