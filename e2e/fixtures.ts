// Playwright fixtures for the built extension in Debian's Chromium (helpers in ./harness).
//
// - pageServer (worker): tests/fixtures/pages/* on 127.0.0.1, random port, plus pages a test
//   registers with `serve(path, html)`; `origin` is http://www.sample.gov.cn:<port>
//   (automatic checking), `mirrorOrigin` http://mirror.example.org:<port> (on demand only).
// - extensionDir (worker): a private copy of .output/chrome-mv3 (fails clearly if not built).
// - context (test): a fresh persistent profile with the extension loaded, so settings,
//   dismissals and storage.session start empty in every test.

import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  GOV_HOST,
  MIRROR_HOST,
  badgeText,
  copyExtension,
  launchWithExtension,
  serviceWorkerOf,
  startServer,
  tabIdOf,
  type PageServer,
} from '../toolkit/browser';

export * from '../toolkit/browser';

interface TestFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** serve a page for this test (relative to both origins) */
  serve: PageServer['serve'];
  badgeText: (tab: number | string) => Promise<string>;
  tabIdOf: (page: Page) => Promise<number>;
}
interface WorkerFixtures {
  /** a private copy of .output/chrome-mv3, so a rebuild during the run cannot pull the files away */
  extensionDir: string;
  pageServer: PageServer;
  /** http://www.sample.gov.cn:<port> */
  origin: string;
  /** http://mirror.example.org:<port> (not gov.cn: no automatic check) */
  mirrorOrigin: string;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  extensionDir: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = copyExtension();
      await use(dir);
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  pageServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { server, api } = await startServer();
      await use(api);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: 'worker' },
  ],
  origin: [async ({ pageServer }, use) => use(`http://${GOV_HOST}:${pageServer.port}`), { scope: 'worker' }],
  mirrorOrigin: [async ({ pageServer }, use) => use(`http://${MIRROR_HOST}:${pageServer.port}`), { scope: 'worker' }],

  context: async ({ extensionDir }, use) => {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-e2e-'));
    const context = await launchWithExtension(userDataDir, { extensionDir });
    try {
      await use(context);
    } finally {
      await context.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  },
  page: async ({ context }, use) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await use(page);
  },
  serviceWorker: async ({ context }, use) => use(await serviceWorkerOf(context)),
  extensionId: async ({ serviceWorker }, use) => use(new URL(serviceWorker.url()).host),
  serve: async ({ pageServer }, use) => use(pageServer.serve),
  badgeText: async ({ serviceWorker }, use) => use((tab) => badgeText(serviceWorker, tab)),
  tabIdOf: async ({ serviceWorker }, use) => use((page) => tabIdOf(serviceWorker, page)),
});

export { expect };
