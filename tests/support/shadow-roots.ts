// The tooltip's shadow root is closed (the page cannot reach it): unit tests keep what
// attachShadow returns, as the highlighter itself does, to read the tooltip.
import { afterEach, beforeEach, vi } from 'vitest';

/** Install the capture around each test; the returned function gives the tooltip of the newest connected root. */
export function captureShadowRoots(): { tooltip: () => HTMLElement | null } {
  let roots: ShadowRoot[] = [];
  beforeEach(() => {
    roots = [];
    const attach = Element.prototype.attachShadow;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return { tooltip: () => roots.findLast((r) => r.host.isConnected)?.querySelector<HTMLElement>('[role="tooltip"]') ?? null };
}
