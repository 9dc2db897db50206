// Messages between the content script, the background and the popup. Each has a
// `type`; receivers check it with `isMessage` before trusting the shape.

import type { PairAnswer, PairRequest } from './memory';
import type { Dismissal, PageState } from './page-state';
import type { RememberedReport } from './storage';
import type { SurveyRun } from './survey';

export type Message =
  /** content → background: the page was checked (or found not to be a report) */
  | { type: 'page-state'; state: PageState }
  /** probe content script → background: this page looks like a report; inject the checker */
  | { type: 'inject-checker' }
  /** popup → background: the state of a tab */
  | { type: 'get-state'; tabId: number }
  /** popup → background: check this tab now (on demand, via activeTab + scripting) */
  | { type: 'check-tab'; tabId: number }
  /** popup/background → content: scroll to and flash a finding's cell */
  | { type: 'focus-finding'; findingId: string }
  /** background (keyboard command) → content: next / previous finding */
  | { type: 'step-finding'; direction: 1 | -1 }
  /** popup → content: highlights on or off */
  | { type: 'set-highlights'; on: boolean }
  /** popup → content: the reviewer's dismissals changed; re-apply statuses */
  | { type: 'refresh' }
  /** popup → content: the current state (fresh from the page) */
  | { type: 'get-page-state' }
  /** popup → content: check the page again (after the reviewer chose a year before) */
  | { type: 'recheck' }
  /** popup → content: on a page holding several reports, show (mark, navigate) the report with this index; answers with the new state */
  | { type: 'select-report'; index: number }
  /**
   * popup → background → content: find, fetch (same origin) and check the same agency's
   * report of the year before. Through the background, which then accepts that page's
   * `remember` from the tab (a fetch on the reviewer's click).
   */
  | { type: 'fetch-previous'; tabId?: number; frameId?: number }
  /** checker → background: remember these reports (the sender's own page's, or the page it fetched on a click) */
  | { type: 'remember'; entries: RememberedReport[] }
  /** checker → background: the year before of the page's reports (the memory is read there, not in the page) */
  | { type: 'pair'; reports: PairRequest[] }
  /** popup → background: forget every remembered report; `verdicts`: the verdicts and notes too */
  | { type: 'forget-reports'; verdicts?: boolean }
  /** popup → background: the memory's index and status, for the history */
  | { type: 'get-history' }
  /** popup → background: these remembered reports in full (exports) */
  | { type: 'load-reports'; keys: string[] }
  /**
   * attachment page → background: the year before of the reports read from an attachment
   * (`source`: the address it was downloaded from, or `file:<sha256>` for a file on disk;
   * each report's key is `source`, or `source#k`). Accepted from our own pages only.
   */
  | { type: 'attachment-pair'; source: string; reports: PairRequest[] }
  /** attachment page → background: remember the reports read from an attachment (keys as for `attachment-pair`) */
  | { type: 'attachment-remember'; source: string; entries: RememberedReport[] }
  /** popup → background: the reviewer's verdict on a finding (null: reopen), written one at a time */
  | { type: 'set-verdict'; key: string; findingId: string; verdict: Dismissal | null }
  /** popup → background: pair report `key` with `previous` (another site's, offered as a suggestion); null: undo */
  | { type: 'choose-previous'; key: string; previous: string | null }
  /** popup / survey view → background: keep a survey run's record (utils/survey.ts), validated, one write at a time */
  | { type: 'survey-save'; run: SurveyRun }
  /** popup / survey view → background: one run (`id`), or the runs kept (newest first) */
  | { type: 'survey-get'; id?: string }
  /** survey view → background: remember the reports of one page it fetched on the reviewer's click */
  | { type: 'survey-remember'; entries: RememberedReport[] }
  /** survey view → background: the year before of the reports of one page it fetched (as `pair`) */
  | { type: 'survey-pair'; pageUrl: string; reports: PairRequest[] }
  /** popup → survey view (the background does not answer): stop the run `id` */
  | { type: 'survey-cancel'; id: string }
  /** popup → survey view (the background does not answer): is run `id` running there, and how far is it (SurveyProgress) */
  | { type: 'survey-ping'; id: string };

/** The background's answer to `pair`. */
export interface PairResult {
  answers: PairAnswer[];
  /** the background's own time pairing (ms), part of the check's */
  ms: number;
}

/** The checker's answer to `fetch-previous`. */
export type PreviousFetchResult =
  | { ok: true; source: string; year: number | null; tried: number }
  | { ok: false; reason: 'noReport' | 'noYear' | 'noAgency' | 'noLinks' | 'notFound' | 'error'; tried: number; error?: string };

export type MessageType = Message['type'];

/** Set by the background in the page's isolated world before it injects the checker: why it runs. */
export const CHECKER_TRIGGER = Symbol.for('gip-report-checker.trigger');
const TYPES = new Set<MessageType>([
  'attachment-pair',
  'attachment-remember',
  'inject-checker',
  'page-state',
  'get-state',
  'check-tab',
  'focus-finding',
  'step-finding',
  'set-highlights',
  'refresh',
  'get-page-state',
  'recheck',
  'fetch-previous',
  'select-report',
  'remember',
  'pair',
  'forget-reports',
  'get-history',
  'load-reports',
  'set-verdict',
  'choose-previous',
  'survey-save',
  'survey-get',
  'survey-remember',
  'survey-pair',
  'survey-cancel',
  'survey-ping',
]);

export function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && TYPES.has((x as { type?: MessageType }).type as MessageType);
}

/**
 * A message to a tab's checker: to the one in `frameId` (the frame whose state the tab
 * shows) when it is known, as on demand every frame of a page runs one and the first
 * answer would win.
 */
export const toChecker = (tabId: number, message: Message, frameId: number | undefined): Promise<unknown> =>
  frameId === undefined ? browser.tabs.sendMessage(tabId, message) : browser.tabs.sendMessage(tabId, message, { frameId });
