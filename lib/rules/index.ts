// The rule list. A rule lives in its own file; registering it here is all it takes.

import { activeConsistency } from './active-consistency';
import { activeInForceBelowNet } from './active-in-force-below-net';
import { attachmentUnreadableTable } from './attachment-unreadable-table';
import { applicationsColumnBalance } from './applications-column-balance';
import { applicationsOutcomeTotal } from './applications-outcome-total';
import { applicationsRowSum } from './applications-row-sum';
import { applicationsSubtotal } from './applications-subtotal';
import { cellBlankAsZero } from './cell-blank-as-zero';
import { cellNegative } from './cell-negative';
import { cellNonInteger } from './cell-non-integer';
import { cellNote } from './cell-note-in-cell';
import { cellUnit } from './cell-unit';
import { cellUnreadable } from './cell-unreadable';
import { formatLabelVariant } from './format-label-variant';
import { formatOutdatedTemplate } from './format-outdated-template';
import { formatPreTemplate } from './format-pre-template';
import { crossYearCarryOver } from './cross-year-carry-over';
import { crossYearInForceStock } from './cross-year-in-force-stock';
import { crossYearItemCount } from './cross-year-item-count-2019';
import { crossYearSameTables } from './cross-year-same-tables';
import { documentTimeliness } from './document-timeliness';
import { documentYearAgreement } from './document-year-agreement';
import { formatStructure } from './format-structure';
import { narrativeApplicants } from './narrative-applicants';
import { narrativeCarried } from './narrative-carried';
import { narrativeCategory } from './narrative-category';
import { narrativeProcessed } from './narrative-processed';
import { narrativeReceived } from './narrative-received';
import { narrativeReview } from './narrative-review';
import { reviewGroupTotal } from './review-group-total';
import { cellHiddenText } from './cell-hidden-text';
import type { Rule } from './support/types';

/** Rules that compare a report with the same agency's report of the year before. */
export const CROSS_YEAR_RULES: readonly Rule[] = [crossYearCarryOver, crossYearInForceStock, crossYearItemCount, crossYearSameTables];

export const RULES: readonly Rule[] = [
  applicationsRowSum,
  applicationsOutcomeTotal,
  applicationsColumnBalance,
  applicationsSubtotal,
  reviewGroupTotal,
  cellNegative,
  cellNonInteger,
  cellUnit,
  cellUnreadable,
  cellNote,
  cellBlankAsZero,
  cellHiddenText,
  activeConsistency,
  activeInForceBelowNet,
  ...CROSS_YEAR_RULES,
  formatOutdatedTemplate,
  formatPreTemplate,
  formatStructure,
  attachmentUnreadableTable,
  formatLabelVariant,
  narrativeReceived,
  narrativeProcessed,
  narrativeCarried,
  narrativeCategory,
  narrativeApplicants,
  narrativeReview,
  documentYearAgreement,
  documentTimeliness,
];

export type { Rule } from './support/types';

/** A rule's name (its description), zh and en. */
export type RuleNames = Record<string, { zh: string; en: string }>;

const BY_ID = /* @__PURE__ */ (() => new Map(RULES.map((r) => [r.id, r])))();

/**
 * The names of the rules a check speaks of (its findings, passed and undecided checks):
 * handed over with the result, so the popup shows them without carrying the rules' code.
 */
export function ruleNamesFor(checks: {
  findings: readonly { ruleId: string }[];
  passed: readonly { ruleId: string }[];
  incomplete: readonly { ruleId: string }[];
}): RuleNames {
  const names: RuleNames = {};
  for (const { ruleId } of [...checks.findings, ...checks.passed, ...checks.incomplete]) {
    const rule = BY_ID.get(ruleId);
    if (rule && !names[ruleId]) names[ruleId] = rule.description;
  }
  return names;
}

/** Every rule's name (for pages that run the rules themselves: the attachment page, the survey view). */
export const allRuleNames = (): RuleNames => Object.fromEntries(RULES.map((r) => [r.id, r.description]));
