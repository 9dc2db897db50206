// The tooltip that explains a mark: in a closed shadow root on a host whose name is new
// and random each time (see makeHost), so the page can see the marks and remove the host,
// but cannot read or rewrite the explanation, nor have its own code run in our place.
// Page text is only ever set as textContent. Without any shadow root to be had, the
// explanation goes in the element's title (through the ledger, so it is put back).

import type { Finding } from '../../lib/schema';
import { TERMS, TOOLTIP_WORDS, type Lang } from '../../lib/vocabulary';
import { COLORS, type AttributeLedger, type Layer } from './marks';

/**
 * The tooltip host's name is `gip-` and ten random lowercase letters and digits (a valid
 * custom-element name), drawn anew for every host: a page cannot have defined it first, so
 * creating it never runs page code (a fixed name could be squatted: the page's constructor
 * ran inside our createElement and could forbid the shadow root).
 */
export const HOST_PREFIX = 'gip-';
const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** a fresh host name: `gip-` + 10 random [a-z0-9] (about 52 bits) */
export function hostTag(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return HOST_PREFIX + Array.from(bytes, (b) => NAME_CHARS[b % NAME_CHARS.length]).join('');
}
const HIDE_MS = 200;

// The host is styled from inside its own root: !important there beats the page's
// !important, even in a style attribute (the inner context wins for important rules).
const SHADOW_CSS =
  ':host{all:initial!important;display:block!important;position:fixed!important;top:0!important;left:0!important;width:0!important;height:0!important;z-index:2147483647!important}' +
  '.tip{all:initial;position:fixed;top:0;left:0;box-sizing:border-box;display:block;max-width:min(30rem,calc(100vw - 16px));max-height:calc(100vh - 16px);overflow:auto;padding:8px 10px;' +
  'background:#fff;color:#202124;border:1px solid #dadce0;border-radius:6px;box-shadow:0 2px 12px rgba(0,0,0,.22);' +
  'font:13px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;text-align:start}' +
  '.tip[hidden]{display:none}' +
  '[dir]{unicode-bidi:plaintext;overflow-wrap:anywhere}' +
  '.item+.item,.cell{border-top:1px solid #e8eaed;margin-top:6px;padding-top:6px}' +
  '.sev{display:inline-block;padding:0 5px;border-radius:3px;color:#fff;font-size:11px;margin-inline-end:6px}' +
  Object.entries(COLORS)
    .map(([s, [c]]) => `.${s} .sev{background:${c}}`)
    .join('') +
  '.msg{font-weight:600}.msg,.alt{max-height:10em;overflow:hidden}.alt{font-size:11px;color:#5f6368}' +
  '.eq,.rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}.rule{font-size:11px;color:#80868b}' +
  '.sub{opacity:.85}.k{color:#5f6368}' +
  '.jump{all:initial;display:inline-block;margin-top:6px;padding:2px 8px;border:1px solid #0b57d0;border-radius:4px;color:#0b57d0;cursor:pointer;font:inherit;font-size:12px}.jump:focus-visible{outline:2px solid #0b57d0;outline-offset:1px}' +
  '.clip{display:inline-block;max-width:22em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;vertical-align:bottom}';

/** A finding as listed in the tooltip: `sub` when it follows from the one above (same cause). */
export interface Listed {
  f: Finding;
  sub: boolean;
}
/** The tooltip's button leading from a sentence to its cell or back. */
export interface Jump {
  label: string;
  go: () => void;
}

export interface Tooltip {
  /** show the findings at `el`, with the cell they are about and the jump, if any */
  show(el: Element, listed: Listed[], cell: { key: string; layer: Layer | undefined }, jump: Jump | null, lang: Lang): void;
  hide(): void;
  scheduleHide(): void;
  cancelHide(): void;
  /** put it back where the anchor now is (after a scroll) */
  position(): void;
  /** the element it is shown for, null when hidden */
  readonly anchor: Element | null;
  /** whether an event target is the tooltip (its host: the shadow root hides what is inside) */
  isTip(target: EventTarget | null): boolean;
  /** take the host out of the page */
  remove(): void;
}

export function createTooltip(doc: Document, ledger: AttributeLedger, onHide: () => void): Tooltip {
  const win = doc.defaultView;
  let host: HTMLElement | null = null;
  let tip: HTMLElement | null = null;
  let anchor: Element | null = null;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  function make(tag: string, cls: string, text?: string, language?: string): HTMLElement {
    const el = doc.createElement(tag);
    el.className = cls;
    if (text !== undefined) {
      el.textContent = text;
      el.dir = 'auto';
    }
    if (language) el.lang = language;
    return el;
  }
  /**
   * The tooltip's host and its closed shadow root (our reference is the only one: the
   * page sees `host.shadowRoot === null`). A fresh random name first; should that still
   * fail (a page that defined the very name: its element may refuse a shadow root or hold
   * one already), a plain div, which always takes one. Where the registry is visible (not
   * in Chromium's isolated world), a defined name is not even created. Never throws.
   */
  function makeHost(): { host: HTMLElement; root: ShadowRoot } | null {
    for (const name of [hostTag, () => 'div']) {
      try {
        const tag = name();
        if (tag !== 'div' && win?.customElements?.get(tag)) continue;
        const el = doc.createElement(tag);
        return { host: el, root: el.attachShadow({ mode: 'closed' }) };
      } catch {
        // the next one
      }
    }
    return null;
  }

  /** the tooltip, in the page (put back if the page took the host out); null if no shadow root can be had at all */
  function ensureTip(): HTMLElement | null {
    if (tip && host) {
      if (!host.isConnected) doc.documentElement.append(host);
      return tip;
    }
    const made = makeHost();
    if (!made) return null;
    host = made.host;
    const css = doc.createElement('style');
    css.textContent = SHADOW_CSS;
    tip = make('div', 'tip');
    tip.setAttribute('role', 'tooltip');
    tip.setAttribute('aria-live', 'polite');
    tip.hidden = true;
    made.root.append(css, tip);
    doc.documentElement.append(host);
    return tip;
  }

  /** Without any tooltip (no shadow root to be had): the explanation as the element's title, restored by clear(). */
  function explainInTitle(el: Element, listed: Listed[], lang: Lang): void {
    const t = TOOLTIP_WORDS[lang];
    const sev = TERMS[lang].severity;
    const line = ({ f, sub }: { f: Finding; sub: boolean }) =>
      [
        `${sub ? `${t.sameCause} · ` : ''}${sev[f.severity]}: ${lang === 'zh' ? f.message : f.messageEn}`,
        f.equation,
        f.expected !== undefined || f.actual !== undefined ? `${t.expected} ${f.expected ?? '—'} · ${t.shown} ${f.actual ?? '—'}` : '',
      ]
        .filter((s) => s)
        .join('\n');
    ledger.set(el, 'title', listed.map(line).join('\n\n'));
  }

  function renderFinding(f: Finding, sub: boolean, lang: Lang): HTMLElement {
    const t = TOOLTIP_WORDS[lang];
    const sev = TERMS[lang].severity;
    const item = make('div', `item ${f.severity}${sub ? ' sub' : ''}`);
    const head = make('div', 'head');
    head.append(make('span', 'sev', (sub ? `${t.sameCause} · ` : '') + sev[f.severity]), make('span', 'rule', f.ruleId));
    const [main, other] = lang === 'zh' ? [f.message, f.messageEn] : [f.messageEn, f.message];
    item.append(head, make('div', 'msg', main, lang === 'zh' ? 'zh-CN' : 'en'), make('div', 'alt', other, lang === 'zh' ? 'en' : 'zh-CN'));
    if (f.equation) item.append(make('div', 'eq', f.equation));
    if (f.expected !== undefined || f.actual !== undefined) {
      const num = (n: number | null | undefined) => make('span', 'n', n === null || n === undefined ? '—' : String(n));
      const nums = make('div', 'nums');
      nums.append(make('span', 'k', `${t.expected} `), num(f.expected), ' · ', make('span', 'k', `${t.shown} `), num(f.actual));
      item.append(nums);
    }
    return item;
  }

  function renderCell(key: string, layer: Layer | undefined, lang: Lang): HTMLElement | null {
    const c = layer?.report.cells[key];
    if (!c) return null;
    const t = TOOLTIP_WORDS[lang];
    const box = make('div', 'cell');
    const where = [c.rowLabel, c.columnLabel].filter((s) => s).join(' × ');
    if (where) box.append(make('div', 'where clip', where));
    const line = make('div', 'read');
    const raw = make('span', 'raw clip', c.raw);
    raw.title = c.raw;
    line.append(make('span', 'k', `${t.cell} `), '“', raw, '”');
    const reads = c.readAs.flatMap((r) => {
      const label = TERMS[lang].readAs[r];
      if (!label) return [];
      const extra = r === 'unit' ? c.unit : r === 'note' ? c.note : undefined;
      return [extra ? `${label} “${extra}”` : label];
    });
    if (reads.length) line.append(' · ', make('span', 'k', `${t.readAs} `), make('span', 'reads', reads.join(t.sep)));
    box.append(line);
    return box;
  }

  function position(): void {
    if (!tip || tip.hidden || !anchor) return;
    const r = anchor.getBoundingClientRect();
    const t = tip.getBoundingClientRect();
    const vw = doc.documentElement.clientWidth || win?.innerWidth || 0;
    const vh = doc.documentElement.clientHeight || win?.innerHeight || 0;
    let top = r.bottom + 6;
    if (top + t.height > vh - 8 && r.top - 6 - t.height >= 8) top = r.top - 6 - t.height;
    tip.style.top = `${Math.max(8, top)}px`;
    tip.style.left = `${Math.max(8, Math.min(r.left, vw - t.width - 8))}px`;
  }

  function cancelHide(): void {
    clearTimeout(hideTimer);
    hideTimer = undefined;
  }
  function hide(): void {
    cancelHide();
    if (tip) tip.hidden = true;
    anchor = null;
    onHide();
  }

  return {
    show(el, listed, cell, jump, lang) {
      cancelHide();
      const box = ensureTip();
      if (!box) return explainInTitle(el, listed, lang);
      const items = listed.map(({ f, sub }) => renderFinding(f, sub, lang));
      const cellBox = renderCell(cell.key, cell.layer, lang);
      box.textContent = '';
      box.lang = lang === 'zh' ? 'zh-CN' : 'en';
      box.append(...items, ...(cellBox ? [cellBox] : []));
      if (jump) {
        const button = make('button', 'jump', jump.label);
        button.setAttribute('type', 'button');
        button.addEventListener('click', jump.go);
        box.append(button);
      }
      box.hidden = false;
      anchor = el;
      position();
    },
    hide,
    scheduleHide() {
      cancelHide();
      hideTimer = setTimeout(hide, HIDE_MS);
    },
    cancelHide,
    position,
    get anchor() {
      return tip && !tip.hidden ? anchor : null;
    },
    isTip: (target) => !!target && target === host,
    remove() {
      cancelHide();
      host?.remove();
      host = tip = anchor = null;
    },
  };
}
