// Test support: fast-check arbitraries for reports whose tables satisfy every identity of
// shared/domain/report-format.md §2.1–2.2, for render options, and for rendered pages.
// Magnitudes follow real reports: most bodies report zeros and single digits (three of
// the five seeds have all-zero tables 三/四), a few aggregated reports reach 1e5–1e6.

import fc from 'fast-check';
import {
  ACTIVE_ROWS,
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  OUTCOME_ROWS,
  REVIEW_FIELDS,
  REVIEW_GROUPS,
  activeKey,
  applicationKey,
  reviewKey,
  type ApplicantColumn,
  type ApplicationRow,
  type Format,
} from '../lib/keys';
import { MARKUPS, ZERO_STYLES, renderReportPage, type Markup, type RenderOptions, type ReportData } from './render';

const AGENCIES = [
  '沂源县司法局',
  '乐清市司法局',
  '利通区司法局',
  '乐山市司法局',
  '原州区司法局',
  '宿迁市人民政府办公室',
  '汉阳区人民政府办公室',
  '高平市人民政府办公室',
  '兴仁市自然资源局',
  '宁国市商务局',
  '邯郸市生态环境局',
  '平潭综合实验区管委会办公室',
] as const;

const YEARS: Record<Format, { min: number; max: number }> = {
  '2019': { min: 2019, max: 2020 }, // the trial format served the 2019 and 2020 reports
  '2021': { min: 2021, max: 2025 },
};

/** A report's size: the largest value a single cell usually takes, and how many leaf cells are 0
 *  (relative weight against 4 for non-zero). */
const arbScale = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ max: 0, zeros: 1 }) }, // nothing received all year: the commonest small-body report
  { weight: 4, arbitrary: fc.constant({ max: 3, zeros: 60 }) },
  { weight: 3, arbitrary: fc.constant({ max: 60, zeros: 14 }) },
  { weight: 1, arbitrary: fc.constant({ max: 2_000, zeros: 14 }) },
  { weight: 1, arbitrary: fc.constant({ max: 50_000, zeros: 14 }) }, // an aggregated report: totals reach ~1e6
);

/** A count: mostly 0, often tiny, sometimes anything up to `max`. */
const arbCount = (max: number, zeros = 14) =>
  max === 0
    ? fc.constant(0)
    : fc.oneof(
        { weight: zeros, arbitrary: fc.constant(0) },
        { weight: 3, arbitrary: fc.integer({ min: 1, max: Math.min(3, max) }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max }) },
      );

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** One applicant column of table 三, balanced: 新收 + 上年结转 = （七）总计 + 结转下年度. */
function arbApplicantColumn(format: Format, max: number, zeros: number): fc.Arbitrary<Map<ApplicationRow, number>> {
  const outcomes = OUTCOME_ROWS[format];
  return fc
    .tuple(fc.tuple(...outcomes.map(() => arbCount(max, zeros))), arbCount(max, zeros), arbCount(max, zeros))
    .map(([leaves, carriedForward, carriedOverWish]) => {
      const totalProcessed = sum(leaves);
      // capped so that 新收 = 总计 + 结转下年度 − 上年结转 stays ≥ 0
      const carriedOver = Math.min(carriedOverWish, totalProcessed + carriedForward);
      const column = new Map<ApplicationRow, number>(outcomes.map((row, i) => [row, leaves[i] ?? 0]));
      column.set('totalProcessed', totalProcessed);
      column.set('carriedForward', carriedForward);
      column.set('carriedOver', carriedOver);
      column.set('newReceived', totalProcessed + carriedForward - carriedOver);
      return column;
    });
}

/** Table 三 values: six balanced applicant columns (often all zero for the rarer applicant types) plus 总计. */
function arbApplications(format: Format): fc.Arbitrary<Record<string, number>> {
  const zero = new Map<ApplicationRow, number>(APPLICATION_ROWS[format].map((row) => [row, 0]));
  const column = (col: ApplicantColumn, max: number, zeros: number) =>
    fc.oneof(
      { weight: col === 'naturalPerson' ? 1 : 3, arbitrary: fc.constant(zero) },
      { weight: col === 'naturalPerson' ? 5 : 2, arbitrary: arbApplicantColumn(format, max, zeros) },
    );
  return arbScale
    .chain(({ max, zeros }) => fc.tuple(...APPLICANT_COLUMNS.map((col) => column(col, max, zeros))))
    .map((columns) => {
      const values: Record<string, number> = {};
      for (const row of APPLICATION_ROWS[format]) {
        const cells = columns.map((c) => c.get(row) ?? 0);
        APPLICANT_COLUMNS.forEach((col, i) => (values[applicationKey(row, col)] = cells[i] ?? 0));
        values[applicationKey(row, 'total')] = sum(cells);
      }
      return values;
    });
}

/** Table 四 values: per group, 总计 = 维持 + 纠正 + 其他 + 尚未审结. */
function arbReview(): fc.Arbitrary<Record<string, number>> {
  const group = fc.tuple(arbCount(300), arbCount(300), arbCount(300), arbCount(300));
  return fc.tuple(...REVIEW_GROUPS.map(() => group)).map((groups) => {
    const values: Record<string, number> = {};
    REVIEW_GROUPS.forEach((g, i) => {
      const parts = groups[i] ?? [0, 0, 0, 0];
      REVIEW_FIELDS.forEach((f, k) => (values[reviewKey(g, f)] = f === 'total' ? sum(parts) : (parts[k] ?? 0)));
    });
    return values;
  });
}

/** A decision count: licensing can reach millions (Suqian 2023: 1808595). */
const arbDecisions = fc.oneof(
  { weight: 3, arbitrary: arbCount(50) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2_000_000 }) },
);

/** An amount with up to `decimals` decimal places, built from an integer so it prints exactly. */
const arbAmount = (maxUnits: number, decimals: number) => fc.integer({ min: 0, max: maxUnits }).map((units) => units / 10 ** decimals);

/** 万元, as published: often 4 decimals (178.2028, 59237.2449), sometimes 2 or none. */
const arbFeesWan = fc.oneof(fc.constant(0), arbAmount(1_000_000_000, 4), arbAmount(10_000_000, 2), fc.integer({ min: 0, max: 100_000 }));

/** 2019 item counts: 本年增/减 is signed, and 上一年项目数量 + 本年增/减 ≥ 0. */
const arbItemCounts = fc
  .tuple(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 3000 })), arbCount(60), fc.boolean(), arbDecisions)
  .map(([previous, step, down, decisions]) => ({
    previous,
    change: down ? 0 - Math.min(step, previous) : step, // 0 - x, not -x: no -0 to trip deep equality
    decisions,
  }));

/** 本年制发 / 本年废止 / 现行有效 (2021) or 本年新制作 / 本年新公开 / 对外公开总数 (2019), stock ≥ flow. */
const arbDocs = fc.tuple(arbCount(30), arbCount(30), arbCount(500));

/** Table 二 values of either format. */
function arbActive(format: Format): fc.Arbitrary<Record<string, number>> {
  const rowKeys = ACTIVE_ROWS[format].map((r) => r.key);
  const fields: Record<string, fc.Arbitrary<Record<string, number>>> = format === '2021'
    ? {
        regulations: arbDocs.map(([issued, repealed, stock]) => ({ issued, repealed, inForce: issued + stock })),
        normativeDocs: arbDocs.map(([issued, repealed, stock]) => ({ issued, repealed, inForce: issued + stock })),
        licensing: arbDecisions.map((decisions) => ({ decisions })),
        punishment: arbDecisions.map((decisions) => ({ decisions })),
        coercion: arbDecisions.map((decisions) => ({ decisions })),
        fees: arbFeesWan.map((amount) => ({ amount })),
      }
    : {
        regulations: arbDocs.map(([made, published, stock]) => ({ made, published, totalPublished: published + stock })),
        normativeDocs: arbDocs.map(([made, published, stock]) => ({ made, published, totalPublished: published + stock })),
        licensing: arbItemCounts,
        otherServices: arbItemCounts,
        punishment: arbItemCounts,
        coercion: arbItemCounts,
        fees: arbItemCounts.map(({ previous, change }) => ({ previous, change })),
        // 采购总金额 has no fixed unit: 元 with or without fen
        procurement: fc
          .tuple(arbCount(200), fc.oneof(fc.integer({ min: 0, max: 5e7 }), arbAmount(1e10, 2)))
          .map(([projects, amount]) => ({ projects, amount })),
      };
  return fc.tuple(...rowKeys.map((key) => must(fields[key], key))).map((rows) => {
    const values: Record<string, number> = {};
    rows.forEach((row, i) => {
      for (const [col, n] of Object.entries(row)) values[activeKey(must(rowKeys[i], 'row'), col)] = n;
    });
    return values;
  });
}

/** A report of the given format (or either) whose tables satisfy every identity of §2.1–2.2. */
export function arbConsistentReport(format?: Format): fc.Arbitrary<ReportData> {
  if (format === undefined) return fc.constantFrom<Format>('2021', '2019').chain((f) => arbConsistentReport(f));
  return fc
    .record({
      year: fc.integer(YEARS[format]),
      agency: fc.constantFrom(...AGENCIES),
      active: arbActive(format),
      applications: arbApplications(format),
      review: arbReview(),
    })
    .map(({ year, agency, active, applications, review }) => ({
      format,
      year,
      agency,
      values: { ...active, ...applications, ...review },
    }));
}

/** Render options over the given markups (all by default). */
export function arbRenderOptions(markups: readonly Markup[] = MARKUPS): fc.Arbitrary<Required<RenderOptions>> {
  return fc.record({
    markup: fc.constantFrom(...markups),
    zeros: fc.oneof({ weight: 3, arbitrary: fc.constant<'digit'>('digit') }, fc.constantFrom(...ZERO_STYLES)),
    fullWidthDigits: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)),
    thousands: fc.boolean(),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
  });
}

export interface ReportPage {
  data: ReportData;
  opts: Required<RenderOptions>;
  html: string;
}

/** A consistent report rendered as a page. */
export function arbReportPage(constraints: { format?: Format; markups?: readonly Markup[] } = {}): fc.Arbitrary<ReportPage> {
  return fc
    .tuple(arbConsistentReport(constraints.format), arbRenderOptions(constraints.markups))
    .map(([data, opts]) => ({ data, opts, html: renderReportPage(data, opts) }));
}

/** A copy of `data` with one cell changed by `delta`: the single-wrong-cell case of §2.1 rule 5. */
export function changeOneCell(data: ReportData, key: string, delta: number): ReportData {
  const value = data.values[key];
  if (value === undefined) throw new Error(`changeOneCell: no cell ${key}`);
  return { ...data, values: { ...data.values, [key]: value + delta } };
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`arbitrary: missing ${what}`);
  return value;
}
