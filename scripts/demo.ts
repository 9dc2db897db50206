// `npm run demo [-- --headless] [-- --no-build]`: build the extension, serve two bundled
// sample reports as http://www.sample.gov.cn:<port>/…, and open them in Debian's Chromium
// with the extension loaded.
//
// - With a display (DISPLAY or WAYLAND_DISPLAY set) and no --headless: a normal browser
//   window; the script waits until you close it.
// - Otherwise: headless. It waits for the marks, prints each page's agency, year and
//   findings (from the extension's own per-tab state), writes
//   docs/screenshots/page.png (the page, tooltip open on the wrong cell) and
//   docs/screenshots/popup.png (the popup for that tab, 420 px wide), the store's
//   screenshots at 1280×800 (docs/store/screenshot-page-1280x800.png, and
//   screenshot-popup-1280x800.png: the popup over its page, as the toolbar shows it),
//   and exits 0.
// The browser: CHROMIUM_PATH, else the first Chromium, Edge or Chrome installed
// (toolkit/browser.ts findBrowser).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import {
  CHROMIUM,
  EXTENSION_DIR,
  GOV_HOST,
  assertBuilt,
  closedTooltip,
  launchWithExtension,
  openPopup,
  pageStateOf,
  serviceWorkerOf,
  startServer,
  tabIdOf,
} from '../toolkit/browser';
import type { Severity } from '../lib/schema';
import { TERMS } from '../lib/vocabulary';
import type { PageState } from '../utils/page-state';
import { parseArgs as parseArgv } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHOTS = path.join(ROOT, 'docs/screenshots');
const STORE = path.join(ROOT, 'docs/store');
const PAGES = ['pingtan-2023-changed-granted.html', 'shanghai-2019-style.html'];
const severityTag = (s: Severity) => `${TERMS.zh.severity[s]} ${s}`;

const { values: args } = parseArgv({ options: { headless: { type: 'boolean' }, 'no-build': { type: 'boolean' } }, strict: true });
const headless = args.headless === true || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const log = (s: string) => console.log(`[demo ${elapsed()}] ${s}`);

function build(): void {
  if (args['no-build'] === true) return assertBuilt();
  log('building the extension (wxt build)…');
  const wxt = path.join(ROOT, 'node_modules/.bin/wxt');
  const r = spawnSync(wxt, ['build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`wxt build failed (exit ${r.status})`);
  }
  assertBuilt();
  log(`built ${path.relative(ROOT, EXTENSION_DIR)}`);
}

async function waitForState(sw: Worker, tabId: number, timeoutMs = 15_000): Promise<PageState> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const state = await pageStateOf(sw, tabId);
    if (state) return state;
    if (Date.now() > end) throw new Error(`the extension reported nothing for tab ${tabId} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function print(state: PageState): void {
  const r = state.report;
  console.log('');
  console.log(`${state.url}`);
  console.log(
    `  ${r?.agency ?? '（机关未识别）'} · ${r?.year ?? '？'} 年度 · ${r?.format ?? '?'} 格式 · 错误 ${state.counts.error} · 警告 ${state.counts.warning} · 提示 ${state.counts.info}`,
  );
  for (const f of state.findings)
    console.log(`  [${severityTag(f.severity)}]${f.groupedUnder ? ' ↳' : ''} ${f.message}${f.equation ? `  (${f.equation})` : ''}`);
  if (!state.findings.length) console.log('  no findings');
}

/** Without a CJK font Chromium draws the report as boxes: say how to get one (Debian: fonts-wqy-microhei or fonts-noto-cjk). */
function warnIfNoChineseFont(): void {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (r.status === 0 && !r.stdout.trim())
    log('warning: no Chinese font is installed, the screenshots will show boxes (Debian: apt-get install fonts-wqy-microhei)');
}

async function screenshots(context: BrowserContext, extensionId: string, page: Page, tabId: number): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.bringToFront();
  const cell = page.locator('[data-gip-severity="error"]').first();
  await cell.waitFor({ state: 'attached', timeout: 10_000 });
  await cell.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const hoverTooltip = async () => {
    await cell.hover();
    // (the tooltip is in a closed shadow root: read through DevTools, as the tests do)
    const end = Date.now() + 5_000;
    while (!(await closedTooltip(page))?.visible) {
      if (Date.now() > end) throw new Error('the tooltip did not appear');
      await page.waitForTimeout(100);
    }
  };
  await hoverTooltip();
  const pageShot = path.join(SHOTS, 'page.png');
  await page.screenshot({ path: pageShot });
  log(`wrote ${path.relative(ROOT, pageShot)}`);

  const popup = await openPopup(context, extensionId, tabId, 420);
  await popup.getByTestId('findings').waitFor({ timeout: 10_000 });
  const popupShot = path.join(SHOTS, 'popup.png');
  await popup.screenshot({ path: popupShot, fullPage: true });
  log(`wrote ${path.relative(ROOT, popupShot)}`);

  // the stores' size: 1280×800, the page with its tooltip, and the popup over the page
  fs.mkdirSync(STORE, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await cell.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await hoverTooltip();
  const storePage = path.join(STORE, 'screenshot-page-1280x800.png');
  const pageBytes = await page.screenshot({ path: storePage });
  log(`wrote ${path.relative(ROOT, storePage)}`);
  await popup.setViewportSize({ width: 420, height: 760 });
  const popupBytes = await popup.screenshot();
  const composed = await context.newPage();
  await composed.setViewportSize({ width: 1280, height: 800 });
  const png = (b: Buffer) => `data:image/png;base64,${b.toString('base64')}`;
  await composed.setContent(
    `<body style="margin:0"><img src="${png(pageBytes)}" style="position:absolute;inset:0;filter:brightness(.85)">` +
      `<img src="${png(popupBytes)}" style="position:absolute;top:8px;right:24px;box-shadow:0 6px 24px rgba(0,0,0,.35);border:1px solid #bbb"></body>`,
  );
  const storePopup = path.join(STORE, 'screenshot-popup-1280x800.png');
  await composed.screenshot({ path: storePopup });
  log(`wrote ${path.relative(ROOT, storePopup)}`);
  await composed.close();
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `No Chromium, Edge or Chrome found (looked for ${CHROMIUM} and the usual places). On Debian/Ubuntu: sudo apt-get install chromium (or set CHROMIUM_PATH).`,
    );
  build();
  const { server, api } = await startServer();
  const origin = `http://${GOV_HOST}:${api.port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-demo-'));
  log(`serving tests/fixtures/pages at ${origin}/ ; launching Chromium (${headless ? 'headless' : 'headed'})`);
  const context = await launchWithExtension(profile, { headless });
  const cleanup = () => {
    server.closeAllConnections();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  try {
    const sw = await serviceWorkerOf(context);
    const extensionId = new URL(sw.url()).host;
    const tabs: { page: Page; tabId: number }[] = [];
    for (const [i, name] of PAGES.entries()) {
      const page = i === 0 ? (context.pages()[0] ?? (await context.newPage())) : await context.newPage();
      await page.goto(`${origin}/${name}`);
      tabs.push({ page, tabId: await tabIdOf(sw, page) });
    }
    await tabs[0]!.page.bringToFront();

    if (!headless) {
      log('the extension has checked the pages: hover a red cell, or click the toolbar button for the popup. Close the browser to exit.');
      process.once('SIGINT', () => void context.close());
      await new Promise<void>((resolve) => context.on('close', () => resolve()));
      return;
    }

    for (const { tabId } of tabs) print(await waitForState(sw, tabId));
    console.log('');
    warnIfNoChineseFont();
    await screenshots(context, extensionId, tabs[0]!.page, tabs[0]!.tabId);
    await context.close();
    log('done');
  } finally {
    await context.close().catch(() => undefined);
    cleanup();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`[demo ${elapsed()}] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
