import { APPLICATION_COLUMNS, OUTCOME_ROWS, type Format } from '../keys';
import { memoize } from '../memo';
import { identity, type IdentitySpec } from './support/identity';
import { appKey, columnName, hasApplications } from './support/scopes';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

/** A format's column identities, the same for every report of it: made once. */
const formatSpecs = memoize((format): IdentitySpec[] =>
  APPLICATION_COLUMNS.map((col) => ({
    scope: col,
    left: OUTCOME_ROWS[format as Format].map((row) => appKey(row, col)),
    right: [appKey('totalProcessed', col)],
    data: { column: columnName(col), rows: OUTCOME_ROWS[format as Format].length },
  })),
);

/** （七）总计 is the sum of every outcome leaf row, per column: 21 rows in 2021, 19 in 2019 (§2.1 rule 3). */
export const applicationsOutcomeTotal: Rule = {
  id: 'applications.outcomeTotal',
  severity: 'error',
  tags: ['applications', 'identity'],
  description: {
    zh: '表三“（七）总计”应等于（一）至（六）各项办理结果之和（逐列）',
    en: 'In table 三, （七）总计 must equal the sum of all outcome rows （一）–（六）, column by column',
  },
  check(report, context) {
    const p = preparedOf(report, context);
    return hasApplications(p) ? formatSpecs(report.format).map((spec) => identity(p, spec)) : [];
  },
  message: {
    zh: (o) =>
      o.data.rightBlank
        ? `“${o.data.column}”列：${o.data.rows} 项办理结果之和为 ${o.data.left}，（七）总计栏为空（未填）`
        : `“${o.data.column}”列：${o.data.rows} 项办理结果之和为 ${o.data.left}，但（七）总计为 ${o.data.rightShown}`,
    en: (o) =>
      o.data.rightBlank
        ? `Column ${o.data.column}: the ${o.data.rows} outcome rows add up to ${o.data.left}, but （七）总计 is left blank`
        : `Column ${o.data.column}: the ${o.data.rows} outcome rows add up to ${o.data.left}, but （七）总计 shows ${o.data.rightShown}`,
  },
};
