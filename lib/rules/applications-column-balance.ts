import { APPLICATION_COLUMNS } from '../keys';
import { once } from '../memo';
import { identity, type IdentitySpec } from './support/identity';
import { appKey, columnName, hasApplications } from './support/scopes';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

/** The column identities, the same for every report: made once, on first use. */
const columnSpecs = once((): IdentitySpec[] =>
  APPLICATION_COLUMNS.map((col) => ({
    scope: col,
    left: [appKey('newReceived', col), appKey('carriedOver', col)],
    right: [appKey('totalProcessed', col), appKey('carriedForward', col)],
    focus: [appKey('carriedForward', col)],
    data: { column: columnName(col) },
  })),
);

/**
 * The printed 勾稽关系, for every column (the note says 本列): 第一项 + 第二项 = 第三项 + 第四项,
 * i.e. 新收 + 上年结转 = （七）总计 + 结转下年度 (§2.1 rule 1).
 */
export const applicationsColumnBalance: Rule = {
  id: 'applications.columnBalance',
  severity: 'error',
  tags: ['applications', 'identity'],
  description: {
    zh: '表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理（表内注明的勾稽关系）',
    en: 'In every column of table 三: new + carried over = （七）总计 + carried forward (the identity printed in the table)',
  },
  check(report, context) {
    const p = preparedOf(report, context);
    return hasApplications(p) ? columnSpecs().map((spec) => identity(p, spec)) : [];
  },
  message: {
    zh: (o) => `“${o.data.column}”列：第一项加第二项之和为 ${o.data.left}，第三项加第四项之和为 ${o.data.right}，两者应相等`,
    en: (o) => `Column ${o.data.column}: items 一 + 二 add up to ${o.data.left}, items 三 + 四 to ${o.data.right}; they must be equal`,
  },
};
