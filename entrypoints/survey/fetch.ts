// One page of the list's origin, fetched from the survey view (an extension page) on the
// reviewer's click, with the checker's guards (entrypoints/checker/fetch-page.ts): the
// list's origin only, an HTML page only, at most 8 MB read (the download is stopped at the
// cap), decoded from its bytes (the server's charset, else the page's BOM or <meta>), and
// parsed inert (DOMParser: no scripts, nothing loaded). No redirect is followed
// (`redirect: 'manual'`): from an extension page a followed redirect would already have
// asked the other host, so a redirect is a page not had, said as such. No cookies are sent.

import { MAX_ATTACHMENT_BYTES } from '../../lib/attachment/sniff';
import { decodePage } from '../../lib/encoding';
import { retryAfterMs } from '../../lib/retry-after';
import { HTML_TYPE, MAX_BYTES, readAtMost } from '../checker/fetch-page';
import { RETRY, type Fetched } from './runner';

/** The time one page may take, head and body (ms). */
export const PAGE_TIMEOUT_MS = 30_000;

const ATTACHMENT_TYPE = /^\s*application\/(?:pdf|vnd\.openxmlformats-officedocument\.wordprocessingml\.document|msword)/i;

/** Retry-After in ms (seconds, or an HTTP date), bounded by the survey's longest wait; undefined when absent or unreadable. */
export function surveyRetryAfterMs(value: string | null, now = Date.now()): number | undefined {
  const ms = retryAfterMs(value, now);
  return ms === null ? undefined : Math.min(ms, RETRY.maxWaitMs);
}

/**
 * One page (or, `attachment`: a PDF/Word file expected) of the list's origin. An
 * attachment's bytes come back as they are (the reader recognises them by their bytes);
 * an HTML answer to an attachment's address is read as a page.
 */
export async function fetchSurveyPage(url: string, origin: string, signal: AbortSignal, timeoutMs = PAGE_TIMEOUT_MS, attachment = false): Promise<Fetched> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, reason: 'offSite', detail: url.slice(0, 200) };
  }
  if (target.origin !== origin) return { ok: false, reason: 'offSite' };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), timeoutMs);
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const accept = attachment ? 'application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,*/*;q=0.5' : 'text/html';
    const response = await fetch(target.href, {
      credentials: 'omit',
      redirect: 'manual',
      cache: 'no-store',
      headers: { Accept: accept },
      signal: controller.signal,
    });
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) return { ok: false, reason: 'redirect' };
    if (response.url && new URL(response.url).origin !== origin) return discard(response, { ok: false, reason: 'redirect' });
    if (!response.ok)
      return discard(response, {
        ok: false,
        reason: 'http',
        status: response.status,
        detail: `HTTP ${response.status}`,
        retryAfterMs: surveyRetryAfterMs(response.headers.get('retry-after')),
      });
    const type = response.headers.get('content-type') ?? '';
    if (ATTACHMENT_TYPE.test(type) || (attachment && !HTML_TYPE.test(type))) {
      const bytes = await readAtMost(response, MAX_ATTACHMENT_BYTES);
      return bytes ? { ok: true, bytes } : { ok: false, reason: 'tooLarge' };
    }
    if (!HTML_TYPE.test(type)) return discard(response, { ok: false, reason: 'notHtml', detail: type.slice(0, 100) });
    const bytes = await readAtMost(response, MAX_BYTES);
    if (!bytes) return { ok: false, reason: 'tooLarge' };
    let decoded: { text: string; encoding: string };
    try {
      decoded = decodePage(bytes, /charset=["']?([\w.:-]+)/i.exec(type)?.[1]);
    } catch (e) {
      return { ok: false, reason: 'encoding', detail: e instanceof Error ? e.message : String(e) };
    }
    return { ok: true, doc: new DOMParser().parseFromString(decoded.text, 'text/html'), encoding: decoded.encoding };
  } catch (e) {
    if (signal.aborted) throw signal.reason;
    if (controller.signal.aborted) return { ok: false, reason: 'timeout', detail: `${Math.round(timeoutMs / 1000)} s` };
    return { ok: false, reason: 'network', detail: e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200) };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

function discard(response: Response, answer: Fetched): Fetched {
  void response.body?.cancel().catch(() => undefined);
  return answer;
}
