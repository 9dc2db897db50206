// One finding: its button (select + show on the page), and the reviewer's verdict —
// 误报 / 已核实 with an optional note, shown struck through once given, reopenable.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { keyLabel } from '../lib/keys';
import type { Finding, Report } from '../lib/schema';
import { TERMS } from '../lib/vocabulary';
import type { Dismissal, DismissalStatus } from '../utils/page-state';
import { useI18n } from './i18n';

export interface FindingItemProps {
  index: number;
  finding: Finding;
  /** grouped under the finding before it */
  child: boolean;
  report: Report;
  dismissal: Dismissal | undefined;
  selected: boolean;
  buttonRef: (el: HTMLButtonElement | null) => void;
  onActivate: () => void;
  onDismiss: (status: DismissalStatus, note: string) => void;
  onReopen: () => void;
  /** shown under the finding's button (see FindingList) */
  extra?: ComponentChildren;
}

export function FindingItem(p: FindingItemProps) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState<DismissalStatus | null>(null);
  const noteInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) noteInput.current?.focus();
  }, [editing]);
  const f = p.finding;
  const id = `finding-${p.index}`;
  const classes = ['finding', `sev-${f.severity}`, p.child && 'child', p.dismissal && 'dismissed', p.selected && 'selected'].filter(Boolean).join(' ');

  function submit(e: Event) {
    e.preventDefault();
    if (!editing) return;
    // read the field itself: the last keystroke may not have re-rendered yet
    p.onDismiss(editing, (noteInput.current?.value ?? '').trim());
    setEditing(null);
  }

  return (
    <li class={classes} data-finding-id={f.id} data-status={p.dismissal?.status ?? 'open'}>
      <button type="button" id={id} class="finding-button" ref={p.buttonRef} aria-current={p.selected ? 'true' : undefined} onClick={p.onActivate}>
        <span class={`tag sev-${f.severity}`}>{t.severities[f.severity]}</span> {p.child && <span class="visually-hidden">{t.groupedUnder}：</span>}
        <span class="message">{lang === 'zh' ? f.message : f.messageEn}</span>
        {f.equation && <span class="equation">{f.equation}</span>}
        {f.likelyCause && !p.child && <span class="cause">{t.likelyCause(keyLabel(f.likelyCause, p.report.format))}</span>}
      </button>
      {p.extra}
      {p.dismissal ? (
        <div class="verdict">
          <span class={`status status-${p.dismissal.status}`}>{TERMS[lang].verdicts[p.dismissal.status]}</span>
          {p.dismissal.note && (
            <span class="note">
              {t.notePrefix}
              {p.dismissal.note}
            </span>
          )}{' '}
          <button type="button" class="small" aria-describedby={id} onClick={p.onReopen}>
            {t.reopen}
          </button>
        </div>
      ) : editing ? (
        <form class="verdict-form" onSubmit={submit}>
          <label class="stack">
            {t.note}
            <input ref={noteInput} type="text" name="note" maxLength={500} />
          </label>
          <button type="submit" class="small">
            {t.save}（{TERMS[lang].verdicts[editing]}）
          </button>{' '}
          <button type="button" class="small" onClick={() => setEditing(null)}>
            {t.cancel}
          </button>
        </form>
      ) : (
        <div class="verdict">
          {(['falsePositive', 'verified'] as const).map((s) => (
            <button key={s} type="button" class="small" aria-describedby={id} aria-label={t.markAs(TERMS[lang].verdicts[s])} onClick={() => setEditing(s)}>
              {TERMS[lang].verdicts[s]}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
