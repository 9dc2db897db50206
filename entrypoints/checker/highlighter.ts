// Marks the cells of findings in the page and explains them in a tooltip.
// Marks are data-gip-* attributes styled by one injected <style>; outlines and inset
// shadows only, so the page never moves. The tooltip lives in a closed shadow root on a
// host whose name is new and random each time (see makeHost): the page can see the marks
// and remove the host, but cannot read or rewrite the explanation, nor have its own code
// run in our place. Every attribute we touch is remembered with its original value, so
// clear() leaves the document exactly as it was. Page text is only ever set as textContent.

import { TERMS, TOOLTIP_WORDS, type Lang } from '../../lib/vocabulary';
import type { Finding, Report, Severity } from '../../lib/schema';
import type { SentenceMark } from './sentences';

export type { Lang } from '../../lib/vocabulary';

/**
 * One report's findings and where its cells (and narrative sentences) are. `apply` takes
 * the report the popup shows (its finding ids are the ones `focus` is asked for) and, on a
 * page holding several, the `others`, marked too.
 */
export interface ReportMarks {
  findings: Finding[];
  report: Report;
  nodes: Map<string, Element>;
  sentences?: Map<string, SentenceMark>;
}

export interface Highlighter {
  /** mark the cells of the given findings (dismissed ones excluded by the caller) */
  apply(input: ReportMarks & { lang: Lang; others?: ReportMarks[] }): void;
  /**
   * scroll the finding's place into view (no layout shift) — its sentence for a narrative
   * finding, else its cell; or the cell when `where` says so — flash it, lightly mark the
   * other places it is about, show its tooltip; false if it has no place on the page
   */
  focus(findingId: string, where?: 'cell'): boolean;
  /** move to the next (1) / previous (-1) marked finding in document order, wrapping; returns its id or null */
  step(direction: 1 | -1): string | null;
  /** remove every node and attribute we added: afterwards document.documentElement.outerHTML is byte-for-byte what it was before apply() */
  clear(): void;
}

export const STYLE_ID = 'gip-report-checker-style';
/** the CSS highlight (no DOM change at all) over the exact words of narrative findings */
export const STATEMENT_HIGHLIGHT = 'gip-report-checker-statement';
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
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const FLASH_MS = 1800;
const HIDE_MS = 200;

/** which cell a finding marks: its first cell, except table-level disclosures and findings grouped under another one */
export function markedCell(f: Finding): string | null {
  if (f.groupedUnder || f.ruleId === 'cell.blankAsZero') return null;
  return f.cells[0] ?? null;
}

// Three ids in :not() lift our rules to specificity (3,1,0): site rules, even with
// !important and attribute selectors, lose to them.
const X = ':not(#gip#gip#gip)';
const COLORS: Record<Severity, [string, string]> = {
  error: ['#d93025', '217,48,37,.14'],
  warning: ['#e37400', '227,116,0,.14'],
  info: ['#1a73e8', '26,115,232,.1'],
};
const shade = (outline: string, offset: number, tint: string) =>
  `outline:${outline}!important;outline-offset:-${offset}px!important;box-shadow:inset 0 0 0 100vmax rgba(${tint})!important`;
export const PAGE_CSS =
  (Object.keys(COLORS) as Severity[]).map((s) => `[data-gip-severity="${s}"]${X}{${shade(`2px solid ${COLORS[s][0]}`, 2, COLORS[s][1])};cursor:help!important}`).join('') +
  `[data-gip-severity]${X}:focus-visible{outline-width:3px!important;outline-offset:-3px!important}` +
  `[data-gip-related]:not([data-gip-severity])${X}{${shade('1px dashed #1a73e8', 1, '26,115,232,.08')}}` +
  `@keyframes gip-flash{50%{background-color:#fde293}}` +
  `[data-gip-flash]${X}{animation:gip-flash .45s ease-in-out 4!important}` +
  `@media (prefers-reduced-motion:reduce){[data-gip-flash]${X}{animation:none!important;outline-width:4px!important;outline-offset:-4px!important}}` +
  `::highlight(${STATEMENT_HIGHLIGHT}){background-color:rgba(227,116,0,.3);text-decoration:underline 2px #e37400}`;

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
  Object.entries(COLORS).map(([s, [c]]) => `.${s} .sev{background:${c}}`).join('') +
  '.msg{font-weight:600}.msg,.alt{max-height:10em;overflow:hidden}.alt{font-size:11px;color:#5f6368}' +
  '.eq,.rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}.rule{font-size:11px;color:#80868b}' +
  '.sub{opacity:.85}.k{color:#5f6368}' +
  '.jump{all:initial;display:inline-block;margin-top:6px;padding:2px 8px;border:1px solid #0b57d0;border-radius:4px;color:#0b57d0;cursor:pointer;font:inherit;font-size:12px}.jump:focus-visible{outline:2px solid #0b57d0;outline-offset:1px}' +
  '.clip{display:inline-block;max-width:22em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;vertical-align:bottom}';

interface Layer {
  report: Report;
  nodes: Map<string, Element>;
  sentences: Map<string, SentenceMark>;
  findings: Finding[];
}
interface Mark {
  key: string;
  findings: Finding[];
  layer: Layer;
}
type Mode = 'hover' | 'focus' | 'pinned';

export function createHighlighter(doc: Document): Highlighter {
  const win = doc.defaultView;
  const LISTEN: AddEventListenerOptions = { capture: true, passive: true };
  /** original value (null: absent) of every attribute we set, per element */
  const saved = new Map<Element, Map<string, string | null>>();
  let marks = new Map<Element, Mark>();
  let order: string[] = [];
  /** by id: the shown report's finding ids as they are, the other reports' as `k|id` (ids repeat across reports) */
  let byId = new Map<string, Finding>();
  let idOf = new Map<Finding, string>();
  let layerOf = new Map<Finding, Layer>();
  let lang: Lang = 'zh';
  let style: HTMLStyleElement | null = null;
  let host: HTMLElement | null = null;
  let tip: HTMLElement | null = null;
  let anchor: Element | null = null;
  let mode: Mode = 'hover';
  let current: string | null = null;
  let related: Element[] = [];
  let flashing: Element | null = null;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  let listening = false;

  const setAttr = (el: Element, name: string, value: string) => {
    let m = saved.get(el);
    if (!m) saved.set(el, (m = new Map()));
    if (!m.has(name)) m.set(name, el.getAttribute(name));
    el.setAttribute(name, value);
  };
  const put = (el: Element, name: string, value: string | null) => (value === null ? el.removeAttribute(name) : el.setAttribute(name, value));
  const unsetAttr = (el: Element, name: string) => {
    const m = saved.get(el);
    if (!m?.has(name)) return;
    put(el, name, m.get(name) ?? null);
    m.delete(name);
    if (m.size === 0) saved.delete(el);
  };
  const live = (el: Element | undefined): el is Element => !!el && el.isConnected;

  // ---- tooltip ----------------------------------------------------------------

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
  function explainInTitle(el: Element, listed: { f: Finding; sub: boolean }[]): void {
    const t = TOOLTIP_WORDS[lang];
    const sev = TERMS[lang].severity;
    const line = ({ f, sub }: { f: Finding; sub: boolean }) =>
      [`${sub ? `${t.sameCause} · ` : ''}${sev[f.severity]}: ${lang === 'zh' ? f.message : f.messageEn}`, f.equation, f.expected !== undefined || f.actual !== undefined ? `${t.expected} ${f.expected ?? '—'} · ${t.shown} ${f.actual ?? '—'}` : '']
        .filter((s) => s)
        .join('\n');
    setAttr(el, 'title', listed.map(line).join('\n\n'));
  }

  function renderFinding(f: Finding, sub: boolean): HTMLElement {
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

  function renderCell(key: string, layer: Layer | undefined): HTMLElement | null {
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

  function show(el: Element, how: Mode, first?: Finding, key?: string): void {
    const mark = marks.get(el);
    const primaries = first ? [first, ...(mark?.findings ?? []).filter((f) => f !== first)] : (mark?.findings ?? []);
    if (primaries.length === 0) return;
    cancelHide();
    // each finding, then those grouped under it (same cause)
    const listed = primaries.flatMap((f) => [{ f, sub: false }, ...(layerOf.get(f)?.findings ?? []).filter((g) => g.groupedUnder === f.id && g !== first).map((g) => ({ f: g, sub: true }))]);
    const box = ensureTip();
    if (!box) return explainInTitle(el, listed);
    const items = listed.map(({ f, sub }) => renderFinding(f, sub));
    const cell = renderCell(key ?? mark?.key ?? '', first ? layerOf.get(first) : mark?.layer);
    box.textContent = '';
    box.lang = lang === 'zh' ? 'zh-CN' : 'en';
    box.append(...items, ...(cell ? [cell] : []));
    const jump = primaries.map((f) => jumpFrom(el, f)).find((j) => j);
    if (jump) {
      const button = make('button', 'jump', jump.label);
      button.setAttribute('type', 'button');
      button.addEventListener('click', jump.go);
      box.append(button);
    }
    box.hidden = false;
    anchor = el;
    mode = how;
    position();
  }

  /** A narrative finding is marked twice, on its sentence and on its cell: the way from one to the other. */
  function jumpFrom(el: Element, f: Finding): { label: string; go: () => void } | null {
    const layer = layerOf.get(f);
    const sentence = layer?.sentences.get(f.id)?.element;
    const cellKey = markedCell(f);
    const cell = cellKey ? layer?.nodes.get(cellKey) : undefined;
    const id = idOf.get(f)!;
    if (!live(sentence) || !live(cell)) return null;
    if (el === sentence) return { label: TOOLTIP_WORDS[lang].toCell, go: () => void focus(id, 'cell') };
    if (el === cell) return { label: TOOLTIP_WORDS[lang].toSentence, go: () => void focus(id) };
    return null;
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

  function hide(): void {
    cancelHide();
    if (tip) tip.hidden = true;
    anchor = null;
    unrelate();
  }
  function cancelHide(): void {
    clearTimeout(hideTimer);
    hideTimer = undefined;
  }
  const scheduleHide = () => {
    cancelHide();
    hideTimer = setTimeout(hide, HIDE_MS);
  };

  // ---- selection ---------------------------------------------------------------

  function unrelate(): void {
    for (const el of related) unsetAttr(el, 'data-gip-related');
    related = [];
  }
  function relate(f: Finding, except: Element): void {
    unrelate();
    const layer = layerOf.get(f);
    const places = [...f.cells.map((k) => layer?.nodes.get(k)), layer?.sentences.get(f.id)?.element];
    for (const el of places) {
      if (live(el) && el !== except && !related.includes(el)) {
        setAttr(el, 'data-gip-related', '');
        related.push(el);
      }
    }
  }
  function flash(el: Element): void {
    if (flashing) unsetAttr(flashing, 'data-gip-flash');
    clearTimeout(flashTimer);
    void (el as HTMLElement).offsetWidth; // restart the animation on the same cell
    setAttr(el, 'data-gip-flash', '');
    flashing = el;
    flashTimer = setTimeout(() => {
      unsetAttr(el, 'data-gip-flash');
      flashing = null;
    }, FLASH_MS);
  }

  // ---- events (delegated, capture, passive) ------------------------------------

  const markedFrom = (t: EventTarget | null): Element | null => {
    const el = t && (t as Node).nodeType === 1 ? (t as Element).closest('[data-gip-finding]') : null;
    return el && marks.has(el) ? el : null;
  };
  const inTip = (t: EventTarget | null) => !!t && t === host;
  const onAnchor = (t: EventTarget | null) => !!t && !!anchor && anchor.contains(t as Node);

  const handlers: Record<string, (e: Event) => void> = {
    mouseover(e) {
      if (inTip(e.target)) return cancelHide();
      const cell = markedFrom(e.target);
      if (!cell) return;
      if (cell === anchor && tip && !tip.hidden) cancelHide();
      else show(cell, 'hover');
    },
    mouseout(e) {
      if (mode !== 'hover' || !tip || tip.hidden) return;
      const to = (e as MouseEvent).relatedTarget;
      if (inTip(to) || onAnchor(to)) return;
      if (inTip(e.target) || onAnchor(e.target)) scheduleHide();
    },
    focusin(e) {
      const cell = markedFrom(e.target);
      if (cell) show(cell, 'focus');
    },
    focusout(e) {
      if (mode !== 'hover' && e.target === anchor && !inTip((e as FocusEvent).relatedTarget)) scheduleHide();
    },
    keydown(e) {
      const key = (e as KeyboardEvent).key;
      if (key === 'Escape' && tip && !tip.hidden) hide();
      if (key === 'Enter') {
        const el = markedFrom(e.target);
        if (el) marks.get(el)!.findings.map((f) => jumpFrom(el, f)).find((j) => j)?.go();
      }
    },
    click(e) {
      if (inTip(e.target)) return;
      const cell = markedFrom(e.target);
      const f = cell && marks.get(cell)?.findings[0];
      if (cell && f) {
        current = idOf.get(f) ?? f.id;
        relate(f, cell);
        show(cell, 'pinned', f);
      } else if (mode !== 'hover' && tip && !tip.hidden) hide();
    },
    scroll() {
      if (!tip || tip.hidden || frame !== undefined) return;
      frame = win ? win.requestAnimationFrame(() => ((frame = undefined), position())) : undefined;
    },
  };
  const listen = (on: boolean) => {
    if (on === listening) return;
    listening = on;
    for (const [type, fn] of Object.entries(handlers)) {
      if (on) doc.addEventListener(type, fn, LISTEN);
      else doc.removeEventListener(type, fn, LISTEN);
    }
  };

  // ---- API ---------------------------------------------------------------------

  function clear(): void {
    listen(false);
    cancelHide();
    clearTimeout(flashTimer);
    if (frame !== undefined) win?.cancelAnimationFrame(frame);
    frame = flashTimer = undefined;
    for (const [el, m] of saved) for (const [name, value] of m) put(el, name, value);
    saved.clear();
    host?.remove();
    style?.remove();
    highlights()?.delete(STATEMENT_HIGHLIGHT);
    host = tip = style = anchor = flashing = null;
    related = [];
    marks = new Map();
    order = [];
    byId = new Map();
    idOf = new Map();
    layerOf = new Map();
    current = null;
    mode = 'hover';
  }

  /** the style element and the listeners, once there is something to show */
  function activate(): void {
    if (!style) {
      style = doc.createElement('style');
      style.id = STYLE_ID;
      style.textContent = PAGE_CSS;
      (doc.head ?? doc.documentElement).append(style);
    }
    listen(true);
  }

  /** The page's registry of CSS highlights, where the browser has one (Chromium 105+, Firefox 140+). */
  function highlights(): { set(name: string, h: unknown): void; delete(name: string): void } | null {
    const css = win?.CSS as unknown as { highlights?: { set(name: string, h: unknown): void; delete(name: string): void } } | undefined;
    return css?.highlights && typeof (win as unknown as { Highlight?: unknown }).Highlight === 'function' ? css.highlights : null;
  }

  function focus(findingId: string, where?: 'cell'): boolean {
    const f = byId.get(findingId);
    const layer = f && layerOf.get(f);
    if (!f || !layer) return false;
    const mk = markedCell(f);
    const key = mk && live(layer.nodes.get(mk)) ? mk : f.cells.find((k) => live(layer.nodes.get(k)));
    const sentence = where === 'cell' ? undefined : layer.sentences.get(f.id)?.element;
    const el = live(sentence) ? sentence : key ? layer.nodes.get(key) : undefined;
    if (!live(el)) return false;
    current = findingId;
    activate();
    const reduce = !!win?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView?.({ block: 'center', inline: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
    if (marks.has(el)) (el as HTMLElement).focus?.({ preventScroll: true });
    flash(el);
    relate(f, el);
    show(el, 'pinned', f, key ?? undefined);
    return true;
  }

  return {
    apply(input) {
      clear();
      lang = input.lang;
      const layers: Layer[] = [input, ...(input.others ?? [])].map((m) => ({ report: m.report, nodes: m.nodes, sentences: m.sentences ?? new Map(), findings: m.findings }));
      const add = (el: Element | undefined, key: string, f: Finding, layer: Layer) => {
        if (!live(el)) return;
        const mark = marks.get(el) ?? { key, findings: [], layer };
        mark.findings.push(f);
        marks.set(el, mark);
      };
      const ranges: Range[] = [];
      layers.forEach((layer, k) => {
        for (const f of layer.findings) {
          const id = k === 0 ? f.id : `${k}|${f.id}`;
          byId.set(id, f);
          idOf.set(f, id);
          layerOf.set(f, layer);
          const key = markedCell(f);
          // a narrative finding: its sentence first, and its table cell
          const sentence = layer.sentences.get(f.id);
          if (sentence) {
            add(sentence.element, key ?? '', f, layer);
            if (sentence.range) ranges.push(sentence.range);
          }
          if (key) add(layer.nodes.get(key), key, f, layer);
        }
      });
      if (marks.size === 0) return;
      const registry = highlights();
      if (registry && ranges.length) {
        const Highlight = (win as unknown as { Highlight: new (...r: Range[]) => unknown }).Highlight;
        registry.set(STATEMENT_HIGHLIGHT, new Highlight(...ranges));
      }
      for (const [el, mark] of marks) {
        mark.findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
        setAttr(el, 'data-gip-severity', mark.findings[0]!.severity);
        setAttr(el, 'data-gip-finding', mark.findings.map((f) => f.id).join(' '));
        setAttr(el, 'tabindex', '0');
      }
      const els = [...marks.keys()].sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
      order = [...new Set(els.flatMap((el) => marks.get(el)!.findings.map((f) => idOf.get(f)!)))];
      activate();
    },
    focus,
    step(direction) {
      if (order.length === 0) return null;
      const cur = current ? byId.get(current) : undefined;
      // a grouped finding is listed under the one it follows from (same report)
      const at = cur?.groupedUnder ? [...byId.entries()].find(([, g]) => g.id === cur.groupedUnder && layerOf.get(g) === layerOf.get(cur))?.[0] : current;
      const i = at ? order.indexOf(at) : -1;
      const next = order[i < 0 ? (direction === 1 ? 0 : order.length - 1) : (i + direction + order.length) % order.length]!;
      focus(next);
      return next;
    },
    clear,
  };
}
