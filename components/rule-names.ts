// A rule's name in the reader's language. The names come with the result (PageState
// ruleNames, from lib/rules ruleNamesFor) or, on pages that run the rules themselves,
// from the rule list (allRuleNames): the popup never carries the rules' code.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { RuleNames } from '../lib/rules/index';
import { useI18n } from './i18n';

export type { RuleNames } from '../lib/rules/index';

export const RuleNamesContext = createContext<Readonly<RuleNames>>({});

/** The function naming a rule id here: its description, or the id itself when no name came with it. */
export function useRuleName(): (ruleId: string) => string {
  const names = useContext(RuleNamesContext);
  const { lang, t } = useI18n();
  return (ruleId) => (ruleId === 'internal.error' ? t.internalRule : (names[ruleId]?.[lang] ?? ruleId));
}
