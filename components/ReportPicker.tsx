// A page holding several reports (a district's departments on one page): which one the
// popup shows and the page marks. Each is listed with its open counts.

import type { SectionSummary } from '../utils/page-state';
import { useI18n } from './i18n';

export function ReportPicker({ sections, selected, onSelect }: { sections: readonly SectionSummary[]; selected: number; onSelect: (index: number) => void }) {
  const { t } = useI18n();
  return (
    <section class="picker">
      <label class="stack">
        {t.reportPicker(sections.length)}
        <select name="report" value={String(selected)} onChange={(e) => onSelect(Number((e.currentTarget as HTMLSelectElement).value))}>
          {sections.map((s) => (
            <option key={s.index} value={String(s.index)}>
              {t.reportOption(s.index + 1, s.agency ?? s.title, s.year === null ? '' : t.yearSuffix(s.year), s.counts.error, s.counts.warning)}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
