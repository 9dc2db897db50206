// Running the rules over a report: outcomes become findings (with sentences in both
// languages), passed checks and incomplete ("needs review") checks. A rule that
// throws becomes one internal-error finding; the other rules still run.

import type { Probe } from './detect';
import { readPage, readPageReports, type PageReading } from './read';
import { CROSS_YEAR_RULES, RULES } from './rules';
import { prepareReport } from './rules/support/prepared';
import type { Outcome, PreviousReport, Rule, RuleContext } from './rules/support/types';
import type { CheckRecord, Finding, Report, Severity } from './schema';

export interface CheckResult {
  findings: Finding[];
  passed: CheckRecord[];
  incomplete: CheckRecord[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function toFinding(rule: Rule, o: Outcome): Finding {
  return {
    id: `${rule.id}:${o.scope}`,
    ruleId: rule.id,
    severity: o.severity ?? rule.severity,
    cells: o.cells,
    ...(o.expected !== undefined && { expected: o.expected }),
    ...(o.actual !== undefined && { actual: o.actual }),
    message: rule.message.zh(o),
    messageEn: rule.message.en(o),
    ...(o.equation && { equation: o.equation }),
    ...(o.related && { related: o.related }),
  };
}

/**
 * Run `rules` over a report. The report is prepared once (support/prepared.ts: its cells
 * listed, their tables, the tables cut short) and handed to every rule with the context.
 */
export function runRules(report: Report, rules: readonly Rule[] = RULES, context: RuleContext = {}): CheckResult {
  if (context.prepared?.report !== report) context = { ...context, prepared: prepareReport(report) };
  const findings: Finding[] = [];
  const passed: CheckRecord[] = [];
  const incomplete: CheckRecord[] = [];
  for (const rule of rules) {
    // one rule's failure (a throw, a malformed result) becomes one finding, and what it said
    // before failing is taken back; the others still run
    const lengths = [findings.length, passed.length, incomplete.length] as const;
    try {
      const outcomes = rule.check(report, context);
      if (!Array.isArray(outcomes)) throw new TypeError(`${rule.id} returned ${typeof outcomes}, not a list of outcomes`);
      for (let i = 0; i < outcomes.length; i++) {
        const o = outcomes[i]!;
        if (o.status === 'passed') passed.push({ ruleId: rule.id, scope: o.scope, cells: o.cells });
        else if (o.status === 'incomplete') incomplete.push({ ruleId: rule.id, scope: o.scope, cells: o.cells, ...(o.reason && { reason: o.reason }) });
        else findings.push(toFinding(rule, o));
      }
    } catch (e) {
      [findings.length, passed.length, incomplete.length] = lengths;
      findings.push(internalError(rule.id, e));
    }
  }
  groupByLikelyCause(findings);
  return { findings: orderFindings(findings), passed, incomplete };
}

export function internalError(where: string, e: unknown): Finding {
  let detail: string;
  try {
    detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } catch {
    detail = 'unprintable error';
  }
  return {
    id: `internal.error:${where}`,
    ruleId: 'internal.error',
    severity: 'warning',
    cells: [],
    message: `内部错误：${where} 运行失败（${detail}），其他校验不受影响`,
    messageEn: `Internal error: ${where} failed (${detail}); the other checks are unaffected`,
  };
}

const COLUMN_RULES = new Set(['applications.outcomeTotal', 'applications.columnBalance']);
const delta = (f: Finding) => Math.abs((f.expected ?? 0) - (f.actual ?? 0));

/**
 * One wrong cell breaks its row's sum and a column identity by the same amount
 * (report-format.md §2.1 rule 5). Where a failed row sum and failed column checks
 * meet in exactly one cell with equal deltas, that cell is the likely culprit: it
 * goes first in each finding's cells, and the column findings are grouped under
 * the row finding.
 */
function groupByLikelyCause(findings: Finding[]): void {
  const rows = findings.filter((f) => f.ruleId === 'applications.rowSum');
  const cols = findings.filter((f) => COLUMN_RULES.has(f.ruleId));
  const matchesOf = (row: Finding) => {
    const rowKey = row.id.slice('applications.rowSum:'.length);
    return cols
      .map((col) => ({ col, cause: `applications.${rowKey}.${col.id.slice(col.ruleId.length + 1)}` }))
      .filter(({ col, cause }) => delta(col) === delta(row) && col.cells.includes(cause));
  };
  const matches = new Map(rows.map((r) => [r, matchesOf(r)] as const));
  for (const [row, ms] of matches) {
    const causes = new Set(ms.map((m) => m.cause));
    if (causes.size !== 1) continue;
    // a column finding explained by two different rows is ambiguous
    if (ms.some((m) => [...matches.values()].filter((other) => other.some((o) => o.col === m.col)).length > 1)) continue;
    const cause = [...causes][0]!;
    row.cells = [cause, ...row.cells.filter((c) => c !== cause)];
    row.likelyCause = cause;
    for (const { col } of ms) {
      col.cells = [cause, ...col.cells.filter((c) => c !== cause)];
      col.likelyCause = cause;
      col.groupedUnder = row.id;
    }
  }
}

/** Most severe first; a grouped finding right after the one it is grouped under. */
function orderFindings(findings: Finding[]): Finding[] {
  const primaries = findings
    .filter((f) => !f.groupedUnder)
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
  const out: Finding[] = [];
  for (const p of primaries) out.push(p, ...findings.filter((f) => f.groupedUnder === p.id));
  return out;
}

/** Add the cross-year checks against the same agency's previous report to a result. */
export function withPrevious(result: CheckResult, report: Report, previous: PreviousReport): CheckResult {
  const cross = runRules(report, CROSS_YEAR_RULES, { previous });
  return {
    findings: orderFindings([...result.findings, ...cross.findings]),
    passed: [...result.passed, ...cross.passed],
    incomplete: [...result.incomplete, ...cross.incomplete],
  };
}

export interface PageCheck extends CheckResult {
  reading: PageReading;
}

const unreadable = (e: unknown): PageCheck => ({
  reading: { detected: false, kind: 'unreadable', report: null, nodes: new Map(), tables: [] },
  findings: [internalError('reader', e)],
  passed: [],
  incomplete: [],
});

/** Check one reading (a report of the page, or the verdict that it is none). */
function checkReading(reading: PageReading): PageCheck {
  if (!reading.report) return { reading, findings: [], passed: [], incomplete: [] };
  // the reader's own list of the cells spares sorting the report's dictionary of cells
  return { reading, ...runRules(reading.report, RULES, { prepared: prepareReport(reading.report, reading.entries) }) };
}

/**
 * Read and check every report of a document, in document order: one result for an
 * ordinary page (or a page that is not a report), one per report on a page holding
 * several (each with `reading.section`). Never throws and never empty: a failure
 * becomes an internal-error finding. Cross-year checks are the caller's (withPrevious).
 */
export function checkDocumentReports(doc: Document, probed?: Probe): PageCheck[] {
  let readings: PageReading[];
  try {
    readings = readPageReports(doc, probed);
  } catch (e) {
    return [unreadable(e)];
  }
  return readings.map(checkReading);
}

/** Read and check a document's first (usually only) report. Never throws. */
export function checkDocument(doc: Document): PageCheck {
  let reading: PageReading;
  try {
    reading = readPage(doc);
  } catch (e) {
    return unreadable(e);
  }
  return checkReading(reading);
}
