// The background with fakeBrowser: per-tab state, badge, and message handling.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import type { Report } from '../../lib/schema';
import { readPage } from '../../lib/read';
import type { PageState } from '../../utils/state';
import { reportMemory, type RememberedReport } from '../../utils/storage';
import { docFromHtml, fixtureHtml } from '../support/dom';

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
  browser.scripting.getRegisteredContentScripts = vi.fn(async () => []) as never;
  browser.scripting.registerContentScripts = vi.fn(async () => undefined) as never;
  // not in fakeBrowser's in-memory implementation
  browser.commands.onCommand.addListener = vi.fn() as never;
  browser.permissions.onAdded.addListener = vi.fn() as never;
  background.main();
  return badge;
}

describe('background', () => {
  let badge: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    badge = startBackground();
  });

  // the content script's message, as the background receives it from a tab's frame
  const fromTab = (message: unknown, tabId = 7, frameId = 0) =>
    new Promise((resolve) => {
      void (fakeBrowser.runtime.onMessage as unknown as { trigger(...a: unknown[]): Promise<unknown> }).trigger(message, { tab: { id: tabId }, frameId }, resolve);
    });

  it('keeps a tab’s state and shows its error count on the badge', async () => {
    await fromTab({ type: 'page-state', state: state() });
    await vi.waitFor(() => expect(badge).toHaveBeenCalledWith({ tabId: 7, text: '2' }));
    const got = await browser.runtime.sendMessage({ type: 'get-state', tabId: 7 });
    expect(got).toMatchObject({ detected: true, counts: { error: 2 } });
  });

  it('does not let a sub-frame without a report overwrite a frame with one', async () => {
    await fromTab({ type: 'page-state', state: state() }, 7, 0);
    await fromTab({ type: 'page-state', state: state({ detected: false, kind: 'news' }) }, 7, 3);
    await vi.waitFor(async () => expect(await browser.runtime.sendMessage({ type: 'get-state', tabId: 7 })).toMatchObject({ detected: true }));
  });

  const stateOfTab = () => browser.runtime.sendMessage({ type: 'get-state', tabId: 7 } as never);

  it('keeps the frame with a report when the frames of a page checked on demand answer at the same time', async () => {
    // each answer reads the tab's state and writes it back: side by side, the frame without a report could win
    await Promise.all([fromTab({ type: 'page-state', state: state() }, 7, 0), fromTab({ type: 'page-state', state: state({ detected: false, kind: 'news' }) }, 7, 3)]);
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
  const send = (message: unknown) => browser.runtime.sendMessage(message as never);

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
