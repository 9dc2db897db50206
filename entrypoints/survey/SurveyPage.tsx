// The survey page: survey.html?run=<id> runs (or shows) one survey of a list page, started
// by the popup's click; survey.html alone shows every remembered report (from the
// history). The run lives here, in an extension page in a tab: it survives the popup
// closing, and a service worker stopped mid-run cannot lose it. One page at a time runs a
// run (a Web Lock per run); another page of the same run only shows it. Each step is saved
// through the background (the popup shows the progress) and each report is remembered as
// it is checked, so a reload shows what was done and offers to go on.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { readListPage } from '../../lib/survey/list-page';
import { pickLang, SURVEY_WORDS } from '../../lib/vocabulary';
import type { Message } from '../../utils/messages';
import { pageKey, type Dismissal } from '../../utils/page-state';
import { dismissalsItem, type RememberedReport, type ReportSummary } from '../../utils/storage';
import { progressOf, SURVEY_PAUSE, unfinished, type SurveyRun } from '../../utils/survey';
import { I18nContext, MESSAGES } from '../../components/i18n';
import { surveyRows, type ErrorText } from '../../components/survey/rows';
import { SurveyView } from '../../components/survey/SurveyView';
import { checkAttachmentBytes, checkFetchedPage } from './check';
import { fetchSurveyPage, PAGE_TIMEOUT_MS } from './fetch';
import { surveyBadge } from './overlay';
import { runSurvey, sleepFor } from './runner';
import { allRuleNames } from '../../lib/rules/index';
import { RuleNamesContext } from '../../components/rule-names';

/** this page runs the rules: every rule's name from the list itself */
const RULE_NAMES = allRuleNames();

const send = (message: Message): Promise<unknown> => browser.runtime.sendMessage(message);

/**
 * The pause between requests and a page's time limit: SURVEY_PAUSE.default and
 * PAGE_TIMEOUT_MS, or storage.local `surveyPauseMs` / `surveyTimeoutMs` (the tests lower them), within bounds.
 */
async function timings(): Promise<{ pause: number; timeout: number }> {
  const r = (await browser.storage.local.get(['surveyPauseMs', 'surveyTimeoutMs']).catch(() => ({}))) as Record<string, unknown>;
  const within = (v: unknown, min: number, max: number, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
  return {
    pause: within(r.surveyPauseMs, SURVEY_PAUSE.min, SURVEY_PAUSE.max, SURVEY_PAUSE.default),
    timeout: within(r.surveyTimeoutMs, 1_000, 120_000, PAGE_TIMEOUT_MS),
  };
}

/** What is being fetched, as the list names it (its link's text, cut short), for the list page's badge. */
const currentText = (r: SurveyRun): string => {
  const item = r.current ? r.items.find((i) => i.url === r.current) : undefined;
  const text = item?.text ?? '';
  return text.length > 30 ? `${text.slice(0, 29)}…` : text;
};

const copyRun = (r: SurveyRun): SurveyRun => ({ ...r, lists: r.lists.map((l) => ({ ...l })), items: r.items.map((i) => ({ ...i })) });

/** The first errors of a remembered report, as the view shows them. */
const errorsOf = (r: RememberedReport): ErrorText[] =>
  r.findings
    .filter((f) => f.severity === 'error')
    .slice(0, 20)
    .map(({ id, ruleId, message, messageEn }) => ({ id, ruleId, message, messageEn }));

/** Hold a Web Lock for the page's life; false when another page holds it. */
function holdLock(name: string): Promise<boolean> {
  if (!('locks' in navigator)) return Promise.resolve(true);
  return new Promise((resolve) => {
    void navigator.locks.request(name, { ifAvailable: true }, (lock) => {
      resolve(!!lock);
      return lock ? new Promise<void>(() => undefined) : undefined;
    });
  });
}

export function SurveyPage() {
  const lang = useMemo(() => pickLang(navigator.language), []);
  const w = SURVEY_WORDS[lang];
  const runId = useMemo(() => new URLSearchParams(location.search).get('run'), []);
  const [run, setRun] = useState<SurveyRun | null>(null);
  const [missing, setMissing] = useState(false);
  const [index, setIndex] = useState<Record<string, ReportSummary>>({});
  const [dismissals, setDismissals] = useState<Record<string, Dismissal>>({});
  const [errors, setErrors] = useState<Map<string, ErrorText[]>>(new Map());
  const [running, setRunning] = useState(false);
  const [owner, setOwner] = useState(false);
  const [recent, setRecent] = useState<SurveyRun[]>([]);
  const [pause, setPause] = useState<number>(SURVEY_PAUSE.default);
  const pauseRef = useRef<number>(SURVEY_PAUSE.default);
  const timeoutRef = useRef<number>(PAGE_TIMEOUT_MS);
  const controller = useRef<AbortController | null>(null);
  const live = useRef<SurveyRun | null>(null);
  /** the index entry's checkedAt each key's errors were loaded for */
  const loadedAt = useRef(new Map<string, string>());
  const loading = useRef(false);

  const refreshIndex = () =>
    void send({ type: 'get-history' } satisfies Message)
      .then((h) => h && setIndex((h as { index: Record<string, ReportSummary> }).index))
      .catch(() => undefined);
  const refreshRun = () =>
    runId === null
      ? undefined
      : void send({ type: 'survey-get', id: runId } satisfies Message)
          .then((r) => {
            if (r) setRun(r as SurveyRun);
            else setMissing(true);
          })
          .catch(() => undefined);

  /** The list page's badge, while its tab still shows the list (a tab gone or navigated is left alone). */
  async function badge(r: SurveyRun, text: string | null) {
    if (r.tabId === null) return;
    const tab = await browser.tabs.get(r.tabId).catch(() => null);
    if (!tab?.url || pageKey(tab.url) !== pageKey(r.listUrl)) return;
    await browser.scripting.executeScript({ target: { tabId: r.tabId }, func: surveyBadge, args: [text, w.badgeClose] }).catch(() => undefined);
  }

  async function start(from: SurveyRun) {
    if (controller.current) return;
    const ctl = new AbortController();
    controller.current = ctl;
    setRunning(true);
    const target = copyRun(from);
    live.current = target;
    try {
      await runSurvey(
        target,
        {
          // (an attachment may take longer than a page: a PDF of a few MB)
          fetchPage: (url, signal, attachment) =>
            fetchSurveyPage(url, target.origin, signal, attachment ? timeoutRef.current * 4 : timeoutRef.current, attachment),
          readList: readListPage,
          check: (url, doc) => checkFetchedPage(url, doc, send),
          checkAttachment: (url, bytes) => checkAttachmentBytes(url, bytes, send),
          save: async (r) => {
            setRun(copyRun(r));
            const answer = (await send({ type: 'survey-save', run: r } satisfies Message)) as { ok?: boolean; error?: string } | undefined;
            const p = progressOf(r);
            void badge(r, unfinished(r.status) ? w.badge(p.done, p.total, currentText(r)) : w.badgeDone(p.done, p.total, p.failed));
            if (answer?.ok !== true) throw new Error(answer?.error ?? 'not saved');
          },
          sleep: sleepFor,
          now: Date.now,
          pauseMs: pauseRef.current,
        },
        ctl.signal,
      );
    } finally {
      controller.current = null;
      setRunning(false);
      // the badge on the list page goes after a while (the reviewer may also close it)
      setTimeout(() => void badge(target, null), 20_000);
    }
  }

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = w.title;
    let alive = true;
    void (async () => {
      const [{ pause: p, timeout }, d, runs] = await Promise.all([
        timings(),
        dismissalsItem.getValue(),
        send({ type: 'survey-get' } satisfies Message).catch(() => []),
      ]);
      if (!alive) return;
      setPause(p);
      pauseRef.current = p;
      timeoutRef.current = timeout;
      setDismissals(d);
      setRecent((runs as SurveyRun[] | undefined) ?? []);
      refreshIndex();
      if (runId === null) return;
      const r = (await send({ type: 'survey-get', id: runId } satisfies Message).catch(() => null)) as SurveyRun | null;
      if (!alive) return;
      if (!r) return setMissing(true);
      setRun(r);
      const mine = await holdLock(`gip-survey-${runId}`);
      setOwner(mine);
      // a new run starts here; one begun before (this page reloaded) waits for the reviewer
      if (mine && r.status === 'queued' && r.startedAt === null) void start(r);
    })();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local') return;
      if ('reportIndex' in changes) refreshIndex();
      if (runId !== null && `survey:${runId}` in changes && !controller.current) refreshRun();
    };
    browser.storage.onChanged.addListener(onChanged);
    const unwatch = dismissalsItem.watch((v) => setDismissals(v ?? {}));
    // the popup's cancel and progress questions (from our own pages only)
    const onMessage = (raw: unknown, sender: { id?: string; url?: string; tab?: unknown }, sendResponse: (r: unknown) => void) => {
      const m = raw as Message;
      if (runId === null || sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) return;
      if ((m.type !== 'survey-cancel' && m.type !== 'survey-ping') || m.id !== runId) return;
      if (m.type === 'survey-cancel') controller.current?.abort(new DOMException('cancelled', 'AbortError'));
      const r = live.current;
      sendResponse(r ? { ...progressOf(r), live: !!controller.current } : null);
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
      browser.runtime.onMessage.removeListener(onMessage);
      unwatch();
    };
  }, []);

  const rows = useMemo(() => (runId !== null && !run ? [] : surveyRows(run, index, dismissals, errors)), [run, index, dismissals, errors, runId]);

  // the first errors' words: loaded from the memory for the reports with errors, once per check
  useEffect(() => {
    if (loading.current) return;
    const keys = rows
      .filter(
        (r) =>
          r.state === 'checked' &&
          r.counts &&
          index[r.key] &&
          Object.values(index[r.key]!.findingIds).includes('error') &&
          loadedAt.current.get(r.key) !== index[r.key]!.checkedAt,
      )
      .map((r) => r.key);
    if (!keys.length) return;
    loading.current = true;
    void (async () => {
      try {
        for (let i = 0; i < keys.length; i += 50) {
          const chunk = keys.slice(i, i + 50);
          const got =
            ((await send({ type: 'load-reports', keys: chunk } satisfies Message).catch(() => ({}))) as Record<string, RememberedReport> | undefined) ?? {};
          setErrors((before) => {
            const next = new Map(before);
            for (const k of chunk) {
              const r = got[k];
              if (!r) continue;
              next.set(k, errorsOf(r));
              loadedAt.current.set(k, r.checkedAt);
            }
            return next;
          });
        }
      } finally {
        loading.current = false;
      }
    })();
  }, [rows]);

  const canResume = owner && !running && !!run && (unfinished(run.status) || run.items.some((i) => i.reason === 'stopped'));
  return (
    <I18nContext.Provider value={{ lang, t: MESSAGES[lang] }}>
      <RuleNamesContext.Provider value={RULE_NAMES}>
        <SurveyView
          lang={lang}
          run={run}
          rows={rows}
          dismissals={dismissals}
          running={running}
          canResume={canResume}
          pauseMs={pause}
          recent={recent}
          notice={missing ? w.noRun : undefined}
          onCancel={() => controller.current?.abort(new DOMException('cancelled', 'AbortError'))}
          onResume={() => run && void start(run)}
        />
      </RuleNamesContext.Provider>
    </I18nContext.Provider>
  );
}
