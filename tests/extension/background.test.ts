// The background with fakeBrowser: per-tab state, badge, and message handling.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import type { Report } from '../../lib/schema';
import { readPage } from '../../lib/read';
import type { PageState } from '../../utils/page-state';
import { reportMemory } from '../../utils/memory';
import { rememberedEntries } from '../../utils/remembered';
import type { RememberedReport } from '../../utils/storage';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';

const state = (over: Partial<PageState> = {}): PageState => ({
  url: 'http://www.sample.gov.cn/a.html',
  title: 't',
  detected: true,
  kind: 'report',
  report: null,
  findings: [],
  passed: [],
  incomplete: [],
  counts: { error: 2, warning: 1, info: 0 },
  attachments: [],
  trigger: 'auto',
  checkedAt: '2026-01-01T00:00:00.000Z',
  elapsedMs: 3,
  ...over,
});

/** A fresh fake browser with the background started in it; the badge spy. */
function startBackground(): ReturnType<typeof vi.fn> {
  fakeBrowser.reset();
  const badge = vi.fn(async () => undefined);
  browser.action.setBadgeText = badge as never;
  browser.action.setBadgeBackgroundColor = vi.fn(async () => undefined) as never;
  browser.action.setIcon = vi.fn(async () => undefined) as never;
  browser.scripting.getRegisteredContentScripts = vi.fn(async () => []) as never;
  browser.scripting.registerContentScripts = vi.fn(async () => undefined) as never;
  // not in fakeBrowser's in-memory implementation
  browser.commands.onCommand.addListener = vi.fn() as never;
  browser.permissions.onAdded.addListener = vi.fn() as never;
  browser.tabs.get = vi.fn(async (id: number) => ({ id, url: TOP_URL })) as never;
  background.main();
  return badge;
}

const TOP_URL = 'http://www.sample.gov.cn/a.html';
const POPUP = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' };

/** A message as the background receives it from `sender`; its answer (undefined: not answered). */
const deliver = (message: unknown, sender: object) =>
  new Promise((resolve) => {
    void (fakeBrowser.runtime.onMessage as unknown as { trigger(...a: unknown[]): Promise<unknown[]> })
      .trigger(message, sender, resolve)
      .then((handled) => handled.some((h) => h === true) || resolve(undefined));
  });

/** the content script's message, from a tab's frame at `url` (the tab showing TOP_URL) */
const fromTab = (message: unknown, tabId = 7, frameId = 0, url = TOP_URL) =>
  deliver(message, { id: 'test-extension-id', tab: { id: tabId, url: TOP_URL }, frameId, url });
/** the popup's message */
const fromPopup = (message: unknown) => deliver(message, POPUP);

describe('background', () => {
  let badge: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    badge = startBackground();
  });

  it('keeps a tab’s state and shows its error count on the badge', async () => {
    await fromTab({ type: 'page-state', state: state() });
    await vi.waitFor(() => expect(badge).toHaveBeenCalledWith({ tabId: 7, text: '2' }));
    expect(browser.action.setIcon).toHaveBeenCalledWith({ tabId: 7, path: { 16: '/icon/state-issues-16.png', 32: '/icon/state-issues-32.png' } });
    const got = await fromPopup({ type: 'get-state', tabId: 7 });
    expect(got).toMatchObject({ detected: true, counts: { error: 2 } });
  });

  it('does not let a sub-frame without a report overwrite a frame with one', async () => {
    await fromTab({ type: 'page-state', state: state() }, 7, 0);
    await fromTab({ type: 'page-state', state: state({ detected: false, kind: 'news' }) }, 7, 3);
    await vi.waitFor(async () => expect(await fromPopup({ type: 'get-state', tabId: 7 })).toMatchObject({ detected: true }));
  });

  const stateOfTab = () => fromPopup({ type: 'get-state', tabId: 7 });

  it('keeps the frame with a report when the frames of a page checked on demand answer at the same time', async () => {
    // each answer reads the tab's state and writes it back: side by side, the frame without a report could win
    await Promise.all([
      fromTab({ type: 'page-state', state: state() }, 7, 0),
      fromTab({ type: 'page-state', state: state({ detected: false, kind: 'news' }) }, 7, 3),
    ]);
    expect(await stateOfTab()).toMatchObject({ detected: true, frameId: 0 });
  });

  it('keeps a report found in a sub-frame when the top frame, without one, answers after it', async () => {
    await fromTab({ type: 'page-state', state: state() }, 7, 4);
    await fromTab({ type: 'page-state', state: state({ detected: false, kind: 'news' }) }, 7, 0);
    expect(await stateOfTab()).toMatchObject({ detected: true, frameId: 4 });
  });

  it('lets a frame’s own re-check replace its report', async () => {
    await fromTab({ type: 'page-state', state: state() }, 7, 4);
    await fromTab({ type: 'page-state', state: state({ detected: false, kind: 'news' }) }, 7, 4);
    expect(await stateOfTab()).toMatchObject({ detected: false, frameId: 4 });
  });

  it('sends the next-finding key to the frame whose report the tab shows', async () => {
    const onCommand = vi.mocked(browser.commands.onCommand.addListener).mock.calls[0]![0] as (command: string) => Promise<void>;
    await fromTab({ type: 'page-state', state: state() }, 7, 4);
    browser.tabs.query = vi.fn(async () => [{ id: 7 }]) as never;
    const sent = vi.fn(async () => undefined);
    browser.tabs.sendMessage = sent as never;
    await onCommand('next-finding');
    expect(sent).toHaveBeenCalledWith(7, { type: 'step-finding', direction: 1 }, { frameId: 4 });
  });

  it('ignores messages that are not ours', async () => {
    await browser.runtime.sendMessage({ type: 'nonsense' }).catch(() => undefined);
    expect(badge).not.toHaveBeenCalled();
  });
});

describe('background: the report memory', () => {
  beforeEach(() => void startBackground());

  const pingtan = readPage(docFromHtml(fixtureHtml('pingtan-2023.html'))).report!;
  const report = (agency: string): Report => ({ ...pingtan, agency });
  const entry = (i: number): RememberedReport => ({
    url: `http://www.sample${i}.gov.cn/2023.html`,
    title: `报告 ${i}`,
    agency: `机关${i}`,
    year: 2023,
    format: '2021',
    counts: { error: 0, warning: 0, info: 0 },
    checkedAt: '2026-11-01T00:00:00.000Z',
    report: report(`机关${i}`),
    findings: [],
  });
  /** remember from the entries' own page; anything else from the popup */
  const send = (message: { type: string; entries?: RememberedReport[] }) =>
    message.entries ? fromTab(message, 7, 0, message.entries[0]!.url) : fromPopup(message);

  it('writes the reports of tabs checked at the same time one after another, losing none', async () => {
    // each write reads the index and writes it back: run side by side, all but one would be lost
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => send({ type: 'remember', entries: [entry(i)] })));
    expect(answers).toEqual(Array(6).fill({ ok: true }));
    expect(Object.keys(await reportMemory.index()).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => entry(i).url).sort());
    expect(Object.keys(await reportMemory.load([entry(3).url]))).toEqual([entry(3).url]);
  });

  it('forgets every report after the writes asked for before, and goes on writing after', async () => {
    const writes = [send({ type: 'remember', entries: [entry(1)] }), send({ type: 'forget-reports' }), send({ type: 'remember', entries: [entry(2)] })];
    expect(await Promise.all(writes)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(Object.keys(await reportMemory.index())).toEqual([entry(2).url]);
  });

  it('answers a write that failed with its error, and the writes after it still run', async () => {
    const put = vi.spyOn(reportMemory, 'put').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    const failed = send({ type: 'remember', entries: [entry(1)] });
    const next = send({ type: 'remember', entries: [entry(2)] });
    expect(await failed).toEqual({ ok: false, error: 'Error: QUOTA_BYTES quota exceeded' });
    expect(await next).toEqual({ ok: true });
    expect(Object.keys(await reportMemory.index())).toEqual([entry(2).url]);
    put.mockRestore();
  });
});

describe('background: who may say what (issue 16)', () => {
  beforeEach(() => void startBackground());

  const pingtan = readPage(docFromHtml(fixtureHtml('pingtan-2023.html'))).report!;
  const entryAt = (url: string): RememberedReport => ({ ...rememberedEntries([{ ...state({ url }), report: pingtan, findings: [] }])[0]!, url });
  const keys = async () => Object.keys(await reportMemory.index());
  const EVIL = 'http://evil.attacker.gov.cn/frame.html';

  it('answers the popup’s messages only from the extension’s own pages', async () => {
    await fromTab({ type: 'page-state', state: state() });
    expect(await fromTab({ type: 'get-state', tabId: 7 }, 8)).toBeUndefined();
    await fromTab({ type: 'remember', entries: [entryAt(TOP_URL)] });
    expect(await fromTab({ type: 'forget-reports', verdicts: true })).toBeUndefined();
    expect(await fromTab({ type: 'get-history' })).toBeUndefined();
    expect(await fromTab({ type: 'load-reports', keys: [TOP_URL] })).toBeUndefined();
    expect(await fromTab({ type: 'set-verdict', key: TOP_URL, findingId: 'x', verdict: null })).toBeUndefined();
    expect(await fromTab({ type: 'choose-previous', key: TOP_URL, previous: EVIL })).toBeUndefined();
    expect(await keys()).toEqual([TOP_URL]);
    expect(await fromPopup({ type: 'get-state', tabId: 7 })).toMatchObject({ url: TOP_URL });
  });

  it('remembers only the sender’s own page’s reports (page, page#k), never another address', async () => {
    expect(await fromTab({ type: 'remember', entries: [entryAt('http://www.pingtan.gov.cn/real-2023.html')] })).toMatchObject({ ok: false });
    expect(await fromTab({ type: 'remember', entries: [entryAt(`${TOP_URL}#2`), entryAt(`${TOP_URL}#x`)] })).toMatchObject({ ok: false });
    expect(await keys()).toEqual([]);
    expect(await fromTab({ type: 'remember', entries: [entryAt(`${TOP_URL}#2`)] })).toEqual({ ok: true });
    expect(await keys()).toEqual([`${TOP_URL}#2`]);
  });

  it('pairs only the sender’s own reports', async () => {
    const ask = (source: string) => fromTab({ type: 'pair', reports: [{ source, agency: pingtan.agency, year: 2024, borrowed: false }] });
    expect(await ask('http://www.pingtan.gov.cn/2024.html')).toBeUndefined();
    expect(await ask(TOP_URL)).toMatchObject({ answers: [{ source: TOP_URL, previous: null }] });
  });

  it('does not answer, and does not throw on, a pair request that is not one', async () => {
    for (const reports of [
      [null],
      [42],
      [{ source: TOP_URL }],
      [{ source: TOP_URL, agency: 7, year: 2024, borrowed: false }],
      [{ source: TOP_URL, agency: 'x'.repeat(10_000), year: 2024, borrowed: false }],
    ])
      expect(await fromTab({ type: 'pair', reports })).toBeUndefined();
  });

  it('neither checks, shows nor remembers a frame of another site unless the reviewer asked (检查此页)', async () => {
    const inject = vi.fn(async () => [{}]);
    browser.scripting.executeScript = inject as never;
    expect(await fromTab({ type: 'inject-checker' }, 7, 5, EVIL)).toMatchObject({ ok: false });
    expect(inject).not.toHaveBeenCalled();
    await fromTab({ type: 'page-state', state: state({ url: EVIL }) }, 7, 5, EVIL);
    expect(await fromPopup({ type: 'get-state', tabId: 7 })).toBeNull();
    expect(await fromTab({ type: 'remember', entries: [entryAt(EVIL)] }, 7, 5, EVIL)).toMatchObject({ ok: false });
    // a frame of the top frame's own site is checked automatically
    expect(await fromTab({ type: 'inject-checker' }, 7, 6, 'http://xxgk.sample.gov.cn/f.html')).toEqual({ ok: true });
    // after 检查此页 every frame of the tab may
    expect(await fromPopup({ type: 'check-tab', tabId: 7 })).toEqual({ ok: true });
    expect(await fromTab({ type: 'remember', entries: [entryAt(EVIL)] }, 7, 5, EVIL)).toEqual({ ok: true });
    expect(await keys()).toEqual([EVIL]);
  });

  it('keeps the top frame’s report as the tab’s: a subframe’s report never replaces it', async () => {
    await fromTab({ type: 'page-state', state: state() }, 7, 0);
    await fromTab(
      { type: 'page-state', state: state({ url: 'http://xxgk.sample.gov.cn/f.html', counts: { error: 9, warning: 0, info: 0 } }) },
      7,
      6,
      'http://xxgk.sample.gov.cn/f.html',
    );
    expect(await fromPopup({ type: 'get-state', tabId: 7 })).toMatchObject({ frameId: 0, url: TOP_URL });
  });

  it('lets the tab remember the page it fetched only after the popup asked for 获取上一年度报告, and only of the same origin', async () => {
    await fromTab({ type: 'page-state', state: state() });
    const fetchedUrl = 'http://www.sample.gov.cn/2022.html';
    expect(await fromTab({ type: 'remember', entries: [entryAt(fetchedUrl)] })).toMatchObject({ ok: false });
    browser.tabs.sendMessage = vi.fn(async () => ({ ok: false, reason: 'notFound', tried: 1 })) as never;
    await fromPopup({ type: 'fetch-previous', tabId: 7, frameId: 0 });
    expect(await fromTab({ type: 'remember', entries: [entryAt('http://other.sample.gov.cn/2022.html')] })).toMatchObject({ ok: false });
    expect(await fromTab({ type: 'remember', entries: [entryAt(fetchedUrl)] })).toEqual({ ok: true });
    expect((await reportMemory.index())[fetchedUrl]?.fetched).toBe(true);
  });

  it('keeps a large state without its cells (the popup asks the page), and a failed session write leaves a minimal state', async () => {
    const big = { ...pingtan, cells: Object.fromEntries(Object.entries(pingtan.cells).map(([k, c]) => [k, { ...c, rowLabel: 'x'.repeat(20_000) }])) };
    await fromTab({ type: 'page-state', state: state({ report: big }) });
    const kept = (await fromPopup({ type: 'get-state', tabId: 7 })) as { slim?: boolean; report: { cells: object } };
    expect(kept.slim).toBe(true);
    expect(kept.report.cells).toEqual({});
    const set = vi.spyOn(browser.storage.session, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await fromTab({ type: 'page-state', state: state() }, 9);
    set.mockRestore();
    expect(await fromPopup({ type: 'get-state', tabId: 9 })).toMatchObject({
      detected: true,
      counts: { error: 2 },
      slim: true,
      memoryError: expect.stringContaining('QUOTA'),
    });
  });

  it('shows a failed memory write on the tab’s state and in the memory’s status, never silently', async () => {
    await fromTab({ type: 'page-state', state: state() });
    const put = vi.spyOn(reportMemory, 'put').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    expect(await fromTab({ type: 'remember', entries: [entryAt(TOP_URL)] })).toMatchObject({ ok: false });
    put.mockRestore();
    await vi.waitFor(async () => expect(await fromPopup({ type: 'get-state', tabId: 7 })).toMatchObject({ memoryError: expect.stringContaining('QUOTA') }));
    expect(((await fromPopup({ type: 'get-history' })) as { status: { lastError: { message: string } } }).status.lastError.message).toContain('QUOTA');
  });

  it('saves a verdict even when storage is full, making room by dropping the oldest reports', async () => {
    await fromTab({ type: 'remember', entries: [entryAt(TOP_URL)] });
    const set = vi.spyOn(browser.storage.local, 'set');
    set.mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    const verdict = { status: 'verified', note: '已电话核实', at: '2026-12-06T00:00:00.000Z' };
    expect(await fromPopup({ type: 'set-verdict', key: TOP_URL, findingId: 'applications.rowSum:x', verdict })).toEqual({ ok: true });
    set.mockRestore();
    expect((await browser.storage.local.get('dismissals')).dismissals).toEqual({ [`${TOP_URL}#applications.rowSum:x`]: verdict });
    expect(await keys()).toEqual([]);
  });

  it('clears the verdicts and notes too when asked (清除全部数据)', async () => {
    await fromTab({ type: 'remember', entries: [entryAt(TOP_URL)] });
    await fromPopup({ type: 'set-verdict', key: TOP_URL, findingId: 'f', verdict: { status: 'verified', note: 'n', at: 'now' } });
    await fromPopup({ type: 'forget-reports', verdicts: false });
    expect(await keys()).toEqual([]);
    expect(Object.keys((await browser.storage.local.get('dismissals')).dismissals as object)).toHaveLength(1);
    await fromPopup({ type: 'forget-reports', verdicts: true });
    expect((await browser.storage.local.get('dismissals')).dismissals).toBeUndefined();
  });

  it('limits how many new reports one site may add within an hour', async () => {
    const rate = await import('../../entrypoints/background');
    const saved = rate.SITE_RATE.reports;
    rate.SITE_RATE.reports = 2;
    try {
      for (const n of [1, 2])
        expect(await fromTab({ type: 'remember', entries: [entryAt(`http://www.flood.gov.cn/?n=${n}`)] }, 7, 0, `http://www.flood.gov.cn/?n=${n}`)).toEqual({
          ok: true,
        });
      expect(await fromTab({ type: 'remember', entries: [entryAt('http://www.flood.gov.cn/?n=3')] }, 7, 0, 'http://www.flood.gov.cn/?n=3')).toMatchObject({
        ok: false,
        error: expect.stringContaining('too many'),
      });
      // the same page again is no new report
      expect(await fromTab({ type: 'remember', entries: [entryAt('http://www.flood.gov.cn/?n=1')] }, 7, 0, 'http://www.flood.gov.cn/?n=1')).toEqual({
        ok: true,
      });
    } finally {
      rate.SITE_RATE.reports = saved;
    }
  });
});
