// Accessibility: axe-core (WCAG 2.0/2.1/2.2, levels A and AA) on what the extension
// shows — the popup for a checked report (all sections open), the popup for a page that
// is not a report, the options page, and on a report page the extension's own additions:
// the marked cells and the tooltip in its (closed) shadow root, as an open copy. Zero violations expected; each
// failure lists rule, impact, and the offending nodes.
//
// Known violations (in components/, not fixed here) are listed in KNOWN: they must still
// occur exactly where listed — when one is fixed, the test says so and the entry goes.

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { closedTooltip, expect, openCopyOfTooltip, openPopup, rememberedCount, test } from './fixtures';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const GRANTED_PAGE = 'pingtan-2023-changed-granted.html';

type Scope = (b: AxeBuilder) => AxeBuilder;

/**
 * WCAG 2.2 SC 2.5.8 Target Size (Minimum): the popup's small verdict buttons 误报 / 已核实
 * (`button.small` in each finding, components/FindingItem.tsx + popup.css) are 22 px high
 * and closer than 24 px to each other.
 */
const KNOWN: { id: string; html: RegExp[] }[] = [];

interface Found {
  /** violations not in KNOWN, one readable line each */
  unexpected: string[];
  /** how many nodes each KNOWN entry matched */
  known: number[];
}

async function violations(page: Page, scope: Scope = (b) => b): Promise<Found> {
  const result = await scope(new AxeBuilder({ page }).withTags(TAGS)).analyze();
  const known = KNOWN.map(() => 0);
  const unexpected = result.violations.flatMap((v) => {
    const nodes = v.nodes.filter((n) => {
      const k = KNOWN.findIndex((x) => x.id === v.id && x.html.every((re) => re.test(n.html)));
      if (k >= 0) known[k]!++;
      return k < 0;
    });
    if (nodes.length === 0) return [];
    return [
      `${v.id} (${v.impact}): ${v.help}\n` + nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join('\n'),
    ];
  });
  return { unexpected, known };
}

const none = { unexpected: [], known: KNOWN.map(() => 0) };

async function checkedTab(page: Page, url: string, tabIdOf: (p: Page) => Promise<number>): Promise<number> {
  await page.goto(url);
  await expect(page.locator('[data-gip-severity]').first()).toBeAttached({ timeout: 15_000 });
  return tabIdOf(page);
}

test.describe('accessibility (axe, WCAG 2 A/AA)', () => {
  test('the popup for a checked report, every section open', async ({ page, context, origin, extensionId, tabIdOf }) => {
    const tabId = await checkedTab(page, `${origin}/${GRANTED_PAGE}`, tabIdOf);
    const popup = await openPopup(context, extensionId, tabId);
    await expect(popup.locator('[data-finding-id]').first()).toBeVisible();
    await popup.locator('details').evaluateAll((els) => els.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    // a finding selected, and the verdict form of the last one open
    await popup.locator('.finding-button').first().click();
    await popup.locator('[data-finding-id]').last().getByRole('button', { name: '标为误报' }).click();
    await expect(popup.locator('.verdict-form input[name="note"]')).toBeFocused();
    const found = await violations(popup);
    expect(found.unexpected).toEqual([]);
    // still there: the small verdict buttons of the findings not being edited
  });

  test('the popup for a page that is not a report, and the options page', async ({ page, context, origin, extensionId, tabIdOf, serve }) => {
    serve(
      '/news.html',
      '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>工作动态</title></head><body><p>本局召开工作会议。</p></body></html>',
    );
    await page.goto(`${origin}/news.html`);
    const popup = await openPopup(context, extensionId, await tabIdOf(page));
    await expect(popup.locator('main[aria-busy="false"]')).toBeAttached();
    expect(await violations(popup)).toEqual(none);

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(options.locator('body')).not.toBeEmpty();
    expect(await violations(options)).toEqual(none);
  });

  test('the popup’s history view, with two reports, filtered', async ({ page, context, origin, extensionId, serviceWorker, tabIdOf }) => {
    // the marks are painted before the report is remembered: leaving the page earlier can cut its write short
    const remembered = () => rememberedCount(serviceWorker);
    await checkedTab(page, `${origin}/${GRANTED_PAGE}`, tabIdOf);
    await expect.poll(remembered, { timeout: 15_000 }).toBe(1);
    const tabId = await checkedTab(page, `${origin}/shanghai-2019-style.html`, tabIdOf);
    await expect.poll(remembered, { timeout: 15_000 }).toBe(2);
    const popup = await openPopup(context, extensionId, tabId);
    await popup.getByRole('button', { name: '历史记录' }).click();
    await expect(popup.locator('.history-item')).toHaveCount(2);
    await popup.getByRole('checkbox', { name: '只看有错误的' }).check();
    expect(await violations(popup)).toEqual(none);
  });

  test('on the page: a marked sentence and its tooltip with the way to its cell', async ({ page, origin, tabIdOf }) => {
    await checkedTab(page, `${origin}/shanghai-2019-style.html`, tabIdOf);
    const sentence = page.locator('p[data-gip-severity]').first();
    await sentence.focus();
    await expect.poll(async () => (await closedTooltip(page))?.visible).toBe(true);
    expect((await closedTooltip(page))!.buttons).toHaveLength(1);
    // the tooltip's root is closed: axe looks at an open copy of it
    await openCopyOfTooltip(page);
    expect(await violations(page, (b) => b.include('gip-a11y-copy').include('p[data-gip-severity]'))).toEqual(none);
  });

  test('on the page: the marked cells and the tooltip (a copy of its closed shadow root)', async ({ page, origin, tabIdOf }) => {
    await checkedTab(page, `${origin}/${GRANTED_PAGE}`, tabIdOf);
    const cell = page.locator('[data-gip-severity="error"]');
    await cell.focus();
    await expect.poll(async () => (await closedTooltip(page))?.visible).toBe(true);
    await openCopyOfTooltip(page);
    // only what the extension added: the site's own markup is not ours to fix
    expect(await violations(page, (b) => b.include('gip-a11y-copy').include('[data-gip-severity]'))).toEqual(none);
  });
});
