// What the rules iterate over: the rows and columns a report actually has.

import {
  APPLICATION_ROWS,
  COLUMN_LABELS,
  OUTCOME_GROUPS,
  applicationKey,
  rowDisplayLabel,
  type ApplicationColumn,
  type ApplicationRow,
  type OutcomeGroup,
} from '../../keys';
import { memoize } from '../../memo';
import type { Report } from '../../schema';
import type { PreparedReport } from './prepared';

export type RowKey = ApplicationRow | `subtotal.${OutcomeGroup}`;

/** The format's data rows, plus any non-standard subtotal rows the page has. */
export function applicationRows(report: Report): RowKey[] {
  const rows: RowKey[] = [...APPLICATION_ROWS[report.format]];
  for (const g of Object.keys(OUTCOME_GROUPS) as OutcomeGroup[])
    if (report.cells[applicationKey(`subtotal.${g}` as ApplicationRow, 'total')]) rows.push(`subtotal.${g}`);
  return rows;
}

/** Whether the page printed table 三 at all (otherwise its identities are not reported one by one). */
export const hasApplications = (p: PreparedReport) => p.tables.has('applications');
export const hasReview = (p: PreparedReport) => p.tables.has('review');

/** A row's display name (asked for every row of every report: each is made once). */
export const rowName: (row: RowKey) => string = memoize((row) =>
  row.startsWith('subtotal.') ? `${OUTCOME_GROUPS[row.slice(9) as OutcomeGroup].label}小计` : rowDisplayLabel(row as ApplicationRow),
);
export const columnName = (col: ApplicationColumn | 'orgSubtotal') => COLUMN_LABELS[col];
export const appKey = (row: RowKey, col: ApplicationColumn | 'orgSubtotal') => applicationKey(row as ApplicationRow, col);
