// End-to-end: the built extension in Chromium, on the fixture pages served as
// http://www.sample.gov.cn:<port>/… (automatic) and http://mirror.example.org:<port>/…
// (on demand). What the tests look at is what a user sees: marks in the page, the
// tooltip, the badge, the popup, the exported file — plus every network request.

import { GRANTED_CELL, GRANTED_PAGE, gridCells } from '../toolkit/page-grid';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Request, Worker } from '@playwright/test';
import type { PageState } from '../utils/page-state';
import { MIRROR_HOST, PAGES_DIR, closedTooltip, expect, openPopup, pageStateOf, rememberedCount, test, triggerAction } from './fixtures';
import { parseCsv } from '../tests/support/csv';

const fixture = (name: string) => fs.readFileSync(path.join(PAGES_DIR, name), 'utf8');
const expected = (page: string) =>
  JSON.parse(fixture(page.replace(/\.html$/, '.expected.json'))) as { agency: string; year: number; format: string; detected: boolean };

/** The tab's state once the content script has reported it. */
async function stateOf(sw: Worker, tabId: number): Promise<PageState> {
  let state: PageState | null = null;
  await expect.poll(async () => (state = await pageStateOf(sw, tabId)), { message: `no page state for tab ${tabId}`, timeout: 15_000 }).not.toBeNull();
  return state!;
}

/** Run `gridCells` in the page (its source is shipped; the page has no copy of it). */
async function gridHandles(page: Page, args: Parameters<typeof gridCells>[0]) {
  return page.evaluateHandle(([src, a]) => (new Function(`return (${src})`)() as typeof gridCells)(a), [gridCells.toString(), args] as const);
}

async function grantedCell(page: Page) {
  const cells = await gridHandles(page, GRANTED_CELL);
  const cell = (await cells.getProperty('0')).asElement();
  if (!cell) throw new Error('（一）予以公开 × 自然人 not found');
  return cell;
}

async function gotoChecked(page: Page, url: string, sw: Worker, tabIdOf: (p: Page) => Promise<number>): Promise<{ tabId: number; state: PageState }> {
  await page.goto(url);
  const tabId = await tabIdOf(page);
  const state = await stateOf(sw, tabId);
  return { tabId, state };
}

// ---------------------------------------------------------------------------------

test.describe('detection (clean reports)', () => {
  const CLEAN = [
    'seed-000-yiyuan-2021.html',
    'seed-001-yueqing-2021.html',
    'seed-002-litong-2022.html',
    'seed-003-yuanzhou-2020.html',
    'seed-004-leshan-2021.html',
    'pingtan-2023.html',
  ];
  for (const name of CLEAN) {
    test(`${name}: detected, no error, badge ✓ or the warning count`, async ({ page, origin, serviceWorker, tabIdOf, badgeText }) => {
      const want = expected(name);
      const { tabId, state } = await gotoChecked(page, `${origin}/${name}`, serviceWorker, tabIdOf);
      expect(state.detected, 'detected as a report').toBe(true);
      expect(state.trigger).toBe('auto');
      expect(state.internalError).toBeUndefined();
      expect(state.report?.agency).toBe(want.agency);
      expect(state.report?.year).toBe(want.year);
      expect(state.report?.format).toBe(want.format);
      expect(state.counts.error).toBe(0);
      await expect.poll(() => badgeText(tabId)).toBe(state.counts.warning > 0 ? String(state.counts.warning) : '✓');
      await expect(page.locator('[data-gip-severity="error"]')).toHaveCount(0);
      // what is marked is what was found: one mark per marked warning/info cell at most
      const marked = await page.locator('[data-gip-severity]').count();
      expect(marked).toBeLessThanOrEqual(state.findings.length);
    });
  }
});

test.describe('errors in the page', () => {
  test('changed （一）予以公开 / 自然人: exactly that cell is marked, badge = error count, tooltip explains', async ({
    page,
    context,
    origin,
    extensionId,
    serviceWorker,
    tabIdOf,
    badgeText,
  }) => {
    const { tabId, state } = await gotoChecked(page, `${origin}/${GRANTED_PAGE}`, serviceWorker, tabIdOf);
    expect(state.detected).toBe(true);
    expect(state.counts.error).toBeGreaterThan(0);

    const errors = page.locator('[data-gip-severity="error"]');
    await expect(errors).toHaveCount(1);
    const cell = await grantedCell(page);
    expect((await cell.textContent())?.trim()).toBe('25');
    expect(await cell.evaluate((el) => el === document.querySelector('[data-gip-severity="error"]')), 'the marked cell is （一）予以公开 × 自然人').toBe(true);
    expect(await cell.getAttribute('tabindex')).toBe('0');
    const ids = (await cell.getAttribute('data-gip-finding'))!.split(' ');
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(state.findings.map((f) => f.id)).toContain(id);
    await expect(page.locator(`style#gip-report-checker-style`)).toHaveCount(1);
    expect(await closedTooltip(page)).toBeNull(); // the tooltip host appears on first use

    // badge: the error count, the same number the popup shows
    await expect.poll(() => badgeText(tabId)).toBe(String(state.counts.error));
    const popup = await openPopup(context, extensionId, tabId);
    await expect(popup.getByTestId('count-error').locator('.count-value')).toHaveText(await badgeText(tabId));

    // hover: the tooltip (in the closed shadow root of a <gip-…> host) explains the finding
    await page.bringToFront();
    await cell.hover();
    await expect.poll(async () => (await closedTooltip(page))?.visible).toBe(true);
    const tip = (await closedTooltip(page))!;
    expect(tip.text).toContain('（一）予以公开');
    expect(tip.text).toContain('25');
    expect(tip.text).toContain('22');
    expect(tip.host).toMatch(/^gip-[a-z0-9]{10}$/);
    expect(tip.mode).toBe('closed');
  });

  test('shanghai-2019-style: the blank 总计 cells are marked error, the popup says 总计栏为空', async ({
    page,
    context,
    origin,
    extensionId,
    serviceWorker,
    tabIdOf,
  }) => {
    const { tabId, state } = await gotoChecked(page, `${origin}/shanghai-2019-style.html`, serviceWorker, tabIdOf);
    expect(state.detected).toBe(true);
    await expect(page.locator('[data-gip-severity="error"]').first()).toBeAttached();
    const totals = await gridHandles(page, { tableText: '申请人情况', colLabel: '总计' });
    const blanks = await totals.evaluate((cells) =>
      cells.filter((el) => (el.textContent ?? '').replace(/[\s\u00a0\u3000]+/g, '') === '').map((el) => el.getAttribute('data-gip-severity')),
    );
    expect(blanks).toHaveLength(19); // the 19 outcome rows of the 2019 format
    expect(
      blanks.every((s) => s === 'error'),
      `severities of the blank 总计 cells: ${blanks.join(',')}`,
    ).toBe(true);

    const popup = await openPopup(context, extensionId, tabId);
    await expect(popup.getByTestId('findings')).toContainText('总计栏为空');
    await expect(popup.getByTestId('count-error').locator('.count-value')).toHaveText(String(state.counts.error));
  });

  test('shanghai-2019-style: the sentence “予以公开及部分公开258件” is marked in the text, its words highlighted, and it leads to its cell', async ({
    page,
    context,
    origin,
    extensionId,
    serviceWorker,
    tabIdOf,
  }) => {
    const { tabId, state } = await gotoChecked(page, `${origin}/shanghai-2019-style.html`, serviceWorker, tabIdOf);
    const narrative = state.findings.find((f) => f.ruleId === 'narrative.category' && f.message.includes('258'))!;
    const sentence = page.locator('p[data-gip-severity="warning"]', { hasText: '予以公开及部分公开258件' });
    await expect(sentence).toHaveCount(1);
    expect(await sentence.evaluate((p) => p.closest('table'))).toBeNull();
    // the exact words, as a CSS highlight of the page's document: no node added, nothing moves
    const words = await page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('gip-report-checker-statement');
      return h ? [...h].map((r) => r.toString().replace(/\s/g, '')) : null;
    });
    expect(words).toContain('予以公开及部分公开258件');

    const popup = await openPopup(context, extensionId, tabId);
    await popup.locator(`[data-finding-id="${narrative.id}"] .finding-button`).click();
    await expect(sentence).toHaveAttribute('data-gip-flash', '');
    await expect.poll(async () => (await closedTooltip(page))?.text).toContain('予以公开及部分公开258件');
    const jump = (await closedTooltip(page))!.buttons.find((b) => b.name === '跳到表格单元格（Enter）')!;
    await page.mouse.click(jump.x, jump.y);
    await expect(page.locator('[data-gip-flash]')).toHaveCount(1);
    expect(await page.locator('[data-gip-flash]').evaluate((el) => !!el.closest('table'))).toBe(true);
    await expect(sentence).toHaveAttribute('data-gip-related', '');
  });
});

test.describe('popup', () => {
  test('counts by severity, the findings list, and a finding shown in the page', async ({ page, context, origin, extensionId, serviceWorker, tabIdOf }) => {
    const { tabId, state } = await gotoChecked(page, `${origin}/${GRANTED_PAGE}`, serviceWorker, tabIdOf);
    const popup = await openPopup(context, extensionId, tabId);
    for (const s of ['error', 'warning', 'info'] as const)
      await expect(popup.getByTestId(`count-${s}`).locator('.count-value')).toHaveText(String(state.counts[s]));
    await expect(popup.getByTestId('agency')).toHaveText('平潭综合实验区');
    await expect(popup.getByTestId('year')).toHaveText('2023');

    const items = popup.locator('[data-finding-id]');
    await expect(items).toHaveCount(state.findings.length);
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-finding-id')))).toEqual(
      expect.arrayContaining(state.findings.map((f) => f.id)),
    );
    for (const f of state.findings) await expect(popup.locator(`[data-finding-id="${f.id}"] .finding-button`)).toContainText(f.message);

    // clicking the (row-sum) finding scrolls to its cell, focuses and flashes it
    const rowSum = state.findings.find((f) => f.ruleId === 'applications.rowSum')!;
    await page.evaluate(() => window.scrollTo(0, 0));
    const cell = await grantedCell(page);
    await popup.locator(`[data-finding-id="${rowSum.id}"] .finding-button`).click();
    await expect.poll(() => cell.getAttribute('data-gip-flash')).toBe('');
    expect(await cell.evaluate((el) => document.activeElement === el)).toBe(true);
    // the scroll may still be under way on a loaded machine (smooth scrolling): wait for it, same assertion
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    // the flash is temporary
    await expect.poll(() => cell.getAttribute('data-gip-flash'), { timeout: 5_000 }).toBeNull();
  });

  test('export findings CSV: UTF-8 BOM, one row per finding, formulae neutralised', async ({
    page,
    context,
    origin,
    extensionId,
    serviceWorker,
    tabIdOf,
    serve,
  }) => {
    // the report with two cells whose text a spreadsheet would run as a formula
    let html = fixture(GRANTED_PAGE);
    const label = html.indexOf('二、上年结转政府信息公开申请数量');
    const zeros: number[] = [];
    for (let i = html.indexOf('>0</p>', label); zeros.length < 3; i = html.indexOf('>0</p>', i + 1)) zeros.push(i);
    html = html.slice(0, zeros[1]) + ">=cmd|' /C calc'!A0</p>" + html.slice(zeros[1]! + 6, zeros[2]) + '>+cmd|x</p>' + html.slice(zeros[2]! + 6);
    serve('/formula.html', html);

    const { tabId, state } = await gotoChecked(page, `${origin}/formula.html`, serviceWorker, tabIdOf);
    expect(state.findings.filter((f) => f.ruleId === 'cell.unreadable')).toHaveLength(2);
    const popup = await openPopup(context, extensionId, tabId);
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: '导出发现' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^年报核对_平潭综合实验区_2023_发现\.csv$/);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    const [header, ...data] = rows;
    expect(header).toContain('ruleId');
    expect(data).toHaveLength(state.findings.length);
    const ruleCol = header!.indexOf('ruleId');
    expect(data.map((r) => r[ruleCol]).sort()).toEqual(state.findings.map((f) => f.ruleId).sort());
    const fields = data.flat();
    expect(fields).toContain("'=cmd|' /C calc'!A0");
    expect(fields).toContain("'+cmd|x");
    expect(
      fields.filter((f) => /^[=+\-@\t\r]/.test(f) && !/^-?\d+(\.\d+)?$/.test(f)),
      'fields a spreadsheet would run',
    ).toEqual([]);
  });

  test('highlights off restores the page byte for byte', async ({ page, context, origin, extensionId, serviceWorker, tabIdOf }) => {
    // the page's HTML as parsed, before any content script (document_idle comes later)
    await page.addInitScript(() => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive') (window as unknown as { __before: string }).__before = document.documentElement.outerHTML;
      });
    });
    const { tabId } = await gotoChecked(page, `${origin}/${GRANTED_PAGE}`, serviceWorker, tabIdOf);
    const before = await page.evaluate(() => (window as unknown as { __before: string }).__before);
    expect(before).toContain('予以公开');
    expect(before).not.toContain('data-gip');
    await expect(page.locator('[data-gip-severity]')).not.toHaveCount(0);

    // use everything that touches the page: hover (tooltip host), a finding shown from the popup (focus, flash, related cells)
    const cell = await grantedCell(page);
    await cell.hover();
    await expect.poll(async () => (await closedTooltip(page))?.visible).toBe(true);
    const popup = await openPopup(context, extensionId, tabId);
    await popup.locator('.finding-button').first().click();
    await expect.poll(() => cell.getAttribute('data-gip-flash')).toBe('');
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toBe(before);

    const toggle = popup.getByRole('switch', { name: '显示标记' });
    await expect(toggle).toBeChecked();
    await toggle.uncheck();
    await expect(page.locator('[data-gip-severity]')).toHaveCount(0);
    expect(await closedTooltip(page)).toBeNull();
    const after = await page.evaluate(() => document.documentElement.outerHTML);
    expect(after === before, `outerHTML differs (lengths ${after.length} vs ${before.length}) at ${firstDiff(after, before)}`).toBe(true);

    // and on again
    await toggle.check();
    await expect(page.locator('[data-gip-severity="error"]')).toHaveCount(1);
  });
});

test.describe('on demand', () => {
  test('mirror host: nothing runs by itself; 检查此页 works once the user invoked the extension on the tab', async ({
    page,
    context,
    mirrorOrigin,
    extensionId,
    serviceWorker,
    tabIdOf,
    badgeText,
  }) => {
    await page.goto(`${mirrorOrigin}/${GRANTED_PAGE}`);
    const tabId = await tabIdOf(page);
    await page.waitForTimeout(1_000); // document_idle has long passed
    await expect(page.locator('[data-gip-severity]')).toHaveCount(0);
    expect(await badgeText(tabId)).toBe('');
    expect(await pageStateOf(serviceWorker, tabId)).toBeNull();

    // without a user gesture on the tab the extension has no access: 检查此页 reports the browser's refusal
    const popup = await openPopup(context, extensionId, tabId);
    await expect(popup.getByText('此页面尚未检查。')).toBeVisible();
    await popup.getByRole('button', { name: '检查此页' }).click();
    await expect(popup.locator('.check-message')).toContainText('无法检查此页');
    await expect(page.locator('[data-gip-severity]')).toHaveCount(0);

    // the user clicks the toolbar button on that tab (DevTools Extensions.triggerAction): activeTab is granted
    await page.bringToFront();
    await triggerAction(context, extensionId, page);
    await popup.bringToFront();
    await popup.getByRole('button', { name: '检查此页' }).click();
    // the page is marked (the popup only waits ~3 s for the result; on a loaded machine the check may take longer)
    await expect(page.locator('[data-gip-severity="error"]'))
      .toHaveCount(1, { timeout: 20_000 })
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\nthe popup said: ${await popup.locator('.check-message').textContent()}`);
      });
    const cell = await grantedCell(page);
    expect(await cell.getAttribute('data-gip-severity')).toBe('error');
    const state = await stateOf(serviceWorker, tabId);
    expect(state.trigger).toBe('demand');
    expect(state.detected).toBe(true);
    await expect.poll(() => badgeText(tabId)).toBe(String(state.counts.error));
    await popup.reload();
    await expect(popup.getByTestId('count-error').locator('.count-value')).toHaveText(String(state.counts.error));
  });
  test('检查此页 on a page whose report is in a frame: every frame is checked, and the frame’s report is the result, not the page around it', async ({
    page,
    context,
    mirrorOrigin,
    extensionId,
    serviceWorker,
    tabIdOf,
    serve,
  }) => {
    // a long list page (not a report) with the report in an <iframe>; which frame answers first is
    // the browser's choice (tests/extension/background.test.ts holds both orders)
    const portal = fs
      .readFileSync(path.join(PAGES_DIR, 'negative-large.html'), 'utf8')
      .replace('<body>', `<body><iframe src="/${GRANTED_PAGE}" width="900" height="600"></iframe>`);
    serve('/portal/list.html', portal);
    await page.goto(`${mirrorOrigin}/portal/list.html`);
    const tabId = await tabIdOf(page);
    await triggerAction(context, extensionId, page); // the user's gesture on the tab: activeTab
    const popup = await openPopup(context, extensionId, tabId);
    // on demand every frame is checked and answers, the top frame with "not a report"
    await popup.getByRole('button', { name: '检查此页' }).click();
    await expect.poll(async () => (await pageStateOf(serviceWorker, tabId))?.trigger, { timeout: 20_000 }).toBe('demand');
    await page.waitForTimeout(2_000); // the slower frame's answer has come too
    expect(await pageStateOf(serviceWorker, tabId)).toMatchObject({ detected: true, report: { year: 2023 } });
    await popup.reload();
    await expect(popup.getByTestId('count-error')).toBeVisible();
    await expect(popup.getByText('此页面不是政府信息公开工作年度报告')).toHaveCount(0);
    // the popup talks to the frame's checker: a finding clicked is shown in the frame
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('[data-gip-severity="error"]')).not.toHaveCount(0);
    await popup.locator('.finding-button').first().click();
    await expect(frame.locator('[data-gip-flash]')).toHaveCount(1);
  });
});

test.describe('privacy', () => {
  test('no network request leaves the extension during a full check', async ({ page, context, origin, extensionId, serviceWorker, tabIdOf, serve }) => {
    const requests: Request[] = [];
    context.on('request', (r) => requests.push(r));
    const own = `chrome-extension://${extensionId}/`;
    const violations = () =>
      requests.flatMap((r) => {
        const url = r.url();
        const sw = r.serviceWorker();
        let frameUrl = '';
        try {
          frameUrl = r.frame().url();
        } catch {
          /* service-worker requests have no frame */
        }
        const fromExtension = !!sw || frameUrl.startsWith('chrome-extension://');
        const ownFile = url.startsWith(own) || url.startsWith(`blob:${own}`);
        if (fromExtension && !ownFile) return [`${sw ? 'service worker' : frameUrl} → ${url}`];
        // the pages here have no scripts: a fetch/XHR/beacon from a page frame is the content script's
        if (!fromExtension && ['fetch', 'xhr', 'websocket', 'eventsource', 'ping'].includes(r.resourceType()))
          return [`${frameUrl} ${r.resourceType()} → ${url}`];
        return [];
      });

    const { tabId } = await gotoChecked(page, `${origin}/${GRANTED_PAGE}`, serviceWorker, tabIdOf);
    await expect(page.locator('[data-gip-severity="error"]')).toHaveCount(1);
    const popup = await openPopup(context, extensionId, tabId);
    await popup.locator('.finding-button').first().click();
    await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: '导出 JSON' }).click()]);
    await popup.getByRole('switch', { name: '显示标记' }).uncheck();
    await expect(page.locator('[data-gip-severity]')).toHaveCount(0);
    await popup.reload();
    await expect(popup.getByTestId('count-error')).toBeVisible();

    expect(
      requests.some((r) => r.url().startsWith(own)),
      'the recorder sees the extension’s own requests',
    ).toBe(true);
    expect(violations()).toEqual([]);

    // the recorder would see one: a request from the service worker to the page's host is flagged
    serve('/probe', 'x');
    await serviceWorker.evaluate((u) => fetch(u).then((r) => r.status), `${origin}/probe`);
    await expect.poll(() => violations().length).toBe(1);
  });
});

// ---------------------------------------------------------------------------------

function firstDiff(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `${i}: …${JSON.stringify(a.slice(Math.max(0, i - 60), i + 60))} vs …${JSON.stringify(b.slice(Math.max(0, i - 60), i + 60))}`;
}

test.describe('report memory', () => {
  test('two consecutive years of one agency: the later report is checked against the remembered earlier one, in either order', async ({
    page,
    origin,
    serviceWorker,
    tabIdOf,
  }) => {
    const stockFinding = (s: PageState) => s.findings.find((f) => f.ruleId === 'crossYear.inForceStock');
    // 2024 first: no previous report known yet
    let { state } = await gotoChecked(page, `${origin}/pingtan-2024.html`, serviceWorker, tabIdOf);
    expect(stockFinding(state)).toBeUndefined();
    // then 2023 (remembered), then 2024 again: the stock of 行政规范性文件 does not carry (470 + 62 − 33 = 499, page 440)
    await gotoChecked(page, `${origin}/pingtan-2023.html`, serviceWorker, tabIdOf);
    await expect.poll(async () => (await pageStateOf(serviceWorker, await tabIdOf(page)))?.report?.year).toBe(2023);
    await page.goto(`${origin}/pingtan-2024.html`);
    const tabId = await tabIdOf(page);
    await expect.poll(async () => (state = (await pageStateOf(serviceWorker, tabId))!)?.report?.year, { timeout: 15_000 }).toBe(2024);
    expect(stockFinding(state)).toMatchObject({
      severity: 'warning',
      expected: 499,
      actual: 440,
      related: { year: 2023, source: `${origin}/pingtan-2023.html` },
    });
    expect(state.passed.filter((c) => c.ruleId === 'crossYear.carryOver')).toHaveLength(7);
    await expect(page.locator('[data-gip-severity="warning"]')).toHaveCount(1);
  });
  test('获取上一年度报告: only on the click, same-origin pages only, and the page is checked again with it', async ({
    page,
    context,
    origin,
    extensionId,
    serviceWorker,
    tabIdOf,
    serve,
    pageServer,
  }) => {
    // the real 平潭 2024 page in a TRS-like column: its breadcrumb "政府信息公开年报" is ../, the column list links 2023
    const dir = '/zwgk/gknb/';
    const read = (name: string) => fs.readFileSync(path.join(PAGES_DIR, name));
    serve(`${dir}202401/t20240131_1.htm`, read('pingtan-2024.html'));
    serve(`${dir}202301/t20230130_2.htm`, read('pingtan-2023.html'));
    serve(
      dir,
      `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>
        <li><a href="202401/t20240131_1.htm">平潭综合实验区2024年政府信息公开工作年度报告</a></li>
        <li><a href="202301/t20230130_2.htm">平潭综合实验区2023年政府信息公开工作年度报告</a></li>
        <li><a href="http://${MIRROR_HOST}:${pageServer.port}/x.htm">平潭综合实验区2023年政府信息公开工作年度报告（镜像）</a></li>
      </ul></body></html>`,
    );
    const fetches: string[] = [];
    context.on('request', (r) => {
      // requests to sites (the toolbar icon's files, read by the browser from the extension itself, are not)
      if (['fetch', 'xhr'].includes(r.resourceType()) && /^https?:/.test(r.url())) fetches.push(r.url());
    });

    const current = `${origin}${dir}202401/t20240131_1.htm`;
    const { tabId, state } = await gotoChecked(page, current, serviceWorker, tabIdOf);
    expect(state.previous).toBeNull();
    const popup = await openPopup(context, extensionId, tabId);
    await expect(popup.getByText('尚未核对同一机关的 2023 年度报告')).toBeVisible();
    expect(fetches, 'nothing is fetched before the click').toEqual([]);

    await popup.getByRole('button', { name: '获取上一年度报告' }).click();
    await expect(popup.getByTestId('previous-message')).toHaveText(/已获取并核对 2023 年度报告（查看了 2 个页面）/, { timeout: 15_000 });
    expect(fetches).toEqual([`${origin}${dir}`, `${origin}${dir}202301/t20230130_2.htm`]);

    // the page was checked again with it: the real stock warning, shown in the popup and on the page
    const after = (await pageStateOf(serviceWorker, tabId))!;
    expect(after.previous).toEqual({ source: `${origin}${dir}202301/t20230130_2.htm`, year: 2023 });
    expect(after.findings.find((f) => f.ruleId === 'crossYear.inForceStock')).toMatchObject({ expected: 499, actual: 440 });
    await expect(popup.getByTestId('previous-used')).toContainText('已与 2023 年度报告比对');
    await expect(page.locator('[data-gip-severity="warning"]')).toHaveCount(1);
    // and remembered: the history lists both years
    await popup.getByRole('button', { name: '历史记录' }).click();
    await expect(popup.locator('.history-item')).toHaveCount(2);
  });
  test('eight reports opened in tabs at once: every one is remembered', async ({ context, origin, serviceWorker }) => {
    const pages = [
      'pingtan-2023.html',
      'pingtan-2024.html',
      'seed-000-yiyuan-2021.html',
      'seed-001-yueqing-2021.html',
      'seed-002-litong-2022.html',
      'seed-003-yuanzhou-2020.html',
      'seed-004-leshan-2021.html',
      'shanghai-2019-style.html',
    ];
    const tabs = await Promise.all(pages.map(() => context.newPage()));
    await Promise.all(tabs.map((tab, i) => tab.goto(`${origin}/${pages[i]}`)));
    // each check writes the memory's index back; side by side, some were lost (5 to 7 of 8 remembered)
    await expect.poll(() => rememberedCount(serviceWorker), { timeout: 20_000 }).toBe(pages.length);
  });
});

test.describe('several reports on one page', () => {
  test('consolidated-3: each report checked on its own, the badge sums them, the popup switches, the memory keeps each', async ({
    page,
    context,
    origin,
    extensionId,
    serviceWorker,
    tabIdOf,
    badgeText,
  }) => {
    const { tabId, state } = await gotoChecked(page, `${origin}/consolidated-3.html`, serviceWorker, tabIdOf);
    expect(state.sections?.map((s) => [s.agency, s.year, s.counts.error])).toEqual([
      ['平潭综合实验区财政局', 2023, 0],
      ['平潭综合实验区财政局', 2024, 0],
      ['平潭综合实验区司法局', 2021, 2],
    ]);
    expect(state.section).toEqual({ index: 0, count: 3 });
    await expect.poll(() => badgeText(tabId)).toBe('2');
    // every report is marked: the third report's wrong cell, while the first is the one shown
    await expect(page.locator('[data-gip-severity="error"]')).toHaveCount(1);

    const popup = await openPopup(context, extensionId, tabId);
    await popup.locator('select[name=report]').selectOption('2');
    await expect(popup.getByTestId('agency')).toHaveText('平潭综合实验区司法局');
    await expect(page.locator('[data-gip-severity="error"]')).toHaveCount(1);
    // the popup's finding leads to it
    await popup.locator('.finding-button').first().click();
    await expect(page.locator('[data-gip-severity="error"]')).toHaveAttribute('data-gip-flash', '');
    await popup.locator('select[name=report]').selectOption('1');
    // the 2024 report is checked against the 2023 report on the same page: the real stock warning
    await expect(popup.getByTestId('previous-used')).toContainText('已与 2023 年度报告比对');
    await expect(popup.getByTestId('findings')).toContainText('499');

    await popup.getByRole('button', { name: '历史记录' }).click();
    await expect(popup.locator('.history-item a')).toHaveCount(3);
    const hrefs = await popup.locator('.history-item a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.sort()).toEqual([1, 2, 3].map((k) => `${origin}/consolidated-3.html#${k}`));
  });

  test('a consolidated page of 100 reports: all read, the errors in the right two, the checker’s own time recorded', async ({
    page,
    origin,
    serviceWorker,
    tabIdOf,
    serve,
    badgeText,
  }) => {
    const { consolidatedHtml } = await import('../toolkit/consolidated');
    serve('/hb/100.html', consolidatedHtml(100, [5, 50]));
    const { tabId, state } = await gotoChecked(page, `${origin}/hb/100.html`, serviceWorker, tabIdOf);
    expect(state.sections).toHaveLength(100);
    expect(state.sections!.flatMap((s) => (s.counts.error ? [s.index] : []))).toEqual([5, 50]);
    await expect.poll(() => badgeText(tabId)).toBe('4');
    await expect(page.locator('[data-gip-severity="error"]')).toHaveCount(2); // each broken report's changed cell
    expect(state.elapsedMs).toBeGreaterThan(0);
    test.info().annotations.push({ type: 'checker time, 100 reports', description: `${state.elapsedMs} ms` });
  });
});
