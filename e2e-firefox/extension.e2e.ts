// End-to-end in a real Firefox (Debian's firefox-esr over WebDriver BiDi, puppeteer-core):
// the built Firefox add-on on the fixture pages served as http://www.sample.gov.cn/… and
// http://mirror.example.org/… (see ./harness.ts). Run: `npm run e2e:firefox`.
// Each describe block has a Firefox of its own (a fresh profile: empty report memory).

import { GRANTED_CELL, GRANTED_PAGE, gridCells } from '../toolkit/page-grid';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import {
  GOV_ORIGIN,
  MIRROR_ORIGIN,
  PAGES_DIR,
  badgeText,
  closedTooltips,
  launchFirefox,
  openPopup,
  permissionsOf,
  poll,
  stopFixtures,
  tabIdOf,
  type FirefoxSession,
} from './harness';

const TEST_TIMEOUT = 90_000;
const expected = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(PAGES_DIR, name.replace(/\.html$/, '.expected.json')), 'utf8')) as { agency: string; year: number };

// (tsx keeps function names by wrapping them in __name(), which the page does not have: hence the shim)
async function grantedCell(page: Page): Promise<ElementHandle<Element>> {
  const handle = await page.evaluateHandle(
    (src, a) => (new Function(`const __name = (f) => f; return (${src})`)() as typeof gridCells)(a)[0],
    gridCells.toString(),
    GRANTED_CELL,
  );
  const el = handle.asElement();
  if (!el) throw new Error('（一）予以公开 × 自然人 not found');
  return el as ElementHandle<Element>;
}

const marks = (page: Page, severity?: string) => page.$$eval(severity ? `[data-gip-severity="${severity}"]` : '[data-gip-severity]', (els) => els.length);
/** The gip-… elements in the light DOM (the tooltip's host), as the page sees them. */
const gipHosts = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('*'))
      .filter((e) => e.localName.startsWith('gip-'))
      .map((e) => ({ name: e.localName, shadowRoot: e.shadowRoot === null ? null : 'visible' })),
  );
const countIn = (popup: Page, severity: string) => popup.$eval(`[data-testid="count-${severity}"] .count-value`, (e) => (e.textContent ?? '').trim());

/** The badge once the check has run (the background sets it when the page's state arrives). */
const settledBadge = (s: FirefoxSession, url: string) => poll(`a badge on ${url}`, async () => (await badgeText(s, url)) || undefined);

after(() => stopFixtures());

describe('install and detection (clean reports)', () => {
  let s: FirefoxSession;
  before(async () => {
    s = await launchFirefox();
  });
  after(() => s?.close());

  it('the add-on is installed; *.gov.cn is granted by Firefox at install, nothing else', { timeout: TEST_TIMEOUT }, async () => {
    const p = await permissionsOf(s);
    assert.equal(p.temporarilyInstalled, true);
    // Firefox 127+: an MV3 add-on's host_permissions are granted at install while this pref is
    // true (its default; the harness does not set it). Without it the user would grant them.
    assert.equal(p.grantByDefault, true);
    assert.deepEqual(p.granted.origins, ['*://*.gov.cn/*']);
    assert.ok(p.allowedOrigins.includes('*://*.gov.cn/*'), `allowed: ${p.allowedOrigins.join(', ')}`);
    assert.ok(!p.allowedOrigins.includes('*://*/*'), 'the optional *://*/* is not granted');
  });

  const CLEAN = [
    'seed-000-yiyuan-2021.html',
    'seed-001-yueqing-2021.html',
    'seed-002-litong-2022.html',
    'seed-003-yuanzhou-2020.html',
    'seed-004-leshan-2021.html',
    'pingtan-2023.html',
  ];
  for (const name of CLEAN) {
    it(`${name}: detected, no error, badge ✓ or the warning count`, { timeout: TEST_TIMEOUT }, async () => {
      const want = expected(name);
      const url = `${GOV_ORIGIN}/${name}`;
      await s.page.bringToFront();
      await s.page.goto(url);
      const badge = await settledBadge(s, url);
      assert.equal(await marks(s.page, 'error'), 0);

      const popup = await openPopup(s, await tabIdOf(s, url));
      try {
        await popup.waitForSelector('[data-testid="count-error"] .count-value');
        const text = await popup.evaluate(() => document.body.innerText);
        assert.ok(text.includes(want.agency), `the popup names ${want.agency}`);
        assert.ok(text.includes(String(want.year)), `the popup names ${want.year}`);
        assert.equal(await countIn(popup, 'error'), '0');
        const warnings = Number(await countIn(popup, 'warning'));
        assert.equal(badge, warnings > 0 ? String(warnings) : '✓');
      } finally {
        await popup.close();
      }
    });
  }

  it('mirror.example.org (no host permission): nothing runs by itself, no badge', { timeout: TEST_TIMEOUT }, async () => {
    const url = `${MIRROR_ORIGIN}/${GRANTED_PAGE}`;
    await s.page.bringToFront();
    await s.page.goto(url);
    assert.ok((await s.page.evaluate(() => document.body.textContent ?? '')).includes('予以公开'), 'the page loaded');
    await new Promise((r) => setTimeout(r, 1_500)); // document_idle has long passed
    assert.equal(await marks(s.page), 0);
    assert.equal(await badgeText(s, url), '');
    assert.deepEqual(await gipHosts(s.page), []);
  });
});

describe('the changed cell of pingtan-2023-changed-granted', () => {
  let s: FirefoxSession;
  const url = `${GOV_ORIGIN}/${GRANTED_PAGE}`;
  before(async () => {
    s = await launchFirefox();
    await s.page.goto(url);
    await settledBadge(s, url);
  });
  after(() => s?.close());

  it('exactly that cell is marked error; badge and popup say 2 errors', { timeout: TEST_TIMEOUT }, async () => {
    assert.equal(await marks(s.page, 'error'), 1);
    assert.equal(await marks(s.page), 1);
    const cell = await grantedCell(s.page);
    assert.equal(await cell.evaluate((el) => (el.textContent ?? '').trim()), '25');
    assert.equal(await cell.evaluate((el) => el === document.querySelector('[data-gip-severity="error"]')), true, 'the marked cell is （一）予以公开 × 自然人');
    assert.equal(await cell.evaluate((el) => el.getAttribute('tabindex')), '0');
    assert.ok(((await cell.evaluate((el) => el.getAttribute('data-gip-finding'))) ?? '').split(' ').length > 0);
    assert.equal(await s.page.$$eval('style#gip-report-checker-style', (e) => e.length), 1);
    assert.equal(await badgeText(s, url), '2');

    const popup = await openPopup(s, await tabIdOf(s, url));
    try {
      await popup.waitForSelector('[data-testid="count-error"] .count-value');
      assert.equal(await countIn(popup, 'error'), '2');
      assert.equal(await countIn(popup, 'warning'), '0');
      // the row sum, and the column total grouped under it (one wrong cell explains both)
      assert.equal(await popup.$$eval('[data-testid="findings"] [data-finding-id]', (e) => e.length), 2);
      const findings = await popup.$eval('[data-testid="findings"]', (e) => e.textContent ?? '');
      assert.match(findings, /applications\.rowSum/);
      assert.ok(findings.includes('25 ≠ 22') && findings.includes('83 ≠ 80'), findings);
    } finally {
      await popup.close();
    }
  });

  it('the tooltip: a gip-… host appears on hover, its root closed to the page, explaining 25 vs 22', { timeout: TEST_TIMEOUT }, async () => {
    await s.page.bringToFront();
    assert.deepEqual(await gipHosts(s.page), [], 'the tooltip host appears on first use');
    const cell = await grantedCell(s.page);
    await cell.hover();
    const tip = await poll('a visible tooltip', async () => (await closedTooltips(s, url)).find((t) => t.visible));
    assert.match(tip.host, /^gip-[a-z0-9]{10}$/);
    assert.equal(tip.mode, 'closed');
    assert.ok(tip.text.includes('（一）予以公开'), tip.text);
    assert.ok(tip.text.includes('25') && tip.text.includes('22'), tip.text);
    // what the page itself can see: the host, no root, nothing of the text
    const seen = await gipHosts(s.page);
    assert.deepEqual(seen, [{ name: tip.host, shadowRoot: null }]);
    assert.equal(await s.page.evaluate(() => document.querySelectorAll('[role=tooltip]').length), 0);
    assert.equal(await s.page.evaluate(() => document.body.innerText.includes('期望')), false);
  });
});

describe('highlights off', () => {
  let s: FirefoxSession;
  before(async () => {
    s = await launchFirefox();
  });
  after(() => s?.close());

  it('the popup switch removes every mark and restores the page byte for byte, and on again', { timeout: TEST_TIMEOUT }, async () => {
    const url = `${GOV_ORIGIN}/${GRANTED_PAGE}`;
    // the page's HTML as parsed, before any content script (document_idle comes later)
    await s.page.evaluateOnNewDocument(() => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive') (window as unknown as { __before: string }).__before = document.documentElement.outerHTML;
      });
    });
    await s.page.goto(url);
    await settledBadge(s, url);
    const before = await s.page.evaluate(() => (window as unknown as { __before: string }).__before);
    assert.ok(before.includes('予以公开'));
    assert.ok(!before.includes('data-gip'));
    assert.equal(await marks(s.page, 'error'), 1);

    // use what touches the page: hover (tooltip host), a finding shown from the popup (focus, flash)
    const cell = await grantedCell(s.page);
    await cell.hover();
    await poll('a visible tooltip', async () => (await closedTooltips(s, url)).some((t) => t.visible));
    const popup = await openPopup(s, await tabIdOf(s, url));
    try {
      await popup.waitForSelector('.finding-button');
      await popup.click('.finding-button');
      await poll('the cell flashed', () => cell.evaluate((el) => el.hasAttribute('data-gip-flash')));
      assert.notEqual(await s.page.evaluate(() => document.documentElement.outerHTML), before);

      const toggle = 'input[role=switch][name=highlights]';
      assert.equal(await popup.$eval(toggle, (e) => (e as HTMLInputElement).checked), true);
      assert.equal(await popup.$eval(toggle, (e) => e.closest('label')?.textContent?.trim()), '显示标记');
      await popup.click(toggle);
      await poll('no marks', async () => (await marks(s.page)) === 0);
      assert.deepEqual(await closedTooltips(s, url), []);
      const afterOff = await s.page.evaluate(() => document.documentElement.outerHTML);
      assert.ok(afterOff === before, `outerHTML differs (lengths ${afterOff.length} vs ${before.length})`);

      await popup.click(toggle);
      await poll('the error mark again', async () => (await marks(s.page, 'error')) === 1);
    } finally {
      await popup.close();
    }
  });
});

describe('without Firefox granting host access at install', () => {
  let s: FirefoxSession;
  before(async () => {
    // as if the user had withheld *.gov.cn (Firefox before 127, or the pref turned off)
    s = await launchFirefox({ prefs: { 'extensions.originControls.grantByDefault': false } });
  });
  after(() => s?.close());

  it('*.gov.cn pages are not checked (the control for the tests above: the grant is Firefox’s, not the harness’s)', { timeout: TEST_TIMEOUT }, async () => {
    const p = await permissionsOf(s);
    assert.deepEqual(p.granted.origins, []);
    assert.ok(!p.allowedOrigins.includes('*://*.gov.cn/*'));
    const url = `${GOV_ORIGIN}/${GRANTED_PAGE}`;
    await s.page.goto(url);
    await new Promise((r) => setTimeout(r, 2_000));
    assert.equal(await marks(s.page), 0);
    assert.equal(await badgeText(s, url), '');
  });
});
