// The attachment page: a report published as a PDF or .docx, read from the file itself and
// checked with the same engine as web pages. Opened by the popup's 检查附件 / 检查此 PDF
// (the attachment's address in `?src=`, the page it was on in `?from=`: both untrusted,
// see fetch-attachment.ts), or alone, for a file on disk (picker or drop).
//
// What it shows: where the file came from, how its tables were rebuilt (and whether the
// row order was verified), the rebuilt text and tables with the culprit cells marked as on
// web pages (entrypoints/checker/highlighter.ts), the findings with their PDF page and a
// link that opens the PDF there, the popup's filters, verdicts and exports, and a plain
// message for every file that cannot be read. The result is remembered like a web report
// (under the attachment's address, or file:<sha256>), so the cross-year checks pair an
// HTML year with a PDF year.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { checkAttachment, sniffAttachment, type AttachmentFailure, type AttachmentQuality } from '../../lib/attachment';
import { withPrevious, type PageCheck } from '../../lib/check';
import type { Finding, Severity } from '../../lib/schema';
import { countBySeverity } from '../../lib/severity';
import { ATTACHMENT_WORDS } from '../../lib/vocabulary';
import { createHighlighter, type Highlighter } from '../../entrypoints/checker/highlighter';
import { markedCell } from '../../entrypoints/checker/marks';
import { locateSentences } from '../../entrypoints/checker/sentences';
import { MAX_ATTACHMENT_BYTES } from '../../lib/attachment/sniff';
import { fetchAttachment, hostAllowed, hostPattern, looksLikeWebPage, parseSource, type FetchFailure } from '../../entrypoints/attachment/fetch-attachment';
import type { Message, PairResult } from '../../utils/messages';
import { dismissalKey, openFindings, reportKey, type Dismissal, type DismissalStatus, type PageState, type SectionSummary } from '../../utils/page-state';
import { rememberedEntries } from '../../utils/remembered';
import { dismissalsItem } from '../../utils/storage';
import { Checks } from '../Checks';
import { SeverityFilter } from '../Controls';
import { Exports } from '../Exports';
import { FindingList } from '../FindingList';
import { SEVERITIES, openCounts } from '../findings';
import { I18nContext, MESSAGES, pickLang } from '../i18n';
import { ReportHeader } from '../ReportHeader';
import { ReportPicker } from '../ReportPicker';
import { loadPdfjs, readAttachment, sha256Hex } from './read-file';
import { pageOf, rebuiltDocument } from './rebuilt-document';
import { allRuleNames } from '../../lib/rules/index';
import { RuleNamesContext } from '../rule-names';
import { pairRequest, previousByKey } from '../../utils/pair-request';
import type { PreviousReport } from '../../lib/rules/support/types';
import { stateOf } from '../../utils/check-state';

/** this page runs the rules: every rule's name from the list itself */
const RULE_NAMES = allRuleNames();

const MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;

/** Where the file came from. */
interface Source {
  /** the report memory's key: the address it was downloaded from, or file:<sha256> */
  key: string;
  /** the http(s) address, or null for a file on disk */
  url: string | null;
  name: string;
  /** the page the attachment was linked from (http(s) only) */
  from: string | null;
  /** what a page link opens: the PDF's address, or a blob: URL of the file on disk (null for .docx) */
  pdfHref: string | null;
}

interface CheckedReport {
  state: PageState;
  nodes: Map<string, Element>;
  /** the year before used by the cross-year checks */
  previousYear: number | null;
}

interface Done {
  source: Source;
  quality: AttachmentQuality | null;
  failure?: AttachmentFailure;
  reports: CheckedReport[];
  /** the rebuilt document, adopted into the page once shown */
  doc: Document;
  ms: number;
  remembered: { ok: boolean; error?: string } | null;
  /** PDF pages that are images (scanned pages): their content was not read */
  imagePages?: number[];
}

type Phase =
  | { phase: 'idle' }
  | { phase: 'ask'; target: URL }
  | { phase: 'fetching'; host: string }
  | { phase: 'reading' }
  | { phase: 'failed'; message: string; detail?: string; dropInstead: boolean; source?: Source }
  | { phase: 'done'; done: Done };

const httpOnly = (u: string | null) => (u && parseSource(u) ? parseSource(u)!.href : null);

export function AttachmentApp() {
  const i18n = useMemo(() => {
    const lang = pickLang(navigator.language);
    return { lang, t: MESSAGES[lang] };
  }, []);
  const { lang } = i18n;
  const w = ATTACHMENT_WORDS[lang];
  const params = useMemo(() => new URLSearchParams(location.search), []);
  const [phase, setPhase] = useState<Phase>({ phase: 'idle' });
  const [dismissals, setDismissals] = useState<Record<string, Dismissal>>({});
  const [shown, setShown] = useState<Set<Severity>>(() => new Set(SEVERITIES));
  const [selected, setSelected] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [message, setMessage] = useState('');
  const rebuilt = useRef<HTMLDivElement>(null);
  const highlighter = useRef<Highlighter | null>(null);
  const blobUrl = useRef<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const fail = (message: string, dropInstead: boolean, detail?: string, source?: Source) =>
    setPhase({ phase: 'failed', message, dropInstead, ...(detail && { detail }), ...(source && { source }) });

  function fetchFailure(f: FetchFailure): string {
    switch (f.code) {
      case 'badUrl':
        return w.badSource;
      case 'notAllowed':
        return w.denied;
      case 'refused':
        return w.fetchRefused(f.status ?? 0);
      case 'redirectedAway':
        return w.fetchRedirected(f.host ?? '');
      case 'tooLarge':
        return w.fetchTooLarge(MB);
      case 'webPage':
        return w.fetchWebPage;
      default:
        return w.fetchNetwork(f.detail ?? '');
    }
  }

  /** Download the attachment (the reviewer asked for it: the popup's click, or the grant button here). */
  async function download(target: URL, from: string | null) {
    setPhase({ phase: 'fetching', host: target.host });
    // pdf.js and its worker start while the file downloads
    void loadPdfjs().catch(() => undefined);
    const got = await fetchAttachment(target);
    if (!got.ok) return fail(fetchFailure(got.failure), true, got.failure.detail);
    const { file } = got;
    const source: Source = { key: file.url, url: file.url, name: file.name, from, pdfHref: file.url };
    const sniffed = sniffAttachment(file.bytes, file.name);
    if ('refusal' in sniffed && looksLikeWebPage(file.bytes, file.contentType)) return fail(w.fetchWebPage, true, undefined, source);
    await check(file.bytes, source);
  }

  /** A file the reviewer picked or dropped. */
  async function openFile(f: File) {
    if (f.size > MAX_ATTACHMENT_BYTES) return fail(w.fetchTooLarge(MB), false);
    setPhase({ phase: 'reading' });
    if (!/\.docx$/i.test(f.name)) void loadPdfjs().catch(() => undefined);
    const bytes = new Uint8Array(await f.arrayBuffer());
    if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
    const sniffed = sniffAttachment(bytes, f.name);
    const isPdf = 'kind' in sniffed && sniffed.kind === 'pdf';
    blobUrl.current = isPdf ? URL.createObjectURL(new Blob([bytes.slice()], { type: 'application/pdf' })) : null;
    const key = `file:${await sha256Hex(bytes)}`;
    await check(bytes, { key, url: null, name: f.name.slice(0, 200), from: null, pdfHref: blobUrl.current });
  }

  /** Read, check, pair with the year before and remember: the engine the web pages have, on the rebuilt document. */
  async function check(bytes: Uint8Array, source: Source) {
    setPhase({ phase: 'reading' });
    setSelected(0);
    setSelectedId(null);
    const t0 = performance.now();
    try {
      const sniffed = sniffAttachment(bytes, source.name);
      if ('refusal' in sniffed) return fail(failureText(sniffed.refusal, lang), source.url !== null, sniffed.refusal.detail, source);
      const reading = await readAttachment(sniffed.kind, bytes, source.name);
      if (sniffed.kind !== 'pdf') source = { ...source, pdfHref: null };
      const doc = rebuiltDocument(reading.html || '<!DOCTYPE html><html><head><title></title></head><body></body></html>');
      const checked = checkAttachment(reading, doc);
      const withReports = checked.checks.filter((c) => c.reading.report);
      const many = withReports.length > 1;
      const checkedAt = new Date().toISOString();
      const states = withReports.map((c, i): PageState => {
        const report = { ...c.reading.report!, url: source.url };
        return {
          ...stateOf({ ...c, reading: { ...c.reading, report } }, source.key, report.title || source.name, 'demand', checkedAt),
          ...(many && { section: { index: i, count: withReports.length } }),
        };
      });
      // the year before (the background holds the memory), then the cross-year checks
      const previous = await pairWithMemory(source.key, states);
      const reports = states.map((s, i): CheckedReport => {
        const p = previous.get(reportKey(s));
        const c: PageCheck = withReports[i]!;
        if (!p || !s.report) return { state: s, nodes: c.reading.nodes, previousYear: null };
        const redone = withPrevious(c, s.report, p);
        return {
          state: { ...s, ...redone, counts: countBySeverity(redone.findings), previous: { source: p.source, year: p.report.year } },
          nodes: c.reading.nodes,
          previousYear: p.report.year,
        };
      });
      const ms = Math.round(performance.now() - t0);
      for (const r of reports) r.state.elapsedMs = ms;
      const remembered = reports.length
        ? await remember(
            source.key,
            reports.map((r) => r.state),
          )
        : null;
      setPhase({
        phase: 'done',
        done: {
          source,
          quality: reading.failure ? null : checked.quality,
          ...(checked.failure && { failure: checked.failure }),
          reports,
          doc,
          ms,
          remembered,
          ...(reading.imagePages?.length && { imagePages: reading.imagePages }),
        },
      });
    } catch (e) {
      fail(e instanceof Error ? `${e.name}: ${e.message}` : String(e), false, undefined, source);
    }
  }

  // start: the attachment the popup was asked to check, if any
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = w.title;
    const unwatch = dismissalsItem.watch((v) => setDismissals(v ?? {}));
    void dismissalsItem.getValue().then(setDismissals);
    const raw = params.get('src');
    const from = httpOnly(params.get('from'));
    if (raw !== null) {
      const target = parseSource(raw);
      if (!target) fail(w.badSource, true);
      else void hostAllowed(target).then((ok) => (ok ? download(target, from) : setPhase({ phase: 'ask', target })));
    }
    // a file dropped anywhere on the page is read here, never opened by the browser in our tab
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => e.relatedTarget === null && setDragging(false);
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      setDragging(false);
      void openFile(e.dataTransfer.files[0]!);
    };
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      unwatch();
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, []);

  const done = phase.phase === 'done' ? phase.done : null;
  const current = done?.reports[Math.min(selected, done.reports.length - 1)] ?? null;
  const state = current?.state ?? null;
  const key = state ? reportKey(state) : '';
  const open = useMemo(() => (state ? openFindings(state.findings, dismissals, key) : []), [state, dismissals, key]);

  // the rebuilt document shown (adopted once: the reader's node map stays valid), and its marks
  useEffect(() => {
    const box = rebuilt.current;
    if (!box) return;
    if (!done) {
      highlighter.current?.clear();
      box.replaceChildren();
      return;
    }
    if (!box.firstChild || box.dataset.doc !== done.source.key + done.ms) {
      // (a copy of the list first: adopting takes each node out of the live childNodes)
      box.replaceChildren(...[...done.doc.body.childNodes].map((n) => document.adoptNode(n)));
      box.dataset.doc = done.source.key + done.ms;
    }
  }, [done]);
  useEffect(() => {
    if (!current?.state.report) {
      highlighter.current?.clear();
      return;
    }
    highlighter.current ??= createHighlighter(document);
    const report = current.state.report;
    const tables = new Set([...current.nodes.values()].flatMap((n) => n.closest('table') ?? []));
    const sentences = locateSentences(document, report, open, tables);
    highlighter.current.apply({ findings: open, report, nodes: current.nodes, lang, sentences });
  }, [current, open]);

  async function setVerdict(findingId: string, verdict: Dismissal | null) {
    if (!state) return;
    const answer = (await browser.runtime
      .sendMessage({ type: 'set-verdict', key, findingId, verdict } satisfies Message)
      .catch((e: unknown) => ({ ok: false, error: String(e) }))) as { ok: boolean; error?: string } | undefined;
    if (!answer?.ok) return setMessage(i18n.t.verdictFailed(answer?.error ?? 'no answer'));
    setDismissals((all) => {
      const next = { ...all };
      if (verdict) next[dismissalKey(key, findingId)] = verdict;
      else delete next[dismissalKey(key, findingId)];
      return next;
    });
  }

  /** A finding's PDF page (of its marked cell, else its first cell on the page), and a link that opens the PDF there. */
  const pageInfo = (f: Finding) => {
    if (!current) return null;
    const cell = markedCell(f) ?? f.cells[0];
    const ref = cell ? current.state.report?.cells[cell]?.ref : undefined;
    const page = (ref && 'page' in ref && typeof ref.page === 'number' ? ref.page : null) ?? pageOf(cell ? current.nodes.get(cell) : null);
    if (!page) return null;
    const href = done?.source.pdfHref;
    return (
      <p class="finding-page">
        {href ? (
          <a href={`${href}#page=${page}`} target="_blank" rel="noopener noreferrer" title={w.openAtPage(page)} data-testid="finding-page">
            {w.pageN(page)}
          </a>
        ) : (
          <span data-testid="finding-page">{w.pageN(page)}</span>
        )}
      </p>
    );
  };

  const counts = state ? openCounts(state.findings, dismissals, key) : null;
  const visible = state ? state.findings.filter((f) => shown.has(f.severity)) : [];
  const sections: SectionSummary[] | null =
    done && done.reports.length > 1
      ? done.reports.map((r, index) => ({
          index,
          title: r.state.title,
          agency: r.state.report?.agency ?? null,
          year: r.state.report?.year ?? null,
          counts: openCounts(r.state.findings, dismissals, reportKey(r.state)),
        }))
      : null;
  const source = done?.source ?? (phase.phase === 'failed' ? phase.source : undefined);

  return (
    <I18nContext.Provider value={i18n}>
      <RuleNamesContext.Provider value={RULE_NAMES}>
        <main class="attachment-page" aria-busy={phase.phase === 'fetching' || phase.phase === 'reading'}>
          <h1>{w.title}</h1>
          <p class="muted">{w.intro}</p>

          {source && <SourceLine source={source} />}

          <div role="status" class="status" data-testid="status" data-phase={phase.phase} data-read-ms={done ? String(done.ms) : undefined}>
            {phase.phase === 'fetching' && w.fetching(phase.host)}
            {phase.phase === 'reading' && w.reading}
            {done && w.checkedIn(done.ms)}
          </div>

          {phase.phase === 'ask' && (
            <section class="notice" data-testid="ask-permission">
              <p>{w.askPermission(phase.target.host)}</p>
              <button
                type="button"
                class="primary"
                onClick={() => {
                  const target = phase.target;
                  void browser.permissions
                    .request({ origins: [hostPattern(target)] })
                    .catch(() => false)
                    .then((granted) => (granted ? download(target, httpOnly(params.get('from'))) : fail(w.denied, true)));
                }}
              >
                {w.grant}
              </button>
            </section>
          )}

          {phase.phase === 'failed' && (
            <section class="notice error" role="alert" data-testid="failure">
              <p>
                <strong>{phase.message}</strong>
              </p>
              {phase.detail && <p class="muted detail">{phase.detail}</p>}
              {phase.dropInstead && <p>{w.dropInstead}</p>}
            </section>
          )}

          {done?.failure && (
            <section class="notice error" role="alert" data-testid="failure" data-code={done.failure.code}>
              <p>
                <strong>{failureText(done.failure, lang)}</strong>
              </p>
              {done.failure.detail && <p class="muted detail">{done.failure.detail}</p>}
            </section>
          )}

          {done?.quality && (
            <p class="quality" data-testid="quality" data-verified={String(done.quality.rowsVerified)}>
              <span class="muted">{w.quality}：</span>
              {lang === 'zh' ? done.quality.zh : done.quality.en}
            </p>
          )}

          {done?.imagePages && !done.failure && (
            <p class="notice warn" data-testid="image-pages">
              {w.imagePages(done.imagePages.join('、'))}
            </p>
          )}

          {state && state.report && counts && (
            <>
              {sections && <ReportPicker sections={sections} selected={selected} onSelect={(i) => (setSelected(i), setSelectedId(null))} />}
              <ReportHeader report={state.report} url={state.report.url ?? `${w.localFile}：${done!.source.name}`} counts={counts} />
              {current?.previousYear != null && (
                <p class="muted" data-testid="previous-used">
                  {w.previousUsed(current.previousYear)}
                </p>
              )}
              <div class="controls">
                <SeverityFilter shown={shown} counts={counts} onChange={setShown} />
              </div>
              <section class="findings-section" aria-labelledby="findings-heading">
                <h2 id="findings-heading">
                  {i18n.t.findingsHeading} <span class="muted hint">{i18n.t.keyboardHint}</span>
                </h2>
                {state.findings.length === 0 ? (
                  <p>{i18n.t.noFindings}</p>
                ) : visible.length === 0 ? (
                  <p>{i18n.t.allFiltered}</p>
                ) : (
                  <FindingList
                    findings={visible}
                    report={state.report}
                    url={key}
                    dismissals={dismissals}
                    selectedId={selectedId}
                    onActivate={(id) => {
                      setSelectedId(id);
                      highlighter.current?.focus(id);
                    }}
                    onDismiss={(id: string, status: DismissalStatus, note: string) => void setVerdict(id, { status, note, at: new Date().toISOString() })}
                    onReopen={(id) => void setVerdict(id, null)}
                    extra={pageInfo}
                  />
                )}
              </section>
              <Checks passed={state.passed} incomplete={state.incomplete} />
              <Exports state={state} dismissals={dismissals} />
              <p class="muted" data-testid="remembered">
                {done!.remembered?.ok ? w.remembered : done!.remembered ? w.notRemembered(done!.remembered.error ?? '') : ''}
              </p>
            </>
          )}
          <p role="status" class="check-message">
            {message}
          </p>

          <section class={`drop${dragging ? ' dragging' : ''}`} data-testid="drop-zone">
            <p>
              {done || phase.phase === 'failed' ? `${w.otherFile}：` : ''}
              {w.dropHere}{' '}
              <button type="button" onClick={() => fileInput.current?.click()}>
                {w.pickFile}
              </button>
              <input
                ref={fileInput}
                type="file"
                accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                class="visually-hidden"
                tabIndex={-1}
                aria-label={w.pickFile}
                data-testid="file-input"
                onChange={(e) => {
                  const f = (e.currentTarget as HTMLInputElement).files?.[0];
                  if (f) void openFile(f);
                  (e.currentTarget as HTMLInputElement).value = '';
                }}
              />
            </p>
            <p class="muted hint">{w.dropLimit(MB)}</p>
          </section>

          <section class="rebuilt-section" hidden={!done} aria-labelledby="rebuilt-heading">
            <h2 id="rebuilt-heading">{w.rebuiltHeading}</h2>
            <p class="muted hint">{w.rebuiltHint}</p>
            {/* filled with the rebuilt document's nodes (text nodes only, see rebuilt-document.ts); never by preact */}
            <div class="rebuilt" ref={rebuilt} data-testid="rebuilt" />
          </section>
        </main>
      </RuleNamesContext.Provider>
    </I18nContext.Provider>
  );
}

function SourceLine({ source }: { source: Source }) {
  const { lang } = { lang: pickLang(navigator.language) };
  const w = ATTACHMENT_WORDS[lang];
  return (
    <dl class="source" data-testid="source">
      <dt>{w.source}</dt>
      <dd>
        {source.url ? (
          <a href={source.url} target="_blank" rel="noopener noreferrer" data-testid="source-url">
            {source.url}
          </a>
        ) : (
          <span data-testid="source-url">{w.localFile}</span>
        )}
      </dd>
      <dt>{w.fileName}</dt>
      <dd data-testid="file-name">{source.name}</dd>
      {source.from && (
        <>
          <dt>{w.fromPage}</dt>
          <dd>
            <a href={source.from} target="_blank" rel="noopener noreferrer">
              {source.from}
            </a>
          </dd>
        </>
      )}
    </dl>
  );
}

/** A reader's failure in the page's language, the other language after it. */
function failureText(f: AttachmentFailure, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `${f.zh}（${f.en}）` : `${f.en} (${f.zh})`;
}

/** The year before of each report, asked of the background (which alone reads the memory). */
async function pairWithMemory(source: string, states: readonly PageState[]): Promise<Map<string, PreviousReport>> {
  const own = new Map(states.flatMap((s) => (s.report ? [[reportKey(s), s.report] as const] : [])));
  if (!own.size) return new Map();
  const reports = [...own].map(([key, report]) => pairRequest(key, report));
  const answer = (await browser.runtime.sendMessage({ type: 'attachment-pair', source, reports } satisfies Message).catch(() => null)) as PairResult | null;
  return previousByKey(answer?.answers ?? [], own);
}

/** Remember the reports (the background writes the memory, one write at a time). */
async function remember(source: string, states: PageState[]): Promise<{ ok: boolean; error?: string }> {
  const answer = (await browser.runtime
    .sendMessage({ type: 'attachment-remember', source, entries: rememberedEntries(states) } satisfies Message)
    .catch((e: unknown) => ({ ok: false, error: String(e) }))) as { ok: boolean; error?: string } | undefined;
  return answer ?? { ok: false, error: 'no answer' };
}
