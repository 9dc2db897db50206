// A page's site: its host and its registrable domain, from the address the page was
// really read at (never from what the page claims, such as <meta name="Url">). The
// report memory pairs years only within a site (issue 16: a page on one *.gov.cn host
// must not steer what another agency's report shows).

import { memoize } from './memo';

export interface Site {
  /** lower-case host name, e.g. xxgk.pingtan.gov.cn */
  host: string;
  /** the registrable domain, e.g. pingtan.gov.cn (the host itself for IP addresses and single labels) */
  domain: string;
}

/**
 * Second-level suffixes under which names are registered, the part of the Public Suffix
 * List this tool meets (Chinese government and institutional sites, a few common ones
 * elsewhere). The whole list is ~230 KB; a name under an unlisted suffix is taken as
 * registered at its last two labels, which errs towards separating sites, never joining.
 */
const PUBLIC_SECOND_LEVEL = new Set([
  'gov.cn',
  'com.cn',
  'net.cn',
  'org.cn',
  'edu.cn',
  'ac.cn',
  'mil.cn',
  'gov.hk',
  'com.hk',
  'org.hk',
  'edu.hk',
  'gov.mo',
  'gov.tw',
  'com.tw',
  'org.tw',
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'co.jp',
  'ac.jp',
  'go.jp',
  'com.au',
  'gov.au',
]);

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The registrable domain of a host name (lower case, no port). */
export function registrableDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (IPV4.test(h) || h.includes(':')) return h;
  const labels = h.split('.');
  if (labels.length <= 2) return h;
  const last2 = labels.slice(-2).join('.');
  return PUBLIC_SECOND_LEVEL.has(last2) ? labels.slice(-3).join('.') : last2;
}

/** The site of an http(s) address; null for files, extension pages and what does not parse. */
export const siteOf = memoize(
  (url: string): Site | null => {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
      const host = u.hostname.toLowerCase();
      return { host, domain: registrableDomain(host) };
    } catch {
      return null;
    }
  },
  { maxLength: 2_000 },
);

/** Whether two addresses are on one site (the same registrable domain). */
export function sameSite(a: string, b: string): boolean {
  const [x, y] = [siteOf(a), siteOf(b)];
  return !!x && !!y && x.domain === y.domain;
}

/**
 * The address a report is remembered under: the one the page claims (<meta name="Url">)
 * when it is on the address's own host, else the address it was read at: a page cannot
 * claim another host's report.
 */
export function claimedUrl(claimed: string | null, page: string): string {
  if (!claimed) return page;
  try {
    return new URL(claimed).host === new URL(page).host ? claimed : page;
  } catch {
    return page;
  }
}
