// Marks the cells of findings in the page and explains them in a tooltip: the three
// parts in their own modules (reversible marks: ./marks.ts; the tooltip in a closed
// shadow root: ./tooltip.ts; stepping, flashing and related places: ./navigation.ts),
// brought together here with the page events (delegated, capture, passive) and the API
// the checker uses. clear() leaves the document exactly as it was.

import type { Finding, Report } from '../../lib/schema';
import { TOOLTIP_WORDS, type Lang } from '../../lib/vocabulary';
import {
  AttributeLedger,
  STATEMENT_HIGHLIGHT,
  cssHighlights,
  ensureStyle,
  highlightStatements,
  indexMarks,
  live,
  markedCell,
  paintMarks,
  type Layer,
  type MarkIndex,
} from './marks';
import { createNavigation, stepFrom } from './navigation';
import type { SentenceMark } from './sentences';
import { createTooltip, type Jump } from './tooltip';

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

type Mode = 'hover' | 'focus' | 'pinned';

const emptyIndex = (): MarkIndex => ({ marks: new Map(), byId: new Map(), idOf: new Map(), layerOf: new Map(), ranges: [] });

export function createHighlighter(doc: Document): Highlighter {
  const win = doc.defaultView;
  const LISTEN: AddEventListenerOptions = { capture: true, passive: true };
  const ledger = new AttributeLedger();
  const nav = createNavigation(ledger);
  const tooltip = createTooltip(doc, ledger, () => nav.unrelate());
  let index = emptyIndex();
  let order: string[] = [];
  let lang: Lang = 'zh';
  let style: HTMLStyleElement | null = null;
  let mode: Mode = 'hover';
  let current: string | null = null;
  let frame: number | undefined;
  let listening = false;

  function show(el: Element, how: Mode, first?: Finding, key?: string): void {
    const mark = index.marks.get(el);
    const primaries = first ? [first, ...(mark?.findings ?? []).filter((f) => f !== first)] : (mark?.findings ?? []);
    if (primaries.length === 0) return;
    // each finding, then those grouped under it (same cause)
    const listed = primaries.flatMap((f) => [
      { f, sub: false },
      ...(index.layerOf.get(f)?.findings ?? []).filter((g) => g.groupedUnder === f.id && g !== first).map((g) => ({ f: g, sub: true })),
    ]);
    const cell = { key: key ?? mark?.key ?? '', layer: first ? index.layerOf.get(first) : mark?.layer };
    const jump = primaries.map((f) => jumpFrom(el, f)).find((j) => j) ?? null;
    tooltip.show(el, listed, cell, jump, lang);
    mode = how;
  }

  /** A narrative finding is marked twice, on its sentence and on its cell: the way from one to the other. */
  function jumpFrom(el: Element, f: Finding): Jump | null {
    const layer = index.layerOf.get(f);
    const sentence = layer?.sentences.get(f.id)?.element;
    const cellKey = markedCell(f);
    const cell = cellKey ? layer?.nodes.get(cellKey) : undefined;
    const id = index.idOf.get(f)!;
    if (!live(sentence) || !live(cell)) return null;
    if (el === sentence) return { label: TOOLTIP_WORDS[lang].toCell, go: () => void focus(id, 'cell') };
    if (el === cell) return { label: TOOLTIP_WORDS[lang].toSentence, go: () => void focus(id) };
    return null;
  }

  const hide = () => tooltip.hide();
  const markedFrom = (t: EventTarget | null): Element | null => {
    const el = t && (t as Node).nodeType === 1 ? (t as Element).closest('[data-gip-finding]') : null;
    return el && index.marks.has(el) ? el : null;
  };
  const inTip = (t: EventTarget | null) => tooltip.isTip(t);
  const onAnchor = (t: EventTarget | null) => !!t && !!tooltip.anchor && tooltip.anchor.contains(t as Node);
  const shown = () => tooltip.anchor !== null;

  const handlers: Record<string, (e: Event) => void> = {
    mouseover(e) {
      if (inTip(e.target)) return tooltip.cancelHide();
      const cell = markedFrom(e.target);
      if (!cell) return;
      if (cell === tooltip.anchor) tooltip.cancelHide();
      else show(cell, 'hover');
    },
    mouseout(e) {
      if (mode !== 'hover' || !shown()) return;
      const to = (e as MouseEvent).relatedTarget;
      if (inTip(to) || onAnchor(to)) return;
      if (inTip(e.target) || onAnchor(e.target)) tooltip.scheduleHide();
    },
    focusin(e) {
      const cell = markedFrom(e.target);
      if (cell) show(cell, 'focus');
    },
    focusout(e) {
      if (mode !== 'hover' && e.target === tooltip.anchor && !inTip((e as FocusEvent).relatedTarget)) tooltip.scheduleHide();
    },
    keydown(e) {
      const key = (e as KeyboardEvent).key;
      if (key === 'Escape' && shown()) hide();
      if (key === 'Enter') {
        const el = markedFrom(e.target);
        if (el)
          index.marks
            .get(el)!
            .findings.map((f) => jumpFrom(el, f))
            .find((j) => j)
            ?.go();
      }
    },
    click(e) {
      if (inTip(e.target)) return;
      const cell = markedFrom(e.target);
      const f = cell && index.marks.get(cell)?.findings[0];
      if (cell && f) {
        current = index.idOf.get(f) ?? f.id;
        nav.relate(f, index.layerOf.get(f), cell);
        show(cell, 'pinned', f);
      } else if (mode !== 'hover' && shown()) hide();
    },
    scroll() {
      if (!shown() || frame !== undefined) return;
      frame = win ? win.requestAnimationFrame(() => ((frame = undefined), tooltip.position())) : undefined;
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
    tooltip.remove();
    nav.reset();
    if (frame !== undefined) win?.cancelAnimationFrame(frame);
    frame = undefined;
    ledger.restoreAll();
    style?.remove();
    cssHighlights(win)?.delete(STATEMENT_HIGHLIGHT);
    style = null;
    index = emptyIndex();
    order = [];
    current = null;
    mode = 'hover';
  }

  /** the style element and the listeners, once there is something to show */
  function activate(): void {
    style = ensureStyle(doc, style);
    listen(true);
  }

  function focus(findingId: string, where?: 'cell'): boolean {
    const f = index.byId.get(findingId);
    const layer = f && index.layerOf.get(f);
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
    if (index.marks.has(el)) (el as HTMLElement).focus?.({ preventScroll: true });
    nav.flash(el);
    nav.relate(f, layer, el);
    show(el, 'pinned', f, key ?? undefined);
    return true;
  }

  return {
    apply(input) {
      clear();
      lang = input.lang;
      const layers: Layer[] = [input, ...(input.others ?? [])].map((m) => ({
        report: m.report,
        nodes: m.nodes,
        sentences: m.sentences ?? new Map(),
        findings: m.findings,
      }));
      index = indexMarks(layers);
      if (index.marks.size === 0) return;
      highlightStatements(win, index.ranges);
      order = paintMarks(index, ledger);
      activate();
    },
    focus,
    step(direction) {
      const cur = current ? index.byId.get(current) : undefined;
      // a grouped finding is listed under the one it follows from (same report)
      const at = cur?.groupedUnder
        ? [...index.byId.entries()].find(([, g]) => g.id === cur.groupedUnder && index.layerOf.get(g) === index.layerOf.get(cur))?.[0]
        : current;
      const next = stepFrom(order, at, direction);
      if (next) focus(next);
      return next;
    },
    clear,
  };
}
