// The mechanics the narrative rules share (report-format.md §2.6): each statement the
// text makes (lib/narrative/extract.ts) is compared with the tables under every reading
// its rule allows — 受理 749 件 may be 新收 or 新收 + 上年结转 — and flagged only when no
// reading gives its number. A reading lists table quantities to add; each quantity may
// be read from its printed 总计 or from the sum of its parts (a blank 总计, as in
// Shanghai 2019, is not taken for 0 when the parts say otherwise). Which statements a
// rule compares, and with which quantities, is the rule's own (lib/rules/narrative-*.ts).

import { APPLICANT_COLUMNS, ORG_COLUMNS, OUTCOME_GROUPS, REVIEW_FIELDS, applicationKey, reviewKey, type ApplicationRow, type ReviewGroup } from '../../keys';
import type { StatementKind } from '../../narrative/kinds';
import type { Report, Statement } from '../../schema';
import { brokenTable, sum } from './identity';
import type { PreparedReport } from './prepared';
import type { Outcome } from './types';

/** A table quantity: a row's 总计, one applicant column (or the five 法人或其他组织 columns) of a row, a table-四 group's 总计. */
export type Term = { row: ApplicationRow } | { row: ApplicationRow; column: 'naturalPerson' | 'orgs' } | { review: ReviewGroup };

export interface Reading {
  zh: string;
  en: string;
  terms: readonly Term[];
}

/** How a rule compares one kind of statement: the table it names and the readings its wording allows. */
export interface Comparison {
  table: '三' | '四';
  readings(statement: Statement, report: Report): Reading[];
}

/** A row's 总计. */
export const rowTerm = (r: ApplicationRow): Term => ({ row: r });
/** The 总计 of each row of an outcome group (（三）不予公开 …). */
export const groupTerms = (g: keyof typeof OUTCOME_GROUPS): Term[] => (OUTCOME_GROUPS[g].rows as readonly ApplicationRow[]).map(rowTerm);

// ---- Evaluating a reading -------------------------------------------------------------

type Evaluated = { ok: true; values: number[]; total: number; shown: string; keys: string[] } | { ok: false; reason: string; keys: string[] };

const distinct = (xs: readonly number[]) => [...new Set(xs)];

/** A term's values (as printed, then from its parts) and the cell to point at. */
function evalTerm(report: Report, term: Term): { values: number[]; key: string } | { missing: string } | { unreadable: string } {
  const value = (k: string) => report.cells[k]?.value ?? null;
  if ('review' in term) {
    const key = reviewKey(term.review, 'total');
    const parts = REVIEW_FIELDS.filter((f) => f !== 'total').map((f) => reviewKey(term.review, f));
    return fromTotalAndParts(report, key, parts);
  }
  if ('column' in term) {
    if (term.column === 'naturalPerson') {
      const key = applicationKey(term.row, 'naturalPerson');
      if (!report.cells[key]) return { missing: key };
      const v = value(key);
      return v === null ? { unreadable: key } : { values: [v], key };
    }
    const orgKeys = ORG_COLUMNS.map((c) => applicationKey(term.row, c));
    const subtotal = applicationKey(term.row, 'orgSubtotal');
    const total = value(applicationKey(term.row, 'total'));
    const natural = value(applicationKey(term.row, 'naturalPerson'));
    const orgs = orgKeys.every((k) => value(k) !== null) ? sum(orgKeys.map((k) => value(k)!)) : null;
    const values = distinct([orgs, value(subtotal), total !== null && natural !== null ? total - natural : null].filter((v): v is number => v !== null));
    const key = report.cells[subtotal] ? subtotal : orgKeys[0]!;
    if (values.length === 0) return orgKeys.some((k) => report.cells[k]) ? { unreadable: key } : { missing: key };
    return { values, key };
  }
  const key = applicationKey(term.row, 'total');
  return fromTotalAndParts(
    report,
    key,
    APPLICANT_COLUMNS.map((c) => applicationKey(term.row, c)),
  );
}

function fromTotalAndParts(
  report: Report,
  key: string,
  parts: readonly string[],
): { values: number[]; key: string } | { missing: string } | { unreadable: string } {
  const total = report.cells[key];
  const partValues = parts.map((k) => report.cells[k]?.value ?? null);
  const partSum = partValues.every((v) => v !== null) ? sum(partValues as number[]) : null;
  if (!total && parts.every((k) => !report.cells[k])) return { missing: key };
  const printed = total?.value ?? null;
  const blank = !!total?.readAs.includes('blank');
  // a blank 总计 beside filled-in parts was left unfilled, not written as 0
  const primary = printed !== null && !(blank && partSum !== null) ? printed : partSum;
  if (primary === null) return { unreadable: key };
  return { values: distinct([primary, ...(partSum !== null ? [partSum] : [])]), key };
}

function evalReading(p: PreparedReport, reading: Reading): Evaluated {
  const terms = reading.terms.map((t) => evalTerm(p.report, t));
  const keys = terms.map((t) => ('key' in t ? t.key : 'missing' in t ? t.missing : t.unreadable));
  const broken = brokenTable(p.truncated, keys);
  if (broken) return { ok: false, reason: `tableTruncated:${broken}`, keys };
  const missing = terms.filter((t) => 'missing' in t);
  if (missing.length) return { ok: false, reason: `missing:${missing.map((t) => t.missing).join(',')}`, keys };
  const unreadable = terms.filter((t) => 'unreadable' in t);
  if (unreadable.length) return { ok: false, reason: `unreadable:${unreadable.map((t) => t.unreadable).join(',')}`, keys };
  const found = terms as { values: number[]; key: string }[];
  const primaries = found.map((t) => t.values[0]!);
  const alternatives = found.map((t) => t.values.at(-1)!);
  const values = distinct([sum(primaries), sum(alternatives), ...(found.length === 1 ? found[0]!.values : [])]);
  const total = sum(primaries);
  const shown = found.length > 1 && found.length <= 3 ? `${primaries.join(' + ')} = ${total}` : String(total);
  return { ok: true, values, total, shown, keys };
}

// ---- Comparing a rule's statements ----------------------------------------------------

/** The scope of a statement's outcome, and so of its finding's id: `<ruleId>:<kind>@<start>`. */
const statementScope = (st: Statement) => `${st.kind}@${st.start}`;

/** The statement a narrative finding is about (to mark its sentence on the page), if any. */
export function statementOf(report: Report, finding: { id: string; ruleId: string }): Statement | undefined {
  if (!finding.ruleId.startsWith('narrative.')) return undefined;
  const scope = finding.id.slice(finding.ruleId.length + 1);
  return report.narrative?.statements.find((st) => statementScope(st) === scope);
}

/**
 * One outcome per statement of the kinds a rule compares: passed if any reading gives its
 * number, incomplete if a reading cannot be evaluated (or the text may be a neighbour's),
 * failed otherwise, with data { phrase, text, said, table, several, readingsZh, readingsEn }.
 */
export function compareStatements(p: PreparedReport, comparisons: Partial<Record<StatementKind, Comparison>>): Outcome[] {
  const report = p.report;
  const statements = (report.narrative?.statements ?? []).filter((s) => s.kind in comparisons);
  return statements.map((st) => {
    const spec = comparisons[st.kind]!;
    const readings = spec.readings(st, report);
    const evaluated = readings.map((r) => evalReading(p, r));
    const scope = statementScope(st);
    // the cells of every reading, each once, in order (no Set and spread per statement)
    const keys: string[] = [];
    for (let i = 0; i < evaluated.length; i++) for (const k of evaluated[i]!.keys) if (!keys.includes(k)) keys.push(k);
    const data: Outcome['data'] = { phrase: st.phrase, text: st.text, said: st.value, table: spec.table };
    if (p.consolidated) return { scope, status: 'incomplete', cells: keys, data, reason: 'multipleReports' };
    if (evaluated.some((e) => e.ok && e.values.includes(st.value))) return { scope, status: 'passed', cells: keys, data };
    const notOk = evaluated.find((e): e is Extract<Evaluated, { ok: false }> => !e.ok);
    if (notOk) return { scope, status: 'incomplete', cells: keys, data, reason: notOk.reason };
    const ok = evaluated as Extract<Evaluated, { ok: true }>[];
    const first = ok[0]!;
    return {
      scope,
      status: 'failed',
      cells: keys,
      expected: st.value,
      actual: first.total,
      equation: `${st.value} ≠ ${ok.map((e) => e.shown).join(' / ')}`,
      data: {
        ...data,
        several: ok.length > 1,
        readingsZh: ok.map((e, i) => `${readings[i]!.zh}为 ${e.shown}`).join('，'),
        readingsEn: ok.map((e, i) => `${readings[i]!.en} is ${e.shown}`).join('; '),
      },
    };
  });
}
