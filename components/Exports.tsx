// Export buttons: findings CSV (with the reviewer's status), the tables as tidy CSV,
// and the JSON the batch checker prints.

import { reportKey, type Dismissal, type PageState } from '../utils/page-state';
import { download, fileName, findingsCsv, jsonExport, tablesCsv } from './export-files';
import { useI18n } from './i18n';

const CSV = 'text/csv;charset=utf-8';

export function Exports({ state, dismissals }: { state: PageState; dismissals: Readonly<Record<string, Dismissal>> }) {
  const { t, lang } = useI18n();
  return (
    <section class="exports" aria-labelledby="exports-heading">
      <h2 id="exports-heading" class="visually-hidden">
        {t.exportHeading}
      </h2>
      <button type="button" onClick={() => download(fileName(state, t, 'findings'), findingsCsv([{ ...state, url: reportKey(state) }], dismissals, lang), CSV)}>
        {t.exportFindings}
      </button>
      <button
        type="button"
        disabled={!state.report}
        onClick={() => download(fileName(state, t, 'tables'), tablesCsv([{ ...state, url: reportKey(state) }]), CSV)}
      >
        {t.exportTables}
      </button>
      <button
        type="button"
        onClick={() => download(fileName(state, t, 'json'), `${JSON.stringify(jsonExport(state, dismissals), null, 2)}\n`, 'application/json')}
      >
        {t.exportJson}
      </button>
    </section>
  );
}
