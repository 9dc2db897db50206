// End-to-end hardening: pages whose DOM keeps changing do not make the content script
// loop (entrypoints/content.ts: LATE = debounce 400 ms, at most 5 re-checks in
// 30 s), and a report whose tables arrive by script after load is still found and marked.
// The checks are counted where they arrive: every page-state message the service worker
// receives, per tab.

import fs from 'node:fs';
import path from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { PAGES_DIR, expect, pageStateOf, test } from './fixtures';

/** What entrypoints/content.ts allows: at most this many late re-checks per page. */
const MAX_LATE_CHECKS = 5;
const GRANTED_PAGE = 'pingtan-2023-changed-granted.html';

const fixture = (name: string) => fs.readFileSync(path.join(PAGES_DIR, name), 'utf8');

/** The fixture's <body> content without its scripts and external links (inert, local). */
function bodyOf(name: string): string {
  const m = /<body[^>]*>([\s\S]*)<\/body>/i.exec(fixture(name));
  if (!m) throw new Error(`no body in ${name}`);
  return m[1]!.replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<link\b[^>]*>/gi, '');
}

/** A script appending one node every `everyMs` until `count` nodes were added; sets window.__ticksDone. */
const ticker = (everyMs: number, count: number) =>
  `<script>(() => { let n = 0; const t = setInterval(() => { const s = document.createElement('span'); s.className = 'tick'; s.textContent = ' ' + (++n); document.body.appendChild(s); if (n >= ${count}) { clearInterval(t); window.__ticksDone = true; } }, ${everyMs}); })();</script>`;

/** A page whose article (the fixture's body) is inserted by script `afterMs` after load. */
const latePage = (opts: { title: string; afterMs: number; extra?: string }) => `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${opts.title}</title></head>
<body><div id="app">加载中…</div><template id="article">${bodyOf(GRANTED_PAGE)}</template>
<script>setTimeout(() => { document.getElementById('app').replaceWith(document.getElementById('article').content.cloneNode(true)); window.__injected = performance.now(); }, ${opts.afterMs});</script>
${opts.extra ?? ''}</body></html>`;

interface Arrival {
  at: number;
  detected: boolean;
  checkedAt: string;
}

/** Record, in the service worker, every page-state message by tab (installed before the pages load). */
async function recordPageStates(sw: Worker): Promise<(tabId: number) => Promise<Arrival[]>> {
  await sw.evaluate(() => {
    const g = globalThis as unknown as { __gipArrivals?: Record<number, Arrival[]>; chrome: typeof browser };
    if (g.__gipArrivals) return;
    const arrivals: Record<number, Arrival[]> = (g.__gipArrivals = {});
    g.chrome.runtime.onMessage.addListener((m: unknown, sender) => {
      const msg = m as { type?: string; state?: { detected: boolean; checkedAt: string } };
      if (msg?.type !== 'page-state' || sender.tab?.id === undefined || !msg.state) return;
      (arrivals[sender.tab.id] ??= []).push({ at: Date.now(), detected: msg.state.detected, checkedAt: msg.state.checkedAt });
    });
  });
  return (tabId) => sw.evaluate((id) => (globalThis as unknown as { __gipArrivals: Record<number, Arrival[]> }).__gipArrivals[id] ?? [], tabId);
}

const ticksDone = (page: Page) => page.evaluate(() => (window as unknown as { __ticksDone?: boolean }).__ticksDone === true);

test.describe('pages that keep changing', () => {
  test('a 50 ms DOM ticker for 10 s: a report is checked once, an ordinary page never, a late report a bounded number of times', async ({
    context,
    origin,
    serve,
    serviceWorker,
    tabIdOf,
  }) => {
    test.setTimeout(60_000);
    const arrivals = await recordPageStates(serviceWorker);
    serve('/ticking-report.html', fixture(GRANTED_PAGE).replace(/<\/body>/i, `${ticker(50, 200)}</body>`));
    serve(
      '/ticking-news.html',
      `<!DOCTYPE html><html><head><meta charset="utf-8"><title>工作动态</title></head><body><p>本局召开工作会议。</p>${ticker(50, 200)}</body></html>`,
    );
    serve('/ticking-late.html', latePage({ title: '加载中', afterMs: 1_500, extra: ticker(50, 200) }));

    const [report, news, late] = await Promise.all([context.newPage(), context.newPage(), context.newPage()]);
    await Promise.all([report.goto(`${origin}/ticking-report.html`), news.goto(`${origin}/ticking-news.html`), late.goto(`${origin}/ticking-late.html`)]);
    const [reportTab, newsTab, lateTab] = await Promise.all([tabIdOf(report), tabIdOf(news), tabIdOf(late)]);

    // the report is checked at document_idle, while the ticker runs
    await expect.poll(async () => (await arrivals(reportTab)).length, { timeout: 15_000 }).toBe(1);
    const first = (await pageStateOf(serviceWorker, reportTab))!;
    expect(first.detected).toBe(true);

    // let every ticker finish, then give the debounce and a late check time to fire
    await expect.poll(async () => (await Promise.all([report, news, late].map(ticksDone))).every(Boolean), { timeout: 20_000 }).toBe(true);
    await expect.poll(async () => (await arrivals(lateTab)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await report.waitForTimeout(1_500);

    const [r, n, l] = await Promise.all([arrivals(reportTab), arrivals(newsTab), arrivals(lateTab)]);
    expect(r, 'the report page: one check, none re-triggered by 200 DOM changes').toHaveLength(1);
    expect((await pageStateOf(serviceWorker, reportTab))?.checkedAt).toBe(first.checkedAt);
    await expect(report.locator('[data-gip-severity="error"]')).toHaveCount(1);
    expect(n, 'an ordinary page: nothing is ever sent').toHaveLength(0);
    expect(await pageStateOf(serviceWorker, newsTab)).toBeNull();
    expect(l.length, 'the late report: checked, a bounded number of times').toBeGreaterThanOrEqual(1);
    expect(l.length).toBeLessThanOrEqual(MAX_LATE_CHECKS);
    expect(l.at(-1)!.detected).toBe(true);
    await expect(late.locator('[data-gip-severity="error"]')).toHaveCount(1);
  });
});

test.describe('late content', () => {
  // without a report title, and with one (the page is checked at once, finds no table, and is checked again when they arrive)
  for (const [name, title] of [
    ['untitled', '平潭综合实验区'],
    ['titled', '平潭综合实验区2023年度政府信息公开工作年度报告'],
  ] as const)
    test(`tables inserted 1.5 s after load are detected and the wrong cell marked (${name})`, async ({
      page,
      origin,
      serve,
      serviceWorker,
      tabIdOf,
      badgeText,
    }) => {
      const arrivals = await recordPageStates(serviceWorker);
      serve(`/late-${name}.html`, latePage({ title, afterMs: 1_500 }));
      await page.goto(`${origin}/late-${name}.html`);
      const tabId = await tabIdOf(page);
      await expect(page.locator('table')).toHaveCount(0);
      await expect(page.locator('[data-gip-severity="error"]')).toHaveCount(1, { timeout: 15_000 });
      const state = (await pageStateOf(serviceWorker, tabId))!;
      expect(state.detected).toBe(true);
      expect(state.report?.year).toBe(2023);
      expect(state.findings.find((f) => f.ruleId === 'applications.rowSum')).toMatchObject({ severity: 'error', expected: 25, actual: 22 });
      await expect.poll(() => badgeText(tabId)).toBe(String(state.counts.error));
      const marked = page.locator('[data-gip-severity="error"]');
      expect((await marked.textContent())?.trim()).toBe('25');
      const got = await arrivals(tabId);
      expect(got.length).toBeGreaterThanOrEqual(1);
      expect(got.length).toBeLessThanOrEqual(MAX_LATE_CHECKS);
    });
});
