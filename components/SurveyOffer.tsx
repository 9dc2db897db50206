// The popup's “检查本页列出的全部年报（N 份）” (issue 18): when the popup opens, the tab is
// asked which annual reports it links to (entrypoints/list-links.ts, injected once: it
// reads links, fetches nothing); on the click only, a survey run is recorded and the
// survey view opens in a tab, where it runs (entrypoints/survey/). A run under way (or
// just ended) is shown with its progress, a cancel button and a link to its view.

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ListLinks } from '../entrypoints/list-links';
import type { Message } from '../utils/messages';
import { SURVEY_LIMITS, SURVEY_PAUSE, progressOf, unfinished, type SurveyProgress, type SurveyRun } from '../utils/survey';
import { useI18n } from './i18n';

const GOV = /(^|\.)gov\.cn$/i;
/** On a page that is itself a report, related links are common: the offer needs a real list there. */
const MIN_ON_REPORT = 3;

/** The tab's report links, read by a script injected into it (null: none, or the tab cannot be scripted). */
async function listLinks(tabId: number): Promise<ListLinks | null> {
  try {
    const [first] = await browser.scripting.executeScript({ target: { tabId }, files: ['/list-links.js'] });
    return (first?.result as ListLinks | null | undefined) ?? null;
  } catch {
    return null;
  }
}

const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
const surveyUrl = (id: string) => browser.runtime.getURL(`/survey.html?run=${encodeURIComponent(id)}` as '/survey.html');

/** The runs kept, and whether the view of the newest unfinished one still runs it. */
function useSurveyProgress(): SurveyProgress | null {
  const [progress, setProgress] = useState<SurveyProgress | null>(null);
  useEffect(() => {
    let alive = true;
    const ask = async () => {
      const runs = ((await browser.runtime.sendMessage({ type: 'survey-get' } satisfies Message).catch(() => [])) as SurveyRun[] | undefined) ?? [];
      const run = runs[0];
      if (!run) {
        if (alive) setProgress(null);
        return false;
      }
      let p: SurveyProgress = progressOf(run);
      if (unfinished(run.status)) {
        // the survey view answers while it runs the survey (the background does not answer this)
        const live = (await browser.runtime.sendMessage({ type: 'survey-ping', id: run.id } satisfies Message).catch(() => null)) as SurveyProgress | null;
        p = live ? { ...live, live: !!live.live } : { ...p, live: false };
      }
      if (alive) setProgress(p);
      return unfinished(p.status) && p.live !== false;
    };
    // polled while a run is under way, asked once otherwise
    let timer: ReturnType<typeof setInterval> | undefined;
    void ask().then((going) => {
      if (going && alive) timer = setInterval(() => void ask().then((still) => !still && clearInterval(timer)), 1_000);
    });
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  return progress;
}

export function SurveyOffer({ tabId, isReport }: { tabId: number; isReport: boolean }) {
  const { t } = useI18n();
  const [links, setLinks] = useState<ListLinks | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const progress = useSurveyProgress();

  useEffect(() => {
    let alive = true;
    void listLinks(tabId).then((l) => alive && setLinks(l));
    return () => {
      alive = false;
    };
  }, [tabId]);

  const years = useMemo(() => [...new Set((links?.reports ?? []).flatMap((r) => (r.year === null ? [] : [r.year])))].sort((a, b) => b - a), [links]);
  // (an address longer than any real one is left out: the run's record would be refused)
  const chosen = useMemo(() => (links?.reports ?? []).filter((r) => (year === null || r.year === year) && r.url.length <= SURVEY_LIMITS.url), [links, year]);
  const origin = useMemo(() => {
    try {
      return links ? new URL(links.url).origin : null;
    } catch {
      return null;
    }
  }, [links]);
  /** reports linked on another origin of the site: listed in the survey, never fetched */
  const offOrigin = useMemo(() => chosen.filter((r) => !r.url.startsWith(`${origin}/`)).length, [chosen, origin]);

  async function start() {
    if (!links || !origin) return;
    setMessage('');
    // another site than *.gov.cn: its permission, asked in the click itself (before any await)
    if (!GOV.test(new URL(origin).hostname)) {
      const granted = await browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
      if (!granted) return setMessage(t.surveyDenied);
    }
    const run: SurveyRun = {
      id: newId(),
      listUrl: links.url,
      listTitle: links.title,
      origin,
      tabId,
      year,
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      status: 'queued',
      lists: [
        { url: links.url, status: 'read', found: chosen.length },
        ...links.next
          .filter((url) => url.length <= SURVEY_LIMITS.url)
          .slice(0, SURVEY_LIMITS.listPages - 1)
          .map((url) => ({ url, status: 'queued' as const })),
      ],
      items: chosen.map((r) => ({
        url: r.url,
        text: r.text.slice(0, SURVEY_LIMITS.text),
        agency: r.agency?.slice(0, SURVEY_LIMITS.text) ?? null,
        year: r.year,
        format: r.format,
        status: 'queued' as const,
      })),
      current: null,
    };
    const saved = (await browser.runtime
      .sendMessage({ type: 'survey-save', run } satisfies Message)
      .catch((e: unknown) => ({ ok: false, error: String(e) }))) as { ok?: boolean; error?: string } | undefined;
    if (saved?.ok !== true) return setMessage(saved?.error ?? 'not saved');
    await browser.tabs.create({ url: surveyUrl(run.id) });
  }

  const cancel = (id: string) => void browser.runtime.sendMessage({ type: 'survey-cancel', id } satisfies Message).catch(() => undefined);
  const openView = (id: string) => void browser.tabs.create({ url: surveyUrl(id) }).catch(() => undefined);

  const running = progress && unfinished(progress.status) ? progress : null;
  const offer = links && links.reports.length >= (isReport ? MIN_ON_REPORT : 1) && !running;
  if (!offer && !progress) return null;
  return (
    <section class="survey-offer" aria-label={t.surveyOffer(links?.reports.length ?? 0)}>
      {running ? (
        <div class="notice" data-testid="survey-progress">
          {running.live ? (
            <>
              <p role="status">{t.surveyRunning(running.done, running.total)}</p>
              {running.current && <p class="muted hint current">{t.surveyCurrent(running.current)}</p>}
            </>
          ) : (
            <p role="status">{t.surveyClosed(running.done, running.total)}</p>
          )}
          <p>
            {running.live && (
              <button type="button" class="small" onClick={() => cancel(running.id)}>
                {t.surveyCancel}
              </button>
            )}{' '}
            <button type="button" class="small" onClick={() => openView(running.id)}>
              {t.surveyOpen}
            </button>
          </p>
        </div>
      ) : (
        progress &&
        progress.tabId === tabId && (
          <p class="notice" data-testid="survey-ended">
            {t.surveyEnded(progress.done, progress.total, progress.failed)}{' '}
            <button type="button" class="small" onClick={() => openView(progress.id)}>
              {t.surveyOpen}
            </button>
          </p>
        )
      )}
      {offer && (
        <div class="actions survey-start">
          {years.length > 1 && (
            <label>
              {t.surveyYear}{' '}
              <select
                name="survey-year"
                value={year === null ? '' : String(year)}
                onChange={(e) => {
                  const v = (e.currentTarget as HTMLSelectElement).value;
                  setYear(v === '' ? null : Number(v));
                }}
              >
                <option value="">{t.surveyAllYears}</option>
                {years.map((y) => (
                  <option key={y} value={String(y)}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" class="primary" disabled={!chosen.length} onClick={() => void start()}>
            {t.surveyOffer(chosen.length)}
          </button>
          <p class="muted hint">{t.surveyHint(origin ?? '', SURVEY_PAUSE.default / 1000)}</p>
          {offOrigin > 0 && origin && (
            <p class="muted hint" data-testid="survey-off-origin">
              {t.surveyOffOrigin(offOrigin, origin)}
            </p>
          )}
        </div>
      )}
      <p role="status" class="check-message">
        {message}
      </p>
    </section>
  );
}
