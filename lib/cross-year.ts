// Pairing reports of the same agency across consecutive years, for the cross-year
// rules (report-format.md §2.4). A pair is made only when the names agree; a name
// that differs beyond spacing (a restructuring-like rename) pairs only on the same site
// and marks the pair `renamed`, which turns cross-year errors into warnings.

import { memoize } from './memo';
import type { Report } from './schema';
import type { PreviousReport } from './rules/types';

/** An agency name for comparison: no spacing, no brackets, full-width folded. */
export const normaliseAgency = memoize((name: string): string =>
  name
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[()（）【】〔〕《》"“”]/g, ''),
);

/** A report URL's host (null for files and unparsable addresses), known once per address. */
const hostOf = memoize(
  (url: string): string | null => {
    try {
      return /^https?:/i.test(url) ? new URL(url).hostname.toLowerCase() : null;
    } catch {
      return null;
    }
  },
  { maxLength: 2_000 },
);
const host = (url: string | null): string | null => (url ? hostOf(url) : null);

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
  const [hx, hy] = [host(a.url), host(b.url)];
  if (!hx || hx !== hy) return null;
  // on one site: the longer name ends with the shorter (司法局 / 固原市原州区司法局)
  if (x.endsWith(y) || y.endsWith(x)) return { renamed: false };
  // or a restructuring-like rename: same region, same kind of body, and one body's name
  // contained in the other's (文化和旅游局 / 文化广电和旅游局). A county site hosts every
  // bureau's report, so 财政局 and 教育局 must never pair.
  const [bx, by] = [bodyOf(x), bodyOf(y)];
  if (bx && by && bx.region === by.region && bx.kind === by.kind && (isSubsequence(bx.name, by.name) || isSubsequence(by.name, bx.name)))
    return { renamed: true };
  return null;
}

/** 某县 + 文化和旅游 + 局 (once per name: a site's every pair of bureaus can be compared) */
const bodyOf = memoize((name: string): { region: string; name: string; kind: string } | null => {
  const m = /^(.*?[省市县区州盟旗])(.+?)(局|委员会|委|办公室|办|厅|中心|院)$/.exec(name);
  return m && m[2]!.length >= 2 ? { region: m[1]!, name: m[2]!, kind: m[3]! } : null;
});

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

export interface Dated<R extends PairingIdentity = Report> {
  report: R;
  source: string;
}

/** A pairing: the year before's report (as it was given), where it came from, and whether the names differ. */
export type Paired<R extends PairingIdentity = Report> = Omit<PreviousReport, 'report'> & { report: R };

/**
 * A report of a page holding several whose own heading was not found: its agency and
 * year are the page's (the district's), not its own, so it is never paired.
 */
export const borrowsIdentity = (report: PairingIdentity): boolean =>
  report.borrowed ?? !!report.structure?.some((n) => n.code === 'multipleReports' && !n.shown);

/** Add `value` to the list under `key` (groups keep their input order). */
function addTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

/** For each input, the same agency's report of the year before, if among the inputs. */
export function previousReports<T extends Dated<PairingIdentity>>(items: readonly T[]): Map<T, Paired<T['report']>> {
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
    // the same name: one lookup (the first such report in input order), so thousands of inputs stay linear
    const byName = new Map<string, T>();
    // the year before's reports by site, in input order: a name without an exact match is
    // compared only with its own site's (a survey of thousands spans hundreds of sites)
    const bySite = new Map<string, T[]>();
    for (const other of before) {
      const name = other.report.agency && normaliseAgency(other.report.agency);
      if (name && !byName.has(name)) byName.set(name, other);
      const site = host(other.report.url);
      if (site) addTo(bySite, site, other);
    }
    for (const item of list) {
      if (!item.report.agency) continue;
      const exact = byName.get(normaliseAgency(item.report.agency));
      if (exact) {
        out.set(item, { report: exact.report, source: exact.source, renamed: false });
        continue;
      }
      // a longer or shorter name, or a rename: only among the reports of the same site
      const site = host(item.report.url);
      if (!site) continue;
      for (const other of bySite.get(site) ?? []) {
        const same = sameAgency(item.report, other.report);
        if (!same) continue;
        const current = out.get(item);
        // a name contained in the other wins over a rename
        if (!current || (current.renamed && !same.renamed)) out.set(item, { report: other.report, source: other.source, renamed: same.renamed });
      }
    }
  }
  return out;
}
