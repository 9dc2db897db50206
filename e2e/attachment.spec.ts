// End-to-end: reports published as PDF or .docx (issue 17, the attachment page), in
// Chromium with the built extension. A report page on a gov.cn host links the real PDFs
// (tests/fixtures/attachments/real/) and produced ones (…/produced/: Chromium's print to PDF
// and LibreOffice, one with one changed cell, a .doc); the popup offers 检查附件 beside each,
// its click opens our page, which downloads that file (the one request, on that click),
// reads it with pdf.js in the page and shows the rebuilt tables with the culprit cells
// marked, each finding with its PDF page. A file on disk is read the same way, from the
// picker. Sites that refuse the download get the message to drop the file in instead.

import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page, Request, Worker } from '@playwright/test';
import { expect, openPopup, pageStateOf, test } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..');
const REAL = path.join(ROOT, 'tests/fixtures/attachments/real');
const PRODUCED = path.join(ROOT, 'tests/fixtures/attachments/produced');
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const DIR = '/xxgk/nb/';
/** The report page: its tables are in the attachments (the checker says 表格为图片或附件). */
const reportPage = (
  links: string,
) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>淮安市人民政府2024年政府信息公开工作年度报告_淮安市人民政府</title></head>
<body><div class="TRS_Editor"><h1>淮安市人民政府2024年政府信息公开工作年度报告</h1>
<p>根据《中华人民共和国政府信息公开条例》规定，现公布本机关2024年度政府信息公开工作年度报告，全文见附件。</p>
<p>${links}</p></div></body></html>`;

async function stateOf(sw: Worker, tabId: number) {
  await expect.poll(() => pageStateOf(sw, tabId), { timeout: 15_000 }).not.toBeNull();
  return (await pageStateOf(sw, tabId))!;
}

/** Click 检查附件 for the link with this text in the popup: the attachment page opens in a new tab. */
async function checkFromPopup(context: BrowserContext, popup: Page, linkText: string): Promise<Page> {
  const item = popup.locator('li', { hasText: linkText });
  const [tab] = await Promise.all([context.waitForEvent('page'), item.getByRole('button', { name: '检查附件' }).click()]);
  await tab.waitForLoadState();
  return tab;
}

/** Wait until the page has read and checked (or said why not). */
async function settled(tab: Page): Promise<string> {
  await expect(tab.getByTestId('status')).toHaveAttribute('data-phase', /done|failed/, { timeout: 30_000 });
  return (await tab.getByTestId('status').getAttribute('data-phase'))!;
}

/** Every request from our extension's pages to a site (not to its own files), in order. */
function recordSiteRequests(context: BrowserContext): string[] {
  const out: string[] = [];
  context.on('request', (r: Request) => {
    let frameUrl = '';
    try {
      frameUrl = r.frame().url();
    } catch {
      /* service worker */
    }
    const fromExtension = !!r.serviceWorker() || frameUrl.startsWith('chrome-extension://');
    if (fromExtension && /^https?:/.test(r.url())) out.push(r.url());
  });
  return out;
}

test.describe('the attachment page', () => {
  test('检查附件 on a report page: the real PDFs are read cell for cell, no error; only the clicked file is fetched', async ({
    page,
    context,
    origin,
    extensionId,
    serviceWorker,
    tabIdOf,
    serve,
    pageServer,
  }) => {
    serve(`${DIR}huaian-2024.pdf`, fs.readFileSync(path.join(REAL, 'huaian-2024.pdf')), PDF);
    // Hanweb's download script: the file named in a parameter, the display name after it
    serve('/module/download/downfile.jsp', fs.readFileSync(path.join(REAL, 'hongze-2024.pdf')), PDF);
    serve(
      `${DIR}t20250120_1.html`,
      reportPage(
        `<a href="huaian-2024.pdf">附件：淮安市人民政府2024年政府信息公开工作年度报告.pdf</a><br>
         <a href="/module/download/downfile.jsp?classid=0&filename=8f2c.pdf&showname=${encodeURIComponent('洪泽区2024年年报.pdf')}">洪泽区人民政府2024年政府信息公开工作年度报告</a>`,
      ),
    );
    // what the site is asked for (the server's own log: a request cannot escape it)
    const files = () => pageServer.log.filter((l) => /\.pdf$|downfile\.jsp$/.test(l));
    const requests = recordSiteRequests(context);
    await page.goto(`${origin}${DIR}t20250120_1.html`);
    const tabId = await tabIdOf(page);
    const state = await stateOf(serviceWorker, tabId);
    expect(state.attachments.map((a) => [a.href, a.type])).toEqual([
      [`${origin}${DIR}huaian-2024.pdf`, 'pdf'],
      [`${origin}/module/download/downfile.jsp?classid=0&filename=8f2c.pdf&showname=${encodeURIComponent('洪泽区2024年年报.pdf')}`, 'pdf'],
    ]);
    const popup = await openPopup(context, extensionId, tabId);
    await expect(popup.getByTestId('images-only')).toBeVisible();
    expect(files(), 'nothing fetched before the click').toEqual([]);

    const expected = JSON.parse(fs.readFileSync(path.join(REAL, 'expected.json'), 'utf8')) as Record<string, { body: string; year: number }>;
    const times: Record<string, number> = {};
    for (const [text, file, url] of [
      ['淮安市人民政府2024年政府信息公开工作年度报告.pdf', 'huaian-2024.pdf', `${origin}${DIR}huaian-2024.pdf`],
      ['洪泽区人民政府2024年政府信息公开工作年度报告', 'hongze-2024.pdf', state.attachments[1]!.href],
    ] as const) {
      const before = files().length;
      const tab = await checkFromPopup(context, popup, text);
      expect(new URL(tab.url()).searchParams.get('src')).toBe(url);
      expect(await settled(tab)).toBe('done');
      await expect(tab.getByTestId('quality')).toHaveAttribute('data-verified', 'true');
      await expect(tab.getByTestId('count-error')).toContainText('0');
      await expect(tab.getByTestId('year')).toHaveText(String(expected[file]!.year));
      await expect(tab.getByTestId('agency')).toHaveText(expected[file]!.body);
      await expect(tab.getByTestId('source-url')).toHaveText(url);
      // the rebuilt tables, as text in our page, with their pages
      await expect(tab.getByTestId('rebuilt').locator('table')).not.toHaveCount(0);
      await expect(tab.getByTestId('rebuilt').locator('td[data-gip-page]').first()).toBeVisible();
      expect(await tab.locator('[data-testid=rebuilt] script, [data-testid=rebuilt] img, [data-testid=rebuilt] iframe').count()).toBe(0);
      times[file] = Number(await tab.getByTestId('status').getAttribute('data-read-ms'));
      // exactly the one request: the attachment, on the click
      expect(files().slice(before)).toEqual([`${new URL(url).host}${new URL(url).pathname}`]);
      await tab.close();
    }
    // and the extension itself asked nothing else of any site (pages are not counted: the report page loads itself)
    expect(requests.filter((u) => !u.endsWith('.pdf') && !u.includes('downfile.jsp'))).toEqual([]);
    console.log(`attachment page read+check (first PDF includes loading pdf.js): ${JSON.stringify(times)} ms`);
    // remembered like a web report, under the attachment's address
    const index = await serviceWorker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: typeof browser }).chrome;
      return ((await c.storage.local.get('reportIndex')).reportIndex ?? {}) as Record<string, { year: number; fetched: boolean }>;
    });
    expect(index[`${origin}${DIR}huaian-2024.pdf`]).toMatchObject({ year: 2024, fetched: true });
  });

  test('a one-cell-changed PDF is flagged at its cell, with 第N页 and a link to that page; the same from a file picked on disk', async ({
    page,
    context,
    origin,
    extensionId,
    serviceWorker,
    tabIdOf,
    serve,
  }) => {
    const changed = fs.readFileSync(path.join(PRODUCED, 'chromium-pingtan-2023-changed-granted.pdf'));
    serve(`${DIR}changed.pdf`, changed, PDF);
    serve(`${DIR}t1.html`, reportPage('<a href="changed.pdf">平潭综合实验区2023年政府信息公开工作年度报告.pdf</a>'));
    await page.goto(`${origin}${DIR}t1.html`);
    const tabId = await tabIdOf(page);
    await stateOf(serviceWorker, tabId);
    const popup = await openPopup(context, extensionId, tabId);
    const tab = await checkFromPopup(context, popup, '平潭综合实验区2023年政府信息公开工作年度报告.pdf');
    expect(await settled(tab)).toBe('done');
    await expect(tab.getByTestId('quality')).toHaveAttribute('data-verified', 'true');
    const errors = tab.getByTestId('rebuilt').locator('[data-gip-severity="error"]');
    await expect(errors).toHaveCount(1);
    // the marked cell is the changed one: （一）予以公开 × 自然人, the rebuilt table's own text
    const finding = tab.locator('.finding.sev-error').first();
    await expect(finding.getByTestId('finding-page')).toHaveText(/^第\d+页$/);
    const pageNo = Number((await finding.getByTestId('finding-page').textContent())!.replace(/\D/g, ''));
    await expect(errors.first()).toHaveAttribute('data-gip-page', String(pageNo));
    expect(await finding.getByTestId('finding-page').getAttribute('href')).toBe(`${origin}${DIR}changed.pdf#page=${pageNo}`);
    // a finding clicked shows its cell (flash + tooltip), as on web pages
    await finding.locator('.finding-button').click();
    await expect(tab.locator('[data-gip-flash]')).toHaveCount(1);
    // the verdicts and exports of the popup
    await finding.getByRole('button', { name: '标为误报' }).click();
    await finding.getByRole('button', { name: /保存/ }).click();
    await expect(finding).toHaveAttribute('data-status', 'falsePositive');
    await expect(errors).toHaveCount(0);
    const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('button', { name: '导出 JSON' }).click()]);
    const json = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { source: string; findings: { status: string }[] };
    expect(json.source).toBe(`${origin}${DIR}changed.pdf`);
    expect(json.findings.some((f) => f.status === 'falsePositive')).toBe(true);

    // the same file dropped on the page (a real drop event, the file in its DataTransfer)
    const dropped = await context.newPage();
    await dropped.goto(`chrome-extension://${extensionId}/attachment.html`);
    await dropped.evaluate((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], '平潭2023.pdf', { type: 'application/pdf' }));
      const zone = document.querySelector('[data-testid="drop-zone"]')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, changed.toString('base64'));
    expect(await settled(dropped)).toBe('done');
    await expect(dropped.getByTestId('file-name')).toHaveText('平潭2023.pdf');
    await expect(dropped.getByTestId('rebuilt').locator('[data-gip-severity="error"]')).toHaveCount(1);

    // the same file from disk: keyed by its hash, page links to a blob of it
    const local = await context.newPage();
    await local.goto(`chrome-extension://${extensionId}/attachment.html`);
    await local.getByTestId('file-input').setInputFiles(path.join(PRODUCED, 'chromium-pingtan-2023-changed-granted.pdf'));
    expect(await settled(local)).toBe('done');
    await expect(local.getByTestId('source-url')).toHaveText('本地文件');
    await expect(local.getByTestId('rebuilt').locator('[data-gip-severity="error"]')).toHaveCount(1);
    expect(await local.locator('.finding.sev-error').first().getByTestId('finding-page').getAttribute('href')).toMatch(
      new RegExp(`^blob:chrome-extension://${extensionId}/[\\w-]+#page=${pageNo}$`),
    );
  });

  test('a .docx with one changed cell is flagged; a .doc, a scan, an encrypted, a non-report and a cut PDF each get their message', async ({
    context,
    extensionId,
  }) => {
    const tab = await context.newPage();
    await tab.goto(`chrome-extension://${extensionId}/attachment.html`);
    await tab.getByTestId('file-input').setInputFiles(path.join(PRODUCED, 'libreoffice-pingtan-2023-changed-granted.docx'));
    expect(await settled(tab)).toBe('done');
    await expect(tab.getByTestId('rebuilt').locator('[data-gip-severity="error"]')).toHaveCount(1);
    await expect(tab.getByTestId('quality')).toContainText('DOCX');
    for (const [file, words] of [
      ['libreoffice-pingtan-2023.doc', 'Word 97-2003 格式（.doc）无法读取'],
      ['scan-pingtan-2023.pdf', 'PDF 没有文字层'],
      ['encrypted-pingtan-2023.pdf', '文件已加密'],
      ['chromium-news.pdf', '附件不是政府信息公开工作年度报告'],
      ['truncated-pingtan-2023.pdf', '文件已损坏或不完整'],
    ] as const) {
      await tab.getByTestId('file-input').setInputFiles(path.join(PRODUCED, file));
      await expect(tab.getByTestId('failure')).toContainText(words, { timeout: 30_000 });
      await expect(tab.getByTestId('rebuilt').locator('[data-gip-severity]')).toHaveCount(0);
    }
  });

  test('a site that refuses the download, or answers with a web page, or redirects elsewhere: the message to drop the file in', async ({
    page,
    context,
    origin,
    extensionId,
    serviceWorker,
    tabIdOf,
    serve,
    pageServer,
  }) => {
    // a second server for what the fixture server does not do: refusals and redirects
    const server = http.createServer((req, res) => {
      if (req.url?.startsWith('/forbidden.pdf')) return void res.writeHead(403, { 'content-type': 'text/html' }).end('<html><body>Forbidden</body></html>');
      if (req.url?.startsWith('/login.pdf'))
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body><form>登录</form></body></html>');
      if (req.url?.startsWith('/away.pdf')) return void res.writeHead(302, { location: `http://mirror.example.org:${pageServer.port}${DIR}x.pdf` }).end();
      // Hanweb's downfile.jsp answers 302 to the file: followed, within gov.cn hosts
      if (req.url?.startsWith('/module/download/downfile.jsp'))
        return void res.writeHead(302, { location: `http://www.sample.gov.cn:${pageServer.port}${DIR}moved.pdf` }).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const other = `http://files.sample.gov.cn:${port}`;
      serve(
        `${DIR}t2.html`,
        reportPage(
          `<a href="${other}/module/download/downfile.jsp?classid=0&filename=1.pdf">附件零.pdf</a> <a href="${other}/forbidden.pdf">附件一.pdf</a> <a href="${other}/login.pdf">附件二.pdf</a> <a href="${other}/away.pdf">附件三.pdf</a>`,
        ),
      );
      await page.goto(`${origin}${DIR}t2.html`);
      const tabId = await tabIdOf(page);
      await stateOf(serviceWorker, tabId);
      const popup = await openPopup(context, extensionId, tabId);
      // first the one that works: a redirect to another gov.cn host, the report keyed by where the file was
      serve(`${DIR}moved.pdf`, fs.readFileSync(path.join(REAL, 'hongze-2024.pdf')), PDF);
      const moved = await checkFromPopup(context, popup, '附件零.pdf');
      expect(await settled(moved)).toBe('done');
      await expect(moved.getByTestId('source-url')).toHaveText(`${origin}${DIR}moved.pdf`);
      await moved.close();
      for (const [text, words] of [
        ['附件一.pdf', '网站拒绝了下载（HTTP 403）'],
        ['附件二.pdf', '网站返回的是网页'],
        ['附件三.pdf', '无法下载附件'],
      ] as const) {
        const tab = await checkFromPopup(context, popup, text);
        expect(await settled(tab)).toBe('failed');
        await expect(tab.getByTestId('failure')).toContainText(words);
        await expect(tab.getByTestId('failure')).toContainText('请在浏览器中下载该文件，然后拖入此页');
        await tab.close();
      }
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  test('an attachment on a host without permission: the page asks first, and fetches nothing before', async ({
    page,
    context,
    origin,
    extensionId,
    serviceWorker,
    tabIdOf,
    serve,
    pageServer,
    mirrorOrigin,
  }) => {
    serve(`${DIR}mirror.pdf`, fs.readFileSync(path.join(REAL, 'huaian-2024.pdf')), PDF);
    serve(`${DIR}t3.html`, reportPage(`<a href="${mirrorOrigin}${DIR}mirror.pdf">镜像附件.pdf</a>`));
    await page.goto(`${origin}${DIR}t3.html`);
    const tabId = await tabIdOf(page);
    await stateOf(serviceWorker, tabId);
    const popup = await openPopup(context, extensionId, tabId);
    const tab = await checkFromPopup(context, popup, '镜像附件.pdf');
    await expect(tab.getByTestId('ask-permission')).toContainText('下载此附件需要访问 mirror.example.org');
    await expect(tab.getByRole('button', { name: '允许并下载' })).toBeVisible();
    expect(pageServer.log.filter((l) => l.includes('mirror.pdf'))).toEqual([]);
  });

  test('an address that is not http(s) is refused without any request', async ({ context, extensionId }) => {
    const requests = recordSiteRequests(context);
    const tab = await context.newPage();
    await tab.goto(`chrome-extension://${extensionId}/attachment.html?src=${encodeURIComponent('javascript:alert(1)')}`);
    await expect(tab.getByTestId('failure')).toContainText('附件地址无效');
    await tab.goto(`chrome-extension://${extensionId}/attachment.html?src=${encodeURIComponent('http://user:pw@www.sample.gov.cn/a.pdf')}`);
    await expect(tab.getByTestId('failure')).toContainText('附件地址无效');
    expect(requests).toEqual([]);
  });
});

test.describe('remembered like a web report', () => {
  test('an HTML 2023 report, then its 2024 report as a PDF on the same site: the cross-year checks use the HTML year', async ({
    page,
    context,
    origin,
    extensionId,
    serviceWorker,
    tabIdOf,
    serve,
  }) => {
    // the 2023 report as a web page (checked and remembered by the checker)
    await page.goto(`${origin}/pingtan-2023.html`);
    await stateOf(serviceWorker, await tabIdOf(page));
    // its 2024 report published as a PDF (Chromium's print of the real page), opened from disk first: another site, no pairing
    const local = await context.newPage();
    await local.goto(`chrome-extension://${extensionId}/attachment.html`);
    await local.getByTestId('file-input').setInputFiles(path.join(PRODUCED, 'chromium-pingtan-2024.pdf'));
    expect(await settled(local)).toBe('done');
    await expect(local.getByTestId('previous-used')).toHaveCount(0);
    // then from the site: paired with the remembered HTML year, the real stock change found (499 expected, 440 shown)
    serve(`${DIR}P020250131.pdf`, fs.readFileSync(path.join(PRODUCED, 'chromium-pingtan-2024.pdf')), PDF);
    const tab = await context.newPage();
    await tab.goto(`chrome-extension://${extensionId}/attachment.html?src=${encodeURIComponent(`${origin}${DIR}P020250131.pdf`)}`);
    expect(await settled(tab)).toBe('done');
    await expect(tab.getByTestId('previous-used')).toHaveText('已与 2023 年度报告比对');
    await expect(tab.locator('.rule-group[data-rule="crossYear.inForceStock"]')).toHaveCount(1);
    await expect(tab.getByTestId('rebuilt').locator('[data-gip-severity="warning"]')).not.toHaveCount(0);
  });
});

test.describe('检查此 PDF', () => {
  test('a tab showing a PDF (by its address, or by its type in Chromium) is offered the attachment page', async ({
    page,
    context,
    origin,
    extensionId,
    tabIdOf,
    serve,
  }) => {
    const bytes = fs.readFileSync(path.join(REAL, 'hongze-2024.pdf'));
    serve(`${DIR}P0202501.pdf`, bytes, PDF);
    serve(`${DIR}show`, bytes, PDF);
    for (const [at, src] of [
      [`${origin}${DIR}P0202501.pdf`, `${origin}${DIR}P0202501.pdf`],
      // no name in the address: Chromium's viewer tab still runs our probe, document.contentType says it
      [`${origin}${DIR}show`, `${origin}${DIR}show`],
    ] as const) {
      await page.goto(at).catch(() => undefined);
      const tabId = await tabIdOf(page);
      const popup = await openPopup(context, extensionId, tabId);
      const button = popup.getByTestId('check-this-file');
      await expect(button).toHaveText('检查此 PDF');
      const [tab] = await Promise.all([context.waitForEvent('page'), button.click()]);
      expect(new URL(tab.url()).searchParams.get('src')).toBe(src);
      expect(await settled(tab)).toBe('done');
      await expect(tab.getByTestId('agency')).toHaveText('淮安市洪泽区人民政府');
      await tab.close();
      await popup.close();
    }
  });
});

test.describe('accessibility', () => {
  test('the attachment page with a checked PDF, its tooltip open: no WCAG 2.2 A/AA violation (axe)', async ({ context, extensionId }) => {
    const tab = await context.newPage();
    await tab.goto(`chrome-extension://${extensionId}/attachment.html`);
    await tab.getByTestId('file-input').setInputFiles(path.join(PRODUCED, 'chromium-pingtan-2023-changed-granted.pdf'));
    expect(await settled(tab)).toBe('done');
    await tab.locator('.finding.sev-error .finding-button').first().click();
    const result = await new AxeBuilder({ page: tab }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
    expect(
      result.violations.map(
        (v) =>
          `${v.id}: ${v.help} ${v.nodes
            .map((n) => JSON.stringify(n.target))
            .slice(0, 3)
            .join(' ')}`,
      ),
    ).toEqual([]);
  });
});
