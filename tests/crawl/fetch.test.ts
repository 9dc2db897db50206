// The polite fetcher (cli/fetch.ts) against a scripted server on 127.0.0.1: back-off and
// Retry-After, a host left alone after repeated failures, redirects within the site only,
// the size cap, robots.txt that cannot be had, and --save / --offline.

import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FETCH_DEFAULTS, PoliteFetcher, REASONS, transient, userAgent } from '../../cli/fetch';
import { retryAfterMs } from '../../lib/retry-after';
import { PageStore } from '../../cli/save';
import { bodyKind, checkFetched } from '../../cli/crawl';
import { fixtureHtml } from '../../toolkit/dom';
import { encodeGbk } from '../../toolkit/survey-site';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let routes: Record<string, Handler> = {};
const log: { path: string; at: number }[] = [];
let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    log.push({ path: req.url ?? '', at: Date.now() });
    const h = routes[req.url ?? ''];
    if (h) h(req, res);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  routes = {};
  log.length = 0;
});

const html =
  (body: string): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  };
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(code, headers);
    res.end();
  };
/** Answers from a list in turn, the last one for ever after. */
const sequence = (...handlers: Handler[]): Handler => {
  let i = 0;
  return (req, res) => handlers[Math.min(i++, handlers.length - 1)]!(req, res);
};
const fetcher = (opts: Partial<ConstructorParameters<typeof PoliteFetcher>[0]> = {}) =>
  new PoliteFetcher({ userAgent: userAgent(), delayMs: 10, timeoutMs: 2_000, ...opts });
const paths = () => log.map((l) => l.path);

describe('the polite fetcher', () => {
  it('names itself and its version; defaults as documented', () => {
    expect(userAgent({})).toMatch(/^GIPReportChecker\/\d+\.\d+\.\d+ \(government annual-report checker; batch mode\)$/);
    expect(userAgent({ GIP_HOMEPAGE_URL: 'https://example.org/gip' })).toMatch(/^GIPReportChecker\/\d+\.\d+\.\d+ \(\+https:\/\/example\.org\/gip\)$/);
    expect(FETCH_DEFAULTS).toMatchObject({ delayMs: 1_000, timeoutMs: 30_000, maxBytes: 20 * 1024 * 1024, maxHostFailures: 5 });
  });

  it('asks again after a 503 with back-off, and after a 429 when Retry-After says', async () => {
    routes['/robots.txt'] = status(404);
    routes['/busy'] = sequence(status(503), status(503), html('<p>ok</p>'));
    routes['/limited'] = sequence(status(429, { 'retry-after': '1' }), html('<p>ok</p>'));
    const f = fetcher();
    const page = await f.get(`${origin}/busy`);
    expect([page.status, page.error]).toEqual([200, null]);
    const busy = log.filter((l) => l.path === '/busy').map((l) => l.at);
    expect(busy).toHaveLength(3);
    // 50 ms × 2, then × 4 (the pause is under 50 ms, so back-off starts from 50)
    expect(busy[1]! - busy[0]!).toBeGreaterThanOrEqual(95);
    expect(busy[2]! - busy[1]!).toBeGreaterThanOrEqual(195);
    const limited = await f.get(`${origin}/limited`);
    expect(limited.error).toBeNull();
    const lim = log.filter((l) => l.path === '/limited').map((l) => l.at);
    expect(lim[1]! - lim[0]!).toBeGreaterThanOrEqual(990);
  });

  it('does not wait for a Retry-After above its limit: the page fails with the reason', async () => {
    routes['/robots.txt'] = status(404);
    routes['/later'] = status(503, { 'retry-after': '3600' });
    const page = await fetcher().get(`${origin}/later`);
    expect(page.error).toBe(REASONS.retryAfter(3_600_000));
    expect(paths().filter((p) => p === '/later')).toHaveLength(1);
  });

  it('leaves a host alone after five failures in a row', async () => {
    routes['/robots.txt'] = status(404);
    for (let i = 0; i < 7; i++) routes[`/p${i}`] = status(500);
    const f = fetcher({ retries: 0 });
    const errors = [];
    for (let i = 0; i < 7; i++) errors.push((await f.get(`${origin}/p${i}`)).error);
    expect(errors.slice(0, 5).every((e) => e?.startsWith('HTTP 500'))).toBe(true);
    expect(errors.slice(5)).toEqual([REASONS.hostStopped(5), REASONS.hostStopped(5)]);
    expect(paths()).toEqual(['/robots.txt', '/p0', '/p1', '/p2', '/p3', '/p4']);
  });

  it('follows a redirect within the site, never one to another site', async () => {
    routes['/robots.txt'] = status(404);
    routes['/moved'] = status(301, { location: '/gknb/new.html' });
    routes['/gknb/new.html'] = html('<p>new</p>');
    routes['/away'] = status(302, { location: 'http://www.elsewhere.example/a.html' });
    const asked: string[] = [];
    const f = fetcher({ fetch: (input, init) => (asked.push(String(input)), fetch(input, init)) });
    const moved = await f.get(`${origin}/moved`);
    expect([moved.status, moved.finalUrl, moved.redirects]).toEqual([200, `${origin}/gknb/new.html`, [`${origin}/gknb/new.html`]]);
    const away = await f.get(`${origin}/away`);
    expect(away.error).toBe(REASONS.offsite('http://www.elsewhere.example/a.html'));
    expect(asked.some((u) => u.includes('elsewhere'))).toBe(false);
  });

  it('reads no page above the size cap, declared or not', async () => {
    routes['/robots.txt'] = status(404);
    routes['/declared'] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(3 * 1024 * 1024) });
      res.end(Buffer.alloc(3 * 1024 * 1024, 0x20));
    };
    routes['/chunked'] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 30; i++) res.write(Buffer.alloc(100 * 1024, 0x20));
      res.end();
    };
    // 3 KB on the wire, 3 MB once unpacked: the cap counts what is unpacked
    routes['/bomb'] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(Buffer.alloc(3 * 1024 * 1024, 0x20)));
    };
    const f = fetcher({ maxBytes: 1024 * 1024 });
    expect((await f.get(`${origin}/declared`)).error).toBe(REASONS.tooLarge(1024 * 1024, 3 * 1024 * 1024));
    expect((await f.get(`${origin}/chunked`)).error).toBe(REASONS.tooLarge(1024 * 1024));
    expect((await f.get(`${origin}/bomb`)).error).toBe(REASONS.tooLarge(1024 * 1024));
  });

  it('ends a request that takes too long, headers or body', async () => {
    routes['/robots.txt'] = status(404);
    routes['/trickle'] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => res.write('<p>.</p>'), 50);
      res.on('close', () => clearInterval(t));
    };
    routes['/silent'] = () => undefined; // never answers at all
    const started = Date.now();
    const f = fetcher({ timeoutMs: 300 });
    expect((await f.get(`${origin}/trickle`)).error).toBe(REASONS.timeout(300));
    expect((await f.get(`${origin}/silent`)).error).toBe(REASONS.timeout(300));
    expect(Date.now() - started).toBeLessThan(3_000);
    // a timeout is not asked again within the run (it would most likely take as long)
    expect(paths().filter((p) => p === '/silent')).toHaveLength(1);
  });

  it('treats a robots.txt that cannot be had as RFC 9309 says: 5xx disallows all, 4xx allows all', async () => {
    routes['/robots.txt'] = status(503);
    routes['/a'] = html('<p>a</p>');
    const page = await fetcher({ retries: 1 }).get(`${origin}/a`);
    expect(page.error).toBe(REASONS.robotsUnreachable('HTTP 503 Service Unavailable'));
    expect(paths()).toEqual(['/robots.txt', '/robots.txt']);
  });

  it('honours a Crawl-delay longer than its own pause', async () => {
    routes['/robots.txt'] = html('User-agent: *\nCrawl-delay: 0.3\n');
    routes['/a'] = html('<p>a</p>');
    routes['/b'] = html('<p>b</p>');
    const f = fetcher();
    await f.get(`${origin}/a`);
    await f.get(`${origin}/b`);
    const [, a, b] = log.map((l) => l.at);
    expect(b! - a!).toBeGreaterThanOrEqual(295);
  });

  it('--save keeps every answer; a rerun asks again only what failed for a passing reason; --offline asks nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-save-'));
    try {
      routes['/robots.txt'] = status(404);
      routes['/ok'] = html('<p>清河县</p>');
      routes['/gone'] = status(404);
      routes['/down'] = status(500);
      const store = new PageStore(dir);
      const first = fetcher({ store, retries: 0 });
      for (const p of ['/ok', '/gone', '/down']) await first.get(`${origin}${p}`);
      expect(paths()).toEqual(['/robots.txt', '/ok', '/gone', '/down']);
      log.length = 0;
      const again = fetcher({ store, retries: 0 });
      const ok = await again.get(`${origin}/ok`);
      expect([ok.fromStore, new TextDecoder().decode(ok.body!)]).toEqual([true, '<p>清河县</p>']);
      expect((await again.get(`${origin}/gone`)).fromStore).toBe(true);
      await again.get(`${origin}/down`);
      expect(paths()).toEqual(['/down']);
      log.length = 0;
      const offline = fetcher({ store, offline: true });
      expect((await offline.get(`${origin}/down`)).error).toMatch(/^HTTP 500/);
      expect((await offline.get(`${origin}/never`)).error).toBe(REASONS.offline);
      // a robots.txt never saved does not make an offline run refuse the pages it has
      const elsewhere = fetcher({ store: new PageStore(path.join(dir, 'other')), offline: true });
      expect((await elsewhere.get(`${origin}/ok`)).error).toBe(REASONS.offline);
      expect(offline.requests).toBe(0);
      expect(paths()).toEqual([]);
      // a damaged record is no record: fetched again
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.body'))) fs.writeFileSync(path.join(dir, f), 'cut');
      expect(store.get(`${origin}/ok`)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Retry-After in seconds or as a date; what is transient', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(transient({ status: 0, error: 'timed out' })).toBe(true);
    expect(transient({ status: 503, error: 'HTTP 503' })).toBe(true);
    expect(transient({ status: 404, error: 'HTTP 404' })).toBe(false);
    expect(transient({ status: 200, error: null })).toBe(false);
  });
});

describe('a fetched body', () => {
  const page = (contentType: string | null, body: string | Uint8Array) => ({
    url: 'http://a.gov.cn/r.html',
    finalUrl: 'http://a.gov.cn/r.html',
    status: 200,
    contentType,
    redirects: [],
    error: null,
    bytes: 0,
    body: typeof body === 'string' ? Buffer.from(body) : body,
    fromStore: false,
  });

  it('is told by its type, else by its first bytes', () => {
    expect(bodyKind(page('text/html; charset=GBK', '<html>'))).toBe('html');
    expect(bodyKind(page(null, '<html>'))).toBe('html');
    expect(bodyKind(page('application/octet-stream', '%PDF-1.7'))).toBe('pdf');
    expect(bodyKind(page('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK'))).toBe('docx');
    expect(bodyKind(page('image/png', '\x89PNG'))).toBe('image/png');
    // a web page sent as a download
    expect(bodyKind(page('application/octet-stream', '\r\n<!DOCTYPE html><html>'))).toBe('html');
    expect(bodyKind(page('application/octet-stream', 'PK\x03\x04'))).toBe('docx');
    expect(bodyKind(page('application/zip', 'just bytes'))).toBe('application/zip');
  });

  it('is decoded by the server’s charset over the page’s own, and an image is an entry with its reason', async () => {
    // a real report in GBK whose <meta> still says utf-8: the header is right, the page is not
    const gbk = encodeGbk(fixtureHtml('pingtan-2023.html'));
    const [e] = await checkFetched('http://a.gov.cn/r.html', page('text/html; charset=GBK', gbk));
    expect([e!.detected, e!.report?.agency, e!.report?.year]).toEqual([true, '平潭综合实验区', 2023]);
    const [wrong] = await checkFetched('http://a.gov.cn/r.html', page('text/html', gbk));
    expect(wrong!.detected).toBe(false);
    const [img] = await checkFetched('http://a.gov.cn/r.png', page('image/png', '\x89PNG'));
    expect(img!.error).toMatch(/image\/png/);
    const [empty] = await checkFetched('http://a.gov.cn/e.html', page('text/html', ''));
    expect(empty!.error).toMatch(/empty page/);
  });
});
