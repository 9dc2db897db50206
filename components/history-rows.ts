// The history view's data: every remembered report as one row (agency, year, open
// counts, link), the filter, and the list export. Pure functions over the report memory.

import { toCsv } from '../lib/export/csv';
import type { Dismissal } from '../utils/page-state';
import type { ReportSummary } from '../utils/storage';
import { openIdCounts } from './findings';

export interface HistoryFilter {
  /** words to find in the agency, title, address or year (all must match) */
  text: string;
  /** only reports with open errors */
  errorsOnly: boolean;
}

export interface HistoryRow {
  entry: ReportSummary;
  /** counts of the findings the reviewer has not marked */
  open: ReturnType<typeof openIdCounts>;
  /** the address, when it is one the popup may link to (http or https) */
  href: string | null;
}

export const linkable = (url: string): string | null => (/^https?:\/\//i.test(url) ? url : null);

/** By agency (Chinese collation), then the most recent year first, then the address. */
function compare(a: ReportSummary, b: ReportSummary): number {
  const agency = (a.agency ?? a.title).localeCompare(b.agency ?? b.title, 'zh-CN');
  return agency || (b.year ?? 0) - (a.year ?? 0) || a.url.localeCompare(b.url);
}

export function historyRows(
  memory: Readonly<Record<string, ReportSummary>>,
  dismissals: Readonly<Record<string, Dismissal>>,
  filter: HistoryFilter,
): HistoryRow[] {
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return Object.values(memory)
    .filter((e) => {
      const haystack = [e.agency ?? '', e.title, e.url, e.year === null ? '' : String(e.year)].join(' ').toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .sort(compare)
    .map((entry) => ({ entry, open: openIdCounts(entry.findingIds, dismissals, entry.url), href: linkable(entry.url) }))
    .filter((row) => !filter.errorsOnly || row.open.error > 0);
}

/** The list itself, one row per report: for a survey of many agencies' reports. */
export const REPORT_LIST_COLUMNS = ['source', 'agency', 'year', 'format', 'title', 'openErrors', 'openWarnings', 'openInfo', 'findings', 'checkedAt'] as const;

export function reportListCsv(rows: readonly HistoryRow[]): string {
  return toCsv(
    REPORT_LIST_COLUMNS,
    rows.map(({ entry: e, open }) => [
      e.url,
      e.agency ?? '',
      e.year ?? '',
      e.format,
      e.title,
      open.error,
      open.warning,
      open.info,
      Object.keys(e.findingIds).length,
      e.checkedAt,
    ]),
  );
}
