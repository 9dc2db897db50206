// The survey view (issue 18): a run's reports (or every remembered report) side by side —
// one row per report with its agency, year, format, open counts, first error in words and
// link, failures as rows with their reason — sortable and filterable, two charts (reports
// by number of errors, the checks failed most often), and the exports over the rows shown.
// Presentational: the run itself is driven by entrypoints/survey/SurveyPage.tsx.

import { useMemo, useState } from 'preact/hooks';
import type { Severity } from '../../lib/schema';
import { POPUP_WORDS, SURVEY_WORDS, type Lang } from '../../lib/vocabulary';
import type { Message } from '../../utils/messages';
import type { Dismissal } from '../../utils/page-state';
import type { RememberedReport } from '../../utils/storage';
import { unfinished, type SurveyRun } from '../../utils/survey';
import { download, findingsCsv, safeFilePart, tablesCsv } from '../export-files';
import { SEVERITIES } from '../findings';
import { useRuleName } from '../rule-names';
import { failure, type FailureCode } from '../../lib/attachment/sniff';
import { attachmentPageUrl } from '../attachment/open';
import { BarChart } from './BarChart';

/** The attachment reader's failure codes (lib/attachment/sniff.ts), as an item's detail records them. */
const FAILURE_CODES = new Set<string>([
  'scan',
  'legacyDoc',
  'wps',
  'ofd',
  'encrypted',
  'broken',
  'notReport',
  'unreadableTable',
  'tooLarge',
  'unknown',
] satisfies FailureCode[]);
import {
  DEFAULT_SORT,
  NO_FILTER,
  SEVERITY_FILTERS,
  errorHistogram,
  filterRows,
  ruleFrequency,
  sortRows,
  surveyListCsv,
  type SortColumn,
  type SortOrder,
  type SurveyFilter,
  type SurveyRow,
} from './rows';

const CSV = 'text/csv;charset=utf-8';
/** Remembered reports are loaded for an export this many at a time (each is 40–60 KB). */
const LOAD_CHUNK = 50;

/** These remembered reports in full, from the background, in the order asked. */
export async function loadReports(keys: readonly string[]): Promise<RememberedReport[]> {
  const out: RememberedReport[] = [];
  for (let i = 0; i < keys.length; i += LOAD_CHUNK) {
    const chunk = keys.slice(i, i + LOAD_CHUNK);
    const got =
      ((await browser.runtime.sendMessage({ type: 'load-reports', keys: chunk } satisfies Message)) as Record<string, RememberedReport> | undefined) ?? {};
    for (const k of chunk) if (got[k]) out.push(got[k]!);
  }
  return out;
}

export interface SurveyViewProps {
  lang: Lang;
  /** the run shown; null: every remembered report (from the history) */
  run: SurveyRun | null;
  rows: readonly SurveyRow[];
  dismissals: Readonly<Record<string, Dismissal>>;
  /** this page is running the run now */
  running: boolean;
  /** the run stopped short (this page reloaded or closed mid-run) and can go on here */
  canResume: boolean;
  pauseMs: number;
  /** other runs to choose from (their ids and labels) */
  recent: readonly SurveyRun[];
  notice?: string;
  onCancel: () => void;
  onResume: () => void;
}

const COLUMNS: readonly SortColumn[] = ['agency', 'year', 'format', 'error', 'warning', 'info', 'firstError'];

export function SurveyView({ lang, run, rows, dismissals, running, canResume, pauseMs, recent, notice, onCancel, onResume }: SurveyViewProps) {
  const w = SURVEY_WORDS[lang];
  const p = POPUP_WORDS[lang];
  const ruleName = useRuleName();
  const [filter, setFilter] = useState<SurveyFilter>(NO_FILTER);
  const [order, setOrder] = useState<SortOrder>(DEFAULT_SORT);
  const [busy, setBusy] = useState('');
  const shown = useMemo(() => sortRows(filterRows(rows, filter), order), [rows, filter, order]);
  const years = useMemo(() => [...new Set(rows.flatMap((r) => (r.year === null ? [] : [r.year])))].sort((a, b) => b - a), [rows]);
  const histogram = useMemo(() => errorHistogram(shown), [shown]);
  const rules = useMemo(() => ruleFrequency(shown), [shown]);
  const done = run ? run.items.filter((i) => i.status !== 'queued').length : 0;
  const failed = run ? run.items.filter((i) => i.status === 'failed').length : 0;
  const origin = run?.origin ?? '';

  const firstErrorText = (r: SurveyRow) => (r.firstError ? (lang === 'zh' ? r.firstError.message : r.firstError.messageEn) : '');
  const reasonText = (r: SurveyRow) => (r.reason ? w.failures[r.reason] : '');
  /** the detail in words: an attachment's failure by its code (lib/attachment), else as recorded */
  const detailText = (r: SurveyRow) => {
    const code = r.detail?.split(' ')[0] ?? '';
    // (a page that is not a report: what it is instead, in words)
    if (r.reason === 'notReport' && r.detail && r.detail in p.kinds) return p.kinds[r.detail as keyof typeof p.kinds];
    if (r.reason !== 'attachment' || !FAILURE_CODES.has(code)) return r.detail ?? '';
    const f = failure(code as FailureCode, r.detail!.slice(code.length + 1) || undefined);
    return `${lang === 'zh' ? f.zh : f.en}${f.detail ? ` ${f.detail}` : ''}`;
  };
  /** a PDF/Word report opens in the attachment page (read and marked there), a web page as it is */
  const hrefOf = (r: SurveyRow) => (r.href && (r.linkFormat === 'pdf' || r.linkFormat === 'docx') ? attachmentPageUrl(r.href, run?.listUrl) : r.href);
  const file = (what: string) =>
    `${[p.filePrefix, run ? safeFilePart(run.listTitle || origin) : w.allReports, w.fileSurvey(shown.length), what].map(safeFilePart).join('_')}.csv`;
  const checkedKeys = () => shown.filter((r) => r.state === 'checked' && r.counts).map((r) => r.key);

  async function exportReports(kind: 'findings' | 'tables') {
    const keys = checkedKeys();
    setBusy(w.loadingReports(0, keys.length));
    try {
      const full = await loadReports(keys);
      if (kind === 'findings') download(file(w.fileFindings), findingsCsv(full, dismissals, lang), CSV);
      else download(file(w.fileTables), tablesCsv(full), CSV);
    } finally {
      setBusy('');
    }
  }
  function exportList() {
    download(file(w.fileList), surveyListCsv(shown, { reason: (r) => w.failures[r], firstError: (f) => (lang === 'zh' ? f.message : f.messageEn) }), CSV);
  }
  const sortBy = (column: SortColumn) =>
    setOrder((o) =>
      o.column === column
        ? { column, direction: o.direction === 1 ? -1 : 1 }
        : { column, direction: column === 'agency' || column === 'firstError' || column === 'format' ? 1 : -1 },
    );
  const ariaSort = (column: SortColumn) => (order.column !== column ? undefined : order.direction === 1 ? 'ascending' : 'descending');

  return (
    <main class="survey" aria-busy={running}>
      <h1>{w.title}</h1>
      {run ? (
        <section class="survey-run" aria-labelledby="run-heading">
          <h2 id="run-heading">
            {w.listLabel}
            <a href={run.listUrl} target="_blank" rel="noopener noreferrer">
              {run.listTitle || run.listUrl}
            </a>
            {run.year !== null && <span class="muted"> · {w.yearOnly(run.year)}</span>}
          </h2>
          <p class="muted hint">{w.politeness(origin, Math.round(pauseMs / 10) / 100)}</p>
          <p role="status" data-testid="survey-status">
            <strong data-status={run.status}>{w.status[run.status]}</strong> · {w.progress(done, run.items.length, failed)} ·{' '}
            {w.listPages(run.lists.filter((l) => l.status === 'read').length, run.lists.filter((l) => l.status === 'failed').length)}
          </p>
          {run.current && running && <p class="muted current">{w.current(run.current)}</p>}
          {run.status === 'stopped' && run.stopDetail && <p class="notice warn">{w.stoppedBecause(run.stopDetail)}</p>}
          {canResume && unfinished(run.status) && <p class="notice">{w.interrupted}</p>}
          <p class="actions">
            {running && (
              <button type="button" onClick={onCancel}>
                {w.cancel}
              </button>
            )}
            {canResume && (
              <button type="button" class="primary" onClick={onResume}>
                {w.resume(run.items.filter((i) => i.status === 'queued' || i.reason === 'stopped').length)}
              </button>
            )}
          </p>
        </section>
      ) : (
        <h2>{w.allHeading}</h2>
      )}
      {notice && <p class="notice">{notice}</p>}
      {recent.length > 0 && (
        <nav class="survey-runs" aria-label={w.recentRuns}>
          <span class="muted">{w.recentRuns}：</span>
          <a href="?">{w.allReports}</a>
          {recent.map((r) => (
            <a key={r.id} href={`?run=${encodeURIComponent(r.id)}`} aria-current={run?.id === r.id ? 'page' : undefined}>
              {w.runLabel(r.listTitle || r.origin, r.createdAt.slice(0, 10), (run?.id === r.id ? run : r).items.length)}
            </a>
          ))}
        </nav>
      )}
      <div class="survey-filter" role="search">
        <input
          type="search"
          name="survey-filter"
          aria-label={w.filterText}
          placeholder={w.filterText}
          value={filter.text}
          onInput={(e) => {
            const text = (e.currentTarget as HTMLInputElement).value;
            setFilter((f) => ({ ...f, text }));
          }}
        />
        <label>
          {w.filterYear}{' '}
          <select
            name="survey-year"
            value={filter.year === null ? '' : String(filter.year)}
            onChange={(e) => {
              const v = (e.currentTarget as HTMLSelectElement).value;
              setFilter((f) => ({ ...f, year: v === '' ? null : Number(v) }));
            }}
          >
            <option value="">{w.allYears}</option>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {w.filterSeverity}{' '}
          <select
            name="survey-severity"
            value={filter.severity}
            onChange={(e) => {
              const severity = (e.currentTarget as HTMLSelectElement).value as SurveyFilter['severity'];
              setFilter((f) => ({ ...f, severity }));
            }}
          >
            {SEVERITY_FILTERS.map((s) => (
              <option key={s} value={s}>
                {w.severityFilters[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p role="status" class="muted" data-testid="survey-shown">
        {w.shown(shown.length, rows.length)}
      </p>
      <div class="charts">
        <BarChart
          id="chart-errors"
          title={w.errorsChart}
          desc={w.errorsChartDesc}
          bars={histogram.map((b) => ({ label: b.label, value: b.count, title: w.errorsBar(b.label, b.count) }))}
        />
        {rules.length ? (
          <BarChart
            id="chart-rules"
            title={w.rulesChart}
            desc={w.rulesChartDesc}
            bars={rules.map((r) => {
              const label = ruleName(r.ruleId);
              return { label, value: r.count, title: w.rulesBar(label, r.count) };
            })}
          />
        ) : (
          <figure class="chart" data-testid="chart-rules">
            <figcaption>{w.rulesChart}</figcaption>
            <p>{w.noRules}</p>
          </figure>
        )}
      </div>
      <div class="exports">
        <button type="button" disabled={!!busy || !shown.some((r) => r.counts)} onClick={() => void exportReports('findings')}>
          {w.exportAllFindings}
        </button>
        <button type="button" disabled={!!busy || !shown.some((r) => r.counts)} onClick={() => void exportReports('tables')}>
          {w.exportTables}
        </button>
        <button type="button" disabled={!shown.length} onClick={exportList}>
          {w.exportList}
        </button>
        <span role="status" class="muted">
          {busy}
        </span>
      </div>
      {rows.length === 0 ? (
        <p>{w.empty}</p>
      ) : (
        <table class="survey-table" data-testid="survey-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} scope="col" aria-sort={ariaSort(c)} class={c === 'error' || c === 'warning' || c === 'info' ? 'num' : undefined}>
                  <button type="button" class="link sort" title={w.sortBy(w.columns[c])} onClick={() => sortBy(c)}>
                    {w.columns[c]}
                    {order.column === c ? (order.direction === 1 ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
              <th scope="col">{w.columns.link}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key} data-state={r.state} data-key={r.key}>
                <td class="agency">{r.agency ?? r.title}</td>
                <td>{r.year ?? ''}</td>
                <td>
                  {r.reportFormat ? `${p.formats[r.reportFormat]}${r.linkFormat !== 'html' ? ` · ${w.formats[r.linkFormat]}` : ''}` : w.formats[r.linkFormat]}
                </td>
                {SEVERITIES.map((s: Severity) => (
                  <td key={s} class={`num${r.counts && r.counts[s] > 0 ? ` sev-${s}` : ''}`} data-severity={s}>
                    {r.counts ? r.counts[s] : ''}
                  </td>
                ))}
                <td class="first-error">
                  {r.state === 'checked' ? (
                    firstErrorText(r) || (r.counts && r.counts.error > 0 ? '…' : w.noError)
                  ) : r.state === 'queued' ? (
                    <span class="muted">{w.queued}</span>
                  ) : (
                    <span class="reason" data-reason={r.reason}>
                      {reasonText(r)}
                      {r.detail ? ` (${detailText(r)})` : ''}
                    </span>
                  )}
                  {r.encoding && <span class="muted hint"> · {w.decodedAs(r.encoding)}</span>}
                </td>
                <td>
                  {r.href ? (
                    <a href={hrefOf(r)!} target="_blank" rel="noopener noreferrer" title={r.key}>
                      {w.open}
                    </a>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted hint">{p.countsLabel}</p>
    </main>
  );
}
