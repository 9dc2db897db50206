// The findings, grouped by table and rule, each a button that shows its cell on the
// page. J/K or ↓/↑ move the selection (and show it on the page); Enter shows it again.

import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Finding, Report } from '../lib/schema';
import type { Dismissal, DismissalStatus } from '../utils/page-state';
import { FindingItem } from './FindingItem';
import { dismissalOf, groupFindings, listedOrder } from './findings';
import { useI18n } from './i18n';
import { useRuleName } from './rule-names';

export interface FindingListProps {
  /** the findings to list (already filtered) */
  findings: readonly Finding[];
  report: Report;
  url: string;
  dismissals: Readonly<Record<string, Dismissal>>;
  selectedId: string | null;
  onActivate: (id: string) => void;
  onDismiss: (id: string, status: DismissalStatus, note: string) => void;
  onReopen: (id: string) => void;
  /** more about a finding, shown under it (the attachment page: its PDF page and a link to it) */
  extra?: (f: Finding) => ComponentChildren;
}

/** Keys typed into a form control are the user's, not ours. */
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function FindingList(props: FindingListProps) {
  const { t } = useI18n();
  const ruleName = useRuleName();
  const groups = groupFindings(props.findings);
  const order = listedOrder(groups);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const latest = useRef({ order, props });
  latest.current = { order, props };

  // layout effect: listening from the first paint, so an early key press is not lost
  useLayoutEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const { order, props } = latest.current;
      if (!order.length) return;
      const current = order.findIndex((f) => f.id === props.selectedId);
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      let next: number;
      if (key === 'j' || key === 'ArrowDown') next = current < 0 ? 0 : Math.min(current + 1, order.length - 1);
      else if (key === 'k' || key === 'ArrowUp') next = current < 0 ? order.length - 1 : Math.max(current - 1, 0);
      else if (key === 'Enter') {
        // on a button or link Enter already clicks it
        if (current < 0 || (e.target instanceof HTMLElement && e.target.closest('button, a, summary'))) return;
        next = current;
      } else return;
      e.preventDefault();
      const id = order[next]!.id;
      buttons.current.get(id)?.focus();
      props.onActivate(id);
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (!props.findings.length) return null;
  let index = 0;
  const item = (f: Finding, child: boolean) => (
    <FindingItem
      key={f.id}
      index={index++}
      finding={f}
      child={child}
      report={props.report}
      dismissal={dismissalOf(props.dismissals, props.url, f)}
      selected={f.id === props.selectedId}
      buttonRef={(el) => {
        if (el) buttons.current.set(f.id, el);
        else buttons.current.delete(f.id);
      }}
      onActivate={() => props.onActivate(f.id)}
      onDismiss={(status, note) => props.onDismiss(f.id, status, note)}
      onReopen={() => props.onReopen(f.id)}
      extra={props.extra?.(f)}
    />
  );

  return (
    <div class="findings" data-testid="findings">
      {groups.map((g) => (
        <section key={g.table} class="table-group" data-table={g.table} aria-labelledby={`table-${g.table}`}>
          <h3 id={`table-${g.table}`}>{t.tables[g.table]}</h3>
          {g.rules.map((r) => (
            <div key={r.ruleId} class="rule-group" data-rule={r.ruleId}>
              <h4>
                {ruleName(r.ruleId)} <code>{r.ruleId}</code>
              </h4>
              <ul class="finding-list" aria-label={ruleName(r.ruleId)}>
                {r.nodes.flatMap((n) => [item(n.finding, false), ...n.children.map((c) => item(c, true))])}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
