// Benchmark part: the page holding 100 reports, checked by the built extension in
// Chromium, timed by the checker itself (PageState.elapsedMs: read + check of every
// report on the page, cross-year checks included; waiting for storage excluded). The
// page is served on the end-to-end harness's gov.cn host, so the automatic path runs.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, GOV_HOST, assertBuilt, launchWithExtension, pageStateOf, serviceWorkerOf, startServer, tabIdOf } from '../../e2e/harness';
import { consolidatedHtml } from '../../tests/support/consolidated';

/** The pause between loads (see the loop). */
const SETTLE_MS = 1500;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median checker time over `runs` loads of the page, or null without a browser or a build. */
export async function browserConsolidatedTime(runs: number, n = 100): Promise<{ ms: number; all: number[]; reports: number } | null> {
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
    const times: number[] = [];
    let reports = 0;
    let last = '';
    for (let i = 0; i < runs + 1; i++) {
      await page.goto(url);
      const tabId = await tabIdOf(sw, page);
      const deadline = Date.now() + 30_000;
      let state = await pageStateOf(sw, tabId);
      while ((!state || state.checkedAt === last) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        state = await pageStateOf(sw, tabId);
      }
      if (!state || state.checkedAt === last) throw new Error('the checker gave no result within 30 s');
      last = state.checkedAt;
      reports = state.sections?.length ?? 1;
      if (i > 0) times.push(state.elapsedMs); // the first load warms the caches
      // let this load's aftermath (marking 100 reports, writing them to the report memory) end
      // before the next load: on two cores it otherwise lands in the next check's time
      await new Promise((r) => setTimeout(r, SETTLE_MS));
    }
    return { ms: median(times), all: times, reports };
  } finally {
    await context.close().catch(() => undefined);
    server.closeAllConnections();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}
