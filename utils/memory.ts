// The report memory at work: the same agency's report of the year before for a page
// being checked, and — when an earlier year is checked after a later one — the later
// report's cross-year checks redone, so the history is right whichever order the
// reviewer visits the years in. Pure functions plus one read-modify-write.

import { withPrevious } from '../lib/check';
import { previousReports } from '../lib/cross-year';
import { CROSS_YEAR_RULES } from '../lib/rules';
import type { PreviousReport } from '../lib/rules/types';
import type { Report } from '../lib/schema';
import { countBySeverity, pageKey, type PageState } from './state';
import { reportsItem, type RememberedReport } from './storage';

type Memory = Readonly<Record<string, RememberedReport>>;

const CROSS_YEAR_IDS = new Set(CROSS_YEAR_RULES.map((r) => r.id));

interface Dated {
  report: Report;
  source: string;
}

/** Pair the page's report with the memory (the page itself left out of the memory). */
function pairings(memory: Memory, current: Dated): { items: Dated[]; previous: Map<Dated, PreviousReport> } {
  const items = [current, ...Object.values(memory).filter((r) => r.url !== pageKey(current.source)).map((r) => ({ report: r.report, source: r.url }))];
  return { items, previous: previousReports(items) };
}

/** The same agency's report of the year before, if the memory holds it. */
export function previousFromMemory(memory: Memory, current: Dated): PreviousReport | undefined {
  return pairings(memory, current).previous.get(current);
}

/** A remembered report with its cross-year findings recomputed against `previous`. */
export function recheckAgainst(entry: RememberedReport, previous: PreviousReport): RememberedReport {
  const own = entry.findings.filter((f) => !CROSS_YEAR_IDS.has(f.ruleId));
  const findings = withPrevious({ findings: own, passed: [], incomplete: [] }, entry.report, previous).findings;
  return { ...entry, findings, counts: countBySeverity(findings) };
}

/** The remembered reports whose year before is the page's report, rechecked against it. */
export function laterReportsRechecked(memory: Memory, current: Dated): RememberedReport[] {
  const { items, previous } = pairings(memory, current);
  const out: RememberedReport[] = [];
  for (const item of items) {
    const p = previous.get(item);
    if (item === current || p?.source !== current.source) continue;
    const entry = memory[item.source];
    if (entry) out.push(recheckAgainst(entry, p));
  }
  return out;
}

export function toRemembered(state: PageState & { report: Report }): RememberedReport {
  return {
    url: pageKey(state.url),
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

/** Remember a checked report and bring the later year's cross-year findings up to date. */
export async function rememberReport(state: PageState): Promise<void> {
  if (!state.detected || !state.report) return;
  const all = { ...(await reportsItem.getValue()) };
  const entry = toRemembered({ ...state, report: state.report });
  for (const later of laterReportsRechecked(all, { report: entry.report, source: entry.url })) all[later.url] = later;
  all[entry.url] = entry;
  await reportsItem.setValue(all);
}
