// End-to-end: a hostile page (security review SEC-7, SEC-9).
//
// - The page's own scripts (main world) squat the old tooltip tag `gip-report-checker`
//   (`static disabledFeatures = ['shadow']`), watch <html> for our host, try to reach its
//   shadow root, rewrite any shadow-root text they find, hide the host, and define its name
//   after the fact. The tooltip still says the real thing. Its root is closed, so the test
//   reads it the way DevTools does (CDP DOM.getDocument with pierce), not as the page can.
// - "获取上一年度报告" on a page whose 2023 link 302-redirects to evil.attacker.gov.cn:
//   that host is never asked (a server of this spec answers the redirects and records
//   every request by Host), while a redirect within the site is followed.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { PAGES_DIR, expect, onTooltips, openPopup, pageStateOf, test } from './fixtures';

const GRANTED_PAGE = 'pingtan-2023-changed-granted.html';
const fixture = (name: string) => fs.readFileSync(path.join(PAGES_DIR, name), 'utf8');
const FAKE = '（页面改写）本单元格核对无误';

/** The page's attack, first thing in <head>: it runs before the checker (document_idle). */
const TAMPER = `<script>
(() => {
  const FAKE = ${JSON.stringify(FAKE)};
  const t = (window.__tamper = { constructed: 0, upgraded: 0, rewrites: 0, seen: [] });
  const rewrite = (root) => {
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n; (n = w.nextNode()); ) { n.data = FAKE; t.rewrites++; }
  };
  // squat the old fixed name: our createElement used to run this, and attachShadow then threw
  customElements.define('gip-report-checker', class extends HTMLElement {
    static disabledFeatures = ['shadow'];
    constructor() { super(); t.constructed++; }
  });
  const attack = (el) => {
    t.seen.push({ name: el.localName, shadowRoot: el.shadowRoot === null ? null : el.shadowRoot.mode });
    if (el.shadowRoot) rewrite(el.shadowRoot);
    try { el.attachShadow({ mode: 'open' }).textContent = FAKE; } catch {}
    el.style.setProperty('display', 'none', 'important');
    el.hidden = true;
    // squat its name after the fact: the element in the page is upgraded with our code
    if (el.localName.includes('-') && !customElements.get(el.localName))
      customElements.define(el.localName, class extends HTMLElement {
        constructor() {
          super();
          t.upgraded++;
          try { this.attachShadow({ mode: 'open' }).textContent = FAKE; } catch {}
          if (this.shadowRoot) rewrite(this.shadowRoot);
        }
      });
  };
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && n.localName !== 'body' && n.localName !== 'head') attack(n);
  }).observe(document.documentElement, { childList: true });
  // and any shadow root anyone can reach, all the time
  setInterval(() => { for (const el of document.querySelectorAll('*')) if (el.shadowRoot) rewrite(el.shadowRoot); }, 50);
})();
</script>`;

interface Tamper {
  constructed: number;
  upgraded: number;
  rewrites: number;
  seen: { name: string; shadowRoot: string | null }[];
}
const tamperOf = (page: Page) => page.evaluate(() => (window as unknown as { __tamper: Tamper }).__tamper);

interface SeenTip {
  host: string;
  mode: string;
  hostShadowRoot: null | string;
  text: string;
  visible: boolean;
}

/**
 * Every tooltip in the page, read through the DevTools protocol (which sees closed shadow
 * roots; page scripts cannot): its host's name, its root's mode, what page code gets for
 * `host.shadowRoot`, its text and whether it is on screen.
 */
async function tooltips(page: Page): Promise<SeenTip[]> {
  return onTooltips<SeenTip>(
    page,
    `function () {
      const root = this.getRootNode();
      const r = this.getBoundingClientRect();
      return { host: root.host.localName, mode: root.mode, hostShadowRoot: root.host.shadowRoot === null ? null : root.host.shadowRoot.mode, text: this.textContent,
        visible: !this.hidden && this.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && r.width > 0 && r.height > 0 };
    }`,
  );
}

test.describe('a page that tampers with the marks (SEC-7)', () => {
  test('the page squats gip-report-checker, watches for our host and rewrites every shadow root it can reach: the tooltip still explains the finding', async ({
    page,
    context,
    origin,
    serve,
    extensionId,
    serviceWorker,
    tabIdOf,
  }) => {
    serve('/tamper.html', fixture(GRANTED_PAGE).replace(/<head>/i, `<head>${TAMPER}`));
    await page.goto(`${origin}/tamper.html`);
    const cell = page.locator('[data-gip-severity="error"]');
    await expect(cell).toHaveCount(1, { timeout: 15_000 });
    const tabId = await tabIdOf(page);
    const state = (await pageStateOf(serviceWorker, tabId))!;
    const rowSum = state.findings.find((f) => f.ruleId === 'applications.rowSum')!;
    expect(rowSum).toMatchObject({ expected: 25, actual: 22 });

    const hoverAndRead = async () => {
      await page.bringToFront();
      await page.mouse.move(0, 0);
      await cell.hover();
      let tips: SeenTip[] = [];
      await expect.poll(async () => (tips = await tooltips(page)).filter((t) => t.visible).length).toBe(1);
      await page.waitForTimeout(300); // the page's observer and its 50 ms rewriter have had their turns
      tips = await tooltips(page);
      expect(tips).toHaveLength(1);
      return tips[0]!;
    };

    const tip = await hoverAndRead();
    expect(tip.mode).toBe('closed');
    expect(tip.host).toMatch(/^gip-[a-z0-9]{10}$/);
    expect(tip.hostShadowRoot, 'page code gets null for our host’s shadowRoot').toBeNull();
    expect(tip.visible, 'shown although the page set display:none !important and hidden on the host').toBe(true);
    expect(tip.text).toContain(rowSum.message);
    expect(tip.text).toContain('期望 25');
    expect(tip.text).toContain('页面显示 22');
    expect(tip.text).not.toContain(FAKE);

    const seen = await tamperOf(page);
    expect(seen.constructed, 'the page’s gip-report-checker constructor never ran').toBe(0);
    expect(seen.seen, 'the page saw our host, and no shadow root on it').toContainEqual({ name: tip.host, shadowRoot: null });
    expect(seen.rewrites, 'no shadow-root text the page could reach').toBe(0);
    expect(await page.evaluate((name) => !!customElements.get(name), tip.host), 'the page defined our host’s name after seeing it').toBe(true);

    // the marks again (highlights off and on): a new host under a new name, which the page could not have defined first
    const popup = await openPopup(context, extensionId, tabId);
    const toggle = popup.getByRole('switch', { name: '显示标记' });
    await toggle.uncheck();
    await expect(cell).toHaveCount(0);
    expect(await tooltips(page)).toEqual([]);
    await toggle.check();
    await expect(cell).toHaveCount(1);
    const again = await hoverAndRead();
    expect(again.host).toMatch(/^gip-[a-z0-9]{10}$/);
    expect(again.host).not.toBe(tip.host);
    expect(again).toMatchObject({ mode: 'closed', hostShadowRoot: null, visible: true });
    expect(again.text).toContain(rowSum.message);
    expect(again.text).not.toContain(FAKE);
    const after = await tamperOf(page);
    expect(after.constructed).toBe(0);
    expect(after.rewrites).toBe(0);

    // keyboard: focus and Escape still work
    await cell.focus();
    await expect.poll(async () => (await tooltips(page)).some((t) => t.visible)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await tooltips(page)).some((t) => t.visible)).toBe(false);
  });
});

/** A server of this spec: answers redirects, serves by path, and records every request with its Host. */
async function redirectingServer(routes: (port: number) => Record<string, { status: number; location?: string; body?: string | Buffer }>) {
  const log: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const host = req.headers.host ?? '';
    log.push(`${host}${url.pathname}`);
    const key = host.startsWith('evil.') ? 'evil' : url.pathname;
    const hit = routes((server.address() as AddressInfo).port)[key];
    if (!hit) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(hit.status, { 'cache-control': 'no-store', ...(hit.location ? { location: hit.location } : { 'content-type': 'text/html; charset=utf-8' }) });
    res.end(hit.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

test.describe('获取上一年度报告 and redirects (SEC-9)', () => {
  test('a link to the 2023 report that 302-redirects to evil.attacker.gov.cn: that host is never asked; a redirect within the site is followed', async ({
    page,
    context,
    extensionId,
    serviceWorker,
    tabIdOf,
  }) => {
    const dir = '/zwgk/gknb/';
    const linkToEvil = '<p><a href="redirect-2023.htm">平潭综合实验区2023年政府信息公开工作年度报告</a></p>';
    const srv = await redirectingServer((port) => ({
      // the 2024 report (its breadcrumb "政府信息公开年报" is ../), with a link whose address redirects off the site
      [`${dir}202401/t20240131_1.htm`]: { status: 200, body: fixture('pingtan-2024.html').replace(/<body>/i, `<body>${linkToEvil}`) },
      [`${dir}202401/redirect-2023.htm`]: { status: 302, location: `http://evil.attacker.gov.cn:${port}/fake-2023.htm` },
      evil: { status: 200, body: fixture('pingtan-2023.html') },
      // the report list moved within the site
      [dir]: { status: 302, location: `${dir}index.html` },
      [`${dir}index.html`]: {
        status: 200,
        body: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>
          <li><a href="202301/t20230130_2.htm">平潭综合实验区2023年政府信息公开工作年度报告</a></li></ul></body></html>`,
      },
      [`${dir}202301/t20230130_2.htm`]: { status: 200, body: fixture('pingtan-2023.html') },
    }));
    try {
      const origin = `http://www.sample.gov.cn:${srv.port}`;
      // DevTools announces the redirect's next hop (a Playwright 'request') before the browser refuses it:
      // what counts is that no response came from there, and the server's own log
      const answered: string[] = [];
      context.on('response', (r) => answered.push(r.url()));

      await page.goto(`${origin}${dir}202401/t20240131_1.htm`);
      const tabId = await tabIdOf(page);
      await expect.poll(async () => (await pageStateOf(serviceWorker, tabId))?.report?.year, { timeout: 15_000 }).toBe(2024);
      const popup = await openPopup(context, extensionId, tabId);
      await popup.getByRole('button', { name: '获取上一年度报告' }).click();
      await expect(popup.getByTestId('previous-message')).toHaveText(/已获取并核对 2023 年度报告（查看了 3 个页面）/, { timeout: 15_000 });

      expect(
        srv.log.filter((l) => l.startsWith('evil.')),
        'requests that reached evil.attacker.gov.cn',
      ).toEqual([]);
      expect(
        answered.filter((u) => u.includes('evil.')),
        'responses from evil.attacker.gov.cn',
      ).toEqual([]);
      const host = `www.sample.gov.cn:${srv.port}`;
      expect(
        srv.log.filter((l) => l.includes(dir)),
        'the pages asked for (not the page’s stylesheets)',
      ).toEqual([
        `${host}${dir}202401/t20240131_1.htm`,
        `${host}${dir}202401/redirect-2023.htm`, // answered 302 → evil: not followed
        `${host}${dir}`, // answered 302 → index.html, same site: followed
        `${host}${dir}index.html`,
        `${host}${dir}202301/t20230130_2.htm`,
      ]);
      expect((await pageStateOf(serviceWorker, tabId))!.previous).toEqual({ source: `${origin}${dir}202301/t20230130_2.htm`, year: 2023 });
    } finally {
      await srv.close();
    }
  });
});
