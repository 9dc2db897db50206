// The report memory at work: the same agency's report of the year before for a page
// being checked, and — when an earlier year is checked after a later one — the later
// report's cross-year checks redone, so the history is right whichever order the
// reviewer visits the years in. Pairing is pure and works on the memory's small index;
// only the reports paired are loaded in full.

import { withPrevious } from '../lib/check';
import { borrowsIdentity, previousReports, type Paired, type PairingIdentity } from '../lib/cross-year';
import { CROSS_YEAR_RULES } from '../lib/rules';
import type { PreviousReport } from '../lib/rules/types';
import type { Report } from '../lib/schema';
import { countBySeverity, reportKey, type PageState } from './state';
import { reportMemory, type RememberedReport, type ReportSummary } from './storage';

type Index = Readonly<Record<string, ReportSummary>>;

const CROSS_YEAR_IDS = new Set(CROSS_YEAR_RULES.map((r) => r.id));

export interface Dated {
  report: Report;
  /** the report's key (reportKey): the page URL without fragment, `#k` for the k-th of several */
  source: string;
}

/** A remembered report as the pairing sees it: agency, year and address; its cells stay in storage. */
const identityOf = (s: ReportSummary): PairingIdentity => ({ agency: s.agency, year: s.year, url: s.reportUrl, borrowed: s.borrowed });

type Item = Dated | { report: PairingIdentity; source: string };

/** Pair the page's reports with each other and with the memory's index (the page's own entries left out). */
function pairings(index: Index, current: readonly Dated[]): { items: Item[]; previous: Map<Item, Paired<PairingIdentity>> } {
  const own = new Set(current.map((c) => c.source));
  const items: Item[] = [...current, ...Object.values(index).filter((s) => !own.has(s.url)).map((s) => ({ report: identityOf(s), source: s.url }))];
  return { items, previous: previousReports(items) };
}

/**
 * For each of the page's reports, the same agency's report of the year before: on the
 * page itself (`source` one of the page's), or in the memory (its identity only, see previousFor).
 */
export function pairWithMemory(index: Index, current: readonly Dated[]): Map<Dated, Paired<PairingIdentity>> {
  const { previous } = pairings(index, current);
  return new Map(current.flatMap((c) => (previous.has(c) ? [[c, previous.get(c)!] as const] : [])));
}

/** The page's own report under a key, to turn a pairing with it back into the full report. */
const ownReports = (current: readonly Dated[]) => new Map(current.map((c) => [c.source, c.report]));

/**
 * The year before of each of the page's reports, with the remembered ones loaded in full
 * from storage. `waited.ms` grows by the time spent waiting for storage, so the checker's
 * timing can leave out the wait and keep the pairing, which is its own work.
 */
export async function previousFor(current: readonly Dated[], waited = { ms: 0 }): Promise<Map<Dated, PreviousReport>> {
  const wait = async <T>(read: Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await read;
    } finally {
      waited.ms += performance.now() - start;
    }
  };
  const index = await wait(reportMemory.index());
  const pairs = pairWithMemory(index, current);
  const own = ownReports(current);
  const full = await wait(reportMemory.load([...pairs.values()].flatMap((p) => (own.has(p.source) ? [] : [p.source])), index));
  const out = new Map<Dated, PreviousReport>();
  for (const [c, p] of pairs) {
    const report = own.get(p.source) ?? full[p.source]?.report;
    if (report) out.set(c, { ...p, report });
  }
  return out;
}

/** A remembered report with its cross-year findings recomputed against `previous`. */
export function recheckAgainst(entry: RememberedReport, previous: PreviousReport): RememberedReport {
  const own = entry.findings.filter((f) => !CROSS_YEAR_IDS.has(f.ruleId));
  const findings = withPrevious({ findings: own, passed: [], incomplete: [] }, entry.report, previous).findings;
  return { ...entry, findings, counts: countBySeverity(findings) };
}

/** The remembered reports whose year before is one of the page's reports (their keys, and that report). */
export function laterReports(index: Index, current: readonly Dated[]): { key: string; previous: PreviousReport }[] {
  const { items, previous } = pairings(index, current);
  const own = ownReports(current);
  return items.flatMap((item) => {
    const p = previous.get(item);
    const report = p && !own.has(item.source) ? own.get(p.source) : undefined;
    return p && report ? [{ key: item.source, previous: { ...p, report } }] : [];
  });
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

/** What a page's checked states leave in the report memory: an entry for each report found. */
export const rememberedEntries = (states: readonly PageState[]): RememberedReport[] =>
  states.flatMap((s) => (s.detected && s.report ? [toRemembered({ ...s, report: s.report })] : []));

/**
 * Remember a page's reports (one, or each of several) and bring later years' cross-year
 * findings up to date. It reads the memory's index and writes it back, so only the
 * background calls it, one write at a time (background.ts, `serially`).
 */
export async function rememberEntries(entries: readonly RememberedReport[]): Promise<void> {
  if (entries.length === 0) return;
  const index = await reportMemory.index();
  const later = laterReports(index, entries.map((e) => ({ report: e.report, source: e.url })));
  const full = await reportMemory.load(later.map((l) => l.key), index);
  const rechecked = later.flatMap((l) => (full[l.key] ? [recheckAgainst(full[l.key]!, l.previous)] : []));
  await reportMemory.put([...rechecked, ...entries].map((e) => ({ ...e, borrowed: borrowsIdentity(e.report) })));
}
