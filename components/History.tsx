// The report memory in the popup: a one-line footer (how many reports, open the
// history) and the history view — every report checked so far with its agency, year,
// open counts and a link, a filter, and exports over all (filtered) reports at once:
// the journalist surveying fifty agencies' reports.

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Message } from '../utils/messages';
import type { Dismissal } from '../utils/page-state';
import { MEMORY_CAP, type MemoryStatus, type RememberedReport, type ReportSummary } from '../utils/storage';
import { download, findingsCsv, safeFilePart, tablesCsv } from './export-files';
import { SEVERITIES } from './findings';
import { historyRows, reportListCsv, type HistoryFilter } from './history-rows';
import { useI18n } from './i18n';

const CSV = 'text/csv;charset=utf-8';

interface History {
  index: Record<string, ReportSummary>;
  status: MemoryStatus;
}

/** The memory's index and status, from the background (which validates what it reads), again whenever the memory changes. */
function useHistory(): History | null {
  const [history, setHistory] = useState<History | null>(null);
  useEffect(() => {
    let alive = true;
    const ask = () =>
      void browser.runtime
        .sendMessage({ type: 'get-history' } satisfies Message)
        .then((h) => alive && h && setHistory(h as History))
        .catch(() => undefined);
    ask();
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && ('reportIndex' in changes || 'memoryStatus' in changes)) ask();
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, []);
  return history;
}
const useMemory = () => useHistory()?.index ?? null;

/** These remembered reports in full (for the exports), from the background. */
const loadReports = async (keys: string[]): Promise<Record<string, RememberedReport>> =>
  ((await browser.runtime.sendMessage({ type: 'load-reports', keys } satisfies Message)) as Record<string, RememberedReport> | undefined) ?? {};

export function HistoryFooter({ onOpen }: { onOpen: () => void }) {
  const { t } = useI18n();
  const memory = useMemory();
  const count = memory === null ? null : Object.keys(memory).length;
  return (
    <footer class="history">
      <span data-testid="history-count">{count === null ? '' : t.history(count)}</span>{' '}
      <button type="button" class="small" disabled={!count} onClick={onOpen}>
        {t.showHistory}
      </button>
    </footer>
  );
}

export function HistoryView({ dismissals, onBack, inTab }: { dismissals: Readonly<Record<string, Dismissal>>; onBack?: () => void; inTab: boolean }) {
  const { t, lang } = useI18n();
  const history = useHistory();
  const memory = history?.index ?? null;
  const [clearing, setClearing] = useState(false);
  const [filter, setFilter] = useState<HistoryFilter>({ text: '', errorsOnly: false });
  const rows = useMemo(() => (memory ? historyRows(memory, dismissals, filter) : []), [memory, dismissals, filter]);
  const total = memory ? Object.keys(memory).length : 0;
  /** the shown reports in full (their cells: the "shown" column and the tables), in the list's order */
  async function loadShown() {
    const full = await loadReports(rows.map((r) => r.entry.url));
    return rows.flatMap((r) => (full[r.entry.url] ? [full[r.entry.url]!] : []));
  }
  const file = (what: string) => `${[t.filePrefix, t.fileHistory(rows.length), what].map(safeFilePart).join('_')}.csv`;

  async function clear(verdicts: boolean) {
    setClearing(false);
    // (the background writes the memory, one write at a time)
    await browser.runtime.sendMessage({ type: 'forget-reports', verdicts } satisfies Message);
  }
  function openInTab() {
    void browser.tabs.create({ url: browser.runtime.getURL('/popup.html?view=history') }).catch(() => undefined);
  }

  return (
    <section class="history-view" aria-labelledby="history-heading">
      <div class="history-head">
        <h2 id="history-heading">{t.historyHeading}</h2>
        {onBack && (
          <button type="button" class="small" onClick={onBack}>
            {t.back}
          </button>
        )}
        {!inTab && (
          <button type="button" class="small" onClick={openInTab}>
            {t.openInTab}
          </button>
        )}
        <button type="button" class="small" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/survey.html') }).catch(() => undefined)}>
          {t.surveyView}
        </button>
      </div>
      {history && <MemoryNotices status={history.status} />}
      {memory !== null && total === 0 ? (
        <p>{t.historyEmpty}</p>
      ) : (
        <>
          <div class="history-filter">
            <input
              type="search"
              name="history-filter"
              aria-label={t.historyFilter}
              placeholder={t.historyFilter}
              value={filter.text}
              onInput={(e) => {
                const text = (e.currentTarget as HTMLInputElement).value;
                setFilter((f) => ({ ...f, text }));
              }}
            />
            <label class="check">
              <input
                type="checkbox"
                name="errors-only"
                checked={filter.errorsOnly}
                onChange={(e) => {
                  const errorsOnly = (e.currentTarget as HTMLInputElement).checked;
                  setFilter((f) => ({ ...f, errorsOnly }));
                }}
              />
              {t.errorsOnly}
            </label>
          </div>
          <p role="status" class="muted" data-testid="history-shown">
            {t.historyShown(rows.length, total)}
          </p>
          <div class="exports">
            <button
              type="button"
              disabled={!rows.length}
              onClick={() => void loadShown().then((full) => download(file(t.fileFindings), findingsCsv(full, dismissals, lang), CSV))}
            >
              {t.exportAllFindings}
            </button>
            <button type="button" disabled={!rows.length} onClick={() => void loadShown().then((full) => download(file(t.fileTables), tablesCsv(full), CSV))}>
              {t.exportAllTables}
            </button>
            <button type="button" disabled={!rows.length} onClick={() => download(file(t.fileList), reportListCsv(rows), CSV)}>
              {t.exportList}
            </button>
          </div>
          {memory !== null && rows.length === 0 ? (
            <p>{t.historyNoMatch}</p>
          ) : (
            <ul class="history-list">
              {rows.map(({ entry, open, href }) => {
                const name = entry.agency ?? entry.title;
                return (
                  <li key={entry.url} class="history-item">
                    <span class="history-name">
                      {href ? (
                        <a href={href} target="_blank" rel="noopener noreferrer" title={entry.url}>
                          {name}
                        </a>
                      ) : (
                        <span title={entry.url}>{name}</span>
                      )}{' '}
                      <span class="muted">{entry.year === null ? t.unknown : t.yearSuffix(entry.year)}</span>
                    </span>
                    <span class="history-counts">
                      {SEVERITIES.map((s) => (
                        <span key={s} class={`tag sev-${s}`} title={t.severities[s]}>
                          {t.severities[s]} {open[s]}
                        </span>
                      ))}
                    </span>
                    <span class="muted hint">{t.checkedOn(entry.checkedAt.slice(0, 10))}</span>
                  </li>
                );
              })}
            </ul>
          )}
          {clearing ? (
            <div class="clear-confirm" role="group" aria-label={t.confirmClear}>
              <p>{t.confirmClear}</p>
              <p class="muted hint">{t.clearExplained}</p>
              <p>
                <button type="button" class="small" onClick={() => void clear(false)}>
                  {t.clearReports}
                </button>{' '}
                <button type="button" class="small" onClick={() => void clear(true)}>
                  {t.clearEverything}
                </button>{' '}
                <button type="button" class="small" onClick={() => setClearing(false)}>
                  {t.clearCancel}
                </button>
              </p>
            </div>
          ) : (
            <p>
              <button type="button" class="small" disabled={!total} onClick={() => setClearing(true)}>
                {t.clearHistory}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** What the memory says of itself: reports dropped to stay within the cap, records refused, the last failed write. */
export function MemoryNotices({ status }: { status: MemoryStatus }) {
  const { t } = useI18n();
  return (
    <>
      {status.evicted > 0 && (
        <p class="notice" data-testid="memory-evicted">
          {t.memoryEvicted(status.evicted, MEMORY_CAP.reports)}
        </p>
      )}
      {status.dropped > 0 && (
        <p class="notice" data-testid="memory-dropped">
          {t.memoryDropped(status.dropped)}
        </p>
      )}
      {status.lastError && (
        <p class="notice" role="alert" data-testid="memory-error">
          {t.memoryWriteFailed(status.lastError.message)}
        </p>
      )}
    </>
  );
}
