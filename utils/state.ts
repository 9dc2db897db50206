// What the extension knows about one checked page: the result the content script
// computes, the background keeps per tab and the popup shows. Plain data, no zod,
// so the content script stays small.

import type { CheckRecord, Finding, PageKind, Report, Severity } from '../lib/schema';

export type Counts = Record<Severity, number>;

export interface PageState {
  url: string;
  /** the page's <title>, for the history and file names */
  title: string;
  detected: boolean;
  kind: PageKind;
  /** null on pages that are not reports */
  report: Report | null;
  findings: Finding[];
  passed: CheckRecord[];
  incomplete: CheckRecord[];
  counts: Counts;
  /** links to attachments when the tables are images or files (say so, link them) */
  attachments: { text: string; href: string }[];
  /** how the check started: automatically (gov.cn or a site the user added) or on demand */
  trigger: 'auto' | 'demand';
  checkedAt: string;
  /** read+check time in the page, ms (for the budget figures) */
  elapsedMs: number;
  /** the same agency's report of the year before that the cross-year checks used (null: none known yet) */
  previous?: { source: string; year: number | null } | null;
  /** an error in our code, caught and shown in the popup, never thrown into the page */
  internalError?: string;
}

export function countBySeverity(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** The findings the reviewer has not marked 误报 or 已核实: what counts and what is marked. */
export const openFindings = (findings: readonly Finding[], dismissals: Readonly<Record<string, Dismissal>>, url: string): Finding[] =>
  findings.filter((f) => !dismissals[dismissalKey(url, f.id)]);

/** Reviewer's verdict on a finding, remembered per page and finding. */
export type DismissalStatus = 'falsePositive' | 'verified';
export interface Dismissal {
  status: DismissalStatus;
  note: string;
  at: string;
}
export const DISMISSAL_LABELS: Record<DismissalStatus | 'open', { zh: string; en: string }> = {
  open: { zh: '待处理', en: 'open' },
  falsePositive: { zh: '误报', en: 'false positive' },
  verified: { zh: '已核实', en: 'verified' },
};
export const dismissalKey = (url: string, findingId: string) => `${pageKey(url)}#${findingId}`;

/** A page's identity for memory and dismissals: its URL without the fragment. */
export function pageKey(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

/** Badge per tab: error count (red), else warnings (amber), a check mark when clean, nothing when not a report. */
export function badgeFor(state: Pick<PageState, 'detected' | 'counts' | 'internalError'> | null): { text: string; color: string } {
  if (!state || !state.detected) return { text: '', color: '#000000' };
  if (state.counts.error > 0) return { text: String(Math.min(state.counts.error, 999)), color: '#d93025' };
  if (state.counts.warning > 0) return { text: String(Math.min(state.counts.warning, 999)), color: '#e37400' };
  return { text: '✓', color: '#188038' };
}
