// The background's side of a survey (issue 18), with fakeBrowser: a run's record kept only
// as validated; the survey view's reports remembered (as fetched on a click) and paired
// only for addresses a survey the reviewer started lists, and only from our own pages;
// the records cleared with the reports.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { readPage } from '../../lib/read';
import type { PageState } from '../../utils/page-state';
import { reportMemory } from '../../utils/memory';
import { rememberedEntries } from '../../utils/remembered';
import type { RememberedReport } from '../../utils/storage';
import type { SurveyRun } from '../../utils/survey';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';

function startBackground(): void {
  fakeBrowser.reset();
  browser.action.setBadgeText = vi.fn(async () => undefined) as never;
  browser.action.setBadgeBackgroundColor = vi.fn(async () => undefined) as never;
  browser.action.setIcon = vi.fn(async () => undefined) as never;
  browser.scripting.getRegisteredContentScripts = vi.fn(async () => []) as never;
  browser.scripting.registerContentScripts = vi.fn(async () => undefined) as never;
  browser.commands.onCommand.addListener = vi.fn() as never;
  browser.permissions.onAdded.addListener = vi.fn() as never;
  background.main();
}

const deliver = (message: unknown, sender: object) =>
  new Promise((resolve) => {
    void (fakeBrowser.runtime.onMessage as unknown as { trigger(...a: unknown[]): Promise<unknown[]> })
      .trigger(message, sender, resolve)
      .then((handled) => handled.some((h) => h === true) || resolve(undefined));
  });
const SURVEY_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/survey.html?run=r1' };
const fromView = (message: unknown) => deliver(message, SURVEY_PAGE);
/** a content script in a tab sending the same message */
const fromTab = (message: unknown) =>
  deliver(message, { id: 'test-extension-id', tab: { id: 7, url: 'http://www.qinghe.gov.cn/x.html' }, frameId: 0, url: 'http://www.qinghe.gov.cn/x.html' });

const O = 'http://www.qinghe.gov.cn';
const pingtan = readPage(docFromHtml(fixtureHtml('pingtan-2023.html'))).report!;
const state = (url: string, year: number): PageState => ({
  url,
  title: 't',
  detected: true,
  kind: 'report',
  report: { ...pingtan, year, url },
  findings: [],
  passed: [],
  incomplete: [],
  counts: { error: 0, warning: 0, info: 0 },
  attachments: [],
  trigger: 'demand',
  checkedAt: '2026-12-06T07:00:00.000Z',
  elapsedMs: 0,
});
const entriesAt = (url: string, year = 2023): RememberedReport[] => rememberedEntries([state(url, year)]);

const RUN: SurveyRun = {
  id: 'r1',
  listUrl: `${O}/gknb/`,
  listTitle: '年报',
  origin: O,
  tabId: 7,
  year: null,
  createdAt: '2026-12-06T07:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  status: 'queued',
  lists: [{ url: `${O}/gknb/`, status: 'read', found: 2 }],
  current: null,
  items: [2022, 2023].map((y) => ({ url: `${O}/gknb/${y}.html`, text: `${y}`, agency: null, year: y, format: 'html' as const, status: 'queued' as const })),
};

describe('the background and the survey', () => {
  beforeEach(() => startBackground());

  it('keeps a run only as validated, and gives it back', async () => {
    expect(await fromView({ type: 'survey-save', run: RUN })).toEqual({ ok: true });
    expect(await fromView({ type: 'survey-get', id: 'r1' })).toEqual(RUN);
    expect(await fromView({ type: 'survey-get' })).toEqual([RUN]);
    const bad = (await fromView({ type: 'survey-save', run: { ...RUN, id: 'r2', items: [{ ...RUN.items[0]!, url: 'x'.repeat(5000) }] } })) as {
      ok: boolean;
      error: string;
    };
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/survey refused: items\.0\.url/);
    expect(await fromView({ type: 'survey-get', id: 'r2' })).toBeNull();
    // a tampered record in storage is not used
    await browser.storage.local.set({ 'survey:r1': { ...RUN, status: 'hacked' } });
    expect(await fromView({ type: 'survey-get', id: 'r1' })).toBeNull();
  });

  it('remembers, as fetched on a click, only the pages a survey lists; pairs them; not for a tab', async () => {
    await fromView({ type: 'survey-save', run: RUN });
    expect(await fromView({ type: 'survey-remember', entries: entriesAt(`${O}/gknb/2022.html`, 2022) })).toEqual({ ok: true });
    expect(await fromView({ type: 'survey-remember', entries: entriesAt(`${O}/gknb/other.html`) })).toEqual({ ok: false, error: 'not a page of a survey' });
    expect(await fromView({ type: 'survey-remember', entries: entriesAt('http://www.elsewhere.gov.cn/gknb/2023.html') })).toEqual({
      ok: false,
      error: 'not a page of a survey',
    });
    // a page (content script) cannot use the survey's messages
    expect(await fromTab({ type: 'survey-remember', entries: entriesAt(`${O}/gknb/2023.html`) })).toBeUndefined();
    expect(await fromTab({ type: 'survey-save', run: RUN })).toBeUndefined();
    const index = await reportMemory.index();
    expect(Object.keys(index)).toEqual([`${O}/gknb/2022.html`]);
    expect(index[`${O}/gknb/2022.html`]!.fetched).toBe(true);
    // the 2023 report of the list is paired with the 2022 one just remembered
    const request = { source: `${O}/gknb/2023.html`, agency: pingtan.agency, year: 2023, borrowed: false };
    const answer = (await fromView({ type: 'survey-pair', pageUrl: `${O}/gknb/2023.html`, reports: [request] })) as {
      answers: { previous: { source: string } | null }[];
    };
    expect(answer.answers[0]!.previous?.source).toBe(`${O}/gknb/2022.html`);
    // not for an address no survey lists
    expect(await fromView({ type: 'survey-pair', pageUrl: `${O}/gknb/other.html`, reports: [{ ...request, source: `${O}/gknb/other.html` }] })).toEqual({
      answers: [],
      ms: 0,
    });
  });

  it('clearing the reports clears the surveys too', async () => {
    await fromView({ type: 'survey-save', run: RUN });
    await fromView({ type: 'forget-reports' });
    expect(await fromView({ type: 'survey-get' })).toEqual([]);
  });
});
