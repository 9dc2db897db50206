import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtWorker, withoutLoaders } from '../../cli/worker-start';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('withoutLoaders (the bundled worker does not inherit tsx)', () => {
  it("drops the parent's module loaders in both spellings and keeps every other flag", () => {
    const tsx = ['--require', '/x/tsx/dist/preflight.cjs', '--import', 'file:///x/tsx/dist/loader.mjs'];
    expect(withoutLoaders([...tsx, '--max-old-space-size=4096'])).toEqual(['--max-old-space-size=4096']);
    expect(withoutLoaders(['--import=tsx', '-r', 'a.cjs', '--loader', 'l.mjs', '--enable-source-maps'])).toEqual(['--enable-source-maps']);
    expect(withoutLoaders([])).toEqual([]);
  });
});

describe('builtWorker (the worker the built CLI starts)', () => {
  it('is the worker.mjs beside the built check.mjs, and none beside the sources', () => {
    expect(builtWorker(pathToFileURL(path.join(ROOT, 'dist/cli/worker.mjs')))).toBe(true);
    expect(builtWorker(pathToFileURL(path.join(ROOT, 'cli/worker.mjs')))).toBe(false);
    expect(builtWorker()).toBe(false);
  });
});
