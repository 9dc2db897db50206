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

/** One remembered report: identity, cells, findings summary and when it was checked. */
export interface RememberedReport {
  url: string;
  title: string;
  agency: string | null;
  year: number | null;
  format: Report['format'];
  counts: Counts;
  checkedAt: string;
  report: Report;
  findings: PageState['findings'];
}

/** page URL → remembered report (the report memory) */
export const reportsItem = defineItem<Record<string, RememberedReport>>('reports', {});

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
