// Across years: which report of the year before the cross-year checks used, or — when
// none is known — the "获取上一年度报告" button (the only time the extension fetches
// anything, and only from the page's own site).

import { useState } from 'preact/hooks';
import type { Report } from '../lib/schema';
import type { PreviousFetchResult } from '../utils/messages';
import type { PageState } from '../utils/state';
import { askTab } from './api';
import { linkable } from './history-rows';
import { useI18n } from './i18n';

export function PreviousYear({ state, report, tabId, onChecked }: { state: PageState; report: Report; tabId: number | null; onChecked: () => Promise<void> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  if (report.year === null) return null;
  const previous = state.previous;

  async function fetchPrevious() {
    if (tabId === null) return;
    setBusy(true);
    setMessage('');
    const r = await askTab<PreviousFetchResult>(tabId, { type: 'fetch-previous' }, state.frameId);
    if (!r) setMessage(t.previousNoAnswer);
    else if (r.ok) {
      await onChecked();
      setMessage(t.previousFound(r.year, r.tried));
    } else if (r.reason === 'notFound') setMessage(t.previousNotFound(report.year! - 1, r.tried));
    else if (r.reason === 'error') setMessage(t.previousError(r.error ?? ''));
    else setMessage(t.previousReasons[r.reason]);
    setBusy(false);
  }

  return (
    <section class="previous" aria-labelledby="previous-heading">
      <h2 id="previous-heading" class="visually-hidden">
        {t.previousHeading}
      </h2>
      {previous ? (
        <p data-testid="previous-used">
          {t.previousUsed(previous.year)}
          {linkable(previous.source) ? (
            <a href={previous.source} target="_blank" rel="noopener noreferrer" class="url">
              {previous.source}
            </a>
          ) : (
            <span class="url">{previous.source}</span>
          )}
        </p>
      ) : (
        <>
          <p class="muted">{t.previousUnknown(report.year - 1)}</p>
          {tabId !== null && (
            <p>
              <button type="button" disabled={busy} onClick={() => void fetchPrevious()} aria-describedby="previous-hint">
                {busy ? t.fetchingPrevious : t.fetchPrevious}
              </button>{' '}
              <span id="previous-hint" class="muted hint">
                {t.fetchPreviousHint}
              </span>
            </p>
          )}
        </>
      )}
      <p role="status" class="check-message" data-testid="previous-message">
        {message}
      </p>
    </section>
  );
}
