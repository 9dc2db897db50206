// The extension in a browser set to English and in one set to Chinese (issue 19): the
// toolbar button's title (from _locales), the popup, the tooltip on the page and the
// options page each read in that language.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closedTooltip, expect, launchWithExtension, openPopup, serviceWorkerOf, tabIdOf, test } from './fixtures';

type Chrome = typeof browser;

const CASES = [
  {
    locale: 'en-US',
    title: 'GIP Report Checker',
    popup: 'GIP Report Checker',
    tooltip: /expected 25 · shown 22/,
    options: 'GIP Report Checker · Settings',
    errors: 'Errors',
  },
  { locale: 'zh-CN', title: '年报核对', popup: '年报核对', tooltip: /期望 25 · 页面显示 22/, options: '年报核对 · 设置', errors: '错误' },
] as const;

for (const c of CASES) {
  test(`in a browser set to ${c.locale}: toolbar, popup, tooltip and options in that language`, async ({ extensionDir, origin }) => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), `gip-${c.locale}-`));
    const context = await launchWithExtension(profile, { extensionDir, locale: c.locale });
    try {
      const sw = await serviceWorkerOf(context);
      const id = new URL(sw.url()).host;
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${origin}/pingtan-2023-changed-granted.html`);
      const tabId = await tabIdOf(sw, page);
      // the toolbar button's title, as the browser resolves __MSG_actionTitle__
      await expect.poll(() => sw.evaluate((tabId) => (globalThis as unknown as { chrome: Chrome }).chrome.action.getTitle({ tabId }), tabId)).toBe(c.title);
      // the tooltip on the wrong cell
      const cell = page.locator('[data-gip-severity="error"]').first();
      await cell.hover();
      await expect.poll(async () => (await closedTooltip(page))?.text ?? '').toMatch(c.tooltip);
      // the popup
      const popup = await openPopup(context, id, tabId);
      await expect(popup.locator('h1')).toHaveText(c.popup);
      await expect(popup.locator('html')).toHaveAttribute('lang', c.locale === 'en-US' ? 'en' : 'zh-CN');
      await expect(popup.locator('.count-label').first()).toHaveText(c.errors);
      // the options page
      const options = await context.newPage();
      await options.goto(`chrome-extension://${id}/options.html`);
      await expect(options.locator('h1')).toHaveText(c.options);
    } finally {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });
}
