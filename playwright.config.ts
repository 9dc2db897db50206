import { defineConfig } from '@playwright/test';

// End-to-end tests of the built extension (.output/chrome-mv3) in Debian's Chromium.
// Build first: `wxt build && playwright test`. Reports go to reports/ (playwright wipes
// its outputDir, test-results/, at start; reports/ also holds vitest.json).
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: { trace: 'off', screenshot: 'off' },
});
