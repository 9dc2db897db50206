// The report memory, kept and read by the background only: every report checked, for
// the cross-year checks and the history. A small index under one key, each report's
// cells and findings under a key of its own (a check writes only its own reports).
//
// Trust (issue 16): everything read back is validated (memory-schema.ts) and what fails
// is dropped and counted; a report is paired with the year before only on its own site
// (the address it was read at, never what the page claims), unless the reviewer chose
// otherwise; the memory is capped, oldest first, and says so.

import { withPrevious } from '../lib/check';
import { borrowsIdentity, previousReports, type Dated as PairingItem, type Paired, type PairingIdentity } from '../lib/pairing';
import { BOUNDS, boundFindings, boundReport, clip } from '../lib/bounds';
import { CROSS_YEAR_RULES } from '../lib/rules';
import type { PreviousReport } from '../lib/rules/support/types';
import type { Report, Severity } from '../lib/schema';
import { siteOf } from '../lib/site';
import {
  IndexEntrySchema,
  PairingChoicesSchema,
  RecordSchema,
  RememberedReportSchema,
  STORAGE_VERSION,
  V1IndexEntrySchema,
  type IndexEntry,
} from './memory-schema';
import { countBySeverity } from '../lib/severity';
import { MEMORY_CAP, type MemoryStatus, type RememberedReport, type ReportSummary } from './storage';

type Index = Readonly<Record<string, ReportSummary>>;

const REPORT_PREFIX = 'report:';
const INDEX = 'reportIndex';
const VERSION = 'storageVersion';
const STATUS = 'memoryStatus';
const CHOICES = 'pairingChoices';

const CROSS_YEAR_IDS = new Set(CROSS_YEAR_RULES.map((r) => r.id));

async function readStatus(): Promise<MemoryStatus> {
  const r = await browser.storage.local.get(STATUS);
  const s = r[STATUS] as Partial<MemoryStatus> | undefined;
  const n = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : 0);
  const err = s?.lastError;
  return {
    evicted: n(s?.evicted),
    lastEvictedAt: typeof s?.lastEvictedAt === 'string' ? s.lastEvictedAt.slice(0, 40) : null,
    dropped: n(s?.dropped),
    lastError: err && typeof err.message === 'string' && typeof err.at === 'string' ? { at: err.at.slice(0, 40), message: err.message.slice(0, 500) } : null,
  };
}

/** The index as stored, each entry validated; the keys of those that failed. */
async function readIndex(): Promise<{ index: Record<string, ReportSummary>; invalid: string[] }> {
  const r = await browser.storage.local.get(INDEX);
  const raw = r[INDEX];
  const index: Record<string, ReportSummary> = {};
  const invalid: string[] = [];
  if (typeof raw !== 'object' || raw === null) return { index, invalid };
  for (const key of Object.keys(raw)) {
    const parsed = IndexEntrySchema.safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data.url === key) index[key] = parsed.data;
    else invalid.push(key);
  }
  return { index, invalid };
}

const summaryOf = (e: RememberedReport, fetched: boolean, bytes: number): IndexEntry => ({
  url: e.url,
  title: e.title,
  agency: e.agency,
  year: e.year,
  format: e.format,
  counts: e.counts,
  checkedAt: e.checkedAt,
  findingIds: Object.fromEntries(e.findings.map((f) => [f.id, f.severity] as [string, Severity])),
  borrowed: borrowsIdentity(e.report),
  fetched,
  bytes,
});

/** Keys to make room for `incoming` within MEMORY_CAP: the oldest checked first, never those being written. */
function evictions(index: Index, incoming: ReadonlySet<string>): string[] {
  const kept = Object.values(index).filter((e) => !incoming.has(e.url));
  let count = kept.length + incoming.size;
  let bytes = kept.reduce((a, e) => a + e.bytes, 0) + [...incoming].reduce((a, k) => a + (index[k]?.bytes ?? 0), 0);
  if (count <= MEMORY_CAP.reports && bytes <= MEMORY_CAP.bytes) return [];
  const out: string[] = [];
  for (const e of kept.sort((a, b) => (a.checkedAt < b.checkedAt ? -1 : a.checkedAt > b.checkedAt ? 1 : 0))) {
    if (count <= MEMORY_CAP.reports && bytes <= MEMORY_CAP.bytes) break;
    out.push(e.url);
    count--;
    bytes -= e.bytes;
  }
  return out;
}

export const reportMemory = {
  /** The index, validated (entries that fail are left out; `sweep` removes them). */
  index: async (): Promise<Record<string, ReportSummary>> => (await readIndex()).index,

  status: readStatus,

  /**
   * The full entries for these keys (those the memory holds and that validate). `index`:
   * the index the caller has just read, so it is not read again. `invalid` collects the
   * keys whose records failed validation (the caller removes them, in the write queue).
   */
  async load(keys: readonly string[], index?: Index, invalid: string[] = []): Promise<Record<string, RememberedReport>> {
    if (keys.length === 0) return {};
    const [summaries, stored] = await Promise.all([index ?? reportMemory.index(), browser.storage.local.get(keys.map((k) => REPORT_PREFIX + k))]);
    const out: Record<string, RememberedReport> = {};
    for (const k of keys) {
      const summary = summaries[k];
      if (!summary) continue;
      const record = RecordSchema.safeParse(stored[REPORT_PREFIX + k]);
      if (!record.success) {
        invalid.push(k);
        continue;
      }
      const { url, title, agency, year, format, counts, checkedAt } = summary;
      out[k] = { url, title, agency, year, format, counts, checkedAt, ...record.data };
    }
    return out;
  },

  async all(): Promise<Record<string, RememberedReport>> {
    const index = await reportMemory.index();
    return reportMemory.load(Object.keys(index), index);
  },

  /**
   * Write these reports (validated first: one that fails is not written, and the error
   * says which) and keep within MEMORY_CAP, oldest first. Records and index are written
   * in one `set`, so they always agree; the evicted records are removed after.
   */
  async put(entries: readonly (RememberedReport & { fetched?: boolean })[]): Promise<{ evicted: number }> {
    if (entries.length === 0) return { evicted: 0 };
    const [{ index: current }, status] = await Promise.all([readIndex(), readStatus()]);
    const index: Record<string, ReportSummary> = { ...current };
    const records: Record<string, unknown> = {};
    for (const { fetched, ...entry } of entries) {
      const parsed = RememberedReportSchema.safeParse(entry);
      if (!parsed.success) throw new Error(`report ${entry.url.slice(0, 200)} refused: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      const record = { report: parsed.data.report, findings: parsed.data.findings };
      const bytes = JSON.stringify(record).length;
      // a page re-checked keeps the flag of a fetch on the reviewer's click
      index[entry.url] = summaryOf(parsed.data, !!fetched || !!current[entry.url]?.fetched, bytes);
      records[REPORT_PREFIX + entry.url] = record;
    }
    const evicted = evictions(index, new Set(entries.map((e) => e.url)));
    for (const k of evicted) delete index[k];
    const next: MemoryStatus = {
      ...status,
      lastError: null,
      ...(evicted.length && { evicted: status.evicted + evicted.length, lastEvictedAt: new Date().toISOString() }),
    };
    await browser.storage.local.set({ ...records, [INDEX]: index, [STATUS]: next, [VERSION]: STORAGE_VERSION });
    if (evicted.length) await browser.storage.local.remove(evicted.map((k) => REPORT_PREFIX + k));
    return { evicted: evicted.length };
  },

  /** Remove entries that failed validation (their index entries and records) and count them. */
  async forgetInvalid(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const [r, status] = await Promise.all([browser.storage.local.get(INDEX), readStatus()]);
    const raw = { ...((r[INDEX] as Record<string, unknown> | undefined) ?? {}) };
    for (const k of keys) delete raw[k];
    await browser.storage.local.set({ [INDEX]: raw, [STATUS]: { ...status, dropped: status.dropped + keys.length } });
    await browser.storage.local.remove(keys.map((k) => REPORT_PREFIX + k));
  },

  /** The index's invalid entries removed (run on start, in the write queue). */
  async sweep(): Promise<void> {
    await reportMemory.forgetInvalid((await readIndex()).invalid);
  },

  /** Storage is full: drop the oldest tenth of the memory (at least one report), so a verdict can still be saved. */
  async makeRoom(): Promise<void> {
    const [{ index }, status] = await Promise.all([readIndex(), readStatus()]);
    const oldest = Object.values(index).sort((a, b) => (a.checkedAt < b.checkedAt ? -1 : 1));
    const gone = oldest.slice(0, Math.max(1, Math.ceil(oldest.length / 10))).map((e) => e.url);
    if (!gone.length) throw new Error('nothing to make room with');
    for (const k of gone) delete index[k];
    await browser.storage.local.remove(gone.map((k) => REPORT_PREFIX + k));
    await browser.storage.local.set({
      [INDEX]: index,
      [STATUS]: { ...status, evicted: status.evicted + gone.length, lastEvictedAt: new Date().toISOString() },
    });
  },

  /** Note a failed write for the reviewer (shown until a write succeeds). */
  async noteError(message: string): Promise<void> {
    const status = await readStatus();
    await browser.storage.local.set({ [STATUS]: { ...status, lastError: { at: new Date().toISOString(), message: message.slice(0, 500) } } });
  },

  /** Forget every report (and the reviewer's pairing choices); `verdicts`: the verdicts and notes too. */
  async clear({ verdicts = false } = {}): Promise<void> {
    const r = await browser.storage.local.get(INDEX);
    const keys = Object.keys((r[INDEX] as object | undefined) ?? {});
    await browser.storage.local.remove([...keys.map((k) => REPORT_PREFIX + k), INDEX, CHOICES, STATUS, ...(verdicts ? ['dismissals'] : [])]);
  },

  /** The reviewer's choices of a year before on another site: report key → the key paired with. */
  async choices(): Promise<Map<string, string>> {
    const r = await browser.storage.local.get(CHOICES);
    const parsed = PairingChoicesSchema.safeParse(r[CHOICES] ?? {});
    return new Map(parsed.success ? Object.entries(parsed.data) : []);
  },

  async choose(key: string, previous: string | null): Promise<void> {
    const choices = Object.fromEntries(await reportMemory.choices());
    if (previous === null) delete choices[key];
    else choices[key] = previous;
    await browser.storage.local.set({ [CHOICES]: choices });
  },

  /**
   * Bring older layouts to this one (run on start, in the write queue): the single
   * 'reports' key of the first versions, and version 1 (findings in the index, bare
   * reports as records). What does not validate is dropped and counted, never kept.
   */
  async migrate(): Promise<void> {
    const stored = await browser.storage.local.get([VERSION, INDEX, 'reports']);
    if (stored[VERSION] === STORAGE_VERSION) return reportMemory.sweep();
    const old: unknown[] = [];
    if (stored.reports && typeof stored.reports === 'object') old.push(...Object.values(stored.reports as object));
    const v1 = (stored[INDEX] ?? {}) as Record<string, unknown>;
    const v1Keys = Object.keys(v1);
    const records = v1Keys.length ? await browser.storage.local.get(v1Keys.map((k) => REPORT_PREFIX + k)) : {};
    for (const k of v1Keys) {
      const e = v1[k];
      old.push(typeof e === 'object' && e !== null ? { ...e, report: records[REPORT_PREFIX + k] } : e);
    }
    const entries: RememberedReport[] = [];
    let dropped = 0;
    for (const e of old) {
      const v1Entry = V1IndexEntrySchema.safeParse(e);
      const findings = v1Entry.success ? boundFindings(v1Entry.data.findings) : [];
      // (one validation of the whole entry, its report bounded first where it can be)
      const entry = v1Entry.success
        ? RememberedReportSchema.safeParse({
            ...(e as object),
            title: clip(v1Entry.data.title, BOUNDS.title),
            report: bounded((e as { report?: unknown }).report),
            findings,
            counts: countBySeverity(findings),
          })
        : null;
      if (entry?.success) entries.push(entry.data);
      else dropped++;
    }
    await browser.storage.local.remove(['reports', INDEX, ...v1Keys.map((k) => REPORT_PREFIX + k)]);
    await browser.storage.local.set({ [VERSION]: STORAGE_VERSION });
    if (entries.length) await reportMemory.put(entries);
    if (dropped) {
      const status = await readStatus();
      await browser.storage.local.set({ [STATUS]: { ...status, dropped: status.dropped + dropped } });
    }
  },
};

/** A stored report of an older version, bounded so that it can meet today's schema (what is not a report is left to fail it). */
function bounded(x: unknown): unknown {
  try {
    return boundReport(x as Report);
  } catch {
    return x;
  }
}

// ---- pairing (in the background: pages ask, the memory never reaches them whole)

/** What the checker tells of each of its page's reports to have it paired. */
export interface PairRequest {
  /** the report's key: the sender's own page (reportKey) */
  source: string;
  agency: string | null;
  year: number | null;
  borrowed: boolean;
}

export interface PairAnswer {
  source: string;
  /** the year before: `report` null when it is one of the page's own (the checker has it) */
  previous: { source: string; year: number | null; renamed: boolean; report: Report | null } | null;
  /** the same agency's name on another site, the year before: offered to the reviewer, never used by itself */
  suggestion: { source: string; year: number | null; agency: string | null } | null;
}

type Item = PairingItem<PairingIdentity>;

/** The page's reports (read at `pageUrl`) and the memory's, as the pairing sees them. */
function pairingItems(index: Index, pageUrl: string, current: readonly PairRequest[]): { page: Item[]; items: Item[] } {
  const site = siteOf(pageUrl);
  const now = new Date().toISOString();
  const page: Item[] = current.map((c) => ({
    report: { agency: c.agency, year: c.year, url: null, borrowed: c.borrowed },
    source: c.source,
    site,
    checkedAt: now,
  }));
  const own = new Set(current.map((c) => c.source));
  const remembered: Item[] = [];
  for (const s of Object.values(index)) {
    if (own.has(s.url)) continue;
    // the site of the address the report was read at (the memory's key), never the page's claim
    remembered.push({
      report: { agency: s.agency, year: s.year, url: null, borrowed: s.borrowed },
      source: s.url,
      site: siteOf(s.url),
      fetched: s.fetched,
      checkedAt: s.checkedAt,
    });
  }
  return { page, items: [...page, ...remembered] };
}

/**
 * For each of the page's reports, the same agency's report of the year before: on the
 * page itself, in the memory on the same site, or the one the reviewer chose; and, when
 * there is none, another site's report of that name as a suggestion.
 */
export async function pairFor(pageUrl: string, current: readonly PairRequest[]): Promise<{ answers: PairAnswer[]; invalid: string[] }> {
  const [index, chosen] = await Promise.all([reportMemory.index(), reportMemory.choices()]);
  const { page, items } = pairingItems(index, pageUrl, current);
  const suggestions = new Map<Item, Paired<PairingIdentity>>();
  const pairs = previousReports(items, { sameSiteOnly: true, chosen, suggestions });
  const own = new Set(current.map((c) => c.source));
  const invalid: string[] = [];
  const full = await reportMemory.load(
    page.flatMap((p) => {
      const prev = pairs.get(p);
      return prev && !own.has(prev.source) ? [prev.source] : [];
    }),
    index,
    invalid,
  );
  const answers = page.map((p): PairAnswer => {
    const prev = pairs.get(p);
    const report = prev && !own.has(prev.source) ? (full[prev.source]?.report ?? undefined) : null;
    const suggested = suggestions.get(p);
    const s = suggested && index[suggested.source];
    return {
      source: p.source,
      previous: prev && report !== undefined ? { source: prev.source, year: (p.report.year ?? 0) - 1, renamed: prev.renamed, report } : null,
      suggestion: s ? { source: s.url, year: s.year, agency: s.agency } : null,
    };
  });
  return { answers, invalid };
}

/** A remembered report with its cross-year findings recomputed against `previous`. */
export function recheckAgainst(entry: RememberedReport, previous: PreviousReport): RememberedReport {
  const own = entry.findings.filter((f) => !CROSS_YEAR_IDS.has(f.ruleId));
  const findings = withPrevious({ findings: own, passed: [], incomplete: [] }, entry.report, previous).findings;
  return { ...entry, findings, counts: countBySeverity(findings) };
}

/** The remembered reports (on the same site, or chosen by the reviewer) whose year before is one of `entries`. */
export function laterReports(
  index: Index,
  pageUrl: string,
  entries: readonly RememberedReport[],
  chosen: ReadonlyMap<string, string> = new Map(),
): { key: string; previous: PreviousReport }[] {
  const requests = entries.map((e) => ({ source: e.url, agency: e.agency, year: e.year, borrowed: borrowsIdentity(e.report) }));
  const { items } = pairingItems(index, pageUrl, requests);
  const pairs = previousReports(items, { sameSiteOnly: true, chosen });
  const own = new Map(entries.map((e) => [e.url, e.report]));
  return items.flatMap((item) => {
    const p = pairs.get(item);
    const report = p && !own.has(item.source) ? own.get(p.source) : undefined;
    return p && report ? [{ key: item.source, previous: { ...p, report } }] : [];
  });
}

/**
 * Remember a page's reports (read at `pageUrl`) and bring the same site's later years'
 * cross-year findings up to date. It reads the index and writes it back, so only the
 * background calls it, one write at a time (background.ts, `serially`).
 */
export async function rememberEntries(pageUrl: string, entries: readonly RememberedReport[], { fetched = false } = {}): Promise<{ evicted: number }> {
  if (entries.length === 0) return { evicted: 0 };
  const [index, chosen] = await Promise.all([reportMemory.index(), reportMemory.choices()]);
  const later = laterReports(index, pageUrl, entries, chosen);
  const full = await reportMemory.load(
    later.map((l) => l.key),
    index,
  );
  const rechecked = later.flatMap((l) => (full[l.key] ? [recheckAgainst(full[l.key]!, l.previous)] : []));
  return reportMemory.put([...rechecked, ...entries.map((e) => ({ ...e, fetched }))]);
}
