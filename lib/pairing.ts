// Pairing reports of the same agency across consecutive years, for the cross-year
// rules (report-format.md §2.4). A pair is made only when the names agree; a name
// that differs beyond spacing (a restructuring-like rename) pairs only on the same site
// and marks the pair `renamed`, which turns cross-year errors into warnings.

import { memoize } from './memo';
import type { Report } from './schema';
import type { PreviousReport } from './rules/support/types';
import { siteOf, type Site } from './site';

/** An agency name for comparison: no spacing, no brackets, full-width folded. */
export const normaliseAgency = memoize((name: string): string =>
  name
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[()（）【】〔〕《》"“”]/g, ''),
);

/** The site of a report's claimed address (its Url meta, else the page's): for inputs the user chose (the CLI), see Dated.site. */
const claimedSite = (url: string | null): Site | null => (url ? siteOf(url) : null);

/**
 * What pairing reads of a report: its agency, year and address, and whether that identity
 * is its own. A full Report qualifies (its structure notes tell); so does a remembered
 * report's summary, which keeps its cells in storage and says `borrowed` itself.
 */
export type PairingIdentity = Pick<Report, 'agency' | 'year' | 'url'> & { structure?: Report['structure']; borrowed?: boolean };

/** Whether two reports are the same agency's; null when they are not. */
export function sameAgency(a: Pick<Report, 'agency' | 'url'>, b: Pick<Report, 'agency' | 'url'>): { renamed: boolean } | null {
  if (!a.agency || !b.agency) return null;
  const [x, y] = [normaliseAgency(a.agency), normaliseAgency(b.agency)];
  if (x === y) return { renamed: false };
  const [sx, sy] = [claimedSite(a.url), claimedSite(b.url)];
  if (!sx || !sy || sx.domain !== sy.domain) return null;
  return namesOnOneSite(x, y);
}

/** Two different normalised names on one site: the same agency (and whether renamed), else null. */
function namesOnOneSite(x: string, y: string): { renamed: boolean } | null {
  // the longer name ends with the shorter (司法局 / 固原市原州区司法局)
  if (x.endsWith(y) || y.endsWith(x)) return { renamed: false };
  // or a restructuring-like rename: same region, same kind of body, and one body's name
  // contained in the other's (文化和旅游局 / 文化广电和旅游局). A county site hosts every
  // bureau's report, so 财政局 and 教育局 must never pair.
  const [bx, by] = [bodyOf(x), bodyOf(y)];
  if (bx && by && bx.region === by.region && bx.kind === by.kind && (isSubsequence(bx.name, by.name) || isSubsequence(by.name, bx.name)))
    return { renamed: true };
  return null;
}

/** The kinds of body a name can end in, longest first (办公室 before 办). */
const BODY_KINDS = ['委员会', '办公室', '中心', '局', '委', '办', '厅', '院'];
const REGION_CHARS = '省市县区州盟旗';

/**
 * 某县 + 文化和旅游 + 局 (once per name: a site's every pair of bureaus can be compared):
 * the region up to its first 省/市/县/… with something after it, the body's kind by its
 * longest suffix. One pass, no pattern that could backtrack over a long link text (SEC-5).
 */
const bodyOf = memoize((name: string): { region: string; name: string; kind: string } | null => {
  const kind = BODY_KINDS.find((k) => name.endsWith(k));
  if (!kind) return null;
  const stem = name.slice(0, name.length - kind.length);
  for (let i = 0; i < stem.length - 1; i++) {
    if (!REGION_CHARS.includes(stem[i]!)) continue;
    const body = stem.slice(i + 1);
    return body.length >= 2 ? { region: stem.slice(0, i + 1), name: body, kind } : null;
  }
  return null;
});

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

export interface Dated<R extends PairingIdentity = Report> {
  report: R;
  source: string;
  /**
   * Where the report was really read: its page's address (siteOf), never what the page
   * claims. The extension always sets it. Left out (the CLI's files, which have no
   * address), the report's claimed address stands in: the user chose those inputs.
   */
  site?: Site | null;
  /** remembered from a page fetched on the reviewer's click (获取上一年度报告) */
  fetched?: boolean;
  /** when it was checked (ISO 8601): among equal candidates the most recent wins */
  checkedAt?: string;
}

/** A pairing: the year before's report (as it was given), where it came from, and whether the names differ. */
export type Paired<R extends PairingIdentity = Report> = Omit<PreviousReport, 'report'> & { report: R };

/**
 * A report of a page holding several whose own heading was not found: its agency and
 * year are the page's (the district's), not its own, so it is never paired.
 */
export const borrowsIdentity = (report: PairingIdentity): boolean =>
  report.borrowed ?? !!report.structure?.some((n) => n.code === 'multipleReports' && !n.shown);

export interface PairingOptions<T extends Dated<PairingIdentity>> {
  /**
   * Pair only within a site (the extension's memory: reports from any *.gov.cn host meet
   * there, and a page must not steer another site's report). Off for the CLI, whose
   * inputs the user chose: an exact name pairs across them.
   */
  sameSiteOnly?: boolean;
  /** the reviewer's own choices: a report's source → the source to pair it with (any site) */
  chosen?: ReadonlyMap<string, string>;
  /** filled with each unpaired item's exact-name report of the year before on another site (sameSiteOnly) */
  suggestions?: Map<T, Paired<T['report']>>;
}

const siteOfItem = (item: Dated<PairingIdentity>): Site | null => (item.site !== undefined ? item.site : claimedSite(item.report.url));

/** Of two candidates on an equal footing: the one fetched on the reviewer's click, then the most recently checked, then the first given. */
function preferred<T extends Dated<PairingIdentity>>(kept: T, other: T): T {
  if (!!other.fetched !== !!kept.fetched) return other.fetched ? other : kept;
  return (other.checkedAt ?? '') > (kept.checkedAt ?? '') ? other : kept;
}

/**
 * The best candidates of one name (or one name on one site), kept as they are added so
 * that each lookup is one step however many copies of a report were saved: overall, per
 * registrable domain and per host. Ranking: same host > same domain > (preferred).
 */
class Candidates<T extends Dated<PairingIdentity>> {
  overall: T | undefined;
  readonly byDomain = new Map<string, T>();
  readonly byHost = new Map<string, T>();
  add(item: T, site: Site | null): void {
    this.overall = this.overall ? preferred(this.overall, item) : item;
    if (!site) return;
    const d = this.byDomain.get(site.domain);
    this.byDomain.set(site.domain, d ? preferred(d, item) : item);
    const h = this.byHost.get(site.host);
    this.byHost.set(site.host, h ? preferred(h, item) : item);
  }
  /** the best for a report on `site`: on its host, else on its domain, else (anySite) anywhere */
  best(site: Site | null, anySite: boolean): T | undefined {
    const local = site && (this.byHost.get(site.host) ?? this.byDomain.get(site.domain));
    return local ?? (anySite ? this.overall : undefined);
  }
}

/** Add `value` to the list under `key` (groups keep their input order). */
function addTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

/** For each input, the same agency's report of the year before, if among the inputs. */
export function previousReports<T extends Dated<PairingIdentity>>(items: readonly T[], options: PairingOptions<T> = {}): Map<T, Paired<T['report']>> {
  const { sameSiteOnly = false, chosen, suggestions } = options;
  const out = new Map<T, Paired<T['report']>>();
  // by year, so a survey of hundreds of reports compares each only with the year before's
  const byYear = new Map<number, T[]>();
  for (const item of items) {
    const year = item.report.year;
    if (year === null || borrowsIdentity(item.report)) continue;
    addTo(byYear, year, item);
  }
  for (const [year, list] of byYear) {
    const before = byYear.get(year - 1);
    if (!before) continue;
    const bySource = chosen ? new Map(before.map((b) => [b.source, b])) : undefined;
    // the same name: one lookup, so thousands of inputs stay linear
    const byName = new Map<string, Candidates<T>>();
    // the year before's names by site: a name without an exact match is compared only with
    // its own site's distinct names (a survey of thousands spans hundreds of sites)
    const bySite = new Map<string, Map<string, Candidates<T>>>();
    for (const other of before) {
      const name = other.report.agency && normaliseAgency(other.report.agency);
      if (!name) continue;
      const site = siteOfItem(other);
      let exact = byName.get(name);
      if (!exact) byName.set(name, (exact = new Candidates()));
      exact.add(other, site);
      if (!site) continue;
      let names = bySite.get(site.domain);
      if (!names) bySite.set(site.domain, (names = new Map()));
      let onSite = names.get(name);
      if (!onSite) names.set(name, (onSite = new Candidates()));
      onSite.add(other, site);
    }
    for (const item of list) {
      const choice = chosen?.get(item.source);
      const mine = choice === undefined ? undefined : bySource!.get(choice);
      if (mine) {
        out.set(item, { report: mine.report, source: mine.source, renamed: false });
        continue;
      }
      if (!item.report.agency) continue;
      const name = normaliseAgency(item.report.agency);
      const site = siteOfItem(item);
      const exact = byName.get(name)?.best(site, !sameSiteOnly);
      if (exact) {
        out.set(item, { report: exact.report, source: exact.source, renamed: false });
        continue;
      }
      // a longer or shorter name, or a rename: only among the names of the same site
      let found: { other: T; renamed: boolean } | undefined;
      for (const [other, candidates] of (site && bySite.get(site.domain)) || []) {
        if (other === name) continue;
        const same = namesOnOneSite(name, other);
        // a name contained in the other wins over a rename
        if (!same || (found && (same.renamed || !found.renamed))) continue;
        found = { other: candidates.best(site, false)!, renamed: same.renamed };
      }
      if (found) {
        out.set(item, { report: found.other.report, source: found.other.source, renamed: found.renamed });
        continue;
      }
      // the same name on another site: never paired by itself, at most offered to the reviewer
      const elsewhere = suggestions && byName.get(name)?.overall;
      if (elsewhere) suggestions.set(item, { report: elsewhere.report, source: elsewhere.source, renamed: false });
    }
  }
  return out;
}
