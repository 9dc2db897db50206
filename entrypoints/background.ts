// The background: keeps each tab's result (in storage.session, so it survives the
// service worker sleeping), sets the badge, runs on-demand checks and keyboard
// commands, registers the content script on sites the user added, and alone reads and
// writes the report memory and the reviewer's verdicts. It makes no network requests.
//
// It trusts a message only from the sender that may send it (issue 16): the popup's
// messages only from our own pages; a page's only from a tab, and only from the top
// frame or a frame of the top frame's site (other frames only after 检查此页); a page
// remembers and pairs only its own reports, or the page it fetched on the reviewer's click.

import type { Browser } from 'wxt/browser';
import { BOUNDS } from '../lib/bounds';
import { sameSite, siteOf } from '../lib/site';
import { CHECKER_TRIGGER, isMessage, toChecker, type Message, type PairResult } from '../utils/messages';
import { pairFor, rememberEntries, reportMemory, type PairRequest } from '../utils/memory';
import { badgeFor, dismissalKey, pageKey, type Dismissal, type PageState } from '../utils/page-state';
import { dismissalsItem, settingsItem, type RememberedReport } from '../utils/storage';
import { surveyStore } from '../utils/survey-store';

const CONTENT_SCRIPT = '/content-scripts/content.js';
const CHECKER = '/checker.js';
const EXTRA_SCRIPT_ID = 'gip-extra-sites';
const tabKey = (tabId: number) => `tab:${tabId}`;
const grantKey = (tabId: number) => `grant:${tabId}`;

/** A tab's state is kept whole up to this size (characters); larger, without the report's cells (the popup asks the page). */
export const SESSION_STATE_MAX = 400_000;
/** How long after 获取上一年度报告 the tab may remember the page it fetched. */
const FETCH_GRANT_MS = 120_000;
/** New reports one site may add to the memory per hour (a page reloading itself must not evict the reviewer's reports). */
export const SITE_RATE = { reports: 300, windowMs: 3_600_000 };

type Sender = Browser.runtime.MessageSender;

/** Our own pages (the popup, the history in a tab, the options): the popup's messages come only from there. */
const fromExtensionPage = (sender: Sender): boolean =>
  sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));

/** What 检查此页 and 获取上一年度报告 allowed in a tab, until it leaves the page. */
interface Grant {
  demand?: boolean;
  /** the origin of the page whose fetch was asked for, and until when */
  fetch?: { origin: string; until: number };
}

async function getGrant(tabId: number): Promise<Grant> {
  const r = await browser.storage.session.get(grantKey(tabId));
  return (r[grantKey(tabId)] as Grant | undefined) ?? {};
}
const setGrant = async (tabId: number, change: (g: Grant) => Grant) => browser.storage.session.set({ [grantKey(tabId)]: change(await getGrant(tabId)) });

/**
 * Whether a frame's checker may act (be checked, show its state, remember, pair): the
 * top frame, a frame of the top frame's site, or any frame after 检查此页 in that tab.
 */
async function frameAllowed(sender: Sender, tabId: number): Promise<boolean> {
  if ((sender.frameId ?? 0) === 0) return true;
  const top = sender.tab?.url ?? (await browser.tabs.get(tabId).catch(() => undefined))?.url;
  if (top && sender.url && sameSite(top, sender.url)) return true;
  return !!(await getGrant(tabId)).demand;
}

async function getState(tabId: number): Promise<PageState | null> {
  const r = await browser.storage.session.get(tabKey(tabId));
  return (r[tabKey(tabId)] as PageState | undefined) ?? null;
}

/** The toolbar icon of each state (public/icon, drawn by scripts/icons.ts). */
const ICON_PATHS = {
  plain: { 16: '/icon/16.png', 32: '/icon/32.png' },
  ok: { 16: '/icon/state-ok-16.png', 32: '/icon/state-ok-32.png' },
  issues: { 16: '/icon/state-issues-16.png', 32: '/icon/state-issues-32.png' },
};

async function setBadge(tabId: number, state: PageState | null): Promise<void> {
  const { text, color, icon } = badgeFor(state);
  await browser.action.setBadgeText({ tabId, text });
  if (text) await browser.action.setBadgeBackgroundColor({ tabId, color });
  // the state also by shape, not by colour alone (a tab gone meanwhile is no error)
  await browser.action.setIcon({ tabId, path: ICON_PATHS[icon] }).catch(() => undefined);
}

/** The state as kept for the tab: bounded, and without the report's cells when it would be too large. */
export function sessionState(state: PageState, frameId: number): PageState {
  const kept: PageState = {
    ...state,
    frameId,
    title: state.title.slice(0, BOUNDS.title),
    sections: state.sections?.slice(0, BOUNDS.reportsPerPage),
    findings: state.findings.slice(0, BOUNDS.findings),
  };
  if (JSON.stringify(kept).length <= SESSION_STATE_MAX || !kept.report) return kept;
  return { ...kept, slim: true, report: { ...kept.report, cells: {}, narrative: undefined }, passed: [], incomplete: [] };
}

async function onPageState(tabId: number, frameId: number, state: PageState): Promise<void> {
  const previous = await getState(tabId);
  // the top frame's report is the tab's: a subframe never replaces it
  if (frameId !== 0 && previous?.detected && previous.frameId === 0) return;
  // several frames report (on demand every frame does): a frame with a report is not
  // replaced by another frame without one, whichever answers first; its own re-check replaces it
  if (previous?.detected && !state.detected && previous.frameId !== frameId) return;
  const kept = sessionState(state, frameId);
  try {
    await browser.storage.session.set({ [tabKey(tabId)]: kept });
  } catch (e) {
    // the session quota is full (other tabs): keep what the badge and popup need first
    const { report: _r, findings: _f, passed: _p, incomplete: _i, sections: _s, ...rest } = kept;
    const minimal: PageState = {
      ...rest,
      report: null,
      findings: [],
      passed: [],
      incomplete: [],
      slim: true,
      memoryError: `tab state not saved: ${String(e).slice(0, 200)}`,
    };
    await browser.storage.session.set({ [tabKey(tabId)]: minimal }).catch(() => undefined);
  }
  await setBadge(tabId, state);
}

/** Note on the tab's state that its reports could not be remembered (shown in the popup). */
async function noteMemoryError(tabId: number, message: string): Promise<void> {
  const state = await getState(tabId);
  if (state) await browser.storage.session.set({ [tabKey(tabId)]: { ...state, memoryError: message.slice(0, 500) } }).catch(() => undefined);
}

/** The writes waiting, per stored value (see serially). */
const queues = new Map<string, Promise<unknown>>();

/**
 * Run `write` after the writes queued before it under `key`. Each reads a stored value
 * and writes it back: the report memory's index (two tabs checked at once would each
 * write back an index without the other's report), the verdicts, or a tab's state (the
 * frames of a page checked on demand answer together). Done here, a write also outlives its page.
 */
function serially<T>(key: string, write: () => Promise<T>): Promise<T> {
  const done = (queues.get(key) ?? Promise.resolve()).then(write);
  const tail = done.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => queues.get(key) === tail && queues.delete(key));
  return done;
}
const MEMORY = 'report-memory';
const written = <T>(write: () => Promise<T>) => serially(MEMORY, write);

/** Keys each site added to the memory within SITE_RATE.windowMs (in the worker's memory: a restart forgets, which errs towards remembering). */
const recentBySite = new Map<string, Map<string, number>>();
function withinRate(pageUrl: string, keys: readonly string[]): boolean {
  const domain = siteOf(pageUrl)?.domain ?? pageUrl;
  const now = Date.now();
  const recent = recentBySite.get(domain) ?? new Map<string, number>();
  for (const [k, at] of recent) if (now - at > SITE_RATE.windowMs) recent.delete(k);
  const fresh = keys.filter((k) => !recent.has(k));
  if (recent.size + fresh.length > SITE_RATE.reports) return false;
  for (const k of fresh) recent.set(k, now);
  recentBySite.set(domain, recent);
  return true;
}

/** Whether `key` is a report of the page at `pageUrl` (the page itself, or its k-th report). */
function ownKey(key: string, pageUrl: string): boolean {
  const page = pageKey(pageUrl);
  if (key === page) return true;
  const suffix = key.startsWith(page + '#') ? key.slice(page.length + 1) : '';
  return /^[1-9]\d{0,2}$/.test(suffix) && Number(suffix) <= BOUNDS.reportsPerPage;
}

/** A pair request as the checker sends it (anything else is not answered: a listener must not throw on a page's message). */
const isPairRequest = (r: unknown): r is PairRequest => {
  const x = r as Partial<PairRequest> | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.source === 'string' &&
    (x.agency === null || (typeof x.agency === 'string' && x.agency.length <= BOUNDS.agency)) &&
    (x.year === null || Number.isInteger(x.year)) &&
    typeof x.borrowed === 'boolean'
  );
};

/** Whether every entry is one of `pageUrl`'s reports (bounded, at least one): what a writer may remember under that page. */
const ownEntries = (entries: readonly RememberedReport[], pageUrl: string): boolean =>
  entries.length > 0 && entries.length <= BOUNDS.reportsPerPage && entries.every((e) => typeof e?.url === 'string' && ownKey(e.url, pageUrl));

/** A message's pair requests when they are well formed and all of `pageUrl`'s reports (bounded), else null. */
function pairRequestsOf(reports: unknown, pageUrl: string): PairRequest[] | null {
  if (!Array.isArray(reports) || reports.length > BOUNDS.reportsPerPage) return null;
  return reports.every((r) => isPairRequest(r) && ownKey(r.source, pageUrl)) ? (reports as PairRequest[]) : null;
}

/**
 * Write a page's reports into the memory, within the site's rate when `rated` (a page's
 * own reports: nothing the reviewer clicked for). A failure is noted in the memory (the
 * history shows it) and answered, never thrown.
 */
async function store(pageUrl: string, entries: RememberedReport[], opts: { fetched: boolean; rated: boolean }): Promise<{ ok: boolean; error?: string }> {
  try {
    if (
      opts.rated &&
      !withinRate(
        pageUrl,
        entries.map((e) => e.url),
      )
    )
      throw new Error('too many reports from this site within an hour; not remembered');
    await rememberEntries(pageUrl, entries, { fetched: opts.fetched });
    return { ok: true };
  } catch (e) {
    const answer = failed(e);
    await reportMemory.noteError(answer.error).catch(() => undefined);
    return answer;
  }
}

/**
 * Which page a `remember` may write, and whether it was fetched: the sender's own page's
 * reports, or one same-origin page fetched after the popup asked for it. Anything else: null.
 */
async function rememberTarget(sender: Sender, tabId: number, entries: readonly RememberedReport[]): Promise<{ pageUrl: string; fetched: boolean } | null> {
  const url = sender.url;
  if (!url) return null;
  if (ownEntries(entries, url)) return { pageUrl: url, fetched: false };
  const first = entries[0]?.url;
  if (typeof first !== 'string' || !ownEntries(entries, first)) return null;
  const grant = (await getGrant(tabId)).fetch;
  let origin: string | null = null;
  try {
    origin = new URL(first).origin;
  } catch {
    return null;
  }
  if (!grant || grant.until < Date.now() || grant.origin !== origin || new URL(url).origin !== origin) return null;
  return { pageUrl: first, fetched: true };
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

const failed = (e: unknown) => ({ ok: false, error: String(e) });

/**
 * Remember a page's reports, in the memory's write queue from the moment the message
 * arrives (so a "clear" asked for after it runs after it): only the sender's own reports
 * or the page it fetched on the reviewer's click, within the site's rate. A failed write
 * is kept for the reviewer (the popup shows it) and answered.
 */
function remember(sender: Sender, tabId: number, entries: RememberedReport[]): Promise<{ ok: boolean; error?: string }> {
  return written(async () => {
    const target = (await frameAllowed(sender, tabId)) ? await rememberTarget(sender, tabId, entries) : null;
    if (!target) return { ok: false, error: 'not this page’s reports' };
    const answer = await store(target.pageUrl, entries, { fetched: target.fetched, rated: !target.fetched });
    if (answer.error) void serially(tabKey(tabId), () => noteMemoryError(tabId, answer.error!)).catch(() => undefined);
    return answer;
  });
}

const SURVEYS = 'surveys';

/** Whether `page` is an address a survey the reviewer started lists, on that survey's origin (what the survey view may fetch, pair and remember). */
async function surveyed(page: string): Promise<boolean> {
  let origin: string;
  try {
    origin = new URL(page).origin;
  } catch {
    return false;
  }
  return (await surveyStore.all()).some((run) => run.origin === origin && run.items.some((i) => pageKey(i.url) === page));
}

/**
 * Remember the reports of one page the survey view fetched on the reviewer's click (an
 * extension page: the caller checks the sender), as a fetch on a click: every entry of
 * that one page (its address, or its k-th report), an address a survey run lists.
 */
function rememberSurveyed(entries: RememberedReport[]): Promise<{ ok: boolean; error?: string }> {
  const first = entries[0]?.url;
  const page = typeof first === 'string' && /^https?:\/\//i.test(first) ? pageKey(first) : null;
  if (!page || !ownEntries(entries, page)) return Promise.resolve({ ok: false, error: 'not one page’s reports' });
  return written(async () => ((await surveyed(page)) ? store(page, entries, { fetched: true, rated: false }) : { ok: false, error: 'not a page of a survey' }));
}

/** A file on disk read in the attachment page is keyed by its content's SHA-256. */
const LOCAL_FILE_KEY = /^file:[0-9a-f]{64}$/;

/**
 * The key an attachment's reports are remembered under, as the attachment page sends it:
 * the http(s) address it was downloaded from (no fragment), or `file:<sha256>`; else null.
 */
export function attachmentSource(source: unknown): string | null {
  if (typeof source !== 'string' || source.length > 2_000) return null;
  if (LOCAL_FILE_KEY.test(source)) return source;
  try {
    const u = new URL(source);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && pageKey(source) === source ? source : null;
  } catch {
    return null;
  }
}

/** Remember the reports the attachment page read (only under the attachment's own key), within the site's rate. */
function rememberAttachment(source: string, entries: RememberedReport[]): Promise<{ ok: boolean; error?: string }> {
  return written(async () => {
    if (!ownEntries(entries, source)) return { ok: false, error: 'not this attachment’s reports' };
    // downloaded on the reviewer's click, as 获取上一年度报告 is, within the site's rate; a file from disk has no site
    const local = source.startsWith('file:');
    return store(source, entries, { fetched: !local, rated: !local });
  });
}

/** Pair a page's reports with the memory, here (the page never reads the memory itself). */
async function pair(pageUrl: string, reports: readonly PairRequest[]): Promise<PairResult> {
  const start = performance.now();
  const { answers, invalid } = await pairFor(pageUrl, reports);
  const ms = performance.now() - start;
  if (invalid.length) void written(() => reportMemory.forgetInvalid(invalid)).catch(() => undefined);
  return { answers, ms };
}

/** A verdict written one at a time; if storage is full, the oldest remembered reports make room (a verdict is never lost to the memory). */
async function setVerdict(key: string, findingId: string, verdict: Dismissal | null): Promise<{ ok: boolean; error?: string }> {
  const write = async () => {
    const all = { ...(await dismissalsItem.getValue()) };
    const k = dismissalKey(key, findingId);
    if (verdict) all[k] = verdict;
    else delete all[k];
    await dismissalsItem.setValue(all);
  };
  try {
    await serially('verdicts', write);
    return { ok: true };
  } catch (first) {
    try {
      await written(() => reportMemory.makeRoom());
      await serially('verdicts', write);
      return { ok: true };
    } catch {
      return failed(first);
    }
  }
}

function onTabMessage(raw: Message, sender: Sender): Promise<unknown> | undefined {
  const tabId = sender.tab?.id;
  if (tabId === undefined || fromExtensionPage(sender)) return undefined;
  const frameId = sender.frameId ?? 0;
  switch (raw.type) {
    case 'page-state':
      return frameAllowed(sender, tabId).then((ok) =>
        ok
          ? serially(tabKey(tabId), () => onPageState(tabId, frameId, raw.state)).then(() => ({ ok: true }))
          : { ok: false, error: 'frame not checked automatically' },
      );
    case 'inject-checker':
      return frameAllowed(sender, tabId).then((ok) =>
        ok ? injectChecker({ tabId, frameIds: [frameId] }, 'auto') : { ok: false, error: 'frame not checked automatically' },
      );
    case 'remember':
      return Array.isArray(raw.entries) ? remember(sender, tabId, raw.entries) : undefined;
    case 'pair': {
      const url = sender.url;
      const reports = url ? pairRequestsOf(raw.reports, url) : null;
      if (!url || !reports) return undefined;
      return frameAllowed(sender, tabId).then((ok) => (ok ? pair(url, reports) : { answers: [], ms: 0 }));
    }
    default:
      return undefined;
  }
}

function onPopupMessage(raw: Message, sender: Sender): Promise<unknown> | undefined {
  if (!fromExtensionPage(sender)) return undefined;
  switch (raw.type) {
    case 'get-state':
      return getState(raw.tabId);
    case 'check-tab':
      return setGrant(raw.tabId, (g) => ({ ...g, demand: true })).then(() => injectChecker({ tabId: raw.tabId, allFrames: true }, 'demand'));
    case 'fetch-previous': {
      const { tabId, frameId } = raw;
      if (tabId === undefined) return undefined;
      return (async () => {
        const state = await getState(tabId);
        const origin = state?.url ? new URL(state.url).origin : null;
        if (!origin) return { ok: false, reason: 'noReport', tried: 0 };
        await setGrant(tabId, (g) => ({ ...g, fetch: { origin, until: Date.now() + FETCH_GRANT_MS } }));
        return toChecker(tabId, { type: 'fetch-previous' }, frameId);
      })();
    }
    case 'attachment-pair': {
      const source = attachmentSource(raw.source);
      const reports = source ? pairRequestsOf(raw.reports, source) : null;
      return source && reports ? pair(source, reports) : undefined;
    }
    case 'attachment-remember': {
      const source = attachmentSource(raw.source);
      return source && Array.isArray(raw.entries) ? rememberAttachment(source, raw.entries) : undefined;
    }
    case 'forget-reports':
      return written(() => reportMemory.clear({ verdicts: !!raw.verdicts }))
        .then(() => serially(SURVEYS, () => surveyStore.clear()))
        .then(() => ({ ok: true }));
    case 'get-history':
      return Promise.all([reportMemory.index(), reportMemory.status()]).then(([index, status]) => ({ index, status }));
    case 'load-reports':
      return Array.isArray(raw.keys) ? reportMemory.load(raw.keys.filter((k) => typeof k === 'string')) : undefined;
    case 'set-verdict':
      return setVerdict(raw.key, raw.findingId, raw.verdict);
    case 'choose-previous':
      return written(() => reportMemory.choose(raw.key, raw.previous)).then(() => ({ ok: true }));
    case 'survey-save':
      return serially(SURVEYS, () => surveyStore.put(raw.run)).then(() => ({ ok: true }), failed);
    case 'survey-get':
      return typeof raw.id === 'string' ? surveyStore.get(raw.id) : surveyStore.all();
    case 'survey-remember':
      return Array.isArray(raw.entries) ? rememberSurveyed(raw.entries) : undefined;
    case 'survey-pair': {
      const page = typeof raw.pageUrl === 'string' && /^https?:\/\//i.test(raw.pageUrl) ? pageKey(raw.pageUrl) : null;
      const reports = page ? pairRequestsOf(raw.reports, page) : null;
      if (!page || !reports) return undefined;
      return surveyed(page).then((ok) => (ok ? pair(page, reports) : { answers: [], ms: 0 }));
    }
    default:
      return undefined;
  }
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse: (r: unknown) => void) => {
    if (!isMessage(raw)) return;
    const work = onTabMessage(raw, sender) ?? onPopupMessage(raw, sender);
    if (!work) return;
    work.then(sendResponse, (e: unknown) => sendResponse(failed(e)));
    return true;
  });

  // A new page in the tab: its old result, badge and grants go.
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading' && info.url)
      void serially(tabKey(tabId), () => browser.storage.session.remove([tabKey(tabId), grantKey(tabId)]).then(() => setBadge(tabId, null))).catch(
        () => undefined,
      );
  });
  browser.tabs.onRemoved.addListener(
    (tabId) => void serially(tabKey(tabId), () => browser.storage.session.remove([tabKey(tabId), grantKey(tabId)])).catch(() => undefined),
  );

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
