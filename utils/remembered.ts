// What a checked page hands the background to remember: each report found, with every
// string taken from the page bounded (lib/bounds.ts). Kept apart from memory.ts so the
// checker does not carry zod (memory.ts validates, in the background).

import { BOUNDS, boundFindings, boundReport, clip } from '../lib/bounds';
import type { Report } from '../lib/schema';
import { reportKey, type PageState } from './page-state';
import { countBySeverity } from '../lib/severity';
import type { RememberedReport } from './storage';

export function toRemembered(state: PageState & { report: Report }): RememberedReport {
  const findings = boundFindings(state.findings);
  return {
    url: reportKey(state),
    title: clip(state.title, BOUNDS.title),
    agency: state.report.agency,
    year: state.report.year,
    format: state.report.format,
    counts: countBySeverity(findings),
    checkedAt: state.checkedAt,
    report: boundReport(state.report),
    findings,
  };
}

/** What a page's checked states leave in the report memory: an entry for each report found. */
export const rememberedEntries = (states: readonly PageState[]): RememberedReport[] =>
  states.flatMap((s) => (s.detected && s.report ? [toRemembered({ ...s, report: s.report })] : []));
