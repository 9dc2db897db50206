// The one network request the extension ever makes, and only when the reviewer clicks
// "获取上一年度报告": a page of the same site (same origin as the page being checked),
// read as the page itself would be (the site's own cookies, nothing added). The
// response is parsed with DOMParser: an inert document, no scripts run, nothing loaded.
//
// A redirect never takes the request to another site. In Chromium a content script's
// fetch is the page's own, so `mode: 'same-origin'` follows a redirect within the site
// and fails on one out of it before the other host is asked. Firefox's content-script
// fetch is more privileged (a host the extension may access can count as same-origin),
// so there no redirect is followed at all (`redirect: 'manual'`: an opaque redirect is a
// page not had). Either way the final address is checked again.

import { decodePage } from '../../lib/encoding';
import type { FetchPage } from '../../lib/previous-report';

/** Larger pages are not reports (the biggest real consolidated pages are a few MB). */
export const MAX_BYTES = 8 * 1024 * 1024;

/** How redirects are met, per browser (see above). */
export function redirectPolicy(firefox: boolean): RequestInit {
  return firefox ? { redirect: 'manual' } : { mode: 'same-origin', redirect: 'follow' };
}
const REDIRECTS = redirectPolicy(!!import.meta.env.FIREFOX);

/** an HTML page, or a server that does not say */
export const HTML_TYPE = /^\s*(?:text\/html\s*(?:;|$)|$)/i;

export const fetchSameOriginPage: FetchPage = async (url) => {
  if (new URL(url, location.href).origin !== location.origin) return null;
  const response = await fetch(url, { credentials: 'same-origin', ...REDIRECTS, headers: { Accept: 'text/html' } }).catch(() => null);
  // a redirect not followed (opaque), or one that ended on another site
  if (!response || response.type === 'opaqueredirect' || !response.ok || (response.url && new URL(response.url).origin !== location.origin))
    return discard(response);
  const type = response.headers.get('content-type') ?? '';
  if (!HTML_TYPE.test(type)) return discard(response);
  const bytes = await readAtMost(response, MAX_BYTES);
  if (!bytes) return null;
  const { text } = decodePage(bytes, /charset=["']?([\w.:-]+)/i.exec(type)?.[1]);
  return new DOMParser().parseFromString(text, 'text/html');
};

/** null, and the body (if any) is not downloaded */
function discard(response: Response | null): null {
  void response?.body?.cancel().catch(() => undefined);
  return null;
}

/**
 * The body, or null when it is larger than `cap`: a page that says so (Content-Length) is
 * not downloaded at all; otherwise it is read as it arrives and the download is stopped at
 * the cap (a missing or understated length, or a compressed body that inflates).
 */
export async function readAtMost(response: Response, cap: number): Promise<Uint8Array | null> {
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > cap) return discard(response);
  const reader = response.body?.getReader();
  if (!reader) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}
