// The popup's three exports — findings CSV, tidy tables CSV, and JSON in the batch
// checker's shape — and the download itself (a Blob and a temporary <a download>, so
// no downloads permission is needed).

import { FINDING_COLUMNS, TABLE_COLUMNS, findingRows, tableRows, toCsv } from '../lib/export/csv';
import type { CheckOutputEntry, Finding } from '../lib/schema';
import { TERMS } from '../lib/vocabulary';
import { reportKey, type Dismissal, type PageState } from '../utils/page-state';
import { dismissalOf, statusOf } from './findings';
import type { Lang, Messages } from './i18n';

type Dismissals = Readonly<Record<string, Dismissal>>;

/** What the exports need of a checked page: the current tab's state or a remembered report. */
export type Checked = Pick<PageState, 'url' | 'report' | 'findings'>;

/** One row per finding, of one page or of many (the history), each with the reviewer's status. */
export function findingsCsv(pages: readonly Checked[], dismissals: Dismissals, lang: Lang): string {
  return toCsv(
    FINDING_COLUMNS,
    pages.flatMap((p) =>
      findingRows({ source: p.url, report: p.report, status: (f: Finding) => TERMS[lang].verdicts[statusOf(dismissals, p.url, f)] }, p.findings),
    ),
  );
}

/** The tidy tables (one row per cell) of one page or of many. */
export function tablesCsv(pages: readonly Pick<Checked, 'url' | 'report'>[]): string {
  return toCsv(
    TABLE_COLUMNS,
    pages.flatMap((p) => (p.report ? tableRows(p.url, p.report) : [])),
  );
}

/** One element of `npm run check -- --json`, each finding with the reviewer's status (and note). */
export function jsonExport(state: PageState, dismissals: Dismissals): CheckOutputEntry {
  return {
    source: reportKey(state),
    detected: state.detected,
    kind: state.kind,
    report: state.report,
    findings: state.findings.map((f) => {
      const d = dismissalOf(dismissals, reportKey(state), f);
      return { ...f, status: d?.status ?? 'open', ...(d?.note && { note: d.note }) };
    }),
    passed: state.passed,
    incomplete: state.incomplete,
    ...(state.internalError && { error: state.internalError }),
  };
}

/** Characters Windows, macOS or Linux refuse in file names become "_" (no leading dot, no trailing dot or space). */
export const safeFilePart = (s: string) =>
  s
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_')
    .replace(/\s+/g, ' ')
    .slice(0, 80)
    .replace(/^[\s._]+|[\s._]+$/g, '') || '_';

export function fileName(state: PageState, t: Messages, what: 'findings' | 'tables' | 'json'): string {
  const host = (() => {
    try {
      return new URL(state.url).hostname;
    } catch {
      return '';
    }
  })();
  const parts = [t.filePrefix, state.report?.agency || host || t.unknown, String(state.report?.year ?? t.unknown)];
  const suffix = { findings: `_${t.fileFindings}.csv`, tables: `_${t.fileTables}.csv`, json: `_${t.fileJson}.json` }[what];
  return parts.map(safeFilePart).join('_') + suffix;
}

export function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // revoking at once can cancel the download in some browsers
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
