import { keyLabel } from '../keys';
import type { Outcome, Rule } from './support/types';

const ITEM_ROWS = ['licensing', 'otherServices', 'punishment', 'coercion', 'fees'] as const;

/**
 * Table 二 plausibility in the 2019 format (report-format.md §2.3): 对外公开总数量 ≥ 本年新公开数量,
 * and 上一年项目数量 + 本年增/减 ≥ 0 (the current item count cannot be negative).
 */
export const activeConsistency: Rule = {
  id: 'active.consistency',
  severity: 'warning',
  tags: ['active'],
  description: {
    zh: '表二（2019 年格式）：对外公开总数量不小于本年新公开数量；上一年项目数量加本年增/减不为负',
    en: 'Table 二 (2019 format): total published ≥ published this year; previous items + change ≥ 0',
  },
  check(report) {
    if (report.format !== '2019') return [];
    const out: Outcome[] = [];
    const test = (scope: string, cells: [string, string], ok: (a: number, b: number) => boolean, equation: (a: number, b: number) => string, kind: string) => {
      const [a, b] = cells.map((k) => report.cells[k]);
      if (!a || !b) return; // the row is absent: reported by format.structure
      if (a.value === null || b.value === null) {
        out.push({ scope, status: 'incomplete', cells, data: {}, reason: `unreadable:${cells.filter((k) => report.cells[k]!.value === null).join(',')}` });
        return;
      }
      out.push(outcome(scope, ok(a.value, b.value), cells, equation(a.value, b.value), kind, keyLabel(cells[0], report.format)));
    };
    for (const row of ['regulations', 'normativeDocs'])
      test(
        `${row}.totalPublished`,
        [`active.${row}.totalPublished`, `active.${row}.published`],
        (t, p) => t >= p,
        (t, p) => `${t} < ${p}`,
        'totalBelowPublished',
      );
    for (const row of ITEM_ROWS)
      test(
        `${row}.items`,
        [`active.${row}.change`, `active.${row}.previous`],
        (d, a) => a + d >= 0,
        (d, a) => `${a} + (${d}) = ${a + d} < 0`,
        'negativeItems',
      );
    return out;
  },
  message: {
    zh: (o) =>
      o.data.kind === 'totalBelowPublished'
        ? `${o.data.cell}：对外公开总数量小于本年新公开数量（${o.equation}）`
        : `${o.data.cell}：上一年项目数量加本年增/减为负（${o.equation}）`,
    en: (o) =>
      o.data.kind === 'totalBelowPublished'
        ? `${o.data.cell}: total published is below published this year (${o.equation})`
        : `${o.data.cell}: previous items plus the change is negative (${o.equation})`,
  },
};

function outcome(scope: string, ok: boolean, cells: string[], equation: string, kind: string, cell: string): Outcome {
  return ok ? { scope, status: 'passed', cells, data: {} } : { scope, status: 'failed', cells, equation, data: { kind, cell } };
}
