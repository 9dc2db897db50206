// Across years: which report of the year before the cross-year checks used, or — when
// none is known — the "获取上一年度报告" button (the only time the extension fetches
// anything, and only from the page's own site).

import { useState } from 'preact/hooks';
import type { Report } from '../lib/schema';
import { sameSite } from '../lib/site';
import type { Message, PreviousFetchResult } from '../utils/messages';
import { reportKey, type PageState } from '../utils/page-state';
import { askTab } from './tab-messaging';
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
    // through the background, which then lets the tab remember the page it fetches (and nothing else)
    const r = ((await browser.runtime.sendMessage({ type: 'fetch-previous', tabId, frameId: state.frameId } satisfies Message).catch(() => null)) ??
      null) as PreviousFetchResult | null;
    if (!r) setMessage(t.previousNoAnswer);
    else if (r.ok) {
      await onChecked();
      setMessage(t.previousFound(r.year, r.tried));
    } else if (r.reason === 'notFound') setMessage(t.previousNotFound(report.year! - 1, r.tried));
    else if (r.reason === 'error') setMessage(t.previousError(r.error ?? ''));
    else setMessage(t.previousReasons[r.reason]);
    setBusy(false);
  }

  /** The reviewer pairs this report with another site's (or undoes it); the page is checked again. */
  async function choose(previousSource: string | null) {
    if (tabId === null) return;
    setBusy(true);
    await browser.runtime.sendMessage({ type: 'choose-previous', key: reportKey(state), previous: previousSource } satisfies Message).catch(() => undefined);
    await askTab(tabId, { type: 'recheck' }, state.frameId);
    await onChecked();
    setBusy(false);
  }
  const suggestion = state.suggestion;
  const chosen = previous && !sameSite(previous.source, state.url);

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
          {chosen && (
            <>
              {t.chosenPrevious}{' '}
              <button type="button" class="small" disabled={busy} onClick={() => void choose(null)}>
                {t.undoChoice}
              </button>
            </>
          )}
        </p>
      ) : (
        <>
          <p class="muted">{t.previousUnknown(report.year - 1)}</p>
          {suggestion && tabId !== null && (
            <p data-testid="previous-suggestion">
              {t.suggestion(suggestion.year, suggestion.agency ?? '')}
              <span class="url">{suggestion.source}</span>{' '}
              <button type="button" class="small" disabled={busy} onClick={() => void choose(suggestion.source)}>
                {t.useSuggestion}
              </button>
            </p>
          )}
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
