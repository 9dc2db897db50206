// Pairing reports of the same agency across consecutive years, for the cross-year
// rules (report-format.md §2.4). A pair is made only when the names agree; a name
// that differs beyond spacing (a restructuring-like rename) pairs only on the same site
// and marks the pair `renamed`, which turns cross-year errors into warnings.

import type { Report } from './schema';
import type { PreviousReport } from './rules/types';

/** An agency name for comparison: no spacing, no brackets, full-width folded. */
export function normaliseAgency(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[()（）【】〔〕《》"“”]/g, '');
}

const host = (url: string | null) => {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
};

/** Whether two reports are the same agency's; null when they are not. */
export function sameAgency(a: Report, b: Report): { renamed: boolean } | null {
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

/** 某县 + 文化和旅游 + 局 */
function bodyOf(name: string): { region: string; name: string; kind: string } | null {
  const m = /^(.*?[省市县区州盟旗])(.+?)(局|委员会|委|办公室|办|厅|中心|院)$/.exec(name);
  return m && m[2]!.length >= 2 ? { region: m[1]!, name: m[2]!, kind: m[3]! } : null;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

export interface Dated {
  report: Report;
  source: string;
}

/** For each input, the same agency's report of the year before, if among the inputs. */
export function previousReports<T extends Dated>(items: readonly T[]): Map<T, PreviousReport> {
  const out = new Map<T, PreviousReport>();
  for (const item of items) {
    const year = item.report.year;
    if (year === null) continue;
    for (const other of items) {
      if (other === item || other.report.year !== year - 1) continue;
      const same = sameAgency(item.report, other.report);
      if (!same) continue;
      const current = out.get(item);
      // an exact name match wins over a rename
      if (!current || (current.renamed && !same.renamed)) out.set(item, { report: other.report, source: other.source, renamed: same.renamed });
    }
  }
  return out;
}
