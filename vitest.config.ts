import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // the CLI tests run the built CLI, as `npm run check` does
    globalSetup: ['tests/support/built-cli.ts'],
    environment: 'node',
    // two cores: two forks, and the property tests get room
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
