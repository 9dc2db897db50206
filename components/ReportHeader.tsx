// Which report this is (agency, year, format, address) and how many open findings it has.

import type { Report } from '../lib/schema';
import type { Counts } from '../lib/severity';
import { SEVERITIES } from './findings';
import { useI18n } from './i18n';

export function ReportHeader({ report, url, counts }: { report: Report; url: string; counts: Counts }) {
  const { t } = useI18n();
  return (
    <section class="identity" aria-labelledby="identity-heading">
      <h2 id="identity-heading" class="visually-hidden">
        {t.identity}
      </h2>
      <dl>
        <dt>{t.agency}</dt>
        <dd data-testid="agency">{report.agency ?? t.unknown}</dd>
        <dt>{t.year}</dt>
        <dd data-testid="year">{report.year ?? t.unknown}</dd>
        <dt>{t.format}</dt>
        <dd data-testid="format">{t.formats[report.format]}</dd>
        {report.pubDate && (
          <>
            <dt>{t.pubDate}</dt>
            <dd data-testid="pub-date">
              {report.pubDate.slice(0, 10)}
              {report.document?.pubDateSource && <span class="muted hint">（{t.pubDateSources[report.document.pubDateSource]}）</span>}
            </dd>
          </>
        )}
        <dt>{t.url}</dt>
        <dd class="url" title={url}>
          {url}
        </dd>
      </dl>
      <ul class="counts" aria-label={t.countsLabel}>
        {SEVERITIES.map((s) => (
          <li key={s} class={`count sev-${s}`} data-testid={`count-${s}`}>
            <span class="count-label">{t.severities[s]}</span> <strong class="count-value">{counts[s]}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
