// The Firefox end-to-end harness: Debian's firefox-esr driven over WebDriver BiDi by
// puppeteer-core (no browser is downloaded), with the built Firefox add-on
// (.output/firefox-mv3) installed as a temporary add-on (BiDi webExtension.install).
//
// - Pages: the fixture server of the Chromium tests (toolkit/browser.ts `startServer`, on
//   127.0.0.1, random port). Firefox has no --host-resolver-rules, so a PAC script (a
//   data: URL) sends *.gov.cn and mirror.example.org to that server as an HTTP proxy: the
//   pages load as http://www.sample.gov.cn/… (matched by the manifest's *://*.gov.cn/*)
//   and http://mirror.example.org/… (no permission). Every other host goes to a proxy
//   on 127.0.0.1:9 that refuses, and network.proxy.failover_direct=false forbids falling
//   back to a direct connection: nothing reaches the real network.
// - Host permission: not forced. Firefox (127+) grants an MV3 add-on's host_permissions
//   at install when extensions.originControls.grantByDefault is true (its default); the
//   tests assert that it was granted that way (extensionPermissions).
// - What BiDi alone cannot reach (the badge, the extension's tab ids, the popup, a closed
//   shadow root) is read with Firefox's own privileged access, as its DevTools would:
//   Firefox runs with --remote-allow-system-access, so BiDi can evaluate in the browser
//   window (moz:scope "chrome"). From there: the add-on's policy and permissions, a tab's
//   extension id and badge text, popup.html?tabId=N opened in a tab with the add-on's own
//   principal (BiDi refuses to navigate to moz-extension:), and a frame script in the
//   page's process that reads the tooltip through element.openOrClosedShadowRoot.

import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { PAGES_DIR, copyExtension, startServer, type PageServer } from '../toolkit/browser';

const ROOT = path.resolve(import.meta.dirname, '..');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = process.env.GIP_FIREFOX_EXTENSION_DIR ?? path.join(ROOT, '.output/firefox-mv3');
export const GOV_ORIGIN = 'http://www.sample.gov.cn';
export const MIRROR_ORIGIN = 'http://mirror.example.org';
export { PAGES_DIR };

/** The PAC script: the test hosts to the page server (as a proxy), anything else to a closed port. */
export function pacUrl(port: number): string {
  const pac = `function FindProxyForURL(url, host) {
  if (dnsDomainIs(host, ".gov.cn") || host === "mirror.example.org") return "PROXY 127.0.0.1:${port}";
  return "PROXY 127.0.0.1:9";
}`;
  return `data:application/x-ns-proxy-autoconfig,${encodeURIComponent(pac)}`;
}

export function firefoxPrefs(port: number): Record<string, unknown> {
  return {
    'network.proxy.type': 2,
    'network.proxy.autoconfig_url': pacUrl(port),
    'network.proxy.failover_direct': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    // the Chromium tests run in zh-CN; the popup and tooltip follow navigator.language
    'intl.accept_languages': 'zh-CN, zh',
  };
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}
const bidi = (browser: Browser) => (browser as unknown as { connection: BidiConnection }).connection;

export interface FirefoxSession {
  browser: Browser;
  page: Page;
  server: PageServer;
  /** the add-on's ID, from the built manifest */
  addonId: string;
  /** the add-on's moz-extension host (a random UUID per profile) */
  extensionHost: string;
  /** run `fn` (a function source; arguments as JSON) in the browser window, privileged */
  chrome<T>(fn: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

let shared: { server: http.Server; api: PageServer; extensionDir: string; addonId: string } | null = null;

/** One page server and one copy of the build for the whole run (a rebuild during the run cannot pull the files away). */
async function fixtures() {
  if (!shared) {
    if (!fs.existsSync(FIREFOX)) throw new Error(`no Firefox at ${FIREFOX} (apt-get install firefox-esr, or set FIREFOX_PATH)`);
    const extensionDir = copyExtension(FIREFOX_EXTENSION_DIR);
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
      browser_specific_settings?: { gecko?: { id?: string } };
    };
    const addonId = manifest.browser_specific_settings?.gecko?.id;
    if (!addonId) throw new Error(`${FIREFOX_EXTENSION_DIR} is not a Firefox build (no browser_specific_settings.gecko.id): run \`wxt build -b firefox\``);
    const { server, api } = await startServer();
    shared = { server, api, extensionDir, addonId };
  }
  return shared;
}

export async function stopFixtures(): Promise<void> {
  if (!shared) return;
  shared.server.closeAllConnections();
  await new Promise((resolve) => shared!.server.close(resolve));
  fs.rmSync(path.dirname(shared.extensionDir), { recursive: true, force: true });
  shared = null;
}

/** A fresh Firefox (new profile) with the add-on installed as a temporary add-on. */
export async function launchFirefox(opts: { prefs?: Record<string, unknown> } = {}): Promise<FirefoxSession> {
  const { api, extensionDir, addonId } = await fixtures();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { ...firefoxPrefs(api.port), ...opts.prefs },
  });
  try {
    const id = await browser.installExtension(extensionDir);
    if (id !== addonId) throw new Error(`installed as ${id}, expected ${addonId}`);
    const tree = (await bidi(browser).send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as { contexts: { context: string; url: string }[] };
    const win = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
    if (!win) throw new Error(`no browser window among the chrome contexts: ${JSON.stringify(tree.contexts)}`);
    const chrome = async <T>(fn: string, ...args: unknown[]): Promise<T> => {
      const r = (await bidi(browser).send('script.callFunction', {
        functionDeclaration: fn,
        arguments: args.map((a) => ({ type: 'string', value: JSON.stringify(a) })),
        target: { context: win.context },
        awaitPromise: true,
        resultOwnership: 'none',
      })) as { result: { type: string; result?: { value?: unknown }; exceptionDetails?: { text?: string } } };
      if (r.result.type === 'exception') throw new Error(`in the browser window: ${r.result.exceptionDetails?.text ?? JSON.stringify(r.result)}`);
      const v = r.result.result?.value;
      return (typeof v === 'string' ? JSON.parse(v) : v) as T;
    };
    const extensionHost = await chrome<string>(`(id) => JSON.stringify(WebExtensionPolicy.getByID(JSON.parse(id)).mozExtensionHostname)`, addonId);
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    return {
      browser,
      page,
      server: api,
      addonId,
      extensionHost,
      chrome,
      async close() {
        await browser.close().catch(() => undefined);
      },
    };
  } catch (e) {
    await browser.close().catch(() => undefined);
    throw e;
  }
}

// Sources run in the browser window. Each takes JSON strings and returns a JSON string
// (BiDi returns primitives by value). `tabOf(url)`: the one tab showing that URL.
const TAB_OF = `const tabOf = (url) => { const t = gBrowser.tabs.filter((t) => t.linkedBrowser.currentURI.spec === url); if (t.length !== 1) throw new Error(t.length + ' tabs show ' + url); return t[0]; };`;

/** The add-on's id for the tab showing `url` (what popup.html?tabId= expects). */
export function tabIdOf(s: FirefoxSession, url: string): Promise<number> {
  return s.chrome<number>(
    `(id, url) => { ${TAB_OF} return JSON.stringify(WebExtensionPolicy.getByID(JSON.parse(id)).extension.tabManager.getWrapper(tabOf(JSON.parse(url))).id); }`,
    s.addonId,
    url,
  );
}

/** The toolbar button's badge text for the tab showing `url` ('' when none). */
export function badgeText(s: FirefoxSession, url: string): Promise<string> {
  return s.chrome<string>(
    `(id, url) => {
      ${TAB_OF}
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const action = ExtensionParent.apiManager.global.browserActionFor(WebExtensionPolicy.getByID(JSON.parse(id)).extension);
      return JSON.stringify(action.action.getProperty(tabOf(JSON.parse(url)), 'badgeText') ?? '');
    }`,
    s.addonId,
    url,
  );
}

export interface GrantedPermissions {
  /** what the add-on may run on now (WebExtensionPolicy.allowedOrigins) */
  allowedOrigins: string[];
  /** what was granted and stored for it (ExtensionPermissions) */
  granted: { permissions: string[]; origins: string[] };
  grantByDefault: boolean | null;
  temporarilyInstalled: boolean;
}

export function permissionsOf(s: FirefoxSession): Promise<GrantedPermissions> {
  return s.chrome<GrantedPermissions>(
    `async (id) => {
      id = JSON.parse(id);
      const policy = WebExtensionPolicy.getByID(id);
      const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
      const granted = await ExtensionPermissions.get(id);
      return JSON.stringify({
        allowedOrigins: policy.allowedOrigins.patterns.map((p) => p.pattern),
        granted: { permissions: granted.permissions, origins: granted.origins },
        grantByDefault: Services.prefs.getPrefType('extensions.originControls.grantByDefault') ? Services.prefs.getBoolPref('extensions.originControls.grantByDefault') : null,
        temporarilyInstalled: !!policy.extension.addonData.temporarilyInstalled,
      });
    }`,
    s.addonId,
  );
}

/**
 * popup.html?tabId=N opened as a tab of its own (as the Chromium tests open it): the
 * browser window adds the tab with the add-on's principal, and the new BiDi target is
 * returned once its document is the popup.
 */
export async function openPopup(s: FirefoxSession, tabId: number): Promise<Page> {
  const before = new Set(await s.browser.pages());
  const url = `moz-extension://${s.extensionHost}/popup.html?tabId=${tabId}`;
  await s.chrome(
    `(id, url) => { gBrowser.selectedTab = gBrowser.addTab(JSON.parse(url), { triggeringPrincipal: WebExtensionPolicy.getByID(JSON.parse(id)).extension.principal }); return '1'; }`,
    s.addonId,
    url,
  );
  return poll('the popup tab', async () => {
    for (const p of await s.browser.pages()) {
      if (before.has(p)) continue;
      // puppeteer's page.url() stays about:blank for a tab the browser opened on its own; ask the document
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href === url && (await p.evaluate(() => document.readyState).catch(() => '')) === 'complete') return p;
    }
    return undefined;
  });
}

export interface ClosedTooltip {
  host: string;
  mode: string | null;
  text: string;
  visible: boolean;
}

/**
 * The extension's tooltips in the tab showing `url`, read through the closed shadow root
 * by a frame script (privileged, in the page's process: element.openOrClosedShadowRoot).
 */
export function closedTooltips(s: FirefoxSession, url: string): Promise<ClosedTooltip[]> {
  // a string: frame scripts see `content` and `sendAsyncMessage` in their scope, not on globalThis
  const frameScript = `(() => {
    const hosts = [...content.document.querySelectorAll('*')].filter((e) => /^gip-/.test(e.localName));
    const out = [];
    for (const h of hosts) {
      const root = h.openOrClosedShadowRoot;
      const tip = root && root.querySelector('[role=tooltip]');
      if (!tip) continue;
      const r = tip.getBoundingClientRect();
      out.push({ host: h.localName, mode: root.mode, text: tip.textContent || '', visible: !tip.hidden && r.width > 0 && r.height > 0 && tip.checkVisibility() });
    }
    sendAsyncMessage('gip-test:tooltips', out);
  })();`;
  return s.chrome<ClosedTooltip[]>(
    `(url, src) => {
      ${TAB_OF}
      const mm = tabOf(JSON.parse(url)).linkedBrowser.messageManager;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the frame script did not answer')), 10000);
        mm.addMessageListener('gip-test:tooltips', function listener(m) {
          mm.removeMessageListener('gip-test:tooltips', listener);
          clearTimeout(timer);
          resolve(JSON.stringify(m.data));
        });
        mm.loadFrameScript('data:,' + encodeURIComponent(JSON.parse(src)), false);
      });
    }`,
    url,
    frameScript,
  );
}

/** Retry `fn` until it returns something other than undefined/false (then that), or fail after `timeout` ms. */
export async function poll<T>(what: string, fn: () => Promise<T | undefined | false>, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
