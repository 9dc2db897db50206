// @vitest-environment happy-dom
// The survey's fetch (entrypoints/survey/fetch.ts) against a stubbed network: only the list
// page's origin is asked (another origin is refused before any request), no redirect is
// followed and none is taken for a page, no cookie is sent, errors keep their status and
// Retry-After, a page is decoded from its bytes (GBK by its <meta>), the caps hold, a file
// comes back as bytes, and a page that takes too long is a timeout.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSurveyPage } from '../../entrypoints/survey/fetch';
import { encodeGbk } from '../../toolkit/survey-site';

const O = 'http://www.qinghe.gov.cn';
const calls: { url: string; init: RequestInit }[] = [];

function stub(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  calls.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer(url, init);
    }),
  );
}
afterEach(() => vi.unstubAllGlobals());

const page = (html: string | Uint8Array, type = 'text/html; charset=utf-8', status = 200, headers: Record<string, string> = {}) =>
  new Response(html as BodyInit, { status, headers: { 'content-type': type, ...headers } });
const signal = () => new AbortController().signal;

describe('the survey’s fetch', () => {
  it('asks only the list’s origin, without cookies, following no redirect', async () => {
    stub(() => page('<title>2023年政府信息公开工作年度报告</title>'));
    expect(await fetchSurveyPage('http://xxgk.qinghe.gov.cn/a.html', O, signal())).toEqual({ ok: false, reason: 'offSite' });
    expect(await fetchSurveyPage('https://www.qinghe.gov.cn/a.html', O, signal())).toEqual({ ok: false, reason: 'offSite' });
    expect(calls).toEqual([]);
    const got = await fetchSurveyPage(`${O}/a.html`, O, signal());
    expect(got.ok && got.doc?.title).toBe('2023年政府信息公开工作年度报告');
    expect(calls[0]!.init).toMatchObject({ credentials: 'omit', redirect: 'manual' });
  });

  it('a redirect is a page not had; errors keep their status and Retry-After', async () => {
    stub(() => Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' }));
    expect(await fetchSurveyPage(`${O}/moved.html`, O, signal())).toEqual({ ok: false, reason: 'redirect' });
    stub(() => page('busy', 'text/html', 503, { 'retry-after': '7' }));
    expect(await fetchSurveyPage(`${O}/a.html`, O, signal())).toEqual({ ok: false, reason: 'http', status: 503, detail: 'HTTP 503', retryAfterMs: 7000 });
    stub(() => page('gone', 'text/html', 404));
    expect(await fetchSurveyPage(`${O}/a.html`, O, signal())).toMatchObject({ ok: false, reason: 'http', status: 404 });
  });

  it('decodes a GBK page from its bytes (its <meta> names the charset, the server none)', async () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>清河县统计局2023年政府信息公开工作年度报告</title></head><body>表</body></html>';
    stub(() => page(new Uint8Array(encodeGbk(html)), 'text/html'));
    const got = await fetchSurveyPage(`${O}/gbk.html`, O, signal());
    expect(got).toMatchObject({ ok: true, encoding: 'gbk' });
    expect(got.ok && got.doc?.title).toBe('清河县统计局2023年政府信息公开工作年度报告');
  });

  it('not a web page, too large, and a file as bytes', async () => {
    stub(() => page('{}', 'application/json'));
    expect(await fetchSurveyPage(`${O}/a.json`, O, signal())).toMatchObject({ ok: false, reason: 'notHtml' });
    stub(() => page('x', 'text/html', 200, { 'content-length': String(9 * 1024 * 1024) }));
    expect(await fetchSurveyPage(`${O}/huge.html`, O, signal())).toEqual({ ok: false, reason: 'tooLarge' });
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
    stub(() => page(pdf, 'application/pdf'));
    // a page's address answered with a PDF, and a PDF's address answered as octet-stream: bytes both
    expect(await fetchSurveyPage(`${O}/a.html`, O, signal())).toEqual({ ok: true, bytes: pdf });
    stub(() => page(pdf, 'application/octet-stream'));
    expect(await fetchSurveyPage(`${O}/r.pdf`, O, signal(), 30_000, true)).toEqual({ ok: true, bytes: pdf });
    expect(calls[0]!.init.headers).toMatchObject({ Accept: expect.stringContaining('application/pdf') });
  });

  it('a page that takes longer than its time is a timeout; a cancel is not swallowed', async () => {
    stub((_u, init) => new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason))));
    expect(await fetchSurveyPage(`${O}/slow.html`, O, signal(), 1_000)).toEqual({ ok: false, reason: 'timeout', detail: '1 s' });
    const cancel = new AbortController();
    const pending = fetchSurveyPage(`${O}/slow.html`, O, cancel.signal, 10_000);
    cancel.abort(new DOMException('cancelled', 'AbortError'));
    await expect(pending).rejects.toThrow('cancelled');
  });
});
