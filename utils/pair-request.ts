// A page's side of pairing with the year before: what it asks the background (which alone
// reads the memory) and how it reads the answers. The checker, the survey view and the
// attachment page ask the same way, each in its own message.

import { BOUNDS, clip } from '../lib/bounds';
import { borrowsIdentity } from '../lib/pairing';
import type { PreviousReport } from '../lib/rules/support/types';
import type { Report } from '../lib/schema';
import type { PairAnswer, PairRequest } from './memory';

/** What the background is asked for one report of the page: its key, its agency (bounded), its year, whether it borrows its identity. */
export const pairRequest = (source: string, report: Report): PairRequest => ({
  source,
  agency: report.agency === null ? null : clip(report.agency, BOUNDS.agency),
  year: report.year,
  borrowed: borrowsIdentity(report),
});

/** The year before of each report, by its key: the answer brings the report, or names one of the page's own (`own`, by key). */
export function previousByKey(answers: readonly PairAnswer[], own: ReadonlyMap<string, Report>): Map<string, PreviousReport> {
  const previous = new Map<string, PreviousReport>();
  for (const a of answers) {
    const report = a.previous && (a.previous.report ?? own.get(a.previous.source));
    if (a.previous && report) previous.set(a.source, { report, source: a.previous.source, renamed: a.previous.renamed });
  }
  return previous;
}
