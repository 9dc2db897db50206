// What the extension remembers, in browser.storage.local (nothing leaves the browser):
// settings, the reviewer's dismissals, and every report checked (for the cross-year
// checks that build on it).

import type { Report } from '../lib/schema';
import type { Counts, Dismissal, PageState } from './state';

/**
 * One value in browser.storage.local with a fallback. Deliberately tiny (the content
 * script's budget is 25 KB gzip): get, set, and watch for changes from other contexts.
 */
export interface StoredItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** called with the new value whenever it changes; returns the unsubscribe function */
  watch(callback: (value: T) => void): () => void;
}

export function defineItem<T>(key: string, fallback: T): StoredItem<T> {
  const copy = () => structuredClone(fallback);
  return {
    async getValue() {
      const r = await browser.storage.local.get(key);
      return (r[key] as T | undefined) ?? copy();
    },
    async setValue(value) {
      await browser.storage.local.set({ [key]: value });
    },
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && key in changes) callback((changes[key]!.newValue as T | undefined) ?? copy());
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

export interface Settings {
  /** hosts where automatic checking is switched off */
  disabledHosts: string[];
  /** extra host patterns the user added to the automatic list (granted as optional permissions) */
  extraSites: string[];
  highlights: boolean;
}

export const settingsItem = defineItem<Settings>('settings', { disabledHosts: [], extraSites: [], highlights: true });

/** findingKey (page URL + finding id) → the reviewer's verdict */
export const dismissalsItem = defineItem<Record<string, Dismissal>>('dismissals', {});

/** What the memory keeps of a report for the history and the pairing: identity, findings, when. */
export interface ReportSummary {
  /** the report's key (reportKey): page URL without fragment, `#k` for the k-th of several */
  url: string;
  title: string;
  agency: string | null;
  year: number | null;
  format: Report['format'];
  counts: Counts;
  checkedAt: string;
  findings: PageState['findings'];
  /** the report's own address (its Url meta or the page's), for same-site pairing */
  reportUrl: string | null;
  /** identity borrowed from the page (a report of a shared page without its own heading): never paired */
  borrowed: boolean;
}

/** One remembered report in full: the summary and the report read (its cells). */
export interface RememberedReport extends Omit<ReportSummary, 'reportUrl' | 'borrowed'> {
  report: Report;
}

const REPORT_PREFIX = 'report:';
/** key → summary: small, read by every check and by the history */
const indexItem = defineItem<Record<string, ReportSummary>>('reportIndex', {});

/**
 * The report memory. A small index under one key, each report's cells under a key of its
 * own: a check writes only its own reports (a single key rewritten whole would be
 * megabytes after a few hundred reports, and would hold up the page while it is written).
 */
export const reportMemory = {
  index: () => indexItem.getValue(),
  watch: (callback: (index: Record<string, ReportSummary>) => void) => indexItem.watch(callback),

  /**
   * The full entries for these keys (those the memory holds). `index`: the index the caller
   * has just read, so it is not read again (at thousands of reports it is megabytes).
   */
  async load(keys: readonly string[], index?: Readonly<Record<string, ReportSummary>>): Promise<Record<string, RememberedReport>> {
    if (keys.length === 0) return {};
    const [summaries, stored] = await Promise.all([index ?? indexItem.getValue(), browser.storage.local.get(keys.map((k) => REPORT_PREFIX + k))]);
    const out: Record<string, RememberedReport> = {};
    for (const k of keys) {
      const report = stored[REPORT_PREFIX + k] as Report | undefined;
      const summary = summaries[k];
      if (report && summary) {
        const { reportUrl: _u, borrowed: _b, ...rest } = summary;
        out[k] = { ...rest, report };
      }
    }
    return out;
  },

  async all(): Promise<Record<string, RememberedReport>> {
    const index = await indexItem.getValue();
    return reportMemory.load(Object.keys(index), index);
  },

  /** `borrowed`: see ReportSummary (lib/cross-year.ts borrowsIdentity, computed by the caller) */
  async put(entries: readonly (RememberedReport & { borrowed: boolean })[]): Promise<void> {
    if (entries.length === 0) return;
    const index = { ...(await indexItem.getValue()) };
    const reports: Record<string, Report> = {};
    for (const { report, ...rest } of entries) {
      index[rest.url] = { ...rest, reportUrl: report.url };
      reports[REPORT_PREFIX + rest.url] = report;
    }
    await browser.storage.local.set({ ...reports, reportIndex: index });
  },

  /** Reports an earlier version kept under one key ('reports') move to this layout (they predate shared pages: none borrowed). */
  async migrate(): Promise<void> {
    const { reports } = await browser.storage.local.get('reports');
    if (!reports) return;
    await reportMemory.put(Object.values(reports as Record<string, RememberedReport>).map((r) => ({ ...r, borrowed: false })));
    await browser.storage.local.remove('reports');
  },

  async clear(): Promise<void> {
    const index = await indexItem.getValue();
    await browser.storage.local.remove([...Object.keys(index).map((k) => REPORT_PREFIX + k), 'reportIndex']);
  },
};

const GOV_HOST = /(^|\.)gov\.cn$/i;

/** The host part of a match pattern ("*://*.example.com/*" → "*.example.com"). */
export const patternHost = (pattern: string) => /^[^:]+:\/\/([^/]+)/.exec(pattern)?.[1] ?? pattern;

/** Hosts checked automatically: *.gov.cn, and the sites the user added (with their permission). */
export function isAutoHost(host: string, extraSites: readonly string[]): boolean {
  if (GOV_HOST.test(host)) return true;
  return extraSites.some((p) => {
    const h = patternHost(p);
    return h.startsWith('*.') ? host === h.slice(2) || host.endsWith(h.slice(1)) : host === h;
  });
}

/** "example.com" or "*.example.com" → a match pattern for every page of that site. */
export function sitePattern(input: string): string | null {
  const host = input.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  return /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? `*://${host}/*` : null;
}
