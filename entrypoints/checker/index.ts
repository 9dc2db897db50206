// The checker: injected by the background only into pages that look like a report
// (the always-on content script, entrypoints/content.ts, asks that cheap question
// first) or on demand ("检查此页"). It reads and checks the tables, marks the cells and
// tells the background. Errors in our code are caught and reported, never thrown into
// the page.

import { checkDocument, withPrevious, type PageCheck } from '../../lib/check';
import { findPreviousReport } from '../../lib/previous-report';
import { attachmentLinks } from '../../lib/detect';
import { isReportCandidate, readPage } from '../../lib/read';
import { CHECKER_TRIGGER, isMessage, type Message, type PreviousFetchResult } from '../../utils/messages';
import { fetchSameOriginPage } from './fetch-page';
import { locateSentences, type SentenceMark } from './sentences';
import { countBySeverity, openFindings, type PageState } from '../../utils/state';
import { previousFromMemory, rememberReport } from '../../utils/memory';
import { dismissalsItem, reportsItem, settingsItem } from '../../utils/storage';
import { createHighlighter, type Highlighter, type Lang } from './highlighter';


interface Checker {
  run(trigger: PageState['trigger']): Promise<PageState | null>;
}
const INSTANCE = Symbol.for('gip-report-checker');

export default defineUnlistedScript(() => {
  // The background says why it injected us (isolated world: the page cannot see this).
  const g = globalThis as { [INSTANCE]?: Checker; [CHECKER_TRIGGER]?: PageState['trigger'] };
  const trigger = g[CHECKER_TRIGGER] ?? 'demand';
  // Injected again (a late re-check, or "检查此页"): reuse the running instance.
  if (g[INSTANCE]) {
    void g[INSTANCE].run(trigger);
    return;
  }
  const checker = createChecker();
  g[INSTANCE] = checker;
  void checker.run(trigger);
});

function createChecker(): Checker {
  const lang: Lang = (navigator.language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  let highlighter: Highlighter | null = null;
  let state: PageState | null = null;
  let nodes = new Map<string, Element>();
  let sentences = new Map<string, SentenceMark>();

  async function paint(): Promise<void> {
    if (!state?.report) return;
    const [settings, dismissals] = await Promise.all([settingsItem.getValue(), dismissalsItem.getValue()]);
    const findings = openFindings(state.findings, dismissals, state.url);
    state.counts = countBySeverity(findings);
    highlighter?.clear();
    if (!settings.highlights) return;
    highlighter ??= createHighlighter(document);
    highlighter.apply({ findings, report: state.report, nodes, lang, sentences });
  }

  async function publish(): Promise<void> {
    if (!state) return;
    await browser.runtime.sendMessage({ type: 'page-state', state } satisfies Message).catch(() => undefined);
    if (state.detected) await rememberReport(state).catch(() => undefined);
  }

  async function run(trigger: PageState['trigger']): Promise<PageState | null> {
    try {
      // (an automatic run is requested only by the probe script, which has already honoured the per-site switch)
      const t0 = performance.now();
      if (!isReportCandidate(document)) {
        if (trigger === 'auto') return null; // nothing to say on ordinary pages, nothing sent
        const kind = readPage(document).kind;
        state = emptyState(trigger, kind, performance.now() - t0);
        await publish();
        return state;
      }
      let result = checkDocument(document);
      const report = result.reading.report;
      // the same agency's report of the year before, from the report memory
      const previous = report ? previousFromMemory(await reportsItem.getValue(), { report, source: location.href }) : undefined;
      if (report && previous) result = { ...result, ...withPrevious(result, report, previous) };
      nodes = result.reading.nodes;
      sentences = report ? locateSentences(document, report, result.findings, new Set([...nodes.values()].flatMap((n) => n.closest('table') ?? []))) : new Map();
      state = {
        ...stateOf(result, location.href, document.title, trigger),
        attachments: result.reading.report?.structure.some((n) => n.code === 'tablesAsImages') ? attachments() : [],
        previous: previous ? { source: previous.source, year: previous.report.year } : null,
        elapsedMs: Math.round((performance.now() - t0) * 100) / 100,
      };
      await paint();
      await publish();
      return state;
    } catch (e) {
      state = { ...(state ?? emptyState(trigger, 'unreadable', 0)), internalError: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) };
      await publish();
      return state;
    }
  }

  /** "获取上一年度报告": find, fetch and check it, remember it, then check this page again with it. */
  async function fetchPrevious(): Promise<PreviousFetchResult> {
    if (!state?.report) return { ok: false, reason: 'noReport', tried: 0 };
    try {
      const search = await findPreviousReport(document, state.report, location.href, fetchSameOriginPage);
      if (!search.found) return { ok: false, reason: search.reason === 'found' ? 'notFound' : search.reason, tried: search.tried.length };
      const { url, check } = search.found;
      await rememberReport(stateOf(check, url, check.reading.report.title, 'demand'));
      await run(state.trigger);
      return { ok: true, source: url, year: check.reading.report.year, tried: search.tried.length };
    } catch (e) {
      return { ok: false, reason: 'error', tried: 0, error: e instanceof Error ? e.message : String(e) };
    }
  }

  browser.runtime.onMessage.addListener((raw: unknown, _sender, sendResponse: (r: unknown) => void) => {
    if (!isMessage(raw)) return;
    const reply = sendResponse;
    switch (raw.type) {
      case 'focus-finding':
        reply(highlighter?.focus(raw.findingId) ?? false);
        return;
      case 'step-finding':
        reply(highlighter?.step(raw.direction) ?? null);
        return;
      case 'set-highlights':
        void settingsItem.getValue().then(async (s) => {
          await settingsItem.setValue({ ...s, highlights: raw.on });
          if (raw.on) await paint();
          else highlighter?.clear();
          reply(true);
        });
        return true;
      case 'refresh':
        void paint().then(async () => {
          await publish();
          reply(true);
        });
        return true;
      case 'get-page-state':
        reply(state);
        return;
      case 'fetch-previous':
        void fetchPrevious().then(reply);
        return true;
    }
  });

  return { run };
}

/** A page's state from its check (attachments, year before and timing filled in by the caller). */
function stateOf(result: PageCheck, url: string, title: string, trigger: PageState['trigger']): PageState {
  return {
    url,
    title,
    detected: result.reading.detected,
    kind: result.reading.kind,
    report: result.reading.report,
    findings: result.findings,
    passed: result.passed,
    incomplete: result.incomplete,
    counts: countBySeverity(result.findings),
    attachments: [],
    trigger,
    checkedAt: new Date().toISOString(),
    elapsedMs: 0,
  };
}

function emptyState(trigger: PageState['trigger'], kind: PageState['kind'], elapsedMs: number): PageState {
  return {
    url: location.href,
    title: document.title,
    detected: false,
    kind,
    report: null,
    findings: [],
    passed: [],
    incomplete: [],
    counts: { error: 0, warning: 0, info: 0 },
    attachments: [],
    trigger,
    checkedAt: new Date().toISOString(),
    elapsedMs,
  };
}

/** Attachment links (PDF, Word, WPS, OFD) for a report whose tables are not HTML. */
function attachments(): PageState['attachments'] {
  return attachmentLinks(document)
    .slice(0, 10)
    .map((a) => ({ text: (a.textContent ?? '').trim().slice(0, 200) || a.href, href: a.href }));
}
