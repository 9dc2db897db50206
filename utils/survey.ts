// A survey of a site (issue 18): every report a list page links to, fetched one at a time
// on the reviewer's click and checked in the survey view (entrypoints/survey/), which
// runs it; the background keeps its record (utils/survey-store.ts) so the popup shows the
// progress and a reload of the view shows what was done. Plain data, no zod (the popup
// reads it too). The reports themselves go to the report memory as they are checked.

/** What a list page's link says the report is in (lib/survey/list-page.ts ListedFormat). */
export type SurveyFormat = 'html' | 'pdf' | 'docx' | 'other';

/** Why an address gave no report: each becomes a row with its reason, and the run goes on. */
export type SurveyFailure =
  | 'http' // 404, 500 … (detail: the status)
  | 'redirect' // the server sent the request elsewhere; not followed (only the list's own origin is asked)
  | 'timeout'
  | 'network'
  | 'notHtml' // not a web page (and not an attachment the view can read)
  | 'tooLarge'
  | 'encoding' // an encoding the browser does not know
  | 'notReport' // a page, but no report in it
  | 'attachment' // a PDF/DOCX report: listed for checking one by one
  | 'offSite' // not on the list's origin: never fetched
  | 'stopped' // not fetched: the run stopped after repeated failures
  | 'error'; // an error in our code, caught

export interface SurveyItem {
  /** the address fetched (absolute, no fragment) */
  url: string;
  /** the link's text on the list */
  text: string;
  agency: string | null;
  year: number | null;
  format: SurveyFormat;
  status: 'queued' | 'checked' | 'failed';
  reason?: SurveyFailure;
  /** e.g. the HTTP status, the error's message (bounded) */
  detail?: string;
  /** the keys of the reports remembered from it (the page's, or `#k` for several on one page) */
  keys?: string[];
  /** the page's encoding when it was not UTF-8 (gbk …): decoded, said */
  encoding?: string;
  /** when it was done */
  at?: string;
}

export type SurveyStatus = 'queued' | 'listing' | 'running' | 'done' | 'cancelled' | 'stopped';

export interface SurveyRun {
  id: string;
  /** the list page the reviewer was on */
  listUrl: string;
  listTitle: string;
  /** every request goes to this origin only */
  origin: string;
  /** the list's tab (its progress badge), null when unknown */
  tabId: number | null;
  /** only reports of this year (null: all) */
  year: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  status: SurveyStatus;
  /** why it stopped (repeated failures …) */
  stopDetail?: string;
  /** the list's pages: the first (read in the tab) and those its pagination leads to */
  lists: { url: string; status: 'queued' | 'read' | 'failed'; detail?: string; found?: number }[];
  items: SurveyItem[];
  /** the address being fetched now */
  current: string | null;
}

/** Bounds: a run's list pages and reports, and the runs kept. */
export const SURVEY_LIMITS = { listPages: 30, items: 1_000, runs: 10, text: 300, detail: 300, url: 2_048 };

/** The pause between two requests, ms (storage.local `surveyPauseMs` may lower it for tests, never below min). */
export const SURVEY_PAUSE = { default: 1_000, min: 20, max: 60_000 };

/** The progress the popup shows. */
export interface SurveyProgress {
  id: string;
  status: SurveyStatus;
  done: number;
  total: number;
  failed: number;
  current: string | null;
  listUrl: string;
  tabId: number | null;
  /** the survey view runs it now (answered by the view; false: the view was closed) */
  live?: boolean;
}

export const progressOf = (run: SurveyRun): SurveyProgress => ({
  id: run.id,
  status: run.status,
  done: run.items.filter((i) => i.status !== 'queued').length,
  total: run.items.length,
  failed: run.items.filter((i) => i.status === 'failed').length,
  current: run.current,
  listUrl: run.listUrl,
  tabId: run.tabId,
});

/** A run that has not reached its end (it may be running, or its view was closed). */
export const unfinished = (s: SurveyStatus): boolean => s === 'queued' || s === 'listing' || s === 'running';
