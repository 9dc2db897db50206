// Shared by the cross-year rules: comparing a cell of this report with cells of the
// previous one. An absent or unreadable operand makes the check incomplete, never failed.

import type { Report } from '../../schema';
import { brokenTable } from './identity';
import { preparedOf, truncatedTables } from './prepared';
import type { Outcome, PreviousReport, Rule } from './types';

export interface CrossSpec {
  scope: string;
  /** this report's cell: the one to highlight */
  here: string;
  /** the previous report's cells and how they give the expected value */
  there: readonly string[];
  expectedFrom: (thereValues: number[], report: Report) => number | null;
  /** this report's other operands (e.g. 本年制发/本年废止 for the stock) */
  alsoHere?: readonly string[];
  equation: (actual: number, expected: number, thereValues: number[]) => string;
  data: Outcome['data'];
}

export function crossCheck(
  report: Report,
  truncated: { here: readonly string[]; there: readonly string[] },
  previous: PreviousReport,
  spec: CrossSpec,
): Outcome {
  const related = { source: previous.source, year: previous.report.year, cells: [...spec.there] };
  const cells = [spec.here, ...(spec.alsoHere ?? [])];
  const data = { ...spec.data, source: previous.source, prevYear: previous.report.year ?? '?', year: report.year ?? '?', renamed: previous.renamed };
  const mine = cells.map((k) => report.cells[k]);
  const theirs = spec.there.map((k) => previous.report.cells[k]);
  if (mine.some((c) => !c) || theirs.some((c) => !c)) return { scope: spec.scope, status: 'incomplete', cells, data, related, reason: 'missing' };
  const broken = brokenTable(truncated.here, cells) ?? brokenTable(truncated.there, spec.there);
  if (broken) return { scope: spec.scope, status: 'incomplete', cells, data, related, reason: `tableTruncated:${broken}` };
  if ([...mine, ...theirs].some((c) => c!.value === null)) return { scope: spec.scope, status: 'incomplete', cells, data, related, reason: 'unreadable' };
  const expected = spec.expectedFrom(
    theirs.map((c) => c!.value!),
    report,
  );
  const actual = mine[0]!.value!;
  if (expected === null || Math.abs(expected - actual) < 1e-6) return { scope: spec.scope, status: 'passed', cells, data, related };
  return {
    scope: spec.scope,
    status: 'failed',
    cells,
    expected,
    actual,
    equation: spec.equation(
      actual,
      expected,
      theirs.map((c) => c!.value!),
    ),
    data: { ...data, expected, actual },
    related,
  };
}

/** A reminder to confirm the body when the pair was matched across a rename. */
export const renameNote = (o: Outcome, zh: boolean) =>
  o.data.renamed ? (zh ? '（机关名称有变化，请确认是否为同一机关）' : ' (the agency name changed; confirm it is the same body)') : '';

export interface CrossYearRuleDef extends Omit<Rule, 'check'> {
  /**
   * What this rule compares for a pair of reports: cell comparisons (run by crossCheck),
   * or outcomes of its own (e.g. "not compared across a format change"); none when the
   * pair is not one it is about.
   */
  compare(report: Report, previous: PreviousReport): readonly (CrossSpec | Outcome)[];
}

/**
 * A rule comparing a report with the same agency's report of the year before: it has
 * nothing to say without one, and across a rename (restructuring, late corrections) its
 * errors become warnings.
 */
export function crossYearRule(def: CrossYearRuleDef): Rule {
  const { compare, ...rule } = def;
  return {
    ...rule,
    check(report, context) {
      const previous = context?.previous;
      if (!previous) return [];
      const truncated = { here: preparedOf(report, context).truncated, there: truncatedTables(previous.report) };
      return compare(report, previous).map((c) => {
        const o = 'status' in c ? c : crossCheck(report, truncated, previous, c);
        return previous.renamed && o.status === 'failed' && (o.severity ?? def.severity) === 'error' ? { ...o, severity: 'warning' as const } : o;
      });
    },
  };
}
