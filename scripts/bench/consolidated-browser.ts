// Benchmark part: the page holding 100 reports (or n), checked by the built extension in
// Chromium, timed by the checker itself (PageState.elapsedMs: read + check of every
// report on the page, cross-year checks included; waiting for storage excluded). The
// page is served on the end-to-end harness's gov.cn host, so the automatic path runs.
// Three ways, as a reader meets the page:
// - opened in a new tab: a renderer that has compiled nothing of the checker yet and has
//   no earlier page to tear down (the figure the target is judged on);
// - reloaded in its tab: the checker's code compiled by the renderer before, but the
//   previous load's 6.5 MB page torn down (collected) while the new one is checked;
// - checked again in its tab ("检查此页"): the same work once the renderer has compiled
//   and optimised the checker and made the page's DOM wrappers.

import type { Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, GOV_HOST, assertBuilt, launchWithExtension, pageStateOf, serviceWorkerOf, startServer, tabIdOf } from '../../toolkit/browser';
import { consolidatedHtml } from '../../toolkit/consolidated';
import { CHECKER_TRIGGER } from '../../utils/messages';

/** The pause after each check (see nextState). */
const SETTLE_MS = 1500;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Each run's time, and their median. */
export interface Times {
  median: number;
  runs: number[];
}
const timesOf = (runs: number[]): Times => ({ median: runs.length ? median(runs) : NaN, runs });

export interface ConsolidatedTimes {
  newTab: Times;
  reload: Times;
  recheck: Times;
  reports: number;
}

/** Checker times over `runs` checks each way (see above), or null without a browser or a build. */
export async function browserConsolidatedTime(runs: number, n = 100): Promise<ConsolidatedTimes | null> {
  if (!fs.existsSync(CHROMIUM)) return null;
  try {
    assertBuilt();
  } catch {
    return null;
  }
  const { server, api } = await startServer();
  api.serve('/hb/consolidated.html', consolidatedHtml(n, [n >> 1]));
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-bench-'));
  const context = await launchWithExtension(userDataDir);
  try {
    const sw = await serviceWorkerOf(context);
    const page = context.pages()[0] ?? (await context.newPage());
    const url = `http://${GOV_HOST}:${api.port}/hb/consolidated.html`;
    let last = '';
    /** the next result the checker publishes for the tab */
    const nextState = async (tabId: number) => {
      const deadline = Date.now() + 30_000;
      let state = await pageStateOf(sw, tabId);
      while ((!state || state.checkedAt === last) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        state = await pageStateOf(sw, tabId);
      }
      if (!state || state.checkedAt === last) throw new Error('the checker gave no result within 30 s');
      last = state.checkedAt;
      // let this check's aftermath (marking 100 reports, writing them to the report memory) end
      // before the next one: on two cores it otherwise lands in the next check's time
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      return state;
    };
    const load = async (tab: Page) => {
      await tab.goto(url);
      const tabId = await tabIdOf(sw, tab);
      return { tabId, state: await nextState(tabId) };
    };
    const first = await load(page); // warms the server's and the disk's caches
    const reports = first.state.sections?.length ?? 1;
    const newTab: number[] = [];
    for (let i = 0; i < runs; i++) {
      const tab = await context.newPage();
      newTab.push((await load(tab)).state.elapsedMs);
      await tab.close();
    }
    const reload: number[] = [];
    let tabId = first.tabId;
    for (let i = 0; i < runs; i++) {
      const loaded = await load(page);
      tabId = loaded.tabId;
      reload.push(loaded.state.elapsedMs);
    }
    const recheck: number[] = [];
    for (let i = 0; i < runs; i++) {
      // what the background does for "检查此页" (entrypoints/background.ts, injectChecker)
      // (a string, not a function: tsx's helpers would be named in the function sent to the page)
      const key = JSON.stringify(CHECKER_TRIGGER.description);
      await sw.evaluate(`(async () => {
        const target = { tabId: ${tabId} };
        await chrome.scripting.executeScript({ target, func: (k) => { globalThis[Symbol.for(k)] = 'demand'; }, args: [${key}] });
        await chrome.scripting.executeScript({ target, files: ['/checker.js'] });
      })()`);
      recheck.push((await nextState(tabId)).elapsedMs);
    }
    return { newTab: timesOf(newTab), reload: timesOf(reload), recheck: timesOf(recheck), reports };
  } finally {
    await context.close().catch(() => undefined);
    server.closeAllConnections();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}
