// The survey's run (issue 18), in the survey view's tab (an extension page: it outlives
// the popup, and a service worker could be stopped mid-run): first the list's other pages
// (its pagination, bounded), then each report, one request at a time to the list's own
// origin, a pause between requests, waiting and trying again on 429/503 (Retry-After
// honoured, bounded), stopping after repeated failures of the server. Each page is
// checked as the checker would check it and remembered at once (the caller's `check`),
// so nothing done is lost if the run ends early. Every failure becomes the item's reason
// and the run goes on. The network and the clock are passed in (tests give their own).

import { SURVEY_LIMITS, type SurveyFailure, type SurveyItem, type SurveyRun } from '../../utils/survey';
import type { ListPage } from '../../lib/survey/list-page';

/** What fetching one address gave: a web page, an attachment's bytes (PDF, Word), or why neither. */
export type Fetched =
  | { ok: true; doc: Document; encoding: string; bytes?: undefined }
  | { ok: true; bytes: Uint8Array; doc?: undefined }
  | { ok: false; reason: SurveyFailure; detail?: string; status?: number; retryAfterMs?: number };

/** What checking one fetched page gave: the keys of the reports remembered, or why there is none. */
export type Checked = { ok: true; keys: string[] } | { ok: false; reason: SurveyFailure; detail?: string };

export interface RunnerDeps {
  /** fetch and parse one page of the list's origin (survey/fetch.ts); `attachment`: a PDF/Word file is expected */
  fetchPage: (url: string, signal: AbortSignal, attachment?: boolean) => Promise<Fetched>;
  /** the list page's reports and other pages (lib/survey/list-page.ts) */
  readList: (doc: Document, url: string) => ListPage;
  /** check, pair and remember one fetched page's reports */
  check: (url: string, doc: Document) => Promise<Checked>;
  /** the same for an attachment's bytes, through the attachment reader (absent: attachments are listed, not fetched) */
  checkAttachment?: (url: string, bytes: Uint8Array) => Promise<Checked>;
  /** keep the run's record (the background); called after every step */
  save: (run: SurveyRun) => Promise<void>;
  /** wait `ms` (rejects when `signal` aborts) */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
  pauseMs: number;
}

/** How many times one address is asked again after 429/503, the longest wait, and the failures in a row that stop the run. */
export const RETRY = { attempts: 3, maxWaitMs: 60_000, failuresInARow: 5 };

/** Failures that say the server is unwell (not the page): enough of them in a row stop the run. */
const serverTrouble = (f: Fetched & { ok: false }) =>
  f.reason === 'timeout' || f.reason === 'network' || (f.reason === 'http' && (f.status === 429 || (f.status ?? 0) >= 500));

export const sleepFor = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', abort, { once: true });
  });

const sameOrigin = (url: string, origin: string): boolean => {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
};

/** The list page key the list reader de-duplicates by (no fragment; …/index.html is its folder). */
const keyOf = (url: string) => url.replace(/#.*$/, '').replace(/\/index\.(?:s?html?|jsp|php|aspx?)$/i, '/');

/** New queued items for the reports a list page gave (the run's year only, no address twice, within the bound). */
export function addReports(run: SurveyRun, reports: ListPage['reports']): number {
  const known = new Set(run.items.map((i) => keyOf(i.url)));
  let added = 0;
  for (const r of reports) {
    if (run.items.length >= SURVEY_LIMITS.items) break;
    if (run.year !== null && r.year !== run.year) continue;
    if (r.url.length > SURVEY_LIMITS.url) continue;
    const k = keyOf(r.url);
    if (known.has(k)) continue;
    known.add(k);
    run.items.push({
      url: r.url,
      text: r.text.slice(0, SURVEY_LIMITS.text),
      agency: r.agency?.slice(0, SURVEY_LIMITS.text) ?? null,
      year: r.year,
      format: r.format,
      status: 'queued',
    });
    added++;
  }
  return added;
}

/** New list pages to read (the pagination), same origin, within the bound. */
export function addListPages(run: SurveyRun, next: readonly string[]): void {
  const known = new Set(run.lists.map((l) => keyOf(l.url)));
  for (const url of next) {
    if (run.lists.length >= SURVEY_LIMITS.listPages) break;
    if (url.length > SURVEY_LIMITS.url || !sameOrigin(url, run.origin) || known.has(keyOf(url))) continue;
    known.add(keyOf(url));
    run.lists.push({ url, status: 'queued' });
  }
}

const clipDetail = (s: string | undefined) => (s === undefined ? undefined : s.slice(0, SURVEY_LIMITS.detail));

/**
 * Run (or go on with) a survey: `run` is changed in place and saved after every step.
 * Ends when every item is done, when `signal` aborts (cancelled: the item being fetched
 * stays queued), or after RETRY.failuresInARow failures of the server in a row (the
 * rest become "stopped", to be tried again by a resumed run).
 */
export async function runSurvey(run: SurveyRun, deps: RunnerDeps, signal: AbortSignal): Promise<SurveyRun> {
  let lastRequest = -Infinity;
  let inARow = 0;
  const save = () => deps.save(run).catch(() => undefined);

  /** One address, politely: the pause since the last request, and 429/503 waited out (bounded). */
  async function politely(url: string, attachment = false): Promise<Fetched> {
    for (let attempt = 0; ; attempt++) {
      const wait = lastRequest + deps.pauseMs - deps.now();
      if (wait > 0) await deps.sleep(wait, signal);
      lastRequest = deps.now();
      const got = await deps.fetchPage(url, signal, attachment);
      if (signal.aborted) throw signal.reason;
      const busy = !got.ok && got.reason === 'http' && (got.status === 429 || got.status === 503);
      if (!busy || attempt >= RETRY.attempts) return got;
      // Retry-After, else twice the pause, doubling each time; never beyond the bound
      const backoff = Math.min(RETRY.maxWaitMs, got.retryAfterMs ?? deps.pauseMs * 2 ** (attempt + 1));
      await deps.sleep(backoff, signal);
    }
  }

  /** Note a fetch's outcome for the failures-in-a-row count; true when the run must stop. */
  const tally = (got: Fetched): boolean => {
    if (got.ok || !serverTrouble(got)) inARow = 0;
    else inARow++;
    return inARow >= RETRY.failuresInARow;
  };

  function stop(got: Fetched & { ok: false }): void {
    run.status = 'stopped';
    run.stopDetail = clipDetail(`${got.reason}${got.detail ? ` ${got.detail}` : ''}`);
    for (const item of run.items) if (item.status === 'queued') Object.assign(item, { status: 'failed', reason: 'stopped' } satisfies Partial<SurveyItem>);
  }

  try {
    run.startedAt ??= new Date(deps.now()).toISOString();
    // a resumed run tries again what a stop left
    for (const item of run.items) if (item.status === 'failed' && item.reason === 'stopped') Object.assign(item, { status: 'queued', reason: undefined });
    run.status = 'listing';
    await save();
    for (const list of run.lists) {
      if (list.status !== 'queued') continue;
      run.current = list.url;
      const got = await politely(list.url);
      if (got.ok && got.doc) {
        const page = deps.readList(got.doc, list.url);
        list.status = 'read';
        list.found = addReports(run, page.reports);
        addListPages(run, page.next);
      } else {
        list.status = 'failed';
        list.detail = clipDetail(got.ok ? 'notHtml' : `${got.reason}${got.detail ? ` ${got.detail}` : ''}`);
      }
      if (tally(got)) {
        stop(got as Fetched & { ok: false });
        break;
      }
      await save();
    }
    if (run.status === 'listing') run.status = 'running';
    for (const item of run.items) {
      if (run.status !== 'running') break;
      if (item.status !== 'queued') continue;
      run.current = item.url;
      await save();
      if (!sameOrigin(item.url, run.origin)) {
        Object.assign(item, { status: 'failed', reason: 'offSite', at: new Date(deps.now()).toISOString() } satisfies Partial<SurveyItem>);
        continue;
      }
      const attachment = item.format === 'pdf' || item.format === 'docx';
      if (attachment && !deps.checkAttachment) {
        Object.assign(item, { status: 'failed', reason: 'attachment', at: new Date(deps.now()).toISOString() } satisfies Partial<SurveyItem>);
        continue;
      }
      const got = await politely(item.url, attachment);
      const at = new Date(deps.now()).toISOString();
      if (!got.ok) {
        Object.assign(item, { status: 'failed', reason: got.reason, detail: clipDetail(got.detail), at } satisfies Partial<SurveyItem>);
        if (tally(got)) stop(got);
        continue;
      }
      tally(got);
      let checked: Checked;
      try {
        if (got.doc) checked = await deps.check(item.url, got.doc);
        else if (deps.checkAttachment) checked = await deps.checkAttachment(item.url, got.bytes);
        else checked = { ok: false, reason: 'attachment' };
      } catch (e) {
        checked = { ok: false, reason: 'error', detail: e instanceof Error ? e.message : String(e) };
      }
      const encoding = got.doc && got.encoding !== 'utf-8' ? got.encoding : undefined;
      if (checked.ok) Object.assign(item, { status: 'checked', keys: checked.keys, at, ...(encoding && { encoding }) } satisfies Partial<SurveyItem>);
      else
        Object.assign(item, {
          status: 'failed',
          reason: checked.reason,
          detail: clipDetail(checked.detail),
          at,
          ...(encoding && { encoding }),
        } satisfies Partial<SurveyItem>);
    }
    if (run.status === 'running') run.status = 'done';
  } catch (e) {
    if (!signal.aborted) throw e;
    run.status = 'cancelled';
  }
  run.current = null;
  run.finishedAt = new Date(deps.now()).toISOString();
  await save();
  return run;
}
