// The survey view's data (issue 18): one row per report of a run (or per remembered
// report, from the history), each failure a row with its reason; filtering, sorting, the
// two charts' numbers, and the report list's CSV. Pure functions over the run's record,
// the memory's index and the reviewer's verdicts.

import { toCsv } from '../../lib/export/csv';
import type { Finding, Severity } from '../../lib/schema';
import type { Counts } from '../../lib/severity';
import type { Dismissal } from '../../utils/page-state';
import { dismissalKey } from '../../utils/page-state';
import type { ReportSummary } from '../../utils/storage';
import type { SurveyFailure, SurveyFormat, SurveyRun } from '../../utils/survey';
import { openIdCounts } from '../findings';
import { linkable } from '../history-rows';

/** A finding as the view needs it: the first error in words. */
export type ErrorText = Pick<Finding, 'id' | 'ruleId' | 'message' | 'messageEn'>;

export interface SurveyRow {
  /** the report's key (memory), or the item's address for one not checked */
  key: string;
  href: string | null;
  agency: string | null;
  title: string;
  year: number | null;
  /** the report's format (2021 / 2019) once read, else null */
  reportFormat: '2021' | '2019' | null;
  /** what the list's link pointed at */
  linkFormat: SurveyFormat;
  state: 'checked' | 'failed' | 'queued';
  /** open findings by severity (verdicts taken out); null unless checked */
  counts: Counts | null;
  /** the rules with open errors or warnings (one each per report) */
  rules: string[];
  /** the first open error, when its words are known (null: none, or not loaded yet) */
  firstError: ErrorText | null;
  reason?: SurveyFailure;
  detail?: string;
  encoding?: string;
  checkedAt: string | null;
}

/** The error findings of a remembered report (the first few, in the checker's order), as loaded for the view. */
export type ErrorsByKey = ReadonlyMap<string, readonly ErrorText[]>;

const ruleOf = (findingId: string) => {
  const i = findingId.indexOf(':');
  return i < 0 ? findingId : findingId.slice(0, i);
};

function checkedRow(
  entry: ReportSummary,
  dismissals: Readonly<Record<string, Dismissal>>,
  errors: ErrorsByKey,
  linkFormat: SurveyFormat = 'html',
  encoding?: string,
): SurveyRow {
  const open = (id: string) => !dismissals[dismissalKey(entry.url, id)];
  const rules = new Set<string>();
  for (const [id, severity] of Object.entries(entry.findingIds)) if ((severity === 'error' || severity === 'warning') && open(id)) rules.add(ruleOf(id));
  const firstError = errors.get(entry.url)?.find((f) => open(f.id)) ?? null;
  return {
    key: entry.url,
    href: linkable(entry.url),
    agency: entry.agency,
    title: entry.title,
    year: entry.year,
    reportFormat: entry.format,
    linkFormat,
    state: 'checked',
    counts: openIdCounts(entry.findingIds, dismissals, entry.url),
    rules: [...rules].sort(),
    firstError,
    ...(encoding && { encoding }),
    checkedAt: entry.checkedAt,
  };
}

/**
 * The rows of a run (its reports from the memory, each failure and each address not yet
 * fetched as a row of its own), or of every remembered report when there is no run.
 */
export function surveyRows(
  run: SurveyRun | null,
  index: Readonly<Record<string, ReportSummary>>,
  dismissals: Readonly<Record<string, Dismissal>>,
  errors: ErrorsByKey = new Map(),
): SurveyRow[] {
  if (!run) return Object.values(index).map((e) => checkedRow(e, dismissals, errors));
  const rows: SurveyRow[] = [];
  for (const item of run.items) {
    const base = {
      key: item.url,
      href: linkable(item.url),
      agency: item.agency,
      title: item.text,
      year: item.year,
      reportFormat: null,
      linkFormat: item.format,
      counts: null,
      rules: [],
      firstError: null,
      checkedAt: item.at ?? null,
      ...(item.encoding && { encoding: item.encoding }),
    } satisfies Partial<SurveyRow>;
    if (item.status === 'checked') {
      const entries = (item.keys ?? []).flatMap((k) => (index[k] ? [index[k]!] : []));
      // (a report the memory no longer holds, dropped beyond its cap: the item alone)
      if (entries.length === 0) rows.push({ ...base, state: 'checked' });
      for (const e of entries) rows.push(checkedRow(e, dismissals, errors, item.format, item.encoding));
    } else rows.push({ ...base, state: item.status, ...(item.reason && { reason: item.reason }), ...(item.detail && { detail: item.detail }) });
  }
  return rows;
}

export type SeverityFilter = 'all' | 'errors' | 'warnings' | 'clean' | 'failed' | 'queued';
export const SEVERITY_FILTERS: readonly SeverityFilter[] = ['all', 'errors', 'warnings', 'clean', 'failed', 'queued'];

export interface SurveyFilter {
  /** words to find in the agency, title, address (all must match) */
  text: string;
  /** a year, or null for all */
  year: number | null;
  severity: SeverityFilter;
}

export const NO_FILTER: SurveyFilter = { text: '', year: null, severity: 'all' };

export function filterRows(rows: readonly SurveyRow[], filter: SurveyFilter): SurveyRow[] {
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (filter.year !== null && r.year !== filter.year) return false;
    const c = r.counts;
    switch (filter.severity) {
      case 'errors':
        if (!c || c.error === 0) return false;
        break;
      case 'warnings':
        if (!c || c.warning === 0) return false;
        break;
      case 'clean':
        if (!c || c.error + c.warning > 0) return false;
        break;
      case 'failed':
        if (r.state !== 'failed') return false;
        break;
      case 'queued':
        if (r.state !== 'queued') return false;
        break;
    }
    if (!words.length) return true;
    const haystack = [r.agency ?? '', r.title, r.key, r.year === null ? '' : String(r.year)].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

export type SortColumn = 'agency' | 'year' | 'format' | Severity | 'firstError';
export interface SortOrder {
  column: SortColumn;
  /** 1 ascending, -1 descending */
  direction: 1 | -1;
}
export const DEFAULT_SORT: SortOrder = { column: 'agency', direction: 1 };

const name = (r: SurveyRow) => r.agency ?? r.title;
/** rows without counts (failed, not fetched) come after every counted row, whichever the direction */
const count = (r: SurveyRow, s: Severity) => (r.counts ? r.counts[s] : null);

/** Sorted by the column (Chinese collation for text), then by agency, the most recent year, the address: the same order every time. */
export function sortRows(rows: readonly SurveyRow[], order: SortOrder): SurveyRow[] {
  const { column, direction } = order;
  const tie = (a: SurveyRow, b: SurveyRow) => name(a).localeCompare(name(b), 'zh-CN') || (b.year ?? 0) - (a.year ?? 0) || a.key.localeCompare(b.key);
  const primary = (a: SurveyRow, b: SurveyRow): number => {
    switch (column) {
      case 'agency':
        return name(a).localeCompare(name(b), 'zh-CN');
      case 'year':
        return (a.year ?? -Infinity) - (b.year ?? -Infinity) || 0;
      case 'format':
        return (a.reportFormat ?? a.linkFormat).localeCompare(b.reportFormat ?? b.linkFormat);
      case 'firstError':
        return (a.firstError?.message ?? '\uffff').localeCompare(b.firstError?.message ?? '\uffff', 'zh-CN');
      default: {
        const [x, y] = [count(a, column), count(b, column)];
        if (x === null || y === null) return 0;
        return x - y;
      }
    }
  };
  const uncounted = (r: SurveyRow) => (column === 'error' || column === 'warning' || column === 'info') && r.counts === null;
  return [...rows].sort((a, b) => {
    const [ua, ub] = [uncounted(a), uncounted(b)];
    if (ua !== ub) return ua ? 1 : -1;
    return direction * primary(a, b) || tie(a, b);
  });
}

/** The buckets of the errors chart. */
export const ERROR_BUCKETS = [
  { label: '0', min: 0, max: 0 },
  { label: '1', min: 1, max: 1 },
  { label: '2', min: 2, max: 2 },
  { label: '3', min: 3, max: 3 },
  { label: '4', min: 4, max: 4 },
  { label: '5–9', min: 5, max: 9 },
  { label: '10+', min: 10, max: Infinity },
] as const;

/** How many checked reports have 0, 1, 2 … open errors. */
export function errorHistogram(rows: readonly SurveyRow[]): { label: string; count: number }[] {
  const counts = ERROR_BUCKETS.map((b) => ({ label: b.label, count: 0 }));
  for (const r of rows) {
    if (!r.counts) continue;
    const i = ERROR_BUCKETS.findIndex((b) => r.counts!.error >= b.min && r.counts!.error <= b.max);
    counts[i]!.count++;
  }
  return counts;
}

/** The rules most reports fail (open errors or warnings), most first, at most `top`. */
export function ruleFrequency(rows: readonly SurveyRow[], top = 10): { ruleId: string; count: number }[] {
  const by = new Map<string, number>();
  for (const r of rows) for (const rule of r.rules) by.set(rule, (by.get(rule) ?? 0) + 1);
  return [...by]
    .map(([ruleId, count]) => ({ ruleId, count }))
    .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId))
    .slice(0, top);
}

export const SURVEY_LIST_COLUMNS = [
  'source',
  'agency',
  'year',
  'format',
  'title',
  'status',
  'reason',
  'detail',
  'openErrors',
  'openWarnings',
  'openInfo',
  'firstError',
  'checkedAt',
] as const;

/** The list itself, one row per report and per failure (with its reason in words). */
export function surveyListCsv(rows: readonly SurveyRow[], words: { reason: (r: SurveyFailure) => string; firstError: (f: ErrorText) => string }): string {
  return toCsv(
    SURVEY_LIST_COLUMNS,
    rows.map((r) => [
      r.key,
      r.agency ?? '',
      r.year ?? '',
      r.reportFormat ?? r.linkFormat,
      r.title,
      r.state,
      r.reason ? words.reason(r.reason) : '',
      [r.detail, r.encoding].filter(Boolean).join(' '),
      r.counts?.error ?? '',
      r.counts?.warning ?? '',
      r.counts?.info ?? '',
      r.firstError ? words.firstError(r.firstError) : '',
      r.checkedAt ?? '',
    ]),
  );
}
