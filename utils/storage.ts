// What the extension remembers, in browser.storage.local (nothing leaves the browser):
// settings, the reviewer's dismissals, and every report checked (for the cross-year
// checks that build on it).

import type { Finding, Report, Severity } from '../lib/schema';
import type { Dismissal } from './page-state';
import type { Counts } from '../lib/severity';
import { MatchPattern } from '@webext-core/match-patterns';

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

/**
 * `valid`: what a stored value must look like to be used (anything in storage.local can
 * have been written by another context); a value that fails reads as the fallback, or is
 * repaired by `valid` returning a cleaned copy.
 */
export function defineItem<T>(key: string, fallback: T, valid: (stored: unknown) => T | null = (x) => (x === undefined ? null : (x as T))): StoredItem<T> {
  const copy = () => structuredClone(fallback);
  const read = (stored: unknown): T => (stored === undefined ? null : valid(stored)) ?? copy();
  return {
    async getValue() {
      const r = await browser.storage.local.get(key);
      return read(r[key]);
    },
    async setValue(value) {
      await browser.storage.local.set({ [key]: value });
    },
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && key in changes) callback(read(changes[key]!.newValue));
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

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string' && s.length <= 300).slice(0, 1_000) : []);

/** Settings as stored, each field checked (hand-written: zod would weigh on the content script). */
function validSettings(x: unknown): Settings | null {
  if (!isObject(x)) return null;
  return { disabledHosts: strings(x.disabledHosts), extraSites: strings(x.extraSites), highlights: x.highlights !== false };
}

export const settingsItem = defineItem<Settings>('settings', { disabledHosts: [], extraSites: [], highlights: true }, validSettings);

const STATUSES = new Set(['falsePositive', 'verified']);
/** The longest note kept with a verdict. */
export const MAX_NOTE = 2_000;

/** Verdicts as stored: entries that are not verdicts are left out, never guessed at. */
function validDismissals(x: unknown): Record<string, Dismissal> | null {
  if (!isObject(x)) return null;
  const out: Record<string, Dismissal> = {};
  for (const key in x) {
    const d = x[key];
    if (isObject(d) && STATUSES.has(d.status as string) && typeof d.note === 'string' && d.note.length <= MAX_NOTE && typeof d.at === 'string')
      out[key] = { status: d.status as Dismissal['status'], note: d.note, at: d.at.slice(0, 40) };
  }
  return out;
}

/** findingKey (report key + finding id) → the reviewer's verdict. Written by the background only (one write at a time). */
export const dismissalsItem = defineItem<Record<string, Dismissal>>('dismissals', {}, validDismissals);

/** What identifies a remembered report and counts its findings (utils/memory-schema.ts checks it). */
export interface ReportIdentity {
  /** the report's key (reportKey): the address it was read at without fragment, `#k` for the k-th of several */
  url: string;
  title: string;
  agency: string | null;
  year: number | null;
  format: Report['format'];
  counts: Counts;
  checkedAt: string;
}

/** What the memory's index keeps of a report, for the history and the pairing (IndexEntrySchema). */
export interface ReportSummary extends ReportIdentity {
  /** finding id → severity (the findings themselves are in the report's record) */
  findingIds: Record<string, Severity>;
  /** identity borrowed from the page (a report of a shared page without its own heading): never paired */
  borrowed: boolean;
  /** remembered from a page fetched on the reviewer's click (获取上一年度报告) */
  fetched: boolean;
  /** the record's size in characters, for the memory's cap */
  bytes: number;
}

/** One remembered report in full: identity, counts, findings and the report read (its cells). */
export interface RememberedReport extends ReportIdentity {
  report: Report;
  findings: Finding[];
}

/** What the memory tells the reviewer about itself (kept in storage.local, shown in the history and the popup). */
export interface MemoryStatus {
  /** reports dropped, oldest first, to keep within the cap (MEMORY_CAP), in all */
  evicted: number;
  lastEvictedAt: string | null;
  /** stored entries that failed validation and were removed */
  dropped: number;
  /** the last write that failed (storage full, anything), until a write succeeds */
  lastError: { at: string; message: string } | null;
}

/** The memory's cap: oldest reports (by when they were checked) go first beyond it. */
export const MEMORY_CAP = { reports: 5_000, bytes: 200_000_000 };

/** The manifest's host permission: every *.gov.cn page is checked automatically. */
const GOV_PATTERN = '*://*.gov.cn/*';

/** The host part of a match pattern ("*://*.example.com/*" → "*.example.com"). */
export const patternHost = (pattern: string) => /^[^:]+:\/\/([^/]+)/.exec(pattern)?.[1] ?? pattern;

/** Whether a page of `host` falls under a match pattern, read as the browser reads it (a stored pattern that is not one matches nothing). */
function patternIncludes(pattern: string, host: string): boolean {
  try {
    return new MatchPattern(pattern).includes(`https://${host}/`);
  } catch {
    return false;
  }
}

/** Hosts checked automatically: *.gov.cn, and the sites the user added (with their permission). */
export function isAutoHost(host: string, extraSites: readonly string[]): boolean {
  return [GOV_PATTERN, ...extraSites].some((p) => patternIncludes(p, host));
}

/** "example.com" or "*.example.com" → a match pattern for every page of that site. */
export function sitePattern(input: string): string | null {
  const host = input
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? `*://${host}/*` : null;
}
