// The batch checker as `npm run check` runs it: built by esbuild into dist/cli/ (once per
// test run, by vitest's global setup below), its threads starting from the built worker.

import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** node + this = the CLI */
export const CLI = path.join(ROOT, 'dist/cli/check.mjs');

/** vitest globalSetup: build dist/cli/ from the sources under test. */
export default function setup(): void {
  const r = spawnSync('npm', ['run', '-s', 'build:cli'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:cli failed:\n${r.stdout}${r.stderr}`);
}
