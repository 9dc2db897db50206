// The security review's attacks on the report memory, replayed against the built
// extension in Chromium (issue 16; ../shared/reviews/security-2026-12.md, tests A, A2,
// B, C, D2, E, K, N). Pages are served under gov.cn host names mapped to 127.0.0.1:
// www.sample.gov.cn holds the real 平潭 reports, *.attacker.gov.cn the attacker's.

import fs from 'node:fs';
import path from 'node:path';
import type { Page, Worker } from '@playwright/test';
import type { PageState } from '../utils/page-state';
import { PAGES_DIR, expect, openPopup, pageStateOf, test } from './fixtures';

type Chrome = typeof browser;
const fixture = (name: string) => fs.readFileSync(path.join(PAGES_DIR, name), 'utf8');
/** the real 2023 page with its stock of 行政规范性文件 (470) replaced: the attacker's copy */
const forged2023 = (value: string) => fixture('pingtan-2023.html').replace('>470<', `>${value}<`);
const stock = (s: PageState | null) => s?.findings.find((f) => f.ruleId === 'crossYear.inForceStock') ?? null;

async function checked(page: Page, url: string, sw: Worker, tabIdOf: (p: Page) => Promise<number>, year?: number): Promise<PageState> {
  await page.goto(url);
  const tabId = await tabIdOf(page);
  let state: PageState | null = null;
  await expect
    .poll(async () => (state = await pageStateOf(sw, tabId)) && state.url === url && (year === undefined || state.report?.year === year), { timeout: 15_000 })
    .toBe(true);
  return state!;
}

/** The report memory as stored: the index's keys and the stored findings of one report. */
async function memory(sw: Worker): Promise<{ keys: string[]; index: Record<string, { title: string }>; bytes: number }> {
  return sw.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    const index = ((await c.storage.local.get('reportIndex')).reportIndex ?? {}) as Record<string, { title: string }>;
    return { keys: Object.keys(index).sort(), index, bytes: await c.storage.local.getBytesInUse(null) };
  });
}
async function storedFindings(sw: Worker, key: string): Promise<unknown> {
  return sw.evaluate(async (key) => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    const r = (await c.storage.local.get(`report:${key}`))[`report:${key}`] as { findings?: unknown } | undefined;
    return r?.findings ?? null;
  }, key);
}
/** memory settled: no write pending (the background writes after the page's state) */
const settle = (page: Page) => page.waitForTimeout(400);

test.describe('trust: no page steers what another page shows', () => {
  test('a fake same-name report on another gov.cn host neither pairs nor changes stored findings (A, A2, B)', async ({
    page,
    context,
    origin,
    serve,
    pageServer,
    serviceWorker,
    tabIdOf,
    extensionId,
  }) => {
    const evil = `http://a.attacker.gov.cn:${pageServer.port}`;
    serve('/evil/fake-2023.html', forged2023('9000'));
    serve('/evil/cover-2023.html', forged2023('411'));
    const real2023 = `${origin}/pingtan-2023.html`;
    const real2024 = `${origin}/pingtan-2024.html`;

    // the fake alone: the real 2024 is not paired with it (no 9000 + 62 − 33 warning), only offered it
    await checked(page, `${evil}/evil/fake-2023.html`, serviceWorker, tabIdOf, 2023);
    await settle(page);
    let state = await checked(page, real2024, serviceWorker, tabIdOf, 2024);
    expect(state.previous).toBeNull();
    expect(stock(state)).toBeNull();
    expect(state.suggestion?.source).toBe(`${evil}/evil/fake-2023.html`);
    const popup = await openPopup(context, extensionId, await tabIdOf(page));
    await expect(popup.getByTestId('previous-suggestion')).toContainText('未自动比对');
    await popup.close();

    // the reviewer checks the real 2023: the real 2024 gets the genuine warning (470 + 62 − 33 = 499 ≠ 440)
    await checked(page, real2023, serviceWorker, tabIdOf, 2023);
    await settle(page);
    const genuine = await storedFindings(serviceWorker, real2024);
    expect(JSON.stringify(genuine)).toContain('470 + 62 − 33 = 499');

    // a cover page on http://a… (sorts before https://www…) visited once: nothing stored changes
    await checked(page, `${evil}/evil/cover-2023.html`, serviceWorker, tabIdOf, 2023);
    await settle(page);
    expect(await storedFindings(serviceWorker, real2024)).toEqual(genuine);

    // and the real 2024 again is checked against the real 2023
    state = await checked(page, real2024, serviceWorker, tabIdOf, 2024);
    expect(state.previous?.source).toBe(real2023);
    expect(stock(state)).toMatchObject({ expected: 499, actual: 440 });
  });

  test('a hidden iframe of another site is neither checked nor remembered, and does not take the tab (E)', async ({
    page,
    origin,
    serve,
    pageServer,
    serviceWorker,
    tabIdOf,
    mirrorOrigin,
  }) => {
    const evil = `http://evil.attacker.gov.cn:${pageServer.port}`;
    serve('/evil/frame.html', forged2023('9000'));
    const framed = (src: string) =>
      fixture('pingtan-2024.html').replace(
        '</body>',
        `<script>setTimeout(() => { const f = document.createElement('iframe'); f.src = ${JSON.stringify(src)}; f.style.cssText = 'width:1px;height:1px;opacity:0'; document.body.append(f); }, 300);</script></body>`,
      );
    serve('/real/2024.html', framed(`${evil}/evil/frame.html`));
    const top = await checked(page, `${origin}/real/2024.html`, serviceWorker, tabIdOf, 2024);
    await page.frameLocator('iframe[src*="attacker"]').locator('table').first().waitFor();
    await page.waitForTimeout(1500);
    const after = await pageStateOf(serviceWorker, await tabIdOf(page));
    expect(after?.url).toBe(top.url);
    expect(after?.frameId).toBe(0);
    expect((await memory(serviceWorker)).keys).toEqual([`${origin}/real/2024.html`]);

    // a page of another site (not gov.cn) framing a gov.cn report: nothing is remembered
    serve(
      '/mirror/frame.html',
      `<!DOCTYPE html><html><body><iframe src="${evil}/evil/frame.html" style="width:1px;height:1px;opacity:0"></iframe></body></html>`,
    );
    await page.goto(`${mirrorOrigin}/mirror/frame.html`);
    await page.frameLocator('iframe[src*="attacker"]').locator('table').first().waitFor();
    await page.waitForTimeout(1500);
    expect((await memory(serviceWorker)).keys).toEqual([`${origin}/real/2024.html`]);
  });

  test('a page with a huge title reloading itself stays within the bounds, and a real check after it is as fast (D2)', async ({
    page,
    origin,
    serve,
    pageServer,
    serviceWorker,
    tabIdOf,
  }) => {
    const real = `${origin}/pingtan-2024.html`;
    const baseline = (await checked(page, real, serviceWorker, tabIdOf, 2024)).elapsedMs;
    const evil = `http://flood.attacker.gov.cn:${pageServer.port}`;
    const huge = '平潭综合实验区2023年度政府信息公开工作年度报告'.repeat(40_000); // ~1 MB
    const reloads = 6;
    serve(
      '/evil/flood.html',
      fixture('pingtan-2023.html')
        .replace(/<title>[^<]*<\/title>/, `<title>${huge}</title>`)
        .replace(
          '</body>',
          `<script>const n = Number(new URLSearchParams(location.search).get('n') ?? 0); if (n < ${reloads}) setTimeout(() => location.search = '?n=' + (n + 1), 700); else document.title = 'done';</script></body>`,
        ),
    );
    await page.goto(`${evil}/evil/flood.html`);
    await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 30_000 });
    await settle(page);
    const m = await memory(serviceWorker);
    const flood = m.keys.filter((k) => k.startsWith(evil));
    expect(flood.length).toBeLessThanOrEqual(reloads + 1);
    for (const k of flood) expect(m.index[k]!.title.length).toBeLessThanOrEqual(300);
    // a 1 MB title each time would be 7 MB; bounded, each report costs its cells (~40–60 KB)
    expect(m.bytes).toBeLessThan((reloads + 2) * 120_000);
    // the next real check's time: not the 8.9 s against 3.4 s of the review
    const after = (await checked(page, `${real}?again`, serviceWorker, tabIdOf, 2024)).elapsedMs;
    expect(after).toBeLessThan(Math.max(baseline * 4, baseline + 150));
  });

  test('a forged stored record is refused, never used (N), and a content script cannot write another page’s memory (K)', async ({
    page,
    context,
    origin,
    serve,
    pageServer,
    serviceWorker,
    tabIdOf,
    extensionId,
  }) => {
    const real2023 = `${origin}/pingtan-2023.html`;
    await checked(page, real2023, serviceWorker, tabIdOf, 2023);
    await settle(page);
    // a compromised renderer rewrites the record: the stock as the string "470"
    await serviceWorker.evaluate(async (key) => {
      const c = (globalThis as unknown as { chrome: Chrome }).chrome;
      const k = `report:${key}`;
      const record = (await c.storage.local.get(k))[k] as { report: { cells: Record<string, { value: unknown }> } };
      for (const cell of Object.values(record.report.cells)) if (cell.value === 470) cell.value = '470';
      await c.storage.local.set({ [k]: record });
    }, real2023);
    const state = await checked(page, `${origin}/pingtan-2024.html`, serviceWorker, tabIdOf, 2024);
    expect(state.previous).toBeNull();
    expect(JSON.stringify(state.findings)).not.toContain('47029');
    await expect.poll(async () => (await memory(serviceWorker)).keys).not.toContain(real2023);
    const popup = await openPopup(context, extensionId, await tabIdOf(page));
    await popup.getByRole('button', { name: '历史记录' }).click();
    await expect(popup.getByTestId('memory-dropped')).toContainText('1 条');
    await popup.close();

    // the attacker's content-script context (isolated world) asks the background to remember a report under the real page's key
    const evilUrl = `http://k.attacker.gov.cn:${pageServer.port}/evil/k.html`;
    serve('/evil/k.html', forged2023('9000'));
    await checked(page, evilUrl, serviceWorker, tabIdOf, 2023);
    const tabId = await tabIdOf(page);
    const answers = await serviceWorker.evaluate(
      async ({ tabId, real }) => {
        const c = (globalThis as unknown as { chrome: Chrome }).chrome;
        const [r] = await c.scripting.executeScript({
          target: { tabId },
          world: 'ISOLATED',
          args: [real],
          func: async (real: string) => {
            const runtime = (globalThis as unknown as { chrome: Chrome }).chrome.runtime;
            const send = (m: unknown) => runtime.sendMessage(m).catch((e: unknown) => String(e));
            return {
              remember: await send({
                type: 'remember',
                entries: [
                  {
                    url: real,
                    title: 'forged',
                    agency: null,
                    year: 2023,
                    format: '2021',
                    counts: { error: 0, warning: 0, info: 0 },
                    checkedAt: 'x',
                    report: {},
                    findings: [],
                  },
                ],
              }),
              otherTab: await send({ type: 'get-state', tabId: 1 }),
              forget: await send({ type: 'forget-reports', verdicts: true }),
            };
          },
        });
        return r?.result;
      },
      { tabId, real: `${origin}/pingtan-2024.html` },
    );
    expect(answers).toMatchObject({ remember: { ok: false } });
    expect((answers as { otherTab: unknown }).otherTab ?? null).toBeNull();
    expect((await memory(serviceWorker)).keys).toContain(`${origin}/pingtan-2024.html`);
  });

  test('what the reader sees is what is read: a digit hidden by the page’s stylesheet or inline style is left out, and said (SEC-8)', async ({
    page,
    origin,
    serve,
    serviceWorker,
    tabIdOf,
  }) => {
    const html = fixture('pingtan-2023.html')
      .replace('</head>', '<style>.gip-test-x { display: none }</style></head>')
      .replace('>470<', '>470<span class="gip-test-x">0</span><')
      .replace('>132<', '>13<span style="font-size:0">9</span>2<');
    serve('/hidden/2023.html', html);
    const state = await checked(page, `${origin}/hidden/2023.html`, serviceWorker, tabIdOf, 2023);
    const cells = state.report!.cells;
    expect(cells['active.normativeDocs.inForce']).toMatchObject({ raw: '470', value: 470, hidden: '0' });
    expect(cells['active.normativeDocs.repealed']).toMatchObject({ raw: '132', value: 132, hidden: '9' });
    const notes = state.findings
      .filter((f) => f.ruleId === 'cell.hiddenText')
      .map((f) => f.cells[0])
      .sort();
    expect(notes).toEqual(['active.normativeDocs.inForce', 'active.normativeDocs.repealed']);
    expect(state.counts.error).toBe(0);
  });
});
