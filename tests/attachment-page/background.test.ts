// The background's side of the attachment page: it remembers and pairs an attachment's
// reports only when our own pages ask (never a web page's content script), only under the
// attachment's own key, and pairs an HTML year with a PDF year on the same site.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background, { attachmentSource } from '../../entrypoints/background';
import { checkDocument } from '../../lib/check';
import type { PairResult } from '../../utils/messages';
import type { PageState } from '../../utils/page-state';
import { reportMemory } from '../../utils/memory';
import { rememberedEntries } from '../../utils/remembered';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';

function startBackground(): void {
  fakeBrowser.reset();
  browser.action.setBadgeText = vi.fn(async () => undefined) as never;
  browser.action.setBadgeBackgroundColor = vi.fn(async () => undefined) as never;
  browser.action.setIcon = vi.fn(async () => undefined) as never;
  browser.scripting.getRegisteredContentScripts = vi.fn(async () => []) as never;
  browser.scripting.registerContentScripts = vi.fn(async () => undefined) as never;
  browser.commands.onCommand.addListener = vi.fn() as never;
  browser.permissions.onAdded.addListener = vi.fn() as never;
  browser.tabs.get = vi.fn(async (id: number) => ({ id, url: 'http://www.pingtan.gov.cn/a.html' })) as never;
  background.main();
}

const deliver = (message: unknown, sender: object) =>
  new Promise((resolve) => {
    void (fakeBrowser.runtime.onMessage as unknown as { trigger(...a: unknown[]): Promise<unknown[]> })
      .trigger(message, sender, resolve)
      .then((handled) => handled.some((h) => h === true) || resolve(undefined));
  });
const ATTACHMENT_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/attachment.html?src=x', tab: { id: 9 } };
const fromPage = (m: unknown) => deliver(m, ATTACHMENT_PAGE);
const fromWebPage = (m: unknown) =>
  deliver(m, { id: 'test-extension-id', tab: { id: 7, url: 'http://www.pingtan.gov.cn/a.html' }, frameId: 0, url: 'http://www.pingtan.gov.cn/a.html' });

/** A checked report (pingtan 2023 or 2024, read from the fixture pages) as the attachment page keys it. */
function checked(fixture: string, key: string): PageState {
  const c = checkDocument(docFromHtml(fixtureHtml(fixture)));
  return {
    url: key,
    title: c.reading.report!.title,
    detected: true,
    kind: 'report',
    report: { ...c.reading.report!, url: key.startsWith('http') ? key : null },
    findings: c.findings,
    passed: c.passed,
    incomplete: c.incomplete,
    counts: { error: 0, warning: 0, info: 0 },
    attachments: [],
    trigger: 'demand',
    checkedAt: '2026-01-01T00:00:00.000Z',
    elapsedMs: 1,
  };
}

describe('attachment messages', () => {
  beforeEach(startBackground);

  it('knows an attachment key: an http(s) address without fragment or credentials, or file:<sha256>', () => {
    expect(attachmentSource('http://www.a.gov.cn/a.pdf')).toBe('http://www.a.gov.cn/a.pdf');
    expect(attachmentSource(`file:${'ab'.repeat(32)}`)).toBe(`file:${'ab'.repeat(32)}`);
    for (const bad of [
      'http://www.a.gov.cn/a.pdf#page=2',
      'http://u:p@a.gov.cn/a.pdf',
      'file:///etc/passwd',
      `file:${'ab'.repeat(31)}`,
      'javascript:1',
      7,
      null,
      `http://a.gov.cn/${'x'.repeat(2_001)}`,
    ])
      expect(attachmentSource(bad), String(bad)).toBeNull();
  });

  it('remembers an attachment’s report under its own address (fetched on a click), and a file on disk under its hash', async () => {
    const url = 'http://www.pingtan.gov.cn/attach/2023.pdf';
    expect(await fromPage({ type: 'attachment-remember', source: url, entries: rememberedEntries([checked('pingtan-2023.html', url)]) })).toEqual({ ok: true });
    const local = `file:${'0f'.repeat(32)}`;
    expect(await fromPage({ type: 'attachment-remember', source: local, entries: rememberedEntries([checked('pingtan-2024.html', local)]) })).toEqual({
      ok: true,
    });
    const index = await reportMemory.index();
    expect(index[url]).toMatchObject({ year: 2023, fetched: true });
    expect(index[local]).toMatchObject({ year: 2024, fetched: false });
  });

  it('refuses what is not the attachment’s own, and anything from a web page', async () => {
    const url = 'http://www.pingtan.gov.cn/attach/2023.pdf';
    const other = rememberedEntries([checked('pingtan-2023.html', 'http://www.other.gov.cn/x.html')]);
    expect(await fromPage({ type: 'attachment-remember', source: url, entries: other })).toMatchObject({ ok: false });
    expect(await fromPage({ type: 'attachment-remember', source: 'javascript:1', entries: other })).toBeUndefined();
    // a content script cannot use the attachment page's messages
    expect(await fromWebPage({ type: 'attachment-remember', source: url, entries: rememberedEntries([checked('pingtan-2023.html', url)]) })).toBeUndefined();
    expect(await fromWebPage({ type: 'attachment-pair', source: url, reports: [] })).toBeUndefined();
    expect(Object.keys(await reportMemory.index())).toEqual([]);
  });

  it('pairs a PDF year with the HTML year before on the same site (carry-over works across formats)', async () => {
    const html = checked('pingtan-2023.html', 'http://www.pingtan.gov.cn/zwgk/2023.html');
    // the web page's report, remembered as the checker would
    await reportMemory.put(rememberedEntries([html]));
    const pdf = 'http://xxgk.pingtan.gov.cn/attach/P0202501.pdf';
    const s = checked('pingtan-2024.html', pdf);
    const answer = (await fromPage({
      type: 'attachment-pair',
      source: pdf,
      reports: [{ source: pdf, agency: s.report!.agency, year: 2024, borrowed: false }],
    })) as PairResult;
    expect(answer.answers[0]?.previous).toMatchObject({ source: 'http://www.pingtan.gov.cn/zwgk/2023.html', year: 2023 });
    expect(answer.answers[0]?.previous?.report?.year).toBe(2023);
    // another site's attachment is not paired with it
    const away = (await fromPage({
      type: 'attachment-pair',
      source: 'http://www.elsewhere.gov.cn/a.pdf',
      reports: [{ source: 'http://www.elsewhere.gov.cn/a.pdf', agency: s.report!.agency, year: 2024, borrowed: false }],
    })) as PairResult;
    expect(away.answers[0]?.previous).toBeNull();
    // a request for another key than the attachment's is not answered
    expect(
      await fromPage({
        type: 'attachment-pair',
        source: pdf,
        reports: [{ source: 'http://www.pingtan.gov.cn/zwgk/2023.html', agency: 'x', year: 2024, borrowed: false }],
      }),
    ).toBeUndefined();
  });
});
