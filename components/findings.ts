// How the popup orders findings: by table (二, 三, 四, then findings about no cell),
// then by rule in the order the checker ranked them (most severe first), with the
// findings that follow from another one's cell indented under it. Pure functions.

import type { Finding, Severity } from '../lib/schema';
import { dismissalKey, openFindings, type Dismissal, type DismissalStatus } from '../utils/page-state';
import { countBySeverity, type Counts } from '../lib/severity';
import type { TableId } from './i18n';

export const TABLE_ORDER: readonly TableId[] = ['active', 'applications', 'review', 'other'];

export function tableOf(f: Finding): TableId {
  const prefix = f.cells[0]?.split('.')[0];
  return prefix === 'active' || prefix === 'applications' || prefix === 'review' ? prefix : 'other';
}

export interface FindingNode {
  finding: Finding;
  /** findings grouped under this one (same likely wrong cell) */
  children: Finding[];
}
export interface RuleGroup {
  ruleId: string;
  nodes: FindingNode[];
}
export interface TableGroup {
  table: TableId;
  rules: RuleGroup[];
}

export function groupFindings(findings: readonly Finding[]): TableGroup[] {
  const ids = new Set(findings.map((f) => f.id));
  // a finding whose primary is not shown (filtered out) stands on its own
  const isChild = (f: Finding) => f.groupedUnder !== undefined && f.groupedUnder !== f.id && ids.has(f.groupedUnder);
  const tables = new Map<TableId, Map<string, FindingNode[]>>();
  for (const f of findings) {
    if (isChild(f)) continue;
    const table = tables.get(tableOf(f)) ?? new Map<string, FindingNode[]>();
    tables.set(tableOf(f), table);
    const nodes = table.get(f.ruleId) ?? [];
    table.set(f.ruleId, nodes);
    nodes.push({ finding: f, children: findings.filter((c) => isChild(c) && c.groupedUnder === f.id) });
  }
  return TABLE_ORDER.flatMap((table) => {
    const rules = tables.get(table);
    return rules ? [{ table, rules: [...rules].map(([ruleId, nodes]) => ({ ruleId, nodes })) }] : [];
  });
}

/** The findings in the order they are listed (what J/K walks through). */
export const listedOrder = (groups: readonly TableGroup[]): Finding[] =>
  groups.flatMap((g) => g.rules.flatMap((r) => r.nodes.flatMap((n) => [n.finding, ...n.children])));

export type FindingStatus = DismissalStatus | 'open';

export const dismissalOf = (dismissals: Readonly<Record<string, Dismissal>>, url: string, f: Finding): Dismissal | undefined =>
  dismissals[dismissalKey(url, f.id)];

export const statusOf = (dismissals: Readonly<Record<string, Dismissal>>, url: string, f: Finding): FindingStatus =>
  dismissalOf(dismissals, url, f)?.status ?? 'open';

/** Counts by severity of the findings nobody has marked yet. */
export const openCounts = (findings: readonly Finding[], dismissals: Readonly<Record<string, Dismissal>>, url: string): Counts =>
  countBySeverity(openFindings(findings, dismissals, url));

/** The same, from a remembered report's finding ids (the memory's index keeps ids, not findings). */
export function openIdCounts(ids: Readonly<Record<string, Severity>>, dismissals: Readonly<Record<string, Dismissal>>, url: string): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const id in ids) if (!dismissals[dismissalKey(url, id)]) counts[ids[id]!]++;
  return counts;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
