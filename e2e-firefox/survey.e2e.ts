// The survey of a list page in a real Firefox (see ./harness.ts): toolkit/survey-site.ts
// reached as http://www.sample.gov.cn/… (the PAC script sends *.gov.cn to a small forwarder
// in front of the site, which logs every request), the popup's offer clicked, the survey
// view (moz-extension:…/survey.html) fetching from the list's origin only, one request at a
// time, each report checked and remembered, each failure a row with its reason.
// Run: `wxt build -b firefox && node --import tsx --test e2e-firefox/survey.e2e.ts`.

import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startSurveySite, type SurveySite } from '../toolkit/survey-site';
import { GOV_ORIGIN, launchFirefox, openPopup, pacUrl, poll, stopFixtures, tabIdOf, type FirefoxSession } from './harness';

const TEST_TIMEOUT = 180_000;

/** A proxy for the PAC script: each request (absolute URI) passed to the site by its path; the hosts asked, logged. */
async function forwarder(site: SurveySite): Promise<{ server: http.Server; port: number; hosts: string[] }> {
  const target = new URL(site.origin);
  const hosts: string[] = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://unknown');
    hosts.push(req.headers.host ?? u.host);
    const up = http.request({ host: target.hostname, port: target.port, path: u.pathname + u.search, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hosts };
}

const click = async (page: Page, text: RegExp) => {
  const buttons = await page.$$('button');
  for (const b of buttons) if (text.test(await b.evaluate((e) => e.textContent ?? ''))) return b.click();
  throw new Error(`no button ${text}`);
};

after(() => stopFixtures());

describe('the survey of a list page in Firefox', () => {
  let s: FirefoxSession;
  let site: SurveySite;
  let proxy: Awaited<ReturnType<typeof forwarder>>;
  before(async () => {
    site = await startSurveySite({ slowMs: 6_000, hugeBytes: 9 * 1024 * 1024 });
    proxy = await forwarder(site);
    s = await launchFirefox({ prefs: { 'network.proxy.autoconfig_url': pacUrl(proxy.port) } });
  });
  after(async () => {
    await s?.close();
    proxy?.server.closeAllConnections();
    proxy?.server.close();
    await site?.close();
  });

  it('offers the list, fetches only after the click and from its origin only, lists every report and failure', { timeout: TEST_TIMEOUT }, async () => {
    const listUrl = `${GOV_ORIGIN}${site.expected.listPaths[0]}`;
    await s.page.goto(listUrl);
    const tabId = await tabIdOf(s, listUrl);
    const popup = await openPopup(s, tabId);
    await popup.evaluate(() => browser.storage.local.set({ surveyPauseMs: 50, surveyTimeoutMs: 3_000 }));
    await poll(
      'the offer',
      async () => (await popup.$$eval('button', (bs) => bs.some((b) => /^检查本页列出的全部年报（\d+ 份）$/.test(b.textContent ?? '')))) || undefined,
    );
    assert.deepEqual(
      site.log.map((r) => r.path).filter((p) => p !== '/favicon.ico'),
      [site.expected.listPaths[0]],
      'nothing but the list before the click',
    );

    const before = new Set(await s.browser.pages());
    await click(popup, /^检查本页列出的全部年报/);
    const view = await poll('the survey view', async () => {
      for (const p of await s.browser.pages()) {
        if (before.has(p)) continue;
        if ((await p.evaluate(() => location.href).catch(() => '')).includes('/survey.html?run=')) return p;
      }
      return undefined;
    });
    await poll(
      'the survey’s end',
      async () =>
        (await view.evaluate(() => document.querySelector('[data-testid="survey-status"] [data-status]')?.getAttribute('data-status'))) === 'done' || undefined,
      150_000,
    );

    // one request at a time, to the list's origin only
    assert.equal(site.maxConcurrency, 1);
    assert.deepEqual([...new Set(proxy.hosts)], ['www.sample.gov.cn']);
    const rows = await view.$$eval('tbody tr', (trs) =>
      trs.map((tr) => ({
        key: tr.getAttribute('data-key'),
        state: tr.getAttribute('data-state'),
        reason: tr.querySelector('[data-reason]')?.getAttribute('data-reason') ?? null,
      })),
    );
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const r of site.expected.reports) assert.equal(byKey.get(`${GOV_ORIGIN}${r.path}`)?.state, 'checked', r.path);
    const reasons: Record<string, string> = {
      notFound: 'http',
      serverError: 'http',
      offsite: 'redirect',
      slow: 'timeout',
      huge: 'tooLarge',
      notReport: 'notReport',
      pdf: 'attachment',
    };
    for (const f of site.expected.failures)
      if (reasons[f.kind]) assert.equal(byKey.get(`${GOV_ORIGIN}${f.path}`)?.reason, reasons[f.kind], `${f.kind} ${f.path}`);
    // each report remembered, with the site's errors
    const index = (await view.evaluate(async () => (await browser.storage.local.get('reportIndex')).reportIndex)) as Record<
      string,
      { findingIds: Record<string, string> }
    >;
    for (const r of site.expected.reports) {
      const errors = Object.entries(index[`${GOV_ORIGIN}${r.path}`]?.findingIds ?? {})
        .filter(([, sev]) => sev === 'error')
        .map(([id]) => id.split(':')[0]);
      assert.deepEqual(errors.sort(), r.errors.map((e) => e.ruleId).sort(), r.path);
    }
  });
});
