// The popup's switches: which severities to list, page highlights on/off, and
// automatic checking on this site.

import type { Severity } from '../lib/schema';
import type { Counts } from '../lib/severity';
import { SEVERITIES } from './findings';
import { useI18n } from './i18n';

export function SeverityFilter({ shown, counts, onChange }: { shown: ReadonlySet<Severity>; counts: Counts; onChange: (next: Set<Severity>) => void }) {
  const { t } = useI18n();
  const toggle = (s: Severity, on: boolean) => {
    const next = new Set(shown);
    if (on) next.add(s);
    else next.delete(s);
    onChange(next);
  };
  return (
    <fieldset class="filter">
      <legend>{t.filterLegend}</legend>
      {SEVERITIES.map((s) => (
        <label key={s} class={`check sev-${s}`}>
          <input type="checkbox" name={`show-${s}`} checked={shown.has(s)} onChange={(e) => toggle(s, (e.currentTarget as HTMLInputElement).checked)} />
          {t.severities[s]} ({counts[s]})
        </label>
      ))}
    </fieldset>
  );
}

export function Switch({ label, checked, onChange, name }: { label: string; checked: boolean; onChange: (on: boolean) => void; name: string }) {
  return (
    <label class="check switch">
      <input type="checkbox" role="switch" name={name} checked={checked} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
      {label}
    </label>
  );
}

export function SiteSwitch({ host, auto, disabled, onChange }: { host: string; auto: boolean; disabled: boolean; onChange: (on: boolean) => void }) {
  const { t } = useI18n();
  if (!auto)
    return (
      <p class="muted site">
        {t.notAutoSite}{' '}
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage().catch(() => undefined)}>
          {t.openOptions}
        </button>
      </p>
    );
  return (
    <div class="site">
      <Switch name="auto-site" label={`${t.autoCheckSite}（${host}）`} checked={!disabled} onChange={onChange} />
    </div>
  );
}
