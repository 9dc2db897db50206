// @vitest-environment happy-dom
// The extension's one network request (获取上一年度报告): same origin only, no redirect
// into another site, HTML only, and a page that says it is too large is never downloaded.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSameOriginPage } from '../../entrypoints/checker/fetch-page';

const here = new URL(location.href);
const sameOrigin = (path: string) => new URL(path, here).href;

function respond(body: string, init: { headers?: Record<string, string>; url?: string; status?: number } = {}) {
  const arrayBuffer = vi.fn(async () => new TextEncoder().encode(body).buffer);
  const response = {
    ok: (init.status ?? 200) < 400,
    url: init.url ?? '',
    headers: new Headers({ 'content-type': 'text/html; charset=utf-8', ...init.headers }),
    arrayBuffer,
  };
  const fetch = vi.fn(async () => response);
  vi.stubGlobal('fetch', fetch);
  return { fetch, arrayBuffer };
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchSameOriginPage', () => {
  it('reads a page of the same site into an inert document', async () => {
    const { fetch } = respond('<html><head><title>2023年度报告</title></head><body><p>正文</p></body></html>');
    const doc = await fetchSameOriginPage(sameOrigin('/gknb/2023.htm'));
    expect(doc?.title).toBe('2023年度报告');
    expect(fetch).toHaveBeenCalledWith(sameOrigin('/gknb/2023.htm'), expect.objectContaining({ credentials: 'same-origin' }));
  });

  it('never asks another origin', async () => {
    const { fetch } = respond('<p>x</p>');
    expect(await fetchSameOriginPage('https://elsewhere.example.org/report.htm')).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('does not follow a redirect into another site', async () => {
    respond('<p>x</p>', { url: 'https://elsewhere.example.org/landing.htm' });
    expect(await fetchSameOriginPage(sameOrigin('/moved.htm'))).toBeNull();
  });

  it('refuses what is not a web page', async () => {
    const { arrayBuffer } = respond('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } });
    expect(await fetchSameOriginPage(sameOrigin('/report.pdf'))).toBeNull();
    expect(arrayBuffer).not.toHaveBeenCalled();
  });

  it('does not download a page that says it is larger than 8 MB', async () => {
    const { arrayBuffer } = respond('<p>x</p>', { headers: { 'content-length': String(9 * 1024 * 1024) } });
    expect(await fetchSameOriginPage(sameOrigin('/huge.htm'))).toBeNull();
    expect(arrayBuffer).not.toHaveBeenCalled();
  });
});
