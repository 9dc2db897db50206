// Shared by the rule tests: a realistic, fully consistent report of either format (so a
// rule that fires on it is wrong), and small helpers to run one rule and read its outcomes.

import { expect } from 'vitest';
import { runRules } from '../../lib/check';
import { APPLICANT_COLUMNS, APPLICATION_ROWS, applicationKey, type ApplicationRow, type Format } from '../../lib/keys';
import type { Outcome, Rule } from '../../lib/rules/support/types';
import type { Finding, Report } from '../../lib/schema';
import { makeReport, type ReportSpec } from '../support/report';

export const FORMATS = ['2021', '2019'] as const satisfies readonly Format[];

/** One row of table 三 in column order: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他. */
type Six = readonly [number, number, number, number, number, number];

/**
 * Table 三 of a large body, modelled on Suqian 2023 (report-format.md §2.4, §2.6): 新收 3511,
 * 上年结转 96, 结转下年度 118/3/…/121; outcome groups 1191 / 328 / 142 / 1078 / 406 / 341 = 3486.
 */
const FLOWS = {
  newReceived: [3402, 99, 4, 5, 1, 0],
  carriedOver: [91, 3, 0, 0, 0, 2],
  carriedForward: [118, 3, 0, 0, 0, 0],
} as const satisfies Record<string, Six>;

/** Outcome rows of the 2021 format (rows not listed are all zero). */
const OUTCOMES_2021: Partial<Record<ApplicationRow, Six>> = {
  granted: [1150, 35, 2, 3, 1, 0],
  partiallyGranted: [310, 15, 1, 1, 0, 1],
  'denied.stateSecret': [10, 0, 0, 0, 0, 0],
  'denied.lawForbidden': [5, 0, 0, 0, 0, 0],
  'denied.safetyStability': [3, 0, 0, 0, 0, 0],
  'denied.thirdParty': [60, 3, 0, 0, 0, 0],
  'denied.internalAffairs': [20, 0, 0, 0, 0, 0],
  'denied.processInfo': [30, 1, 0, 0, 0, 0],
  'denied.enforcementFile': [6, 0, 0, 0, 0, 0],
  'denied.queryItem': [4, 0, 0, 0, 0, 0],
  'unavailable.notHeld': [1000, 15, 0, 0, 0, 0],
  'unavailable.needsCreation': [40, 3, 0, 0, 0, 0],
  'unavailable.unclear': [20, 0, 0, 0, 0, 0],
  'notProcessed.petition': [300, 4, 0, 0, 0, 0],
  'notProcessed.duplicate': [60, 2, 0, 0, 0, 0],
  'notProcessed.publication': [10, 0, 0, 0, 0, 0],
  'notProcessed.massive': [20, 0, 0, 0, 0, 0],
  'notProcessed.confirmation': [10, 0, 0, 0, 0, 0],
  'other.noCorrection': [250, 15, 0, 1, 0, 0],
  'other.noFee': [5, 0, 0, 0, 0, 0],
  'other.misc': [62, 6, 1, 0, 0, 1],
};

const addSix = (...rows: (Six | undefined)[]): Six => APPLICANT_COLUMNS.map((_, i) => rows.reduce((s, r) => s + (r?.[i] ?? 0), 0)) as unknown as Six;

function applicationRows(format: Format): Partial<Record<ApplicationRow, Six>> {
  const { 'other.noCorrection': a, 'other.noFee': b, 'other.misc': c, ...shared } = OUTCOMES_2021;
  const results = format === '2021' ? OUTCOMES_2021 : { ...shared, other: addSix(a, b, c) };
  return { ...FLOWS, ...results, totalProcessed: addSix(...Object.values(results)) };
}

/** Table 四, Suqian 2023: 309+17+88+26 = 440, 1+1+16+6 = 24, 13+0+67+9 = 89. */
const REVIEW = {
  review: [309, 17, 88, 26, 440],
  litigationDirect: [1, 1, 16, 6, 24],
  litigationAfterReview: [13, 0, 67, 9, 89],
} as const;

/** Table 二 as printed, including the realistic oddities that are not errors. */
const ACTIVE: Record<Format, Record<string, number | string>> = {
  '2021': {
    'active.regulations.issued': 2,
    'active.regulations.repealed': 1,
    'active.regulations.inForce': 12,
    'active.normativeDocs.issued': 50,
    'active.normativeDocs.repealed': 227,
    'active.normativeDocs.inForce': 420,
    'active.licensing.decisions': 1808595,
    'active.punishment.decisions': 23456,
    'active.coercion.decisions': 789,
    'active.fees.amount': '59237.2449', // 万元, 4 decimals
  },
  '2019': {
    'active.regulations.made': 3,
    'active.regulations.published': 3,
    'active.regulations.totalPublished': 15,
    'active.normativeDocs.made': 40,
    'active.normativeDocs.published': 40,
    'active.normativeDocs.totalPublished': 380,
    'active.licensing.previous': 512,
    'active.licensing.change': '-18', // signed by design
    'active.licensing.decisions': 90213,
    'active.otherServices.previous': 120,
    'active.otherServices.change': '+36',
    'active.otherServices.decisions': 4500,
    'active.punishment.previous': 1650,
    'active.punishment.change': 0,
    'active.punishment.decisions': 3120,
    'active.coercion.previous': 45,
    'active.coercion.change': '-2',
    'active.coercion.decisions': 88,
    'active.fees.previous': 12,
    'active.fees.change': '-3',
    'active.procurement.projects': 37,
    'active.procurement.amount': '251000元', // free unit in 2019 (Shanghai 2019)
  },
};

/** Every cell of the realistic consistent report, as the page would print it. */
export function realisticCells(format: Format): Record<string, number | string> {
  const cells: Record<string, number | string> = { ...ACTIVE[format] };
  for (const [row, six] of Object.entries(applicationRows(format)) as [ApplicationRow, Six][]) {
    APPLICANT_COLUMNS.forEach((col, i) => (cells[applicationKey(row, col)] = six[i]!));
    cells[applicationKey(row, 'total')] = six.reduce((a, b) => a + b, 0);
  }
  for (const [group, values] of Object.entries(REVIEW))
    ['upheld', 'corrected', 'other', 'pending', 'total'].forEach((f, i) => (cells[`review.${group}.${f}`] = values[i]!));
  return cells;
}

/** The realistic report of `format`, with some cells overridden by raw text. */
export function realistic(format: Format, cells: Record<string, number | string> = {}, spec: Omit<ReportSpec, 'format' | 'cells'> = {}): Report {
  const all = Object.entries({ ...realisticCells(format), ...cells }).filter(([k]) => !spec.omit?.includes(k));
  return makeReport({ ...spec, format, cells: Object.fromEntries(all) });
}

/** The realistic value of a cell (a number), for computing expectations. */
export function base(format: Format, key: string): number {
  const v = realisticCells(format)[key];
  if (typeof v !== 'number') throw new Error(`no numeric baseline for ${key}`);
  return v;
}

/** The realistic cells plus `delta` on one cell. */
export const bump = (format: Format, key: string, delta: number) => ({ [key]: base(format, key) + delta });

/** A table-三 key, subtotal rows and the 小计 column included: K('granted', 'total'). */
export const K = (row: string, col: string) => `applications.${row}.${col}`;

/** Keys of every table-三 cell of a format (to leave table 三 out). */
export const applicationKeys = (format: Format) =>
  APPLICATION_ROWS[format].flatMap((row) => [...APPLICANT_COLUMNS, 'total' as const].map((col) => applicationKey(row, col)));

export const outcomes = (rule: Rule, report: Report, status?: Outcome['status']) =>
  rule.check(report).filter((o) => status === undefined || o.status === status);
export const failed = (rule: Rule, report: Report) => outcomes(rule, report, 'failed');

/** The one failed outcome of the rule on this report. */
export function onlyFailure(rule: Rule, report: Report): Outcome {
  const f = failed(rule, report);
  expect(f.map((o) => o.scope)).toHaveLength(1);
  return f[0]!;
}

/** Both sentences of an outcome contain every fragment (numbers are compared as written). */
export function expectMessages(rule: Rule, o: Outcome, ...fragments: (string | number)[]) {
  const zh = rule.message.zh(o);
  const en = rule.message.en(o);
  for (const s of [zh, en]) {
    expect(s.trim()).not.toBe('');
    expect(s).not.toMatch(/undefined|NaN|\[object/);
  }
  for (const f of fragments) {
    expect(zh).toContain(String(f));
    expect(en).toContain(String(f));
  }
  return { zh, en };
}

/** The findings runRules gives for one rule (all rules run, so grouping applies). */
export const findingsOf = (report: Report, ruleId: string): Finding[] => runRules(report).findings.filter((f) => f.ruleId === ruleId);
