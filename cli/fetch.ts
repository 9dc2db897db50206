// The crawler's polite fetcher (issue 18): one request at a time per host and a pause
// between two (--delay, or the site's Crawl-delay if longer), robots.txt honoured (./robots.ts),
// a User-Agent naming the tool and its version, a time limit on the whole request (headers
// and body), a size cap, redirects followed only within the site, retries with back-off on
// 429/502/503/504 and dropped connections (Retry-After honoured), and a host left alone
// after repeated failures. With a PageStore (--save DIR) every answer is kept and reused:
// an address saved before is not fetched again (unless it failed for a passing reason — no
// answer, 5xx, 429 — which a later online run asks again), and offline nothing is fetched.
// Never throws: every outcome is a record, with `error` saying why there is no page.

import fs from 'node:fs';
import path from 'node:path';
import { sameSite } from '../lib/site';
import { ALLOW_ALL, DISALLOW_ALL, MAX_ROBOTS_BYTES, parseRobots, type Robots } from './robots';
import type { PageStore, StoredPage } from './save';
import { retryAfterMs } from '../lib/retry-after';

/** The product token robots.txt groups are matched against. */
export const AGENT_TOKEN = 'GIPReportChecker';

/** `GIPReportChecker/<version> (+<homepage>)`: the homepage from GIP_HOMEPAGE_URL (as the store build) or package.json. */
export function userAgent(env: NodeJS.ProcessEnv = process.env): string {
  let version = '0.0.0';
  let homepage: string | undefined;
  // the project's package.json: beside cli/ when run from the sources, two levels up from a bundle in dist/cli/
  for (const up of ['..', '../..', '../../..']) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, up, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
        homepage?: string;
      };
      if (pkg.name !== 'gip-report-checker') continue;
      version = pkg.version ?? version;
      homepage = pkg.homepage;
      break;
    } catch {
      // not there: one level further up
    }
  }
  const home = env.GIP_HOMEPAGE_URL || homepage;
  return `${AGENT_TOKEN}/${version} (${home ? `+${home}` : 'government annual-report checker; batch mode'})`;
}

export interface FetchOptions {
  userAgent: string;
  /** pause between the end of one request to a host and the start of the next, ms */
  delayMs: number;
  /** the whole request (connection, headers, body), ms */
  timeoutMs: number;
  /** the largest body read, in bytes */
  maxBytes: number;
  /** further tries after a 429/502/503/504 or a dropped connection */
  retries: number;
  /** a Retry-After above this (ms) is not waited for: the page fails with the reason */
  maxRetryAfterMs: number;
  /** this many failures of one host in a row (no answer, 5xx) and it is asked nothing more */
  maxHostFailures: number;
  maxRedirects: number;
  /** a site's Crawl-delay is honoured up to this (ms) */
  maxCrawlDelayMs: number;
  robots: boolean;
  store?: PageStore;
  /** answer from the store only */
  offline?: boolean;
  /** the fetch to use (tests may pass one); Node's by default */
  fetch?: typeof fetch;
}

export const FETCH_DEFAULTS = {
  delayMs: 1_000,
  timeoutMs: 30_000,
  maxBytes: 20 * 1024 * 1024,
  retries: 3,
  maxRetryAfterMs: 120_000,
  maxHostFailures: 5,
  maxRedirects: 5,
  maxCrawlDelayMs: 30_000,
  robots: true,
} satisfies Partial<FetchOptions>;

/** A fetched page (or why there is none); `fromStore` when it came from --save DIR. */
export interface Fetched extends StoredPage {
  fromStore: boolean;
}

/** One HTTP answer, before redirects are followed. */
interface Answer {
  status: number;
  contentType: string | null;
  location: string | null;
  retryAfter: string | null;
  /** no answer, and worth asking again (a dropped connection; not a timeout) */
  retriable: boolean;
  body: Uint8Array | null;
  bytes: number;
  error: string | null;
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

const mb = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
const secs = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

export const REASONS = {
  robots: 'robots.txt 不允许抓取 / disallowed by robots.txt',
  robotsUnreachable: (why: string) =>
    `robots.txt 无法获取（${why}），按 RFC 9309 视为全部不允许 / robots.txt unreachable (${why}): the site is treated as disallowed (RFC 9309)`,
  offsite: (to: string) => `重定向到其他网站，未跟随 / redirected to another site, not followed: ${to}`,
  tooManyRedirects: (n: number) => `重定向过多 / more than ${n} redirects`,
  timeout: (ms: number) => `请求超时 / timed out after ${secs(ms)}`,
  tooLarge: (limit: number, size?: number) =>
    `页面过大，未读取 / page too large (${size === undefined ? `more than ${mb(limit)}` : mb(size)}, limit ${mb(limit)})`,
  http: (status: number, text: string) => `HTTP ${status}${text ? ` ${text}` : ''}`,
  network: (msg: string) => `无法连接 / network error: ${msg}`,
  retryAfter: (ms: number) => `服务器要求等待 ${Math.round(ms / 1000)} 秒，超过上限 / the server asked to wait ${secs(ms)} (Retry-After), above the limit`,
  hostStopped: (n: number) => `该主机连续 ${n} 次失败，已停止请求 / the host failed ${n} times in a row: no more requests to it`,
  offline: '离线：未保存此页 / offline: this page was not saved',
  badUrl: '地址无效或不是 http(s) / not an http(s) address',
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

interface Host {
  /** the tail of this host's queue: a request starts when the one before has ended */
  tail: Promise<unknown>;
  /** when the next request may start */
  nextAt: number;
  failures: number;
}

export class PoliteFetcher {
  readonly opts: FetchOptions;
  /** requests made (robots.txt included); answers from the store are not requests */
  requests = 0;
  private readonly hosts = new Map<string, Host>();
  private readonly robots = new Map<string, Promise<{ robots: Robots; reason: string | null }>>();
  /** the Crawl-delay of each origin's robots.txt, once read (ms, capped) */
  private readonly crawlDelays = new Map<string, number>();
  private readonly doFetch: typeof fetch;

  constructor(opts: Partial<FetchOptions> & { userAgent: string }) {
    this.opts = { ...FETCH_DEFAULTS, ...opts };
    this.doFetch = opts.fetch ?? fetch;
  }

  private host(url: URL): Host {
    let h = this.hosts.get(url.host);
    if (!h) this.hosts.set(url.host, (h = { tail: Promise.resolve(), nextAt: 0, failures: 0 }));
    return h;
  }

  /** Run `fn` when the host is free and its pause has passed; the next request waits for this one. */
  private queued<T>(url: URL, fn: () => Promise<T>): Promise<T> {
    const h = this.host(url);
    const run = h.tail.then(async () => {
      await sleep(h.nextAt - Date.now());
      try {
        return await fn();
      } finally {
        h.nextAt = Date.now() + this.delayFor(url);
      }
    });
    h.tail = run.catch(() => undefined);
    return run;
  }

  /** The pause after a request to this address's host: --delay, or the site's Crawl-delay if longer (capped). */
  private delayFor(url: URL): number {
    return Math.max(this.opts.delayMs, this.crawlDelays.get(url.origin) ?? 0);
  }

  /** The robots.txt rules for an address's origin (fetched, or read from the store, once per origin). */
  private robotsFor(u: URL): Promise<{ robots: Robots; reason: string | null }> {
    if (!this.opts.robots) return Promise.resolve({ robots: ALLOW_ALL, reason: null });
    let r = this.robots.get(u.origin);
    if (!r) {
      r = this.fetchRecord(`${u.origin}/robots.txt`, true).then((page) => {
        if (page.status >= 200 && page.status < 300 && page.body) {
          const robots = parseRobots(new TextDecoder().decode(page.body.subarray(0, MAX_ROBOTS_BYTES)), AGENT_TOKEN);
          if (robots.crawlDelay) this.crawlDelays.set(u.origin, Math.min(robots.crawlDelay * 1000, this.opts.maxCrawlDelayMs));
          return { robots, reason: null };
        }
        // 4xx (none published) or a redirect that could not be followed: no rules; 5xx, no answer: nothing allowed.
        // Offline, a robots.txt never saved stands in the way of nothing: every page then answers for itself.
        if ((page.status >= 400 && page.status < 500) || page.error === REASONS.offline) return { robots: ALLOW_ALL, reason: null };
        if (page.status === 0 || page.status >= 500) return { robots: DISALLOW_ALL, reason: REASONS.robotsUnreachable(page.error ?? `HTTP ${page.status}`) };
        return { robots: ALLOW_ALL, reason: null };
      });
      this.robots.set(u.origin, r);
    }
    return r;
  }

  /**
   * One address: from the store when saved there, else (unless offline) fetched politely
   * and saved. Robots and the host's failures are judged the same way for saved and
   * fetched pages, so an offline rerun gives the same outcomes.
   */
  async get(url: string): Promise<Fetched> {
    let u: URL;
    try {
      u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    } catch {
      return failed(url, REASONS.badUrl);
    }
    const { robots, reason } = await this.robotsFor(u);
    if (!robots.allowed(u.href)) return failed(url, reason ?? REASONS.robots);
    const host = this.host(u);
    if (host.failures >= this.opts.maxHostFailures) return failed(url, REASONS.hostStopped(host.failures));
    const page = await this.fetchRecord(url, false);
    // a host that answers (even 404) is alive; no answer or a server error is a failure
    if (page.status === 0 && page.error === REASONS.offline) return page;
    if (page.status === 0 || page.status >= 500 || page.status === 429) host.failures++;
    else host.failures = 0;
    return page;
  }

  /** The saved record, or the fetched one (then saved). */
  private async fetchRecord(url: string, isRobots: boolean): Promise<Fetched> {
    const saved = this.opts.store?.get(url);
    // a saved answer is reused, except (online) one that failed for a passing reason: no answer, 5xx, 429
    if (saved && (this.opts.offline || !transient(saved))) return { ...saved, fromStore: true };
    if (this.opts.offline) return failed(url, REASONS.offline);
    const page = await this.fetchFollowing(url, isRobots);
    const { fromStore: _fromStore, ...record } = page;
    this.opts.store?.put(record);
    return page;
  }

  /** Fetch, following redirects within the site (each hop a polite request of its own, each allowed by its robots.txt). */
  private async fetchFollowing(url: string, isRobots: boolean): Promise<Fetched> {
    const redirects: string[] = [];
    let current = url;
    for (let hop = 0; ; hop++) {
      const res = await this.fetchWithRetries(current, isRobots ? MAX_ROBOTS_BYTES : this.opts.maxBytes);
      const page = (over: Partial<Fetched> = {}): Fetched => ({
        url,
        finalUrl: current,
        status: res.status,
        contentType: res.contentType,
        redirects,
        error: res.error,
        bytes: res.bytes,
        body: res.body,
        fromStore: false,
        ...over,
      });
      if (!REDIRECT_STATUS.has(res.status) || !res.location) return page();
      let next: string;
      try {
        const n = new URL(res.location, current);
        n.hash = '';
        next = n.href;
      } catch {
        return page({ error: REASONS.http(res.status, 'bad Location') });
      }
      redirects.push(next);
      const proto = new URL(next).protocol;
      if ((proto !== 'http:' && proto !== 'https:') || !sameSite(next, url)) return page({ error: REASONS.offsite(next) });
      if (hop + 1 > this.opts.maxRedirects) return page({ error: REASONS.tooManyRedirects(this.opts.maxRedirects) });
      if (!isRobots) {
        const { robots, reason } = await this.robotsFor(new URL(next));
        if (!robots.allowed(next)) return page({ error: reason ?? REASONS.robots });
      }
      current = next;
    }
  }

  /** One address (no redirect followed), retried on 429/502/503/504 and dropped connections. */
  private async fetchWithRetries(url: string, maxBytes: number): Promise<Answer> {
    const u = new URL(url);
    for (let attempt = 0; ; attempt++) {
      const res = await this.queued(u, () => this.fetchOnce(url, maxBytes));
      const retriable = RETRY_STATUS.has(res.status) || (res.status === 0 && res.retriable);
      if (!retriable || attempt >= this.opts.retries) return res;
      const asked = retryAfterMs(res.retryAfter);
      if (asked !== null && asked > this.opts.maxRetryAfterMs) return { ...res, error: REASONS.retryAfter(asked) };
      // the server's Retry-After, else an exponential back-off from the pause between requests
      const wait = asked ?? Math.max(this.opts.delayMs, 50) * 2 ** (attempt + 1);
      const h = this.host(u);
      h.nextAt = Math.max(h.nextAt, Date.now() + wait);
    }
  }

  private async fetchOnce(url: string, maxBytes: number): Promise<Answer> {
    this.requests++;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.opts.timeoutMs);
    const base = { location: null, retryAfter: null, retriable: false };
    try {
      const res = await this.doFetch(url, {
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'user-agent': this.opts.userAgent,
          accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8',
          'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
        },
      });
      const head = {
        ...base,
        status: res.status,
        contentType: res.headers.get('content-type'),
        location: res.headers.get('location'),
        retryAfter: res.headers.get('retry-after'),
      };
      if (!res.ok) {
        // an error page's body is not needed: dropped unread (the connection closes)
        controller.abort();
        const error = REDIRECT_STATUS.has(res.status) ? null : REASONS.http(res.status, res.statusText);
        return { ...head, body: null, bytes: 0, error };
      }
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        controller.abort();
        return { ...head, body: null, bytes: 0, error: REASONS.tooLarge(maxBytes, declared) };
      }
      const chunks: Uint8Array[] = [];
      let total = 0;
      if (res.body) {
        const reader = res.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.length;
          if (total > maxBytes) {
            controller.abort();
            return { ...head, body: null, bytes: 0, error: REASONS.tooLarge(maxBytes) };
          }
          chunks.push(value);
        }
      }
      const body = Buffer.concat(chunks, total);
      return { ...head, body, bytes: total, error: null };
    } catch (e) {
      if (timedOut) return { ...base, status: 0, contentType: null, body: null, bytes: 0, error: REASONS.timeout(this.opts.timeoutMs) };
      const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
      return { ...base, status: 0, contentType: null, body: null, bytes: 0, error: REASONS.network(cause), retriable: true };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** An outcome worth asking again on a later run: no answer (timeout, dropped connection), a server error, 429. */
export const transient = (r: { status: number; error: string | null }) => r.error !== null && (r.status === 0 || r.status >= 500 || r.status === 429);

const failed = (url: string, error: string): Fetched => ({
  url,
  finalUrl: url,
  status: 0,
  contentType: null,
  redirects: [],
  error,
  bytes: 0,
  body: null,
  fromStore: false,
});
