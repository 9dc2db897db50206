// A report's PageState from its check: what the checker, the survey view and the
// attachment page hand on (to the popup, the memory, their own views) for each report
// they checked. Apart from page-state.ts, which the popup loads: this one names the
// rules (ruleNamesFor), so only pages that run the rules import it.

import { BOUNDS, clip } from '../lib/bounds';
import type { PageCheck } from '../lib/check';
import { ruleNamesFor } from '../lib/rules/index';
import { countBySeverity } from '../lib/severity';
import type { PageState } from './page-state';

/** A report's state from its check (attachments, year before, section and timing filled in by the caller). */
export function stateOf(result: PageCheck, url: string, title: string, trigger: PageState['trigger'], checkedAt = new Date().toISOString()): PageState {
  return {
    url,
    title: clip(title, BOUNDS.title),
    detected: result.reading.detected,
    kind: result.reading.kind,
    report: result.reading.report,
    findings: result.findings,
    passed: result.passed,
    incomplete: result.incomplete,
    counts: countBySeverity(result.findings),
    ruleNames: ruleNamesFor(result),
    attachments: [],
    trigger,
    checkedAt,
    elapsedMs: 0,
  };
}
