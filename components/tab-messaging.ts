// The popup's conversations: which tab it is about, that tab's state (from the
// background), and messages to the tab's content script. A tab without our content
// script (not checked, or a browser page) simply does not answer; that is not an error.

import { toChecker, type Message } from '../utils/messages';
import type { PageState } from '../utils/page-state';

/** `?tabId=` (end-to-end tests open the popup as a page), else the active tab. */
export async function resolveTabId(search = location.search): Promise<number | null> {
  const param = new URLSearchParams(search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export async function tabUrl(tabId: number): Promise<string | null> {
  try {
    return (await browser.tabs.get(tabId))?.url ?? null;
  } catch {
    return null;
  }
}

export async function fetchState(tabId: number): Promise<PageState | null> {
  const state = (await browser.runtime.sendMessage({ type: 'get-state', tabId } satisfies Message)) as PageState | null | undefined;
  return state ?? null;
}

/** A message to the tab's checker (in `frameId`, that of the state shown: see toChecker). */
export function sendToTab(tabId: number, message: Message, frameId?: number): void {
  void Promise.resolve()
    .then(() => toChecker(tabId, message, frameId))
    .catch(() => undefined);
}

/** A message to the tab's checker that expects an answer; null when the tab does not answer. */
export async function askTab<T>(tabId: number, message: Message, frameId?: number): Promise<T | null> {
  try {
    return ((await toChecker(tabId, message, frameId)) as T | undefined) ?? null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Ask the background to check the tab, then wait (up to 15 s: a busy machine is slow) for the page's new state:
 * the content script reports asynchronously after it was injected.
 */
export async function checkTab(tabId: number, previous: PageState | null, tries = 100, intervalMs = 150): Promise<{ state: PageState | null; error?: string }> {
  const answer = (await browser.runtime.sendMessage({ type: 'check-tab', tabId } satisfies Message)) as { ok?: boolean; error?: string } | undefined;
  if (answer && answer.ok === false) return { state: previous, error: answer.error ?? 'unknown error' };
  let state: PageState | null = previous;
  for (let i = 0; i < tries; i++) {
    state = await fetchState(tabId);
    if (state && state.checkedAt !== previous?.checkedAt) return { state };
    await sleep(intervalMs);
  }
  return { state };
}
