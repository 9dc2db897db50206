// The always-on content script: cheap on every page. It asks one question — could
// this be an annual report? (title, metas and the first rows of each table: a few
// string probes) — and only then asks the background to inject the checker. On any
// other page it does nothing more, except watch briefly for an article that a page
// script inserts after load (a bounded, debounced re-check).

import { isReportCandidate } from '../lib/detect';
import type { Message } from '../utils/messages';
import { settingsItem } from '../utils/storage';

/** Late pages: at most `maxChecks` re-checks, `debounceMs` after the DOM settles, within `windowMs`. */
export const LATE = { debounceMs: 400, maxChecks: 5, windowMs: 30_000 };

export default defineContentScript({
  matches: ['*://*.gov.cn/*'],
  allFrames: true,
  runAt: 'document_idle',
  main() {
    const inject = () => void browser.runtime.sendMessage({ type: 'inject-checker' } satisfies Message).catch(() => undefined);
    void settingsItem.getValue().then((s) => {
      if (s.disabledHosts.includes(location.hostname)) return; // switched off for this site by the user
      if (isReportCandidate(document)) return inject();
      watchLateContent(inject);
    });
  },
});

function watchLateContent(inject: () => void): void {
  if (!document.body) return;
  let checks = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const started = Date.now();
  const observer = new MutationObserver(() => {
    if (Date.now() - started > LATE.windowMs || checks >= LATE.maxChecks) return observer.disconnect();
    clearTimeout(timer);
    timer = setTimeout(() => {
      checks++;
      if (!isReportCandidate(document)) return;
      observer.disconnect();
      inject();
    }, LATE.debounceMs);
  });
  observer.observe(document.body, { childList: true, subtree: true });
}
