import { APPLICANT_COLUMNS } from '../keys';
import { memoize } from '../memo';
import { identity, type IdentitySpec } from './support/identity';
import { appKey, applicationRows, hasApplications, rowName, type RowKey } from './support/scopes';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

/** A row's identity, the same for every report: made once. */
const rowSpec = memoize((row): IdentitySpec => ({
  scope: row,
  left: APPLICANT_COLUMNS.map((c) => appKey(row as RowKey, c)),
  right: [appKey(row as RowKey, 'total')],
  data: { row: rowName(row as RowKey) },
}));

/** Each row's 总计 is the sum of the six applicant columns (report-format.md §2.1 rule 2). */
export const applicationsRowSum: Rule = {
  id: 'applications.rowSum',
  severity: 'error',
  tags: ['applications', 'identity'],
  description: {
    zh: '表三每一行的“总计”应等于自然人与五类法人或其他组织之和',
    en: 'In table 三, each row’s 总计 must equal the sum of the six applicant columns',
  },
  check(report, context) {
    const p = preparedOf(report, context);
    return hasApplications(p) ? applicationRows(report).map((row) => identity(p, rowSpec(row))) : [];
  },
  message: {
    zh: (o) =>
      o.data.rightBlank
        ? `${o.data.row}：各申请人类型之和为 ${o.data.left}，总计栏为空（未填）`
        : `${o.data.row}：各申请人类型之和为 ${o.data.left}，但总计为 ${o.data.rightShown}`,
    en: (o) =>
      o.data.rightBlank
        ? `${o.data.row}: the applicant columns add up to ${o.data.left}, but 总计 is left blank`
        : `${o.data.row}: the applicant columns add up to ${o.data.left}, but 总计 shows ${o.data.rightShown}`,
  },
};
