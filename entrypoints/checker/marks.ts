// Reversible marks: the data-gip-* attributes that mark the cells (and sentences) of
// findings, styled by one injected <style> with outlines and inset shadows only, so the
// page never moves. Every attribute set is remembered with its original value (the
// ledger), so restoring leaves the document exactly as it was.

import type { Finding, Report, Severity } from '../../lib/schema';
import type { SentenceMark } from './sentences';

export const STYLE_ID = 'gip-report-checker-style';
/** the CSS highlight (no DOM change at all) over the exact words of narrative findings */
export const STATEMENT_HIGHLIGHT = 'gip-report-checker-statement';
export const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** which cell a finding marks: its first cell, except table-level disclosures and findings grouped under another one */
export function markedCell(f: Finding): string | null {
  if (f.groupedUnder || f.ruleId === 'cell.blankAsZero') return null;
  return f.cells[0] ?? null;
}

// Three ids in :not() lift our rules to specificity (3,1,0): site rules, even with
// !important and attribute selectors, lose to them.
const X = ':not(#gip#gip#gip)';
export const COLORS: Record<Severity, [string, string]> = {
  error: ['#d93025', '217,48,37,.14'],
  warning: ['#e37400', '227,116,0,.14'],
  info: ['#1a73e8', '26,115,232,.1'],
};
const shade = (outline: string, offset: number, tint: string) =>
  `outline:${outline}!important;outline-offset:-${offset}px!important;box-shadow:inset 0 0 0 100vmax rgba(${tint})!important`;
export const PAGE_CSS =
  (Object.keys(COLORS) as Severity[])
    .map((s) => `[data-gip-severity="${s}"]${X}{${shade(`2px solid ${COLORS[s][0]}`, 2, COLORS[s][1])};cursor:help!important}`)
    .join('') +
  `[data-gip-severity]${X}:focus-visible{outline-width:3px!important;outline-offset:-3px!important}` +
  `[data-gip-related]:not([data-gip-severity])${X}{${shade('1px dashed #1a73e8', 1, '26,115,232,.08')}}` +
  `@keyframes gip-flash{50%{background-color:#fde293}}` +
  `[data-gip-flash]${X}{animation:gip-flash .45s ease-in-out 4!important}` +
  `@media (prefers-reduced-motion:reduce){[data-gip-flash]${X}{animation:none!important;outline-width:4px!important;outline-offset:-4px!important}}` +
  `::highlight(${STATEMENT_HIGHLIGHT}){background-color:rgba(227,116,0,.3);text-decoration:underline 2px #e37400}`;

/** Every attribute we set, with the value it had (null: absent), so that all can be put back. */
export class AttributeLedger {
  private saved = new Map<Element, Map<string, string | null>>();

  set(el: Element, name: string, value: string): void {
    let m = this.saved.get(el);
    if (!m) this.saved.set(el, (m = new Map()));
    if (!m.has(name)) m.set(name, el.getAttribute(name));
    el.setAttribute(name, value);
  }

  /** put one attribute back as it was (nothing if we never set it) */
  unset(el: Element, name: string): void {
    const m = this.saved.get(el);
    if (!m?.has(name)) return;
    put(el, name, m.get(name) ?? null);
    m.delete(name);
    if (m.size === 0) this.saved.delete(el);
  }

  /** put every attribute back as it was */
  restoreAll(): void {
    for (const [el, m] of this.saved) for (const [name, value] of m) put(el, name, value);
    this.saved.clear();
  }
}
const put = (el: Element, name: string, value: string | null) => (value === null ? el.removeAttribute(name) : el.setAttribute(name, value));

export const live = (el: Element | null | undefined): el is Element => !!el && el.isConnected;

/** One report's findings and where they are on the page. */
export interface Layer {
  report: Report;
  nodes: Map<string, Element>;
  sentences: Map<string, SentenceMark>;
  findings: Finding[];
}
export interface Mark {
  key: string;
  findings: Finding[];
  layer: Layer;
}

/** The marks of all layers: which element shows which findings, and the findings by id (the first layer's as they are, the others' as `k|id`). */
export interface MarkIndex {
  marks: Map<Element, Mark>;
  byId: Map<string, Finding>;
  idOf: Map<Finding, string>;
  layerOf: Map<Finding, Layer>;
  /** the exact words of narrative findings, for the CSS highlight */
  ranges: Range[];
}

export function indexMarks(layers: readonly Layer[]): MarkIndex {
  const index: MarkIndex = { marks: new Map(), byId: new Map(), idOf: new Map(), layerOf: new Map(), ranges: [] };
  const add = (el: Element | undefined, key: string, f: Finding, layer: Layer) => {
    if (!live(el)) return;
    const mark = index.marks.get(el) ?? { key, findings: [], layer };
    mark.findings.push(f);
    index.marks.set(el, mark);
  };
  layers.forEach((layer, k) => {
    for (const f of layer.findings) {
      const id = k === 0 ? f.id : `${k}|${f.id}`;
      index.byId.set(id, f);
      index.idOf.set(f, id);
      index.layerOf.set(f, layer);
      const key = markedCell(f);
      // a narrative finding: its sentence first, and its table cell
      const sentence = layer.sentences.get(f.id);
      if (sentence) {
        add(sentence.element, key ?? '', f, layer);
        if (sentence.range) index.ranges.push(sentence.range);
      }
      if (key) add(layer.nodes.get(key), key, f, layer);
    }
  });
  return index;
}

/** Mark each element by its worst finding, make it focusable; returns the finding ids in document order. */
export function paintMarks(index: MarkIndex, ledger: AttributeLedger): string[] {
  for (const [el, mark] of index.marks) {
    mark.findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    ledger.set(el, 'data-gip-severity', mark.findings[0]!.severity);
    ledger.set(el, 'data-gip-finding', mark.findings.map((f) => f.id).join(' '));
    ledger.set(el, 'tabindex', '0');
  }
  const els = [...index.marks.keys()].sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
  return [...new Set(els.flatMap((el) => index.marks.get(el)!.findings.map((f) => index.idOf.get(f)!)))];
}

type HighlightRegistry = { set(name: string, h: unknown): void; delete(name: string): void };
/** The page's registry of CSS highlights, where the browser has one (Chromium 105+, Firefox 140+). */
export function cssHighlights(win: Document['defaultView']): HighlightRegistry | null {
  const css = win?.CSS as unknown as { highlights?: HighlightRegistry } | undefined;
  return css?.highlights && typeof (win as unknown as { Highlight?: unknown }).Highlight === 'function' ? css.highlights : null;
}

/** Highlight the exact words of narrative findings (no node added). */
export function highlightStatements(win: Document['defaultView'], ranges: Range[]): void {
  const registry = cssHighlights(win);
  if (!registry || ranges.length === 0) return;
  const Highlight = (win as unknown as { Highlight: new (...r: Range[]) => unknown }).Highlight;
  registry.set(STATEMENT_HIGHLIGHT, new Highlight(...ranges));
}

/** The one style element of the marks (added once). */
export function ensureStyle(doc: Document, current: HTMLStyleElement | null): HTMLStyleElement {
  if (current) return current;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = PAGE_CSS;
  (doc.head ?? doc.documentElement).append(style);
  return style;
}
