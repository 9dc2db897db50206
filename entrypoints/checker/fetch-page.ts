// The one network request the extension ever makes, and only when the reviewer clicks
// "获取上一年度报告": a page of the same site (same origin as the page being checked),
// read as the page itself would be (the site's own cookies, nothing added). The
// response is parsed with DOMParser: an inert document, no scripts run, nothing loaded.

import { decodePage } from '../../lib/encoding';
import type { FetchPage } from '../../lib/previous-report';

/** Larger pages are not reports (the biggest real consolidated pages are a few MB). */
const MAX_BYTES = 8 * 1024 * 1024;

export const fetchSameOriginPage: FetchPage = async (url) => {
  if (new URL(url, location.href).origin !== location.origin) return null;
  const response = await fetch(url, { credentials: 'same-origin', redirect: 'follow', headers: { Accept: 'text/html' } });
  // a redirect to another site is not followed into
  if (!response.ok || (response.url && new URL(response.url).origin !== location.origin)) return null;
  const type = response.headers.get('content-type') ?? '';
  if (type && !/html|xml|text\/plain/i.test(type)) return null;
  // a page that says it is too large is not downloaded at all (one that does not say is measured after)
  if (Number(response.headers.get('content-length') ?? 0) > MAX_BYTES) return null;
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_BYTES) return null;
  const { text } = decodePage(bytes, /charset=["']?([\w.:-]+)/i.exec(type)?.[1]);
  return new DOMParser().parseFromString(text, 'text/html');
};
