// What *was* verified: the checks that passed, and those that could not be decided
// ("待人工核对": a cell could not be read), collapsed by default.

import type { CheckRecord } from '../lib/schema';
import { useI18n } from './i18n';
import { useRuleName } from './rule-names';

function byRule(records: readonly CheckRecord[]): [string, CheckRecord[]][] {
  const m = new Map<string, CheckRecord[]>();
  for (const r of records) m.set(r.ruleId, [...(m.get(r.ruleId) ?? []), r]);
  return [...m];
}

export function Checks({ passed, incomplete }: { passed: readonly CheckRecord[]; incomplete: readonly CheckRecord[] }) {
  const { t } = useI18n();
  const ruleName = useRuleName();
  return (
    <details class="checks" data-testid="checks">
      <summary>
        {t.passedSummary(passed.length)}
        {incomplete.length > 0 && ` · ${t.incompleteSummary(incomplete.length)}`}
      </summary>
      {incomplete.length > 0 && (
        <section aria-labelledby="incomplete-heading">
          <h3 id="incomplete-heading">{t.incompleteHeading}</h3>
          <ul data-testid="incomplete">
            {incomplete.map((r) => (
              <li key={`${r.ruleId}:${r.scope}`}>
                <span>{ruleName(r.ruleId)}</span> <code>{r.ruleId}</code> <code>{r.scope}</code>
                {r.reason && <span class="muted">：{r.reason}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="passed-heading">
        <h3 id="passed-heading">{t.passedHeading}</h3>
        <ul data-testid="passed">
          {byRule(passed).map(([ruleId, records]) => (
            <li key={ruleId}>
              <span>{ruleName(ruleId)}</span> <code>{ruleId}</code>
              <span class="scopes">
                {records.map((r) => (
                  <code key={r.scope}>{r.scope}</code>
                ))}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </details>
  );
}
