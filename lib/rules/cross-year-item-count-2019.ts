import { activeKey } from '../keys';
import { crossYearRule, renameNote } from './support/cross-year';

const ROWS = [
  ['licensing', '行政许可'],
  ['otherServices', '其他对外管理服务事项'],
  ['punishment', '行政处罚'],
  ['coercion', '行政强制'],
  ['fees', '行政事业性收费'],
] as const;

/** 2019 format, 2019→2020: 上一年项目数量 = last year's 上一年项目数量 + 本年增/减 (§2.4). A warning. */
export const crossYearItemCount = crossYearRule({
  id: 'crossYear.itemCount2019',
  severity: 'warning',
  tags: ['cross-year', 'active'],
  description: {
    zh: '2019 年格式：本年度“上一年项目数量”应等于上一年度报告的上一年项目数量加本年增/减',
    en: '2019 format: this year’s previous item count should equal last year’s previous count plus its change',
  },
  compare: (report, previous) =>
    report.format !== '2019' || previous.report.format !== '2019'
      ? []
      : ROWS.map(([row, label]) => ({
          scope: row,
          here: activeKey(row, 'previous'),
          there: [activeKey(row, 'previous'), activeKey(row, 'change')],
          expectedFrom: ([prev, change]: number[]) => prev! + change!,
          equation: (actual: number, expected: number, [prev, change]: number[]) => `${prev} + (${change}) = ${expected} ≠ ${actual}`,
          data: { row: label },
        })),
  message: {
    zh: (o) =>
      `${o.data.row}：上一年项目数量为 ${o.data.actual}，按上一年度报告（${o.data.source}）应为 ${o.data.expected}（${o.equation}）${renameNote(o, true)}`,
    en: (o) =>
      `${o.data.row}: previous item count ${o.data.actual}, while last year’s report (${o.data.source}) gives ${o.data.expected} (${o.equation})${renameNote(o, false)}`,
  },
});
