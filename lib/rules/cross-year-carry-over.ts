import { APPLICATION_COLUMNS } from '../keys';
import { crossYearRule, renameNote } from './support/cross-year';
import { appKey, columnName } from './support/scopes';

/**
 * This year's 二、上年结转 equals last year's 四、结转下年度继续办理, column by column
 * (report-format.md §2.4). It holds across the 2020→2021 format change. A warning
 * rather than an error when the agency name changed (restructuring, late corrections).
 */
export const crossYearCarryOver = crossYearRule({
  id: 'crossYear.carryOver',
  severity: 'error',
  tags: ['cross-year', 'applications'],
  description: {
    zh: '本年度“上年结转”应等于上一年度报告的“结转下年度继续办理”（逐列）',
    en: 'This year’s 上年结转 must equal last year’s 结转下年度继续办理, column by column',
  },
  compare: () =>
    APPLICATION_COLUMNS.map((col) => ({
      scope: col,
      here: appKey('carriedOver', col),
      there: [appKey('carriedForward', col)],
      expectedFrom: ([v]: number[]) => v!,
      equation: (actual: number, expected: number) => `${actual} ≠ ${expected}`,
      data: { column: columnName(col) },
    })),
  message: {
    zh: (o) =>
      `“${o.data.column}”列：上年结转为 ${o.data.actual}，但 ${o.data.prevYear} 年度报告（${o.data.source}）的结转下年度继续办理为 ${o.data.expected}${renameNote(o, true)}`,
    en: (o) =>
      `Column ${o.data.column}: carried over is ${o.data.actual}, but the ${o.data.prevYear} report (${o.data.source}) carried ${o.data.expected} forward${renameNote(o, false)}`,
  },
});
