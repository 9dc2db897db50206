// What the extension knows about one checked page: the result the content script
// computes, the background keeps per tab and the popup shows. Plain data, no zod,
// so the content script stays small.

import type { CheckRecord, Finding, PageKind, Report } from '../lib/schema';
import type { Counts } from '../lib/severity';
import type { RuleNames } from '../lib/rules/index';
import type { PageCheck } from '../lib/check';

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
  /** the page's attachments (links, PDF frames, viewers): listed in the popup with 检查附件; `type` from lib/detect.ts attachmentTarget */
  attachments: { text: string; href: string; type?: 'pdf' | 'docx' | 'doc' | 'wps' | 'ofd' }[];
  /** how the check started: automatically (gov.cn or a site the user added) or on demand */
  trigger: 'auto' | 'demand';
  checkedAt: string;
  /** read+check time in the page, ms (for the budget figures) */
  elapsedMs: number;
  /** the same agency's report of the year before that the cross-year checks used (null: none known yet) */
  previous?: { source: string; year: number | null } | null;
  /** on a page holding several reports: which one this state is about (the popup switches between them) */
  section?: { index: number; count: number };
  /** on a page holding several reports: each one in page order, for the picker and the badge */
  sections?: SectionSummary[];
  /** an error in our code, caught and shown in the popup, never thrown into the page */
  internalError?: string;
  /** the frame of the tab whose checker sent it (set by the background: on demand every frame answers) */
  frameId?: number;
  /** no year before on this site, but another site's report of the same name: offered, used only on a click */
  suggestion?: { source: string; year: number | null; agency: string | null } | null;
  /** the report memory could not be written (storage full, anything): shown, never silent */
  memoryError?: string;
  /** kept without the report's cells (too large for the tab's session storage): the popup asks the page */
  slim?: boolean;
  /** the names of the rules the result speaks of (lib/rules ruleNamesFor): the popup shows them without the rules' code */
  ruleNames?: RuleNames;
  /** reports on the page beyond the ones read (BOUNDS.reportsPerPage) */
  reportsOmitted?: number;
}

export interface SectionSummary {
  index: number;
  title: string;
  agency: string | null;
  year: number | null;
  /** open findings by severity */
  counts: Counts;
}

/** The findings the reviewer has not marked 误报 or 已核实 (of the report with that key): what counts and what is marked. */
export const openFindings = (findings: readonly Finding[], dismissals: Readonly<Record<string, Dismissal>>, key: string): Finding[] =>
  findings.filter((f) => !dismissals[dismissalKey(key, f.id)]);

/** Reviewer's verdict on a finding, remembered per page and finding. */
export type DismissalStatus = 'falsePositive' | 'verified';
export interface Dismissal {
  status: DismissalStatus;
  note: string;
  at: string;
}
/** A verdict's key: the report's key (see reportKey) and the finding's id. */
export const dismissalKey = (key: string, findingId: string) => `${key}#${findingId}`;

/** A page's identity: its URL without the fragment. */
export function pageKey(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

/** A report's identity for memory and verdicts: its page's, plus `#k` for the k-th of several reports on the page (as the CLI's sources). */
export const reportKey = (state: Pick<PageState, 'url' | 'section'>): string => pageKey(state.url) + (state.section ? `#${state.section.index + 1}` : '');

/** Which of a page's reports a check is (PageState section), on a page holding several; undefined otherwise. */
export const sectionOf = (check: PageCheck): PageState['section'] =>
  check.reading.section && { index: check.reading.section.index, count: check.reading.section.count };

/** Badge per tab: error count (red), else warnings (amber), a check mark when clean, nothing when not a report; the toolbar icon repeats it by shape (see scripts/icons.ts). */
export function badgeFor(state: Pick<PageState, 'detected' | 'counts' | 'internalError' | 'sections'> | null): {
  text: string;
  color: string;
  icon: 'plain' | 'ok' | 'issues';
} {
  if (!state || !state.detected) return { text: '', color: '#000000', icon: 'plain' };
  // a page holding several reports: the whole page's counts
  const counts = state.sections
    ? state.sections.reduce((a, s) => ({ error: a.error + s.counts.error, warning: a.warning + s.counts.warning, info: a.info + s.counts.info }), {
        error: 0,
        warning: 0,
        info: 0,
      })
    : state.counts;
  if (counts.error > 0) return { text: String(Math.min(counts.error, 999)), color: '#d93025', icon: 'issues' };
  if (counts.warning > 0) return { text: String(Math.min(counts.warning, 999)), color: '#e37400', icon: 'issues' };
  return { text: '✓', color: '#188038', icon: 'ok' };
}
