// The attachment page in a real Firefox (see ./harness.ts): the same page as in Chromium,
// opened as the popup's 检查附件 opens it (attachment.html?src=…), downloading from a gov.cn
// host with the add-on's host permission, reading a .docx and a PDF (pdf.js's module worker
// and the cMaps from the moz-extension: origin), marking the changed cell.
// Run: `wxt build -b firefox && node --import tsx --test e2e-firefox/attachment.e2e.ts`.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { GOV_ORIGIN, launchFirefox, poll, stopFixtures, type FirefoxSession } from './harness';

const ROOT = path.resolve(import.meta.dirname, '..');
const TEST_TIMEOUT = 90_000;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Our page in a new tab with the add-on's own principal (BiDi refuses to navigate to moz-extension:). */
async function openAttachmentPage(s: FirefoxSession, src: string): Promise<Page> {
  const url = `moz-extension://${s.extensionHost}/attachment.html?src=${encodeURIComponent(src)}`;
  const before = new Set(await s.browser.pages());
  await s.chrome(
    `(id, url) => { gBrowser.selectedTab = gBrowser.addTab(JSON.parse(url), { triggeringPrincipal: WebExtensionPolicy.getByID(JSON.parse(id)).extension.principal }); return '1'; }`,
    s.addonId,
    url,
  );
  return poll('the attachment page', async () => {
    for (const p of await s.browser.pages()) {
      if (before.has(p)) continue;
      if ((await p.evaluate(() => location.href).catch(() => '')) === url) return p;
    }
    return undefined;
  });
}

/** The page's phase once it has read and checked (or said why not). */
const settled = (page: Page) =>
  poll(
    'the attachment read',
    async () => {
      const phase = await page.evaluate(() => document.querySelector('[data-testid="status"]')?.getAttribute('data-phase') ?? '').catch(() => '');
      return phase === 'done' || phase === 'failed' ? phase : undefined;
    },
    60_000,
  );

const text = (page: Page, testId: string) => page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? null, testId);

after(() => stopFixtures());

describe('the attachment page in Firefox', () => {
  let s: FirefoxSession;
  before(async () => {
    s = await launchFirefox();
    s.server.serve(
      '/att/changed.docx',
      fs.readFileSync(path.join(ROOT, 'tests/fixtures/attachments/produced/libreoffice-pingtan-2023-changed-granted.docx')),
      DOCX,
    );
    s.server.serve('/att/huaian-2024.pdf', fs.readFileSync(path.join(ROOT, 'tests/fixtures/attachments/real/huaian-2024.pdf')), 'application/pdf');
  });
  after(() => s?.close());

  it('opens, downloads a .docx from a gov.cn host and marks its one changed cell', { timeout: TEST_TIMEOUT }, async () => {
    const page = await openAttachmentPage(s, `${GOV_ORIGIN}/att/changed.docx`);
    assert.equal(await settled(page), 'done', (await text(page, 'failure')) ?? '');
    assert.equal(await page.$$eval('[data-testid="rebuilt"] [data-gip-severity="error"]', (els) => els.length), 1);
    assert.equal(await text(page, 'agency'), '平潭综合实验区');
    assert.match((await text(page, 'quality')) ?? '', /DOCX/);
  });

  it('reads a real PDF with pdf.js (module worker, cMaps from the add-on): rows verified, no error', { timeout: TEST_TIMEOUT }, async () => {
    const page = await openAttachmentPage(s, `${GOV_ORIGIN}/att/huaian-2024.pdf`);
    assert.equal(await settled(page), 'done', (await text(page, 'failure')) ?? '');
    assert.equal(await page.evaluate(() => document.querySelector('[data-testid="quality"]')?.getAttribute('data-verified')), 'true');
    assert.equal(await page.$$eval('[data-testid="rebuilt"] [data-gip-severity="error"]', (els) => els.length), 0);
    assert.equal(await text(page, 'year'), '2024');
    const ms = await page.evaluate(() => document.querySelector('[data-testid="status"]')?.getAttribute('data-read-ms'));
    console.log(`Firefox: 淮安 2024 read and checked in ${ms} ms (first PDF of the page)`);
  });
});
