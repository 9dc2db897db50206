import { ALL_APPLICATION_ROWS, APPLICATION_COLUMNS, ORG_COLUMNS, OUTCOME_GROUPS, type OutcomeGroup } from '../keys';
import { identity } from './support/identity';
import { appKey, applicationRows, columnName, hasApplications, rowName, type RowKey } from './support/scopes';
import { preparedOf } from './support/prepared';
import type { Outcome, Rule } from './support/types';

/** Every row the reader can give a 小计 column cell: the rows of both formats and the group subtotal rows. */
const ORG_SUBTOTAL_ROWS: readonly RowKey[] = [...ALL_APPLICATION_ROWS, ...(Object.keys(OUTCOME_GROUPS) as OutcomeGroup[]).map((g) => `subtotal.${g}` as const)];

/**
 * Non-standard subtotals some reports add (report-format.md §1.3, §2.1): a 法人或其他组织小计
 * column must sum the five organisation columns, and a group subtotal row must sum its
 * items. They are kept out of the other sums, so this is the only place they are checked.
 */
export const applicationsSubtotal: Rule = {
  id: 'applications.subtotal',
  severity: 'error',
  tags: ['applications', 'identity'],
  description: {
    zh: '表三中非标准的小计列（法人或其他组织小计）或小计行应等于其各组成项之和',
    en: 'Non-standard subtotals in table 三 (an organisations subtotal column or group subtotal rows) must equal their parts',
  },
  check(report, context) {
    const p = preparedOf(report, context);
    if (!hasApplications(p)) return [];
    const out: Outcome[] = [];
    // (looked up row by row: testing the ~200 keys of every report for the suffix cost more)
    const hasOrgSubtotal = ORG_SUBTOTAL_ROWS.some((row) => report.cells[appKey(row, 'orgSubtotal')] !== undefined);
    if (hasOrgSubtotal)
      for (const row of applicationRows(report))
        out.push(
          identity(p, {
            scope: `${row}.orgSubtotal`,
            left: ORG_COLUMNS.map((c) => appKey(row, c)),
            right: [appKey(row, 'orgSubtotal')],
            data: { what: `${rowName(row)}“${columnName('orgSubtotal')}”`, parts: '五类法人或其他组织', partsEn: 'the five organisation columns' },
          }),
        );
    for (const group of Object.keys(OUTCOME_GROUPS) as OutcomeGroup[]) {
      const sub = `subtotal.${group}` as const;
      if (!report.cells[appKey(sub, 'total')]) continue;
      for (const col of APPLICATION_COLUMNS)
        out.push(
          identity(p, {
            scope: `${sub}.${col}`,
            left: OUTCOME_GROUPS[group].rows.map((r) => appKey(r, col)),
            right: [appKey(sub, col)],
            data: {
              what: `${rowName(sub)}（${columnName(col)}）`,
              parts: `${OUTCOME_GROUPS[group].label}各项`,
              partsEn: `the items of ${OUTCOME_GROUPS[group].label}`,
            },
          }),
        );
    }
    return out;
  },
  message: {
    zh: (o) => `${o.data.what}应为${o.data.parts}之和 ${o.data.left}，页面为 ${o.data.right}`,
    en: (o) => `${o.data.what} should be the sum of ${o.data.partsEn}, ${o.data.left}; the page shows ${o.data.right}`,
  },
};
