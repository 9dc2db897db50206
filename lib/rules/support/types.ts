// A rule is data plus one pure function (in the spirit of axe-core): an id, a default
// severity, a description in both languages, and `check`, which turns a report into
// outcomes. Sentences are made from an outcome's data by the rule's message templates,
// so wording stays apart from logic.

import type { Report, Severity } from '../../schema';
import type { PreparedReport } from './prepared';

export type OutcomeStatus = 'passed' | 'failed' | 'incomplete';

export interface Outcome {
  /** what this outcome is about within the rule, e.g. a row or column key */
  scope: string;
  status: OutcomeStatus;
  /** canonical keys involved; the first is the cell to highlight */
  cells: string[];
  expected?: number | null;
  actual?: number | null;
  /** the identity with its numbers */
  equation?: string;
  /** facts the message templates use */
  data: Record<string, string | number | boolean>;
  /** overrides the rule's default severity for this outcome */
  severity?: Severity;
  /** for incomplete outcomes: why it could not be decided */
  reason?: string;
  /** cross-year outcomes: the other report and its cells */
  related?: { source: string; year: number | null; cells: string[] };
}

/** The same agency's report for the previous year, when known (report memory, or another CLI input). */
export interface PreviousReport {
  report: Report;
  /** where it came from: its URL or file */
  source: string;
  /** true when the agency names differ (a restructuring-like rename): cross-year errors become warnings */
  renamed: boolean;
}

/** What a rule is handed beside the report. */
export interface RuleContext {
  /** the report's facts several rules ask for, worked out once per check by lib/check.ts (a rule called alone prepares its own: preparedOf) */
  prepared?: PreparedReport;
  /** the cross-year rules' other report */
  previous?: PreviousReport;
}

export interface Rule {
  id: string;
  severity: Severity;
  tags: readonly string[];
  description: { zh: string; en: string };
  check(report: Report, context?: RuleContext): Outcome[];
  message: { zh(o: Outcome): string; en(o: Outcome): string };
}
