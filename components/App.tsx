// The popup: the state of one tab (asked of the background), shown and acted on.
// Each feature lives in its own component; this file holds the state and the
// handlers that talk to storage, the background and the tab.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { BOUNDS } from '../lib/bounds';
import type { Severity } from '../lib/schema';
import { dismissalKey, reportKey, type Dismissal, type DismissalStatus, type PageState } from '../utils/page-state';
import type { Message } from '../utils/messages';
import { dismissalsItem, isAutoHost, settingsItem, type Settings } from '../utils/storage';
import { askTab, checkTab, fetchState, resolveTabId, sendToTab, tabUrl } from './tab-messaging';
import { Checks } from './Checks';
import { SeverityFilter, SiteSwitch, Switch } from './Controls';
import { Exports } from './Exports';
import { FindingList } from './FindingList';
import { SEVERITIES, openCounts } from './findings';
import { HistoryFooter, HistoryView } from './History';
import { I18nContext, MESSAGES, pickLang } from './i18n';
import { Diagnostic, ImagesOnly, NotReport } from './Notices';
import { AttachmentOffer, TabAttachment } from './attachment/AttachmentOffer';
import { PreviousYear } from './PreviousYear';
import { ReportHeader } from './ReportHeader';
import { ReportPicker } from './ReportPicker';
import { SurveyOffer } from './SurveyOffer';
import './popup.css';
import { RuleNamesContext } from './rule-names';

/** the names of the rules come with the page's result (PageState ruleNames) */
const NO_NAMES = {};

const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url.slice(0, 200);
  }
};

const httpHost = (url: string | null | undefined): string | null => {
  try {
    const u = new URL(url ?? '');
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : null;
  } catch {
    return null;
  }
};

export function App() {
  const i18n = useMemo(() => {
    const lang = pickLang(navigator.language);
    return { lang, t: MESSAGES[lang] };
  }, []);
  const { t } = i18n;
  const [loaded, setLoaded] = useState(false);
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<PageState | null>(null);
  const [tabHost, setTabHost] = useState<string | null>(null);
  const [tabHref, setTabHref] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [dismissals, setDismissals] = useState<Record<string, Dismissal>>({});
  const [shown, setShown] = useState<Set<Severity>>(() => new Set(SEVERITIES));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkMessage, setCheckMessage] = useState('');
  // the history opens in the popup, or alone in a tab (popup.html?view=history) for long lists
  const inTab = useMemo(() => new URLSearchParams(location.search).get('view') === 'history', []);
  const [view, setView] = useState<'page' | 'history'>(inTab ? 'history' : 'page');

  useEffect(() => {
    document.documentElement.lang = i18n.lang === 'zh' ? 'zh-CN' : 'en';
    let alive = true;
    void (async () => {
      const [s, d, id] = await Promise.all([settingsItem.getValue(), dismissalsItem.getValue(), resolveTabId().catch(() => null)]);
      let st = id === null ? null : await fetchState(id).catch(() => null);
      // a large report was kept without its cells: the page has them
      if (st?.slim && id !== null) st = (await askTab<PageState>(id, { type: 'get-page-state' }, st.frameId)) ?? st;
      // the site switch acts on the tab's own site, never on a frame's
      const href = id === null ? null : await tabUrl(id);
      const host = httpHost(href);
      if (!alive) return;
      setSettings(s);
      setDismissals(d);
      setTabId(id);
      setState(st);
      setTabHost(host);
      setTabHref(href);
      setLoaded(true);
    })();
    const unwatch = [settingsItem.watch((v) => setSettings(v)), dismissalsItem.watch((v) => setDismissals(v ?? {}))];
    return () => {
      alive = false;
      for (const u of unwatch) u();
    };
  }, []);

  const activate = (findingId: string) => {
    setSelectedId(findingId);
    if (tabId !== null) sendToTab(tabId, { type: 'focus-finding', findingId }, state?.frameId);
  };

  async function updateDismissal(findingId: string, value: Dismissal | null) {
    if (!state) return;
    // the background writes verdicts one at a time, and makes room if storage is full
    const answer = (await browser.runtime
      .sendMessage({ type: 'set-verdict', key: reportKey(state), findingId, verdict: value } satisfies Message)
      .catch((e: unknown) => ({ ok: false, error: String(e) }))) as { ok: boolean; error?: string } | undefined;
    if (!answer?.ok) {
      setCheckMessage(t.verdictFailed(answer?.error ?? 'no answer'));
      return;
    }
    const key = dismissalKey(reportKey(state), findingId);
    setDismissals((all) => {
      const next = { ...all };
      if (value) next[key] = value;
      else delete next[key];
      return next;
    });
    if (tabId !== null) sendToTab(tabId, { type: 'refresh' }, state?.frameId);
  }
  const dismiss = (findingId: string, status: DismissalStatus, note: string) => void updateDismissal(findingId, { status, note, at: new Date().toISOString() });
  const reopen = (findingId: string) => void updateDismissal(findingId, null);

  async function saveSettings(change: (s: Settings) => Settings) {
    const next = change(await settingsItem.getValue());
    await settingsItem.setValue(next);
    setSettings(next);
  }
  function setHighlights(on: boolean) {
    void saveSettings((s) => ({ ...s, highlights: on }));
    if (tabId !== null) sendToTab(tabId, { type: 'set-highlights', on }, state?.frameId);
  }
  const host = tabHost;
  function setSiteAuto(on: boolean) {
    if (!host) return;
    void saveSettings((s) => ({
      ...s,
      disabledHosts: on ? s.disabledHosts.filter((h) => h !== host) : [...new Set([...s.disabledHosts, host])],
    }));
  }

  async function checkNow() {
    if (tabId === null) return;
    setChecking(true);
    setCheckMessage('');
    try {
      const r = await checkTab(tabId, state);
      setState(r.state);
      if (r.error) setCheckMessage(t.checkFailed(r.error));
      else if (!r.state) setCheckMessage(t.checkNoResult);
    } catch (e) {
      setCheckMessage(t.checkFailed(e instanceof Error ? e.message : String(e)));
    } finally {
      setChecking(false);
    }
  }

  /** a page holding several reports: show another one (the page marks that one's cells) */
  async function selectReport(index: number) {
    if (tabId === null) return;
    const next = await askTab<PageState>(tabId, { type: 'select-report', index }, state?.frameId);
    if (next) {
      setSelectedId(null);
      setState(next);
    }
  }

  /** the tab's state again, after the page was checked anew (e.g. with last year's report) */
  async function refreshState() {
    if (tabId === null) return;
    let st = await fetchState(tabId).catch(() => null);
    if (st?.slim) st = (await askTab<PageState>(tabId, { type: 'get-page-state' }, st.frameId)) ?? st;
    if (st) setState(st);
  }

  const report = state?.detected ? state.report : null;
  const counts = state ? openCounts(state.findings, dismissals, reportKey(state)) : null;
  const visible = state ? state.findings.filter((f) => shown.has(f.severity)) : [];
  const imagesOnly = !!report?.structure.some((n) => n.code === 'tablesAsImages');

  return (
    <I18nContext.Provider value={i18n}>
      <RuleNamesContext.Provider value={state?.ruleNames ?? NO_NAMES}>
        <main class="popup" aria-busy={!loaded}>
          <h1>{t.appTitle}</h1>
          {!loaded ? (
            <p role="status">{t.loading}</p>
          ) : view === 'history' ? (
            <HistoryView dismissals={dismissals} inTab={inTab} onBack={inTab ? undefined : () => setView('page')} />
          ) : (
            <>
              {tabId === null && <p class="notice">{t.noTab}</p>}
              {state?.internalError && <Diagnostic state={state} />}
              {tabId !== null && !state && <p class="notice">{t.notChecked}</p>}
              {state && !state.detected && <NotReport kind={state.kind} />}
              {tabId !== null && !state?.detected && <TabAttachment tabId={tabId} url={tabHref} />}
              {state && !state.detected && <AttachmentOffer attachments={state.attachments} pageUrl={state.url} />}
              {tabId !== null && (!state || state.trigger !== 'auto') && (
                <div class="actions">
                  <button type="button" class="primary" disabled={checking} onClick={() => void checkNow()}>
                    {checking ? t.checking : t.checkPage}
                  </button>
                </div>
              )}
              <p role="status" class="check-message">
                {checkMessage}
              </p>
              {tabId !== null && <SurveyOffer tabId={tabId} isReport={!!state?.detected} />}
              {state?.slim && (
                <p class="notice" data-testid="slim-state">
                  {t.slimState}
                </p>
              )}
              {state?.memoryError && (
                <p class="notice" role="alert" data-testid="memory-error">
                  {t.memoryWriteFailed(state.memoryError)}
                </p>
              )}
              {state && report && counts && (
                <>
                  {state.frameId !== undefined && state.frameId !== 0 && (
                    <p class="notice" data-testid="frame-origin">
                      {t.frameOrigin(originOf(state.url))}
                    </p>
                  )}
                  {state.reportsOmitted ? <p class="notice">{t.reportsOmitted(state.reportsOmitted, BOUNDS.reportsPerPage)}</p> : null}
                  {state.sections && state.section && (
                    <ReportPicker sections={state.sections} selected={state.section.index} onSelect={(i) => void selectReport(i)} />
                  )}
                  <ReportHeader report={report} url={state.url} counts={counts} />
                  {imagesOnly ? (
                    <ImagesOnly attachments={state.attachments} from={state.url} />
                  ) : (
                    <AttachmentOffer attachments={state.attachments} pageUrl={state.url} />
                  )}
                  {!imagesOnly && <PreviousYear state={state} report={report} tabId={tabId} onChecked={refreshState} />}
                  <div class="controls">
                    <SeverityFilter shown={shown} counts={counts} onChange={setShown} />
                    {settings && <Switch name="highlights" label={t.highlights} checked={settings.highlights} onChange={setHighlights} />}
                  </div>
                  <section class="findings-section" aria-labelledby="findings-heading">
                    <h2 id="findings-heading">
                      {t.findingsHeading} <span class="muted hint">{t.keyboardHint}</span>
                    </h2>
                    {state.findings.length === 0 ? (
                      <p>{t.noFindings}</p>
                    ) : visible.length === 0 ? (
                      <p>{t.allFiltered}</p>
                    ) : (
                      <FindingList
                        findings={visible}
                        report={report}
                        url={reportKey(state)}
                        dismissals={dismissals}
                        selectedId={selectedId}
                        onActivate={activate}
                        onDismiss={dismiss}
                        onReopen={reopen}
                      />
                    )}
                  </section>
                  <Checks passed={state.passed} incomplete={state.incomplete} />
                  <Exports state={state} dismissals={dismissals} />
                </>
              )}
              {host && settings && (
                <SiteSwitch host={host} auto={isAutoHost(host, settings.extraSites)} disabled={settings.disabledHosts.includes(host)} onChange={setSiteAuto} />
              )}
            </>
          )}
          {view === 'page' && <HistoryFooter onOpen={() => setView('history')} />}
        </main>
      </RuleNamesContext.Provider>
    </I18nContext.Provider>
  );
}
