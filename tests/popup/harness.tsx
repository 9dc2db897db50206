// Popup tests: a PageState from a real fixture page, a fake background answering the
// popup's messages (fakeBrowser delivers runtime.sendMessage to onMessage listeners),
// a spy on tabs.sendMessage, and mounting the popup into happy-dom.

import { render } from 'preact';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../components/App';
import { runRules } from '../../lib/check';
import { readPage } from '../../lib/read';
import type { Finding } from '../../lib/schema';
import type { Message } from '../../utils/messages';
import { reportMemory } from '../../utils/memory';
import { dismissalKey } from '../../utils/page-state';
import { dismissalsItem } from '../../utils/storage';
import { type PageState } from '../../utils/page-state';
import { countBySeverity } from '../../lib/severity';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';
import { ruleNamesFor } from '../../lib/rules/index';
export { parseCsv } from '../support/csv';

export const TAB = 7;
export const URL_PINGTAN = 'http://www.pingtan.gov.cn/zwgk/gknb/2023.html';

const cache = new Map<string, PageState>();

/** A fresh copy each call (tests change them); the page is read and checked once per file. */
export function stateFromFixture(name: string, url: string, over: Partial<PageState> = {}): PageState {
  const key = `${name}\n${url}`;
  if (!cache.has(key)) cache.set(key, readState(name, url));
  return { ...structuredClone(cache.get(key)!), ...over };
}

function readState(name: string, url: string): PageState {
  const reading = readPage(docFromHtml(fixtureHtml(name)));
  const result = reading.report ? runRules(reading.report) : { findings: [], passed: [], incomplete: [] };
  return {
    url,
    title: reading.report?.title ?? '',
    detected: reading.detected,
    kind: reading.kind,
    report: reading.report,
    ...result,
    counts: countBySeverity(result.findings),
    ruleNames: ruleNamesFor(result),
    attachments: [],
    trigger: 'auto',
    checkedAt: '2026-01-01T00:00:00.000Z',
    elapsedMs: 12,
  };
}

/** The real 平潭 2023 page with one changed number: a row-sum error and a column error grouped under it. */
export const pingtanState = (over: Partial<PageState> = {}) => stateFromFixture('pingtan-2023-changed-granted.html', URL_PINGTAN, over);

const extra = (id: string, severity: Finding['severity'], cells: string[], message: string): Finding => ({
  id,
  ruleId: id.slice(0, id.indexOf(':')),
  severity,
  cells,
  message,
  messageEn: `${message} (en)`,
});

/** The fixture's findings plus one per other table (二, 四, none), in the checker's order (most severe first). */
export function richState(): PageState {
  const base = pingtanState();
  const findings = [
    ...base.findings,
    extra('review.groupTotal:review', 'warning', ['review.review.total', 'review.review.upheld'], '行政复议：四项之和为 3，但总计为 2'),
    extra('format.structure:rowMissing.0', 'warning', [], '表三缺少一行'),
    extra('cell.unit:active.fees.amount', 'info', ['active.fees.amount'], '收费金额带有单位'),
  ];
  return { ...base, findings, counts: countBySeverity(findings) };
}

export interface FakeBackground {
  /** every message the popup sent to the background */
  received: Message[];
  state: PageState | null;
  /** what the page's state becomes when the popup asks for a check */
  afterCheck?: PageState | null;
  checkAnswer?: { ok: boolean; error?: string };
  /** set: the next verdicts fail to save with this error */
  verdictError?: string;
}

export function fakeBackground(state: PageState | null, tabId = TAB): FakeBackground {
  const bg: FakeBackground = { received: [], state };
  fakeBrowser.runtime.onMessage.addListener((raw: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    const msg = raw as Message;
    bg.received.push(msg);
    if (msg.type === 'get-state') {
      sendResponse(msg.tabId === tabId ? bg.state : null);
      return true;
    }
    if (msg.type === 'check-tab') {
      if (bg.afterCheck !== undefined) bg.state = bg.afterCheck;
      sendResponse(bg.checkAnswer ?? { ok: true });
      return true;
    }
    // the memory's and the verdicts' messages, answered as the background does (entrypoints/background.ts)
    const answer = (p: Promise<unknown>) => {
      void p.then(sendResponse);
      return true;
    };
    if (msg.type === 'forget-reports') return answer(reportMemory.clear({ verdicts: !!msg.verdicts }).then(() => ({ ok: true })));
    if (msg.type === 'get-history') return answer(Promise.all([reportMemory.index(), reportMemory.status()]).then(([index, status]) => ({ index, status })));
    if (msg.type === 'load-reports') return answer(reportMemory.load(msg.keys));
    if (msg.type === 'choose-previous') return answer(reportMemory.choose(msg.key, msg.previous).then(() => ({ ok: true })));
    if (msg.type === 'fetch-previous') return answer(browser.tabs.sendMessage(msg.tabId!, { type: 'fetch-previous' }));
    if (msg.type === 'set-verdict')
      return answer(
        (async () => {
          if (bg.verdictError) return { ok: false, error: bg.verdictError };
          const all = { ...(await dismissalsItem.getValue()) };
          const k = dismissalKey(msg.key, msg.findingId);
          if (msg.verdict) all[k] = msg.verdict;
          else delete all[k];
          await dismissalsItem.setValue(all);
          return { ok: true };
        })(),
      );
    return undefined;
  });
  return bg;
}

/** Retry an assertion until it passes (state arrives asynchronously). */
export async function waitFor<T>(fn: () => T | Promise<T>, timeout = 2000): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeout) throw last;
    await new Promise((r) => setTimeout(r, 5));
  }
}

let container: HTMLElement | null = null;

export async function mountPopup(search = `?tabId=${TAB}`): Promise<HTMLElement> {
  history.replaceState(null, '', `/popup.html${search}`);
  container = document.createElement('div');
  container.id = 'app';
  document.body.replaceChildren(container);
  render(<App />, container);
  const el = container;
  await waitFor(() => expect(el.querySelector('main[aria-busy="false"]')).not.toBeNull());
  return el;
}

export function unmountPopup(): void {
  if (container) render(null, container);
  container = null;
  document.body.replaceChildren();
}

export let tabMessages: ReturnType<typeof vi.fn>;

/** Common hooks: clean fake browser, Chinese UI, a spy on messages to the tab. */
export function usePopupTestSetup(language = 'zh-CN'): void {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(navigator, 'language', 'get').mockReturnValue(language);
    tabMessages = vi.fn(async () => undefined);
    vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(tabMessages as never);
  });
  afterEach(() => {
    unmountPopup();
    vi.restoreAllMocks();
  });
}

/** Messages the popup sent to the tab, as [tabId, message] pairs. */
export const sentToTab = () => tabMessages.mock.calls.map((c) => [c[0], c[1]] as [number, Message]);

// ---- DOM helpers ---------------------------------------------------------------

export const $ = <E extends Element = HTMLElement>(root: ParentNode, selector: string): E => {
  const el = root.querySelector<E>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};

export const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

export function buttonByText(root: ParentNode, label: string): HTMLButtonElement {
  const b = [...root.querySelectorAll('button')].find((x) => text(x) === label || x.getAttribute('aria-label') === label);
  if (!b) throw new Error(`no button ${label}`);
  return b;
}

export const findingIds = (root: ParentNode) => [...root.querySelectorAll('[data-finding-id]')].map((li) => li.getAttribute('data-finding-id'));

export const findingItem = (root: ParentNode, id: string) => $(root, `li[data-finding-id="${id}"]`);

export const count = (root: ParentNode, severity: string) => text($(root, `[data-testid="count-${severity}"] .count-value`));

export function press(key: string, target: Element | null = document.activeElement): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  (target ?? document.body).dispatchEvent(e);
  return e;
}

export function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

// ---- downloads -----------------------------------------------------------------

export interface Download {
  name: string;
  blob: Blob;
}

/** Capture downloads: the Blob handed to URL.createObjectURL and the <a download> name. */
export function captureDownloads(): Download[] {
  const downloads: Download[] = [];
  let blob: Blob | null = null;
  URL.createObjectURL = vi.fn((b: Blob) => {
    blob = b;
    return 'blob:popup-test';
  }) as never;
  URL.revokeObjectURL = vi.fn() as never;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    expect(this.href).toBe('blob:popup-test');
    expect(this.isConnected).toBe(true);
    downloads.push({ name: this.download, blob: blob! });
  });
  return downloads;
}
