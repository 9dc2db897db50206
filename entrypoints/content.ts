// The always-on content script: cheap on every page. It asks one question — could
// this be an annual report? (title, metas and the first rows of each table: a few
// string probes) — and only then asks the background to inject the checker. On any
// other page it does nothing more, except watch briefly for an article that a page
// script inserts after load (a bounded, debounced re-check).

import { looksLikeReport, probe } from '../lib/detect';
import type { Message } from '../utils/messages';
import { settingsItem } from '../utils/storage';

/**
 * Late pages: at most `maxChecks` re-checks, `debounceMs` after the DOM settles (but no
 * later than `maxWaitMs` on a page that never settles), within `windowMs`.
 */
export const LATE = { debounceMs: 400, maxWaitMs: 2_000, maxChecks: 5, windowMs: 30_000 };

export default defineContentScript({
  matches: ['*://*.gov.cn/*'],
  allFrames: true,
  runAt: 'document_idle',
  main() {
    const inject = () => void browser.runtime.sendMessage({ type: 'inject-checker' } satisfies Message).catch(() => undefined);
    void settingsItem.getValue().then((s) => {
      if (s.disabledHosts.includes(location.hostname)) return; // switched off for this site by the user
      const first = probe(document);
      if (looksLikeReport(first)) inject();
      // the report's tables may still be inserted by a page script (with or without a title saying so)
      if (!first.strongTable) watchLateContent(inject);
    });
  },
});

function watchLateContent(inject: () => void): void {
  if (!document.body) return;
  let checks = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pendingSince = 0;
  const started = Date.now();
  const check = () => {
    pendingSince = 0;
    checks++;
    if (!probe(document).strongTable) return;
    observer.disconnect();
    inject();
  };
  const observer = new MutationObserver(() => {
    if (Date.now() - started > LATE.windowMs || checks >= LATE.maxChecks) return observer.disconnect();
    clearTimeout(timer);
    pendingSince ||= Date.now();
    // debounced, but a page that never stops changing is still looked at every maxWaitMs
    timer = setTimeout(check, Date.now() - pendingSince >= LATE.maxWaitMs ? 0 : LATE.debounceMs);
  });
  observer.observe(document.body, { childList: true, subtree: true });
}
