// The attachment page's one network request: the attachment the reviewer clicked
// 检查附件 / 检查此 PDF for, downloaded by this extension page (not the site's page), and
// only when its host is one the extension may reach: *.gov.cn (the manifest's host
// permission) or a site the reviewer granted (asked on a click, browser.permissions).
//
// The address comes in the page's query string: untrusted. Only http(s), no user name or
// password in it, at most 2,000 characters. The response must come from an allowed host
// too (a redirect elsewhere is dropped unread: an extension page cannot stop the browser
// following a redirect, but a host without permission answers a CORS failure, and the
// final address is checked again), must be a success, and is read up to 30 MB. What it
// is, is decided by its bytes afterwards (lib/attachment sniffAttachment), never by the
// site's Content-Type.

import { MAX_ATTACHMENT_BYTES } from '../../lib/attachment/sniff';
import { readAtMost } from '../checker/fetch-page';

const MAX_URL = 2_000;

export type FetchFailureCode = 'badUrl' | 'notAllowed' | 'network' | 'redirectedAway' | 'refused' | 'tooLarge' | 'webPage';
export interface FetchFailure {
  code: FetchFailureCode;
  /** the HTTP status of a refusal */
  status?: number;
  /** the host that is not allowed, or the size that was too large (bytes) */
  host?: string;
  size?: number;
  detail?: string;
}
export interface Fetched {
  bytes: Uint8Array;
  /** where the bytes came from (after redirects, within allowed hosts): the report's key */
  url: string;
  /** a file name: the server's Content-Disposition, else the address's filename/showname parameter, else its last path segment */
  name: string;
  contentType: string;
}

/** The attachment's address from the page's query string, or null (not http(s), credentials in it, too long, unparseable). */
export function parseSource(raw: string | null | undefined): URL | null {
  if (!raw || raw.length > MAX_URL) return null;
  try {
    const u = new URL(raw);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || !u.hostname) return null;
    return u;
  } catch {
    return null;
  }
}

/** The match pattern the reviewer is asked to grant for an attachment's host (its whole site is not asked for). */
export const hostPattern = (u: URL): string => `*://${u.hostname}/*`;

/** *.gov.cn and gov.cn: the manifest's host permission (*://*.gov.cn/*), always held. */
export const isGovHost = (hostname: string): boolean => {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'gov.cn' || h.endsWith('.gov.cn');
};

/** Whether the extension may read from this address's host: *.gov.cn, or a host the reviewer granted. */
export async function hostAllowed(u: URL): Promise<boolean> {
  if (isGovHost(u.hostname)) return true;
  try {
    return await browser.permissions.contains({ origins: [hostPattern(u)] });
  } catch {
    return false;
  }
}

/** The file name a Content-Disposition gives (filename*=UTF-8''… first, then filename="…"); '' when none. */
export function dispositionName(header: string | null): string {
  if (!header || header.length > 2_000) return '';
  const star = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return cleanName(decodeURIComponent(star[2]!.trim().replace(/^"|"$/g, '')));
    } catch {
      // a malformed escape: the plain name below
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  if (!plain) return '';
  const raw = (plain[2] ?? plain[1] ?? '').trim();
  // servers often percent-encode the name in the plain form too (many gov CMSs do)
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // keep it as sent
  }
  // a name sent as raw UTF-8 bytes arrives as Latin-1 characters: decode it back when it is valid UTF-8
  if (/^[\u0000-\u00ff]*$/.test(name) && /[\u0080-\u00ff]/.test(name)) {
    try {
      name = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(name, (c) => c.charCodeAt(0)));
    } catch {
      // GBK or something else: left as sent
    }
  }
  return cleanName(name);
}

/** A file name for display and exports: no path, no control characters, at most 200 characters. */
export function cleanName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
}

const NAME_PARAMS = ['showname', 'filename', 'fileName', 'name', 'file'];

/** A file name from the address alone (download scripts name the file in a parameter). */
export function nameFromUrl(u: URL): string {
  for (const p of NAME_PARAMS) {
    const v = u.searchParams.get(p);
    if (v && /\.\w{2,4}$/.test(v.trim())) return cleanName(v);
  }
  let last = u.pathname.split('/').pop() ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    // as it is
  }
  return cleanName(last) || u.hostname;
}

/** Whether a response's bytes are a web page (a login page, a block page, an error page) rather than a file. */
export function looksLikeWebPage(bytes: Uint8Array, contentType: string): boolean {
  const head = new TextDecoder('latin1')
    .decode(bytes.subarray(0, 512))
    .replace(/^\ufeff|^\u00ef\u00bb\u00bf/, '')
    .trimStart()
    .toLowerCase();
  return (
    /^\s*text\/html/i.test(contentType) ||
    head.startsWith('<!doctype html') ||
    head.startsWith('<html') ||
    head.startsWith('<head') ||
    head.startsWith('<script')
  );
}

/**
 * Download the attachment at `target` (already parsed by parseSource), on the reviewer's
 * click. Never throws: a failure says what went wrong, for the page to say it.
 */
export async function fetchAttachment(target: URL): Promise<{ ok: true; file: Fetched } | { ok: false; failure: FetchFailure }> {
  if (!(await hostAllowed(target))) return { ok: false, failure: { code: 'notAllowed', host: target.hostname } };
  let response: Response;
  try {
    // the site's own cookies go with it, as when the reviewer clicks the link (some sites serve files only to a session)
    response = await fetch(target.href, { credentials: 'include', redirect: 'follow', cache: 'no-store' });
  } catch (e) {
    // also a redirect to a host we may not read (the browser's CORS check fails it)
    return { ok: false, failure: { code: 'network', detail: e instanceof Error ? e.message : String(e) } };
  }
  const final = parseSource(response.url || target.href);
  if (!final || !(await hostAllowed(final))) {
    void response.body?.cancel().catch(() => undefined);
    return { ok: false, failure: { code: 'redirectedAway', host: final?.hostname ?? '' } };
  }
  if (!response.ok) {
    void response.body?.cancel().catch(() => undefined);
    return { ok: false, failure: { code: 'refused', status: response.status } };
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > MAX_ATTACHMENT_BYTES) {
    void response.body?.cancel().catch(() => undefined);
    return { ok: false, failure: { code: 'tooLarge', size: declared } };
  }
  const bytes = await readAtMost(response, MAX_ATTACHMENT_BYTES).catch(() => null);
  if (!bytes) return { ok: false, failure: response.body ? { code: 'tooLarge' } : { code: 'network', detail: 'no body' } };
  const contentType = response.headers.get('content-type') ?? '';
  const name = dispositionName(response.headers.get('content-disposition')) || nameFromUrl(final);
  return { ok: true, file: { bytes, url: final.href, name, contentType } };
}
