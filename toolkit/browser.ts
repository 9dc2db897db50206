// The harness shared by the end-to-end tests (e2e/fixtures.ts) and `npm run demo`
// (scripts/demo.ts): the page server, Chromium with the built extension, and the
// small service-worker probes (tab id, badge, page state) and popup helpers.
//
// - An HTTP server on 127.0.0.1 (random port) serves tests/fixtures/pages/*
//   byte for byte, plus pages a test registers with `serve(path, html)`.
// - Chromium resolves *.gov.cn and mirror.example.org to 127.0.0.1, so the pages load as
//   http://www.sample.gov.cn:<port>/… (matched by the manifest's *://*.gov.cn/*) and
//   http://mirror.example.org:<port>/… (a host the extension has no permission for).
//   Every other host resolves to nothing: the tests never touch the real network.

import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
export const EXTENSION_DIR = process.env.GIP_EXTENSION_DIR ?? path.join(ROOT, '.output/chrome-mv3');
export const PAGES_DIR = path.join(ROOT, 'tests/fixtures/pages');
/**
 * Where the browsers that can load an unpacked extension from the command line usually
 * are, best first: Chromium (Debian, Ubuntu's snap, macOS, Windows), then Edge and
 * Chrome. (Branded Chrome dropped --load-extension in version 137; Edge and Chromium
 * still honour it.) CHROMIUM_PATH, when set, wins.
 */
export const BROWSER_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/usr/bin/microsoft-edge',
  '/usr/bin/microsoft-edge-stable',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** The browser to launch: CHROMIUM_PATH, else the first candidate installed (else the Debian path, which then fails clearly). */
export function findBrowser(env = process.env, exists = fs.existsSync): string {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const local = env.LOCALAPPDATA ? [`${env.LOCALAPPDATA}\\Chromium\\Application\\chrome.exe`] : [];
  return [...local, ...BROWSER_CANDIDATES].find((p) => exists(p)) ?? '/usr/bin/chromium';
}

export const CHROMIUM = findBrowser();
export const GOV_HOST = 'www.sample.gov.cn';
export const MIRROR_HOST = 'mirror.example.org';

/** Launch flags shared by the tests and scripts/demo.ts. */
export function chromiumArgs(extensionDir = EXTENSION_DIR): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-gpu',
    // the test hosts go to the local server; anything else does not resolve
    `--host-resolver-rules=MAP *.gov.cn 127.0.0.1, MAP ${MIRROR_HOST} 127.0.0.1, MAP * ~NOTFOUND`,
  ];
}

export function assertBuilt(extensionDir = EXTENSION_DIR): void {
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json')))
    throw new Error(`The extension is not built: ${extensionDir}/manifest.json is missing. Run \`node_modules/.bin/wxt build\` first.`);
}

/** UTF-8 pages get `charset=utf-8`; anything else (seed-004 is GB2312) plain `text/html`, so its <meta charset> decides. */
export function contentTypeFor(bytes: Uint8Array): string {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'text/html; charset=utf-8';
  } catch {
    return 'text/html';
  }
}

export interface PageServer {
  port: number;
  /** serve `html` (a string is sent as UTF-8) at `urlPath` until the worker ends */
  serve(urlPath: string, html: string | Uint8Array, contentType?: string): void;
  /** every path the server was asked for, in order */
  log: string[];
}

export async function startServer(pagesDir = PAGES_DIR): Promise<{ server: http.Server; api: PageServer }> {
  const routes = new Map<string, { body: Uint8Array; type: string }>();
  const log: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    log.push(`${req.headers.host ?? ''}${url.pathname}`);
    let hit = routes.get(url.pathname);
    if (!hit) {
      const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = path.join(pagesDir, rel);
      if (rel && !rel.includes('..') && file.startsWith(pagesDir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile() && /\.html?$/.test(file)) {
        const body = fs.readFileSync(file);
        hit = { body, type: contentTypeFor(body) };
      }
    }
    if (!hit) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': hit.type, 'cache-control': 'no-store' });
    res.end(hit.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    api: {
      port,
      log,
      serve(urlPath, html, contentType) {
        const body = typeof html === 'string' ? new TextEncoder().encode(html) : html;
        routes.set(urlPath, { body, type: contentType ?? contentTypeFor(body) });
      },
    },
  };
}

/** Copy the built extension to a temporary directory (retrying while a concurrent build rewrites it). */
export function copyExtension(from = EXTENSION_DIR): string {
  assertBuilt(from);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-ext-'));
  const to = path.join(root, 'chrome-mv3');
  for (let attempt = 0; ; attempt++) {
    try {
      fs.rmSync(to, { recursive: true, force: true });
      fs.cpSync(from, to, { recursive: true });
      const manifest = JSON.parse(fs.readFileSync(path.join(to, 'manifest.json'), 'utf8')) as {
        content_scripts?: { js: string[] }[];
        action?: { default_popup?: string };
      };
      const needed = [...(manifest.content_scripts ?? []).flatMap((c) => c.js), manifest.action?.default_popup ?? 'popup.html', 'background.js'];
      const missing = needed.filter((f) => !fs.existsSync(path.join(to, f)));
      if (missing.length) throw new Error(`incomplete build, missing ${missing.join(', ')}`);
      return to;
    } catch (e) {
      if (attempt >= 20) throw new Error(`could not copy the built extension from ${from}: ${String(e)}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
}

/** `locale`: the browser's language (its UI, chrome.i18n and navigator.language); zh-CN unless said. */
export async function launchWithExtension(
  userDataDir: string,
  opts: { headless?: boolean; extensionDir?: string; locale?: string } = {},
): Promise<BrowserContext> {
  assertBuilt(opts.extensionDir);
  const locale = opts.locale ?? 'zh-CN';
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    args: [...chromiumArgs(opts.extensionDir), `--lang=${locale}`],
    // (Chromium on Linux takes its UI language, which chrome.i18n follows, from LANGUAGE)
    env: { ...process.env, LANGUAGE: locale.replace('-', '_') },
    locale,
    viewport: { width: 1280, height: 900 },
  });
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');
  const found = context.serviceWorkers().find(isOurs);
  return found ?? (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 15_000 }));
}

type Chrome = typeof browser; // the @wxt-dev/browser types describe `chrome` in the service worker

/**
 * The extension's tab id of a Playwright page. By URL when the extension may see it
 * (gov.cn: host permission); otherwise (a host without permission hides tab.url) by
 * bringing the page to the front and asking for the active tab.
 */
export async function tabIdOf(sw: Worker, page: Page): Promise<number> {
  const byUrl = await sw.evaluate(async (url) => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    const tabs = await c.tabs.query({});
    return tabs.filter((t) => t.url === url).map((t) => t.id);
  }, page.url());
  if (byUrl.length === 1 && byUrl[0] !== undefined) return byUrl[0];
  await page.bringToFront();
  const active = await sw.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  if (active === undefined) throw new Error(`no tab id for ${page.url()}`);
  return active;
}

/** The badge text of the tab with that id, or of the one tab whose URL matches the pattern. */
export async function badgeText(sw: Worker, tab: number | string): Promise<string> {
  return sw.evaluate(async (tab) => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    let tabId = typeof tab === 'number' ? tab : undefined;
    if (tabId === undefined) {
      const tabs = await c.tabs.query({ url: tab as string });
      if (tabs.length !== 1) throw new Error(`${tabs.length} tabs match ${tab}`);
      tabId = tabs[0]!.id;
    }
    return c.action.getBadgeText({ tabId });
  }, tab);
}

/** What the background keeps for a tab (storage.session `tab:<id>`). */
export async function pageStateOf(sw: Worker, tabId: number): Promise<import('../utils/page-state').PageState | null> {
  return sw.evaluate(async (tabId) => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    const key = `tab:${tabId}`;
    const r = await c.storage.session.get(key);
    return (r[key] as never) ?? null;
  }, tabId);
}

/** How many reports the report memory holds (the entries of its index, storage.local `reportIndex`). */
export async function rememberedCount(sw: Worker): Promise<number> {
  return sw.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    const r = await c.storage.local.get('reportIndex');
    return Object.keys((r['reportIndex'] as Record<string, unknown> | undefined) ?? {}).length;
  });
}

/** popup.html for a tab, opened as a page of its own (the toolbar popup cannot be driven by Playwright). */
export async function openPopup(context: BrowserContext, extensionId: string, tabId: number, width = 420): Promise<Page> {
  const popup = await context.newPage();
  await popup.setViewportSize({ width, height: 900 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
  return popup;
}

/**
 * The real "user clicked the toolbar button on this tab" path, via the DevTools protocol
 * (Extensions.triggerAction on the page's *tab* target). It grants activeTab for the tab,
 * exactly like a click; with a default_popup it also opens the popup.
 */
export async function triggerAction(context: BrowserContext, extensionId: string, page: Page): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser object for this context');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as unknown as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const tabs = targetInfos.filter((t) => t.type === 'tab' && t.url === page.url());
    if (tabs.length !== 1) throw new Error(`${tabs.length} tab targets for ${page.url()}`);
    await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tabs[0]!.targetId } as never);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** What the DevTools protocol sees of the extension's tooltip: its root is closed, so page scripts and Playwright's locators cannot enter it. */
export interface ClosedTooltip {
  /** the host's tag name: gip- and 10 random characters, new for every host */
  host: string;
  mode: string;
  text: string;
  visible: boolean;
  /** its buttons, by text, with their centres (for page.mouse.click) */
  buttons: { name: string; x: number; y: number }[];
}

interface CdpNode {
  nodeId: number;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

/**
 * Run `fn` (source of a function whose `this` is the tooltip element) on each tooltip inside a
 * shadow root, found through CDP (DOM.getDocument with pierce sees closed roots; the node is
 * then resolved in the page's main world).
 */
export async function onTooltips<T>(page: Page, fn: string): Promise<T[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as unknown as { root: CdpNode };
    const tips: CdpNode[] = [];
    const walk = (n: CdpNode, inShadow: boolean) => {
      const a = n.attributes ?? [];
      if (inShadow && a.some((v, i) => i % 2 === 0 && v === 'role' && a[i + 1] === 'tooltip')) tips.push(n);
      for (const c of n.children ?? []) walk(c, inShadow);
      for (const s of n.shadowRoots ?? []) walk(s, true);
    };
    walk(root, false);
    const out: T[] = [];
    for (const tip of tips) {
      const { object } = await cdp.send('DOM.resolveNode', { nodeId: tip.nodeId });
      const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId!, functionDeclaration: fn, returnByValue: true });
      out.push(result.value as T);
    }
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The extension's tooltip in the page (null: none yet, or taken away), read as DevTools would. */
export async function closedTooltip(page: Page): Promise<ClosedTooltip | null> {
  const [tip] = await onTooltips<ClosedTooltip>(
    page,
    `function () {
      const root = this.getRootNode();
      const r = this.getBoundingClientRect();
      const centre = (b) => { const q = b.getBoundingClientRect(); return { name: b.textContent, x: q.left + q.width / 2, y: q.top + q.height / 2 }; };
      return { host: root.host.localName, mode: root.mode, text: this.textContent,
        visible: !this.hidden && this.checkVisibility() && r.width > 0 && r.height > 0,
        buttons: [...this.querySelectorAll('button')].map(centre) };
    }`,
  );
  return tip ?? null;
}

/** For axe, which cannot enter a closed root: an open copy of the tooltip's root (its style and content) under <gip-a11y-copy>, at the same place. */
export async function openCopyOfTooltip(page: Page): Promise<void> {
  await onTooltips(
    page,
    `function () {
      document.querySelector('gip-a11y-copy')?.remove();
      const copy = document.createElement('gip-a11y-copy');
      copy.attachShadow({ mode: 'open' }).innerHTML = this.getRootNode().innerHTML;
      document.documentElement.append(copy);
    }`,
  );
}
