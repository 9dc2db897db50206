// Shared by the narrative rules (report-format.md §2.6): each statement the text makes
// (lib/narrative/extract.ts) is compared with the tables under every reading the
// wording allows — 受理 749 件 may be 新收 or 新收 + 上年结转 — and flagged only when no
// reading gives its number. A reading lists table quantities to add; each quantity
// may be read from its printed 总计 or from the sum of its parts (a blank 总计, as in
// Shanghai 2019, is not taken for 0 when the parts say otherwise).

import {
  APPLICANT_COLUMNS,
  ORG_COLUMNS,
  OUTCOME_GROUPS,
  REVIEW_FIELDS,
  applicationKey,
  reviewKey,
  type ApplicationRow,
  type ReviewGroup,
} from '../../keys';
import type { StatementKind } from '../../narrative/kinds';
import type { Report, Statement } from '../../schema';
import { brokenTable, sum } from './identity';
import type { Outcome, Rule } from './types';

/** A table quantity: a row's 总计, one applicant column (or the five 法人或其他组织 columns) of a row, a table-四 group's 总计. */
export type Term = { row: ApplicationRow } | { row: ApplicationRow; column: 'naturalPerson' | 'orgs' } | { review: ReviewGroup };

export interface Reading {
  zh: string;
  en: string;
  terms: readonly Term[];
}

export interface KindSpec {
  table: '三' | '四';
  readings(statement: Statement, report: Report): Reading[];
}

const row = (r: ApplicationRow): Term => ({ row: r });
const group = (g: keyof typeof OUTCOME_GROUPS) => (OUTCOME_GROUPS[g].rows as readonly ApplicationRow[]).map(row);
const otherRows = (report: Report): Term[] => (report.format === '2019' ? [row('other')] : group('other'));

/** 予以公开 N 件（含部分公开…）: the author counted 部分公开 in. */
const COUNTS_PARTIAL_IN = /(?:含|包括|其中)[^，,。；;]{0,6}部分公开|[（(][^）)]*部分公开/;

/** Every kind the extractor knows, with the readings its wording allows. */
export const KIND_SPECS: Record<StatementKind, KindSpec> = {
  received: {
    table: '三',
    readings: (st) => [
      { zh: '一、本年新收', en: 'new applications (一)', terms: [row('newReceived')] },
      // 收到…申请10件（含上年结转2件）
      ...(/结转/.test(st.text) ? [{ zh: '新收加上年结转', en: 'new + carried over (一 + 二)', terms: [row('newReceived'), row('carriedOver')] }] : []),
    ],
  },
  handled: {
    table: '三',
    readings: () => [
      { zh: '一、本年新收', en: 'new applications (一)', terms: [row('newReceived')] },
      { zh: '新收加上年结转', en: 'new + carried over (一 + 二)', terms: [row('newReceived'), row('carriedOver')] },
      { zh: '（七）总计', en: 'total processed (七)', terms: [row('totalProcessed')] },
    ],
  },
  processed: {
    table: '三',
    readings: (st) => [
      { zh: '（七）总计', en: 'total processed (七)', terms: [row('totalProcessed')] },
      ...(/结转|顺延/.test(st.text)
        ? [{ zh: '（七）总计加结转下年度', en: 'processed + carried forward (七 + 四)', terms: [row('totalProcessed'), row('carriedForward')] }]
        : []),
    ],
  },
  granted: {
    table: '三',
    readings: (st) => [
      { zh: '（一）予以公开', en: 'granted (一)', terms: [row('granted')] },
      ...(COUNTS_PARTIAL_IN.test(st.text)
        ? [{ zh: '（一）予以公开加（二）部分公开', en: 'granted + partially granted', terms: [row('granted'), row('partiallyGranted')] }]
        : []),
    ],
  },
  partiallyGranted: { table: '三', readings: () => [{ zh: '（二）部分公开', en: 'partially granted (二)', terms: [row('partiallyGranted')] }] },
  grantedOrPartial: {
    table: '三',
    readings: () => [{ zh: '（一）予以公开加（二）部分公开', en: 'granted + partially granted (一 + 二)', terms: [row('granted'), row('partiallyGranted')] }],
  },
  denied: { table: '三', readings: () => [{ zh: '（三）不予公开各项之和', en: 'the sum of （三）不予公开', terms: group('denied') }] },
  unavailable: { table: '三', readings: () => [{ zh: '（四）无法提供各项之和', en: 'the sum of （四）无法提供', terms: group('unavailable') }] },
  notProcessed: { table: '三', readings: () => [{ zh: '（五）不予处理各项之和', en: 'the sum of （五）不予处理', terms: group('notProcessed') }] },
  otherProcessed: {
    table: '三',
    readings: (_, report) => [
      report.format === '2019'
        ? { zh: '（六）其他处理', en: '（六）其他处理', terms: otherRows(report) }
        : { zh: '（六）其他处理各项之和', en: 'the sum of （六）其他处理', terms: otherRows(report) },
    ],
  },
  carriedForward: { table: '三', readings: () => [{ zh: '四、结转下年度继续办理', en: 'carried forward (四)', terms: [row('carriedForward')] }] },
  carriedOver: { table: '三', readings: () => [{ zh: '二、上年结转', en: 'carried over (二)', terms: [row('carriedOver')] }] },
  carried: {
    table: '三',
    readings: () => [
      { zh: '四、结转下年度继续办理', en: 'carried forward (四)', terms: [row('carriedForward')] },
      { zh: '二、上年结转', en: 'carried over (二)', terms: [row('carriedOver')] },
    ],
  },
  naturalPerson: {
    table: '三',
    readings: () => [
      { zh: '新收的自然人列', en: 'the 自然人 column of new applications', terms: [{ row: 'newReceived', column: 'naturalPerson' }] },
      {
        zh: '新收加上年结转的自然人列',
        en: 'the 自然人 column of new + carried over',
        terms: [
          { row: 'newReceived', column: 'naturalPerson' },
          { row: 'carriedOver', column: 'naturalPerson' },
        ],
      },
    ],
  },
  legalPerson: {
    table: '三',
    readings: () => [
      { zh: '新收的法人或其他组织各列之和', en: 'the 法人或其他组织 columns of new applications', terms: [{ row: 'newReceived', column: 'orgs' }] },
      {
        zh: '新收加上年结转的法人或其他组织各列之和',
        en: 'the 法人或其他组织 columns of new + carried over',
        terms: [
          { row: 'newReceived', column: 'orgs' },
          { row: 'carriedOver', column: 'orgs' },
        ],
      },
    ],
  },
  review: { table: '四', readings: () => [{ zh: '行政复议总计', en: 'the 行政复议 总计', terms: [{ review: 'review' }] }] },
  litigation: {
    table: '四',
    readings: () => [
      {
        zh: '行政诉讼（未经复议直接起诉与复议后起诉）总计之和',
        en: 'the 行政诉讼 总计 (direct + after review)',
        terms: [{ review: 'litigationDirect' }, { review: 'litigationAfterReview' }],
      },
    ],
  },
  reviewAndLitigation: {
    table: '四',
    readings: () => [
      {
        zh: '行政复议与行政诉讼总计之和',
        en: 'the 行政复议 and 行政诉讼 总计 together',
        terms: [{ review: 'review' }, { review: 'litigationDirect' }, { review: 'litigationAfterReview' }],
      },
    ],
  },
};

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

function fromTotalAndParts(report: Report, key: string, parts: readonly string[]): { values: number[]; key: string } | { missing: string } | { unreadable: string } {
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

function evalReading(report: Report, reading: Reading): Evaluated {
  const terms = reading.terms.map((t) => evalTerm(report, t));
  const keys = terms.map((t) => ('key' in t ? t.key : 'missing' in t ? t.missing : t.unreadable));
  const broken = brokenTable(report, keys);
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

// ---- The rules -------------------------------------------------------------------------

export interface NarrativeRuleDef {
  id: string;
  kinds: readonly StatementKind[];
  tags: readonly string[];
  description: { zh: string; en: string };
}

/** The scope of a statement's outcome, and so of its finding's id: `<ruleId>:<kind>@<start>`. */
const statementScope = (st: Statement) => `${st.kind}@${st.start}`;

/** The statement a narrative finding is about (to mark its sentence on the page), if any. */
export function statementOf(report: Report, finding: { id: string; ruleId: string }): Statement | undefined {
  if (!finding.ruleId.startsWith('narrative.')) return undefined;
  const scope = finding.id.slice(finding.ruleId.length + 1);
  return report.narrative?.statements.find((st) => statementScope(st) === scope);
}

/** One outcome per statement of the given kinds: passed if any reading gives its number. */
export function checkStatements(report: Report, kinds: readonly StatementKind[]): Outcome[] {
  const statements = (report.narrative?.statements ?? []).filter((s) => kinds.includes(s.kind));
  const several = report.structure.some((n) => n.code === 'multipleReports');
  return statements.map((st) => {
    const spec = KIND_SPECS[st.kind];
    const readings = spec.readings(st, report);
    const evaluated = readings.map((r) => evalReading(report, r));
    const scope = statementScope(st);
    // the cells of every reading, each once, in order (no Set and spread per statement)
    const keys: string[] = [];
    for (let i = 0; i < evaluated.length; i++) for (const k of evaluated[i]!.keys) if (!keys.includes(k)) keys.push(k);
    const data: Outcome['data'] = { phrase: st.phrase, text: st.text, said: st.value, table: spec.table };
    if (several) return { scope, status: 'incomplete', cells: keys, data, reason: 'multipleReports' };
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

export function narrativeRule(def: NarrativeRuleDef): Rule {
  return {
    id: def.id,
    severity: 'warning',
    tags: def.tags,
    description: def.description,
    check: (report) => checkStatements(report, def.kinds),
    message: {
      zh: (o) =>
        `正文“${o.data.phrase}”与表${o.data.table}不一致：表中${o.data.readingsZh}，${o.data.several ? '都' : ''}不是 ${o.data.said}。原句：“${o.data.text}”`,
      en: (o) => `The text says “${o.data.phrase}” (${o.data.said}), but in table ${o.data.table} ${o.data.readingsEn}. Sentence: “${o.data.text}”`,
    },
  };
}
