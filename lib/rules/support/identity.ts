// One helper for every arithmetic identity: Σ left = Σ right over canonical keys.
// A missing or unreadable operand makes the check "incomplete" (needs review),
// never a failure: an unreadable cell is not an error.

import type { Report } from '../../schema';
import type { PreparedReport } from './prepared';
import type { Outcome } from './types';

/** Sums of decimals (万元 amounts) compared at 4 decimal places, the precision reports use. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;
export const sum = (xs: readonly number[]) => round(xs.reduce((a, b) => a + b, 0));

export interface IdentitySpec {
  scope: string;
  /** the side that should add up to `right` (e.g. the parts) */
  left: readonly string[];
  /** e.g. the printed total */
  right: readonly string[];
  /** cells to list first when the identity fails (default: right then left) */
  focus?: readonly string[];
  data?: Outcome['data'];
}

/** Shows a number as the page did, marking blanks: "0（空）". */
function term(report: Report, key: string): string {
  const c = report.cells[key]!;
  return c.readAs.includes('blank') ? '0（空）' : String(c.value);
}

const cleanShown = (raw: string) => raw.replace(/\s+/g, '');

/**
 * The first of the `truncated` tables (those the reader flagged as cut short: absurd
 * spans, more rows or columns than it reads) that holds one of the keys: its cells may be
 * misplaced, so sums over them prove nothing either way — needs review, not an error.
 */
export function brokenTable(truncated: readonly string[], keys: readonly string[]): string | null {
  for (let i = 0; i < truncated.length; i++) if (keys.some((k) => k.startsWith(`${truncated[i]}.`))) return truncated[i]!;
  return null;
}

/** Σ of the cells of `keys`, noting those missing or unreadable (one lookup per cell: a report's cells are a dictionary). */
function addUp(report: Report, keys: readonly string[], bad: { missing?: string[]; unreadable?: string[] }): number {
  let total = 0;
  for (let i = 0; i < keys.length; i++) {
    const c = report.cells[keys[i]!];
    if (!c) (bad.missing ??= []).push(keys[i]!);
    else if (c.value === null) (bad.unreadable ??= []).push(keys[i]!);
    else total += c.value;
  }
  return round(total);
}

export function identity(p: PreparedReport, spec: IdentitySpec): Outcome {
  const report = p.report;
  const keys = spec.right.concat(spec.left);
  const cellOrder = spec.focus ? spec.focus.concat(keys.filter((k) => !spec.focus!.includes(k))) : keys;
  const data = spec.data ?? {};
  const broken = brokenTable(p.truncated, keys);
  if (broken) return { scope: spec.scope, status: 'incomplete', cells: cellOrder, data, reason: `tableTruncated:${broken}` };
  // (right first: missing and unreadable cells are listed in the order of `keys`)
  const bad: { missing?: string[]; unreadable?: string[] } = {};
  const right = addUp(report, spec.right, bad);
  const left = addUp(report, spec.left, bad);
  if (bad.missing) return { scope: spec.scope, status: 'incomplete', cells: cellOrder, data, reason: `missing:${bad.missing.join(',')}` };
  if (bad.unreadable) return { scope: spec.scope, status: 'incomplete', cells: bad.unreadable, data, reason: `unreadable:${bad.unreadable.join(',')}` };

  if (left === right) return { scope: spec.scope, status: 'passed', cells: cellOrder, data };
  const side = (ks: readonly string[], total: number) => (ks.length === 1 ? term(report, ks[0]!) : `${ks.map((k) => term(report, k)).join(' + ')} = ${total}`);
  // a total left blank, or written as — / 无 next to non-zero parts: say so rather than "0 ≠ N"
  const totalCell = spec.right.length === 1 ? report.cells[spec.right[0]!]! : null;
  const rightBlank = !!totalCell && totalCell.readAs.includes('blank');
  const rightMarker = !!totalCell && totalCell.readAs.some((r) => r === 'dash' || r === 'none' || r === 'notApplicable');
  const failure: Outcome['data'] = {
    left,
    right,
    delta: round(left - right),
    rightBlank,
    rightShown: rightMarker ? `“${cleanShown(totalCell!.raw)}”` : String(right),
  };
  // the spec's data added key by key: spreading the rules' differently shaped data objects
  // took ~2 µs a time, the slowest line of a report with failed identities
  for (const k in data) if (!(k in failure)) failure[k] = data[k]!;
  return {
    scope: spec.scope,
    status: 'failed',
    cells: cellOrder,
    expected: left,
    actual: right,
    equation: `${side(spec.left, left)} ≠ ${side(spec.right, right)}`,
    data: failure,
  };
}
