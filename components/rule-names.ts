// A rule's description in the popup's language, from the rule list itself (plain data:
// importing it brings no zod into the popup).

import { RULES } from '../lib/rules/index';
import type { Lang, Messages } from './i18n';

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleName(ruleId: string, lang: Lang, t: Messages): string {
  if (ruleId === 'internal.error') return t.internalRule;
  return BY_ID.get(ruleId)?.description[lang] ?? ruleId;
}
