// The background: keeps each tab's result (in storage.session, so it survives the
// service worker sleeping), sets the badge, runs on-demand checks and keyboard
// commands, and registers the content script on sites the user added. It makes no
// network requests.

import type { Browser } from 'wxt/browser';
import { CHECKER_TRIGGER, isMessage, toChecker } from '../utils/messages';
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
  // several frames report (on demand every frame does): a frame with a report is not
  // replaced by another frame without one, whichever answers first; its own re-check replaces it
  if (previous?.detected && !state.detected && previous.frameId !== frameId) return;
  await browser.storage.session.set({ [tabKey(tabId)]: { ...state, frameId } });
  await setBadge(tabId, state);
}

/** The writes waiting, per stored value (see serially). */
const queues = new Map<string, Promise<unknown>>();

/**
 * Run `write` after the writes queued before it under `key`. Each reads a stored value
 * and writes it back: the report memory's index (two tabs checked at once would each
 * write back an index without the other's report) or a tab's state (the frames of a
 * page checked on demand answer together). Done here, a write also outlives its page.
 */
function serially<T>(key: string, write: () => Promise<T>): Promise<T> {
  const done = (queues.get(key) ?? Promise.resolve()).then(write);
  const tail = done.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => queues.get(key) === tail && queues.delete(key));
  return done;
}
const MEMORY = 'report-memory';
const written = (write: () => Promise<void>) => serially(MEMORY, write).then(() => ({ ok: true }));

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
      case 'page-state': {
        const tabId = sender.tab?.id;
        if (tabId === undefined) return;
        return answer(serially(tabKey(tabId), () => onPageState(tabId, sender.frameId ?? 0, raw.state)));
      }
      case 'get-state':
        return answer(getState(raw.tabId));
      case 'inject-checker':
        if (sender.tab?.id === undefined) return;
        return answer(injectChecker({ tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] }, 'auto'));
      case 'check-tab':
        return answer(injectChecker({ tabId: raw.tabId, allFrames: true }, 'demand'));
      case 'remember':
        if (!Array.isArray(raw.entries)) return;
        return answer(written(() => rememberEntries(raw.entries)));
      case 'forget-reports':
        return answer(written(() => reportMemory.clear()));
    }
  });

  // A new page in the tab: its old result and badge go.
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading' && info.url)
      void serially(tabKey(tabId), () => browser.storage.session.remove(tabKey(tabId)).then(() => setBadge(tabId, null))).catch(() => undefined);
  });
  browser.tabs.onRemoved.addListener((tabId) => void serially(tabKey(tabId), () => browser.storage.session.remove(tabKey(tabId))).catch(() => undefined));

  browser.commands?.onCommand.addListener(async (command) => {
    const direction = command === 'next-finding' ? 1 : command === 'previous-finding' ? -1 : 0;
    if (!direction) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await toChecker(tab.id, { type: 'step-finding', direction }, (await getState(tab.id))?.frameId).catch(() => undefined);
  });

  settingsItem.watch(() => void syncExtraSites().catch(() => undefined));
  browser.permissions.onAdded?.addListener(() => void syncExtraSites().catch(() => undefined));
  void syncExtraSites().catch(() => undefined);
  void written(() => reportMemory.migrate()).catch(() => undefined);
});
