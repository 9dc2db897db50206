// Moving among the marks: the order findings are stepped through (J/K, ↑/↓), the flash
// on the place moved to, and the light marks on the other places a finding is about
// (its other cells, its sentence). All attributes go through the ledger, so clearing
// the marks puts them back too.

import type { Finding } from '../../lib/schema';
import { live, type AttributeLedger, type Layer } from './marks';

const FLASH_MS = 1800;

export interface Navigation {
  /** flash the element (restarting the animation if it is already flashing) */
  flash(el: Element): void;
  /** lightly mark the places the finding is about, but `except` */
  relate(f: Finding, layer: Layer | undefined, except: Element): void;
  unrelate(): void;
  /** stop the flash timer and forget the elements (their attributes are the ledger's to put back) */
  reset(): void;
}

export function createNavigation(ledger: AttributeLedger): Navigation {
  let related: Element[] = [];
  let flashing: Element | null = null;
  let flashTimer: ReturnType<typeof setTimeout> | undefined;

  function unrelate(): void {
    for (const el of related) ledger.unset(el, 'data-gip-related');
    related = [];
  }
  return {
    flash(el) {
      if (flashing) ledger.unset(flashing, 'data-gip-flash');
      clearTimeout(flashTimer);
      void (el as HTMLElement).offsetWidth; // restart the animation on the same cell
      ledger.set(el, 'data-gip-flash', '');
      flashing = el;
      flashTimer = setTimeout(() => {
        ledger.unset(el, 'data-gip-flash');
        flashing = null;
      }, FLASH_MS);
    },
    relate(f, layer, except) {
      unrelate();
      const places = [...f.cells.map((k) => layer?.nodes.get(k)), layer?.sentences.get(f.id)?.element];
      for (const el of places) {
        if (live(el) && el !== except && !related.includes(el)) {
          ledger.set(el, 'data-gip-related', '');
          related.push(el);
        }
      }
    },
    unrelate,
    reset() {
      clearTimeout(flashTimer);
      flashTimer = undefined;
      flashing = null;
      related = [];
    },
  };
}

/**
 * The finding after (1) or before (-1) `at` in `order`, wrapping; from nowhere, the first
 * (or the last). A finding grouped under another is stepped from the one it follows from.
 */
export function stepFrom(order: readonly string[], at: string | null | undefined, direction: 1 | -1): string | null {
  if (order.length === 0) return null;
  const i = at ? order.indexOf(at) : -1;
  return order[i < 0 ? (direction === 1 ? 0 : order.length - 1) : (i + direction + order.length) % order.length]!;
}
