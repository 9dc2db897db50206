import { REVIEW_FIELDS, REVIEW_GROUPS, REVIEW_GROUP_LABELS, reviewKey } from '../keys';
import { once } from '../memo';
import { identity, type IdentitySpec } from './support/identity';
import { hasReview } from './support/scopes';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

/** The group identities, the same for every report: made once, on first use. */
const groupSpecs = once((): IdentitySpec[] =>
  REVIEW_GROUPS.map((g) => ({
    scope: g,
    left: REVIEW_FIELDS.filter((f) => f !== 'total').map((f) => reviewKey(g, f)),
    right: [reviewKey(g, 'total')],
    data: { group: REVIEW_GROUP_LABELS[g] },
  })),
);

/** Each of the three groups of table 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结 (§2.2). There is no identity between groups. */
export const reviewGroupTotal: Rule = {
  id: 'review.groupTotal',
  severity: 'error',
  tags: ['review', 'identity'],
  description: {
    zh: '表四行政复议、未经复议直接起诉、复议后起诉三组各自的“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和',
    en: 'In table 四, each group’s 总计 must equal upheld + corrected + other + pending',
  },
  check(report, context) {
    const p = preparedOf(report, context);
    return hasReview(p) ? groupSpecs().map((spec) => identity(p, spec)) : [];
  },
  message: {
    zh: (o) =>
      o.data.rightBlank
        ? `${o.data.group}：结果维持、结果纠正、其他结果、尚未审结之和为 ${o.data.left}，总计栏为空（未填）`
        : `${o.data.group}：结果维持、结果纠正、其他结果、尚未审结之和为 ${o.data.left}，但总计为 ${o.data.rightShown}`,
    en: (o) =>
      o.data.rightBlank
        ? `${o.data.group}: upheld + corrected + other + pending = ${o.data.left}, but 总计 is left blank`
        : `${o.data.group}: upheld + corrected + other + pending = ${o.data.left}, but 总计 shows ${o.data.rightShown}`,
  },
};
