// The checker: injected by the background only into pages that look like a report
// (the always-on content script, entrypoints/content.ts, asks that cheap question
// first) or on demand ("检查此页"). It reads and checks the tables, marks the cells and
// tells the background. Errors in our code are caught and reported, never thrown into
// the page.

import { checkDocumentReports, withPrevious, type PageCheck } from '../../lib/check';
import { findPreviousReport } from '../../lib/previous-report';
import { findAttachments, looksLikeReport, probe } from '../../lib/detect';
import { readPage } from '../../lib/read';
import { setHiddenElementTest } from '../../lib/table/hidden';
import { CHECKER_TRIGGER, isMessage, type Message, type PairResult, type PreviousFetchResult } from '../../utils/messages';
import { fetchSameOriginPage } from './fetch-page';
import { locateSentences, type SentenceMark } from './sentences';
import { openFindings, reportKey, sectionOf, type PageState, type SectionSummary } from '../../utils/page-state';
import { countBySeverity } from '../../lib/severity';
import { rememberedEntries } from '../../utils/remembered';
import { BOUNDS } from '../../lib/bounds';
import type { PreviousReport } from '../../lib/rules/support/types';
import type { Report } from '../../lib/schema';
import { dismissalsItem, settingsItem } from '../../utils/storage';
import { createHighlighter, type Highlighter } from './highlighter';
import { pickLang } from '../../lib/vocabulary';
import { claimedUrl } from '../../lib/site';
import { pairRequest, previousByKey } from '../../utils/pair-request';
import { stateOf } from '../../utils/check-state';

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

/**
 * Pages with at most this many table cells also have their stylesheets' hiding asked of
 * the browser (getComputedStyle on the elements inside cells that hold elements). A
 * one-report page costs ~1 ms more; a page of 100 Word-exported reports (30,000 cells)
 * ~105 ms, so above the bound only inline styles and the hidden attribute are honoured.
 */
const COMPUTED_STYLE_CELLS = 5_000;

/** What the page's own stylesheets hide inside a cell, as the browser computes it (lib/table/hidden.ts). */
function computedHiding(el: Element): boolean | 'text' {
  if (el.ownerDocument !== document) return false; // pages fetched for 获取上一年度报告 are not rendered
  const s = getComputedStyle(el);
  if (s.display === 'none' || s.opacity === '0' || s.contentVisibility === 'hidden') return true; // the element and all it holds
  if (s.visibility !== 'visible' || parseFloat(s.fontSize) === 0) return 'text'; // its own text only: a child can set these back
  return false;
}

function createChecker(): Checker {
  const lang = pickLang(navigator.language);
  let highlighter: Highlighter | null = null;
  /** the state shown (the selected report's, on a page holding several) */
  let state: PageState | null = null;
  /** every report of the page, checked: one, or several on a consolidated page */
  let reports: { state: PageState; nodes: Map<string, Element> }[] = [];
  let selected = 0;
  let sentences = new Map<string, SentenceMark>();

  /** Make the selected report the one shown, marked and navigated (its cells, its sentences). */
  function select(index: number): void {
    selected = Math.max(0, Math.min(index, reports.length - 1));
    const chosen = reports[selected];
    if (!chosen) return;
    state = { ...chosen.state };
    const report = state.report;
    sentences = report ? locateSentences(document, report, state.findings, tablesOf(chosen.nodes)) : new Map();
  }

  function summaries(): SectionSummary[] {
    return reports.map(({ state: s }, index) => ({
      index,
      title: s.report?.title ?? s.title,
      agency: s.report?.agency ?? null,
      year: s.report?.year ?? null,
      counts: s.counts,
    }));
  }

  async function paint(): Promise<void> {
    if (!state?.report) return;
    const [settings, dismissals] = await Promise.all([settingsItem.getValue(), dismissalsItem.getValue()]);
    // the open findings of every report of the page: its counts (the badge sums them) and its marks
    const open = reports.map((r) => openFindings(r.state.findings, dismissals, reportKey(r.state)));
    reports.forEach((r, i) => (r.state.counts = countBySeverity(open[i]!)));
    state.counts = reports[selected]!.state.counts;
    if (reports.length > 1) state.sections = summaries();
    highlighter?.clear();
    if (!settings.highlights) return;
    highlighter ??= createHighlighter(document);
    // every report of the page is marked; the one shown in the popup is the one navigated
    const others = reports.flatMap((r, i) => (i === selected || !r.state.report ? [] : [{ findings: open[i]!, report: r.state.report, nodes: r.nodes }]));
    highlighter.apply({ findings: open[selected]!, report: state.report, nodes: reports[selected]!.nodes, lang, sentences, others });
  }

  async function publish(): Promise<void> {
    if (!state) return;
    await browser.runtime.sendMessage({ type: 'page-state', state } satisfies Message).catch(() => undefined);
    // a failed write is noted on the tab's state by the background and shown in the popup
    if (state.detected) await remember(reports.map((r) => r.state)).catch(() => undefined);
  }

  /** The background writes the report memory (one write at a time, and it outlives the page). */
  async function remember(states: PageState[]): Promise<void> {
    const answer: unknown = await browser.runtime.sendMessage({ type: 'remember', entries: rememberedEntries(states) } satisfies Message);
    if ((answer as { ok?: boolean } | undefined)?.ok !== true)
      throw new Error(`the report memory was not written: ${(answer as { error?: string } | undefined)?.error ?? 'no answer'}`);
  }

  async function run(trigger: PageState['trigger']): Promise<PageState | null> {
    try {
      // (an automatic run is requested only by the probe script, which has already honoured the per-site switch)
      const t0 = performance.now();
      const probed = probe(document);
      if (!looksLikeReport(probed)) {
        if (trigger === 'auto') return null; // nothing to say on ordinary pages, nothing sent
        const kind = readPage(document).kind;
        // a page that only links the report (附件：….pdf) still offers 检查附件
        state = { ...emptyState(trigger, kind, performance.now() - t0), attachments: attachments() };
        reports = [];
        await publish();
        return state;
      }
      // what the reader sees is what is read: also what the stylesheets hide, on pages of a usual size
      setHiddenElementTest(document.getElementsByTagName('td').length <= COMPUTED_STYLE_CELLS ? computedHiding : null);
      const all = checkDocumentReports(document, probed);
      // a page holding hundreds of reports: the first ones are read, the rest said (BOUNDS)
      const checks = all.slice(0, BOUNDS.reportsPerPage);
      // <meta name="Url"> is the page's own claim: kept only when it names this very host
      for (const c of checks) if (c.reading.report) c.reading.report.url = claimedUrl(c.reading.report.url, location.href);
      const keyed = checks.map((check) => ({
        check,
        dated: check.reading.report && { report: check.reading.report, source: reportKey({ url: location.href, section: sectionOf(check) }) },
      }));
      // the same agency's report of the year before: on this page, or in the report memory
      const dated = keyed.flatMap((k) => (k.dated ? [k.dated] : []));
      // paired by the background, which holds the memory (its pairing time is part of ours, the wait is not)
      const waitStart = performance.now();
      const paired = dated.length
        ? await pairWithMemory(dated)
        : { previous: new Map<Dated, PreviousReport>(), suggestions: new Map<Dated, PageState['suggestion']>(), ms: 0 };
      const waited = performance.now() - waitStart - paired.ms;
      const previous = paired.previous;
      // the page's attachments (PDF, Word …), offered for 检查附件 whether or not the page has its own tables
      const pageAttachments = attachments();
      reports = keyed.map(({ check, dated }) => {
        const p = dated ? previous.get(dated) : undefined;
        const result = dated && p ? { ...check, ...withPrevious(check, dated.report, p) } : check;
        const s: PageState = {
          ...stateOf(result, location.href, document.title, trigger),
          attachments: pageAttachments,
          previous: p ? { source: p.source, year: p.report.year } : null,
          suggestion: (dated && paired.suggestions.get(dated)) ?? null,
          ...(check.reading.section && { section: sectionOf(check) }),
          ...(all.length > checks.length && { reportsOmitted: all.length - checks.length }),
        };
        return { state: s, nodes: check.reading.nodes };
      });
      // read + check time, every report of the page and the cross-year checks included (the budget figure)
      const elapsedMs = Math.round((performance.now() - t0 - waited) * 100) / 100;
      for (const r of reports) r.state.elapsedMs = elapsedMs;
      select(selected);
      await paint();
      await publish();
      return state;
    } catch (e) {
      state = {
        ...(state ?? emptyState(trigger, 'unreadable', 0)),
        internalError: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e),
      };
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
      // (one report of a page holding several is remembered under its own key, as when that page is visited)
      await remember([{ ...stateOf(check, url, check.reading.report.title, 'demand'), ...(check.reading.section && { section: sectionOf(check) }) }]);
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
      case 'select-report':
        select(raw.index);
        void paint().then(async () => {
          if (state) await browser.runtime.sendMessage({ type: 'page-state', state } satisfies Message).catch(() => undefined);
          reply(state);
        });
        return true;
      case 'get-page-state':
        reply(state);
        return;
      case 'recheck':
        void run(state?.trigger ?? 'demand').then(reply);
        return true;
      case 'fetch-previous':
        void fetchPrevious().then(reply);
        return true;
    }
  });

  return { run };
}

type Dated = { report: Report; source: string };

/**
 * The year before of each of the page's reports, asked of the background (which alone
 * reads the memory): on this page, on this site, or the one the reviewer chose; and
 * another site's report of the same name as a suggestion.
 */
async function pairWithMemory(
  dated: readonly Dated[],
): Promise<{ previous: Map<Dated, PreviousReport>; suggestions: Map<Dated, PageState['suggestion']>; ms: number }> {
  const reports = dated.map((d) => pairRequest(d.source, d.report));
  const answer = (await browser.runtime.sendMessage({ type: 'pair', reports } satisfies Message).catch(() => null)) as PairResult | null;
  const answers = answer?.answers ?? [];
  const byKey = previousByKey(answers, new Map(dated.map((d) => [d.source, d.report])));
  const previous = new Map<Dated, PreviousReport>();
  const suggestions = new Map<Dated, PageState['suggestion']>();
  const bySource = new Map(dated.map((d) => [d.source, d]));
  for (const d of dated) {
    const p = byKey.get(d.source);
    if (p) previous.set(d, p);
  }
  for (const a of answers) {
    const d = bySource.get(a.source);
    if (d && a.suggestion) suggestions.set(d, a.suggestion);
  }
  return { previous, suggestions, ms: answer?.ms ?? 0 };
}

/** The tables a report's cells are in (its narrative is looked for outside them). */
const tablesOf = (nodes: Map<string, Element>) => new Set([...nodes.values()].flatMap((n) => n.closest('table') ?? []));

function emptyState(trigger: PageState['trigger'], kind: PageState['kind'], elapsedMs: number): PageState {
  const none: PageCheck = { reading: { detected: false, kind, report: null, nodes: new Map(), tables: [] }, findings: [], passed: [], incomplete: [] };
  return { ...stateOf(none, location.href, document.title, trigger), elapsedMs };
}

/** The page's attachments (PDF, Word, WPS, OFD links, PDF frames and viewers): listed with 检查附件 in the popup. */
function attachments(): PageState['attachments'] {
  return findAttachments(document, location.href)
    .slice(0, 10)
    .map((a) => ({ text: a.text.slice(0, 200), href: a.url, type: a.type }));
}
