// @vitest-environment happy-dom
// The extension's one network request (获取上一年度报告): same origin only, no redirect
// into another site (Chromium: the browser refuses it, mode 'same-origin'; Firefox: none
// followed), HTML only, and never more than 8 MB downloaded: a page that says it is larger
// is not downloaded at all, one that does not say (or says less) is cut off at the cap.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSameOriginPage, MAX_BYTES, readAtMost, redirectPolicy } from '../../entrypoints/checker/fetch-page';

const here = new URL(location.href);
const sameOrigin = (path: string) => new URL(path, here).href;
const MB = 1024 * 1024;

/** A body served in chunks as the reader asks for them, counting what was pulled and whether it was cancelled. */
function body(source: string | Uint8Array | { endless: true }, chunk = 64 * 1024) {
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source instanceof Uint8Array ? source : null;
  const seen = { pulled: 0, cancelled: false };
  let at = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (bytes && at >= bytes.length) return c.close();
        const next = bytes ? bytes.slice(at, at + chunk) : new Uint8Array(chunk).fill(0x41);
        at += next.length;
        seen.pulled += next.length;
        c.enqueue(next);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

/** A Response as fetch gives it (its body read as a stream, or whole by arrayBuffer()). */
function respond(
  source: Parameters<typeof body>[0],
  init: { headers?: Record<string, string>; url?: string; status?: number; type?: ResponseType; chunk?: number } = {},
) {
  const { stream, seen } = body(source, init.chunk);
  const response = {
    ok: (init.status ?? 200) >= 200 && (init.status ?? 200) < 300,
    status: init.status ?? 200,
    type: init.type ?? 'basic',
    url: init.url ?? '',
    headers: new Headers({ 'content-type': 'text/html; charset=utf-8', ...init.headers }),
    body: stream,
    async arrayBuffer() {
      const parts: number[] = [];
      const reader = stream.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) for (const b of r.value) parts.push(b);
      return new Uint8Array(parts).buffer;
    },
  } as unknown as Response;
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) => response);
  vi.stubGlobal('fetch', fetch);
  return { fetch, seen };
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchSameOriginPage', () => {
  it('reads a page of the same site into an inert document; a redirect may only stay on the site', async () => {
    const { fetch } = respond('<html><head><title>2023年度报告</title></head><body><p>正文</p></body></html>');
    const doc = await fetchSameOriginPage(sameOrigin('/gknb/2023.htm'));
    expect(doc?.title).toBe('2023年度报告');
    expect(fetch).toHaveBeenCalledWith(
      sameOrigin('/gknb/2023.htm'),
      expect.objectContaining({ credentials: 'same-origin', mode: 'same-origin', redirect: 'follow' }),
    );
  });

  it('never asks another origin', async () => {
    const { fetch } = respond('<p>x</p>');
    expect(await fetchSameOriginPage('https://elsewhere.example.org/report.htm')).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('does not follow a redirect into another site', async () => {
    // Chromium: mode 'same-origin' makes the browser fail the fetch at the redirect, before the other host is asked
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(await fetchSameOriginPage(sameOrigin('/moved.htm'))).toBeNull();
    // Firefox: not followed at all, an opaque redirect
    const opaque = respond('', { type: 'opaqueredirect', status: 0, url: sameOrigin('/moved.htm') });
    expect(await fetchSameOriginPage(sameOrigin('/moved.htm'))).toBeNull();
    expect(opaque.seen.pulled).toBe(0);
    // and should one be followed all the same, a page that ended on another site is not used
    const away = respond('<title>2023年度报告</title>', { url: 'https://elsewhere.example.org/landing.htm' });
    expect(await fetchSameOriginPage(sameOrigin('/moved.htm'))).toBeNull();
    expect(away.seen.pulled).toBe(0);
    expect(away.seen.cancelled).toBe(true);
  });

  it('follows redirects per browser: within the site in Chromium, none in Firefox', () => {
    expect(redirectPolicy(false)).toEqual({ mode: 'same-origin', redirect: 'follow' });
    expect(redirectPolicy(true)).toEqual({ redirect: 'manual' });
  });

  it('reads only HTML (or a page whose type is not given), downloading nothing else', async () => {
    for (const type of ['application/pdf', 'text/plain; charset=utf-8', 'application/json', 'text/xml', 'image/svg+xml', 'text/htmlx']) {
      const { seen } = respond('<title>2023年度报告</title>', { headers: { 'content-type': type } });
      expect(await fetchSameOriginPage(sameOrigin('/report')), type).toBeNull();
      expect(seen.pulled, type).toBe(0);
    }
    for (const type of ['text/html', 'TEXT/HTML;Charset=UTF-8', 'text/html ; charset=utf-8', '']) {
      respond('<title>2023年度报告</title>', { headers: { 'content-type': type } });
      expect((await fetchSameOriginPage(sameOrigin('/report')))?.title, type || '(no type)').toBe('2023年度报告');
    }
  });

  it('does not download a page that says it is larger than 8 MB', async () => {
    const { seen } = respond({ endless: true }, { headers: { 'content-length': String(9 * MB) } });
    expect(await fetchSameOriginPage(sameOrigin('/huge.htm'))).toBeNull();
    expect(seen.pulled).toBe(0);
    expect(seen.cancelled).toBe(true);
  });

  it('stops downloading at 8 MB when the page does not say its size, or says less', async () => {
    for (const headers of [{}, { 'content-length': '1000' }] as Record<string, string>[]) {
      const { seen } = respond(new Uint8Array(20 * MB).fill(0x41), { headers, chunk: MB });
      expect(await fetchSameOriginPage(sameOrigin('/huge.htm'))).toBeNull();
      expect(seen.pulled).toBeLessThanOrEqual(MAX_BYTES + MB);
      expect(seen.cancelled).toBe(true);
    }
  });
});

describe('readAtMost', () => {
  it('puts a page that arrives in small pieces back together, up to the cap and not a byte over', async () => {
    const page = `<title>平潭综合实验区2023年政府信息公开工作年度报告</title>${'予以公开'.repeat(5000)}`;
    const bytes = new TextEncoder().encode(page);
    const { stream } = body(bytes, 7); // chunks that cut characters in two
    const read = await readAtMost({ headers: new Headers(), body: stream } as unknown as Response, bytes.length);
    expect(new TextDecoder().decode(read!)).toBe(page);
    const over = body(bytes, 7);
    expect(await readAtMost({ headers: new Headers(), body: over.stream } as unknown as Response, bytes.length - 1)).toBeNull();
    expect(over.seen.cancelled).toBe(true);
  });
});
