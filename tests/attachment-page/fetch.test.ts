// The attachment page's one request (entrypoints/attachment/fetch-attachment.ts): only to a
// host the extension may reach, redirects kept to such hosts, refusals and oversize files
// said, never a crash; the address from the query string trusted for nothing.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MAX_ATTACHMENT_BYTES } from '../../lib/attachment/sniff';
import {
  dispositionName,
  fetchAttachment,
  hostPattern,
  isGovHost,
  looksLikeWebPage,
  nameFromUrl,
  parseSource,
} from '../../entrypoints/attachment/fetch-attachment';

const PDF = new TextEncoder().encode('%PDF-1.7\n%…');

/** A response as fetch gives it: `url` is where it ended after redirects. */
function response(body: BodyInit | null, init: ResponseInit & { url?: string } = {}): Response {
  const r = new Response(body, init);
  Object.defineProperty(r, 'url', { value: init.url ?? '' });
  return r;
}

let granted: string[] = [];
let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fakeBrowser.reset();
  granted = [];
  browser.permissions.contains = vi.fn(async (p: { origins?: string[] }) => (p.origins ?? []).every((o) => granted.includes(o))) as never;
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

describe('parseSource: the address in the page’s query string', () => {
  it('takes http(s) addresses only, without credentials, of a sane length', () => {
    expect(parseSource('http://www.huaian.gov.cn/attach/0/a.pdf')?.href).toBe('http://www.huaian.gov.cn/attach/0/a.pdf');
    for (const bad of [
      null,
      '',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'chrome-extension://x/popup.html',
      'data:application/pdf;base64,JVBE',
      '/relative.pdf',
      'http://user:pw@www.a.gov.cn/a.pdf',
      `http://www.a.gov.cn/${'a'.repeat(2_100)}.pdf`,
      'http://',
    ])
      expect(parseSource(bad), String(bad)).toBeNull();
  });

  it('knows the hosts the manifest reaches (*.gov.cn) and asks for exactly one host otherwise', () => {
    expect(['www.gov.cn', 'gov.cn', 'xxgk.huaian.gov.cn', 'A.GOV.CN.'].map(isGovHost)).toEqual([true, true, true, true]);
    expect(['gov.cn.evil.com', 'evilgov.cn', 'mirror.example.org'].map(isGovHost)).toEqual([false, false, false]);
    expect(hostPattern(new URL('https://files.example.org:8443/a.pdf'))).toBe('*://files.example.org/*');
  });
});

describe('fetchAttachment', () => {
  it('downloads from a gov.cn host with the site’s cookies, and names the file from the server', async () => {
    fetchMock.mockResolvedValue(
      response(PDF, {
        status: 200,
        url: 'http://www.huaian.gov.cn/attach/0/8f2c.pdf',
        headers: {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('淮安市2024年年报.pdf')}`,
        },
      }),
    );
    const got = await fetchAttachment(new URL('http://www.huaian.gov.cn/module/download/downfile.jsp?classid=0&filename=8f2c.pdf'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![0]).toBe('http://www.huaian.gov.cn/module/download/downfile.jsp?classid=0&filename=8f2c.pdf');
    expect(fetchMock.mock.calls[0]![1]).toMatchObject({ credentials: 'include', redirect: 'follow' });
    expect(got).toMatchObject({
      ok: true,
      file: { url: 'http://www.huaian.gov.cn/attach/0/8f2c.pdf', name: '淮安市2024年年报.pdf', contentType: 'application/octet-stream' },
    });
    expect(got.ok && [...got.file.bytes]).toEqual([...PDF]);
  });

  it('asks nothing of a host the extension may not reach (the page asks the reviewer first)', async () => {
    const got = await fetchAttachment(new URL('http://mirror.example.org/a.pdf'));
    expect(got).toEqual({ ok: false, failure: { code: 'notAllowed', host: 'mirror.example.org' } });
    expect(fetchMock).not.toHaveBeenCalled();
    granted = ['*://mirror.example.org/*'];
    fetchMock.mockResolvedValue(response(PDF, { status: 200, url: 'http://mirror.example.org/a.pdf' }));
    expect((await fetchAttachment(new URL('http://mirror.example.org/a.pdf'))).ok).toBe(true);
  });

  it('drops, unread, a download redirected to a host it may not read', async () => {
    const cancel = vi.fn(async () => undefined);
    const r = response(new ReadableStream({ pull: () => undefined, cancel }), { status: 200, url: 'http://evil.example.com/a.pdf' });
    fetchMock.mockResolvedValue(r);
    expect(await fetchAttachment(new URL('http://www.a.gov.cn/a.pdf'))).toEqual({ ok: false, failure: { code: 'redirectedAway', host: 'evil.example.com' } });
    await vi.waitFor(() => expect(cancel).toHaveBeenCalled());
  });

  it('says a refusal (403, 412 …), a network failure, a CORS failure', async () => {
    fetchMock.mockResolvedValueOnce(response('<html>forbidden</html>', { status: 403, url: 'http://www.a.gov.cn/a.pdf' }));
    expect(await fetchAttachment(new URL('http://www.a.gov.cn/a.pdf'))).toEqual({ ok: false, failure: { code: 'refused', status: 403 } });
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await fetchAttachment(new URL('http://www.a.gov.cn/a.pdf'))).toEqual({ ok: false, failure: { code: 'network', detail: 'Failed to fetch' } });
  });

  it('does not download a file that says it is above the cap, and stops one that turns out to be', async () => {
    const cancel = vi.fn(async () => undefined);
    fetchMock.mockResolvedValueOnce(
      response(new ReadableStream({ pull: () => undefined, cancel }), {
        status: 200,
        url: 'http://www.a.gov.cn/a.pdf',
        headers: { 'content-length': String(MAX_ATTACHMENT_BYTES + 1) },
      }),
    );
    expect(await fetchAttachment(new URL('http://www.a.gov.cn/a.pdf'))).toEqual({ ok: false, failure: { code: 'tooLarge', size: MAX_ATTACHMENT_BYTES + 1 } });
    await vi.waitFor(() => expect(cancel).toHaveBeenCalled());
    // no length said: read as it comes, stopped past the cap
    let sent = 0;
    const chunk = new Uint8Array(4 * 1024 * 1024);
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        sent += chunk.length;
        c.enqueue(chunk);
      },
    });
    fetchMock.mockResolvedValueOnce(response(endless, { status: 200, url: 'http://www.a.gov.cn/a.pdf' }));
    expect(await fetchAttachment(new URL('http://www.a.gov.cn/a.pdf'))).toEqual({ ok: false, failure: { code: 'tooLarge' } });
    expect(sent).toBeLessThanOrEqual(MAX_ATTACHMENT_BYTES + 3 * chunk.length);
  });
});

describe('file names and web pages', () => {
  it('reads Content-Disposition as servers send it', () => {
    expect(dispositionName(`attachment; filename*=UTF-8''%E5%B9%B4%E6%8A%A5.pdf`)).toBe('年报.pdf');
    expect(dispositionName('attachment; filename="report 2024.pdf"')).toBe('report 2024.pdf');
    expect(dispositionName(`attachment; filename=${encodeURIComponent('年报.docx')}`)).toBe('年报.docx');
    // raw UTF-8 bytes seen as Latin-1 by the Headers API
    const latin1 = String.fromCharCode(...new TextEncoder().encode('年报.pdf'));
    expect(dispositionName(`attachment; filename="${latin1}"`)).toBe('年报.pdf');
    expect(dispositionName('attachment; filename="../../etc/passwd\u0007"')).toBe('passwd');
    expect(dispositionName(null)).toBe('');
    expect(dispositionName('inline')).toBe('');
  });

  it('names a file from its address: the download script’s showname, else the path', () => {
    expect(
      nameFromUrl(new URL(`http://a.gov.cn/module/download/downfile.jsp?classid=0&filename=8f.pdf&showname=${encodeURIComponent('附件1：年报.pdf')}`)),
    ).toBe('附件1：年报.pdf');
    expect(nameFromUrl(new URL('http://a.gov.cn/attach/%E5%B9%B4%E6%8A%A5.pdf'))).toBe('年报.pdf');
    expect(nameFromUrl(new URL('http://a.gov.cn/'))).toBe('a.gov.cn');
  });

  it('tells a web page (a login or block page) from a file', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(looksLikeWebPage(bytes('<!DOCTYPE html><html>'), 'application/octet-stream')).toBe(true);
    expect(looksLikeWebPage(bytes('\ufeff  <html><body>登录'), '')).toBe(true);
    expect(looksLikeWebPage(bytes('whatever'), 'text/html; charset=utf-8')).toBe(true);
    expect(looksLikeWebPage(PDF, 'application/pdf')).toBe(false);
  });
});
