// The background: keeps each tab's result (in storage.session, so it survives the
// service worker sleeping), sets the badge, runs on-demand checks and keyboard
// commands, and registers the content script on sites the user added. It makes no
// network requests.

import type { Browser } from 'wxt/browser';
import { CHECKER_TRIGGER, isMessage, type Message } from '../utils/messages';
import { rememberEntries } from '../utils/memory';
import { badgeFor, type PageState } from '../utils/state';
import { reportMemory, settingsItem } from '../utils/storage';

const CONTENT_SCRIPT = '/content-scripts/content.js';
const CHECKER = '/checker.js';
const EXTRA_SCRIPT_ID = 'gip-extra-sites';
const tabKey = (tabId: number) => `tab:${tabId}`;

async function getState(tabId: number): Promise<PageState | null> {
  const r = await browser.storage.session.get(tabKey(tabId));
  return (r[tabKey(tabId)] as PageState | undefined) ?? null;
}

async function setBadge(tabId: number, state: PageState | null): Promise<void> {
  const { text, color } = badgeFor(state);
  await browser.action.setBadgeText({ tabId, text });
  if (text) await browser.action.setBadgeBackgroundColor({ tabId, color });
}

async function onPageState(tabId: number, frameId: number, state: PageState): Promise<void> {
  const previous = await getState(tabId);
  // several frames report: a frame with a report wins over frames without one
  if (frameId !== 0 && previous?.detected && !state.detected) return;
  await browser.storage.session.set({ [tabKey(tabId)]: state });
  await setBadge(tabId, state);
}

let memoryWrites: Promise<unknown> = Promise.resolve();
/**
 * Report-memory writes, one at a time. Each reads the memory's index and writes it back:
 * two tabs checked at once (a reviewer opening ten reports) would otherwise each write
 * back an index without the other's report. Done here, a write also outlives the page.
 */
function serially(write: () => Promise<void>): Promise<{ ok: true }> {
  const done = memoryWrites.then(write);
  memoryWrites = done.catch(() => undefined);
  return done.then(() => ({ ok: true }));
}

/**
 * Inject the checker (only pages that look like reports, or on demand, pay for it).
 * The trigger is set first in the same isolated world, where the page cannot see it.
 */
async function injectChecker(target: Browser.scripting.InjectionTarget, trigger: 'auto' | 'demand'): Promise<{ ok: boolean; error?: string }> {
  try {
    await browser.scripting.executeScript({
      target,
      func: (key: string, t: string) => void ((globalThis as Record<symbol, unknown>)[Symbol.for(key)] = t),
      args: [CHECKER_TRIGGER.description!, trigger],
    });
    await browser.scripting.executeScript({ target, files: [CHECKER] });
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Content script on the sites the user added in the options (only those the browser granted). */
async function syncExtraSites(): Promise<void> {
  const { extraSites } = await settingsItem.getValue();
  const granted = [];
  for (const origin of extraSites) if (await browser.permissions.contains({ origins: [origin] })) granted.push(origin);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [EXTRA_SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [EXTRA_SCRIPT_ID] });
  if (granted.length)
    await browser.scripting.registerContentScripts([{ id: EXTRA_SCRIPT_ID, matches: granted, js: [CONTENT_SCRIPT], allFrames: true, runAt: 'document_idle' }]);
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse: (r: unknown) => void) => {
    if (!isMessage(raw)) return;
    const answer = (p: Promise<unknown>) => {
      p.then(sendResponse, (e: unknown) => sendResponse({ ok: false, error: String(e) }));
      return true;
    };
    switch (raw.type) {
      case 'page-state':
        if (sender.tab?.id === undefined) return;
        return answer(onPageState(sender.tab.id, sender.frameId ?? 0, raw.state));
      case 'get-state':
        return answer(getState(raw.tabId));
      case 'inject-checker':
        if (sender.tab?.id === undefined) return;
        return answer(injectChecker({ tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] }, 'auto'));
      case 'check-tab':
        return answer(injectChecker({ tabId: raw.tabId, allFrames: true }, 'demand'));
      case 'remember':
        if (!Array.isArray(raw.entries)) return;
        return answer(serially(() => rememberEntries(raw.entries)));
      case 'forget-reports':
        return answer(serially(() => reportMemory.clear()));
    }
  });

  // A new page in the tab: its old result and badge go.
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading' && info.url) void browser.storage.session.remove(tabKey(tabId)).then(() => setBadge(tabId, null));
  });
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(tabKey(tabId)));

  browser.commands?.onCommand.addListener(async (command) => {
    const direction = command === 'next-finding' ? 1 : command === 'previous-finding' ? -1 : 0;
    if (!direction) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, { type: 'step-finding', direction } satisfies Message).catch(() => undefined);
  });

  settingsItem.watch(() => void syncExtraSites().catch(() => undefined));
  browser.permissions.onAdded?.addListener(() => void syncExtraSites().catch(() => undefined));
  void syncExtraSites().catch(() => undefined);
  void serially(() => reportMemory.migrate()).catch(() => undefined);
});
