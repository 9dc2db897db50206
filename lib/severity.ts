// Findings counted by severity: the popup's header, the badge, the history and the CLI
// listing all count the same way.

import type { Finding, Severity } from './schema';

export type Counts = Record<Severity, number>;

export function countBySeverity(findings: readonly Pick<Finding, 'severity'>[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
