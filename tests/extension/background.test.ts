// The background with fakeBrowser: per-tab state, badge, and message handling.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import type { PageState } from '../../utils/state';

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

describe('background', () => {
  let badge: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fakeBrowser.reset();
    badge = vi.fn(async () => undefined);
    browser.action.setBadgeText = badge as never;
    browser.action.setBadgeBackgroundColor = vi.fn(async () => undefined) as never;
    browser.scripting.getRegisteredContentScripts = vi.fn(async () => []) as never;
    browser.scripting.registerContentScripts = vi.fn(async () => undefined) as never;
    // not in fakeBrowser's in-memory implementation
    browser.commands.onCommand.addListener = vi.fn() as never;
    browser.permissions.onAdded.addListener = vi.fn() as never;
    background.main();
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

  it('ignores messages that are not ours', async () => {
    await browser.runtime.sendMessage({ type: 'nonsense' }).catch(() => undefined);
    expect(badge).not.toHaveBeenCalled();
  });
});
