// The report memory at work: the same agency's report of the year before for a page
// being checked, and — when an earlier year is checked after a later one — the later
// report's cross-year checks redone, so the history is right whichever order the
// reviewer visits the years in. Pure functions plus one read-modify-write.

import { withPrevious } from '../lib/check';
import { previousReports } from '../lib/cross-year';
import { CROSS_YEAR_RULES } from '../lib/rules';
import type { PreviousReport } from '../lib/rules/types';
import type { Report } from '../lib/schema';
import { countBySeverity, reportKey, type PageState } from './state';
import { reportsItem, type RememberedReport } from './storage';

type Memory = Readonly<Record<string, RememberedReport>>;

const CROSS_YEAR_IDS = new Set(CROSS_YEAR_RULES.map((r) => r.id));

export interface Dated {
  report: Report;
  /** the report's key (reportKey): the page URL without fragment, `#k` for the k-th of several */
  source: string;
}

/** Pair the page's reports with each other and with the memory (the page's own entries left out). */
function pairings(memory: Memory, current: readonly Dated[]): { items: Dated[]; previous: Map<Dated, PreviousReport> } {
  const own = new Set(current.map((c) => c.source));
  const items = [...current, ...Object.values(memory).filter((r) => !own.has(r.url)).map((r) => ({ report: r.report, source: r.url }))];
  return { items, previous: previousReports(items) };
}

/** For each of the page's reports, the same agency's report of the year before, from the page itself or the memory. */
export function previousFromMemory(memory: Memory, current: readonly Dated[]): Map<Dated, PreviousReport> {
  const { previous } = pairings(memory, current);
  return new Map(current.flatMap((c) => (previous.has(c) ? [[c, previous.get(c)!] as const] : [])));
}

/** A remembered report with its cross-year findings recomputed against `previous`. */
export function recheckAgainst(entry: RememberedReport, previous: PreviousReport): RememberedReport {
  const own = entry.findings.filter((f) => !CROSS_YEAR_IDS.has(f.ruleId));
  const findings = withPrevious({ findings: own, passed: [], incomplete: [] }, entry.report, previous).findings;
  return { ...entry, findings, counts: countBySeverity(findings) };
}

/** The remembered reports whose year before is one of the page's reports, rechecked against it. */
export function laterReportsRechecked(memory: Memory, current: readonly Dated[]): RememberedReport[] {
  const { items, previous } = pairings(memory, current);
  const sources = new Set(current.map((c) => c.source));
  const out: RememberedReport[] = [];
  for (const item of items) {
    const p = previous.get(item);
    if (sources.has(item.source) || !p || !sources.has(p.source)) continue;
    const entry = memory[item.source];
    if (entry) out.push(recheckAgainst(entry, p));
  }
  return out;
}

export function toRemembered(state: PageState & { report: Report }): RememberedReport {
  return {
    url: reportKey(state),
    title: state.title,
    agency: state.report.agency,
    year: state.report.year,
    format: state.report.format,
    counts: state.counts,
    checkedAt: state.checkedAt,
    report: state.report,
    findings: state.findings,
  };
}

/** Remember the reports of a page (one, or each of several) and bring later years' cross-year findings up to date. */
export async function rememberReports(states: readonly PageState[]): Promise<void> {
  const entries = states.flatMap((s) => (s.detected && s.report ? [toRemembered({ ...s, report: s.report })] : []));
  if (entries.length === 0) return;
  const all = { ...(await reportsItem.getValue()) };
  for (const later of laterReportsRechecked(all, entries.map((e) => ({ report: e.report, source: e.url })))) all[later.url] = later;
  for (const e of entries) all[e.url] = e;
  await reportsItem.setValue(all);
}
