import { describe, expect, it } from 'vitest';
import { withoutLoaders } from '../../scripts/lib/worker-start';

describe('withoutLoaders (the bundled worker does not inherit tsx)', () => {
  it("drops the parent's module loaders in both spellings and keeps every other flag", () => {
    const tsx = ['--require', '/x/tsx/dist/preflight.cjs', '--import', 'file:///x/tsx/dist/loader.mjs'];
    expect(withoutLoaders([...tsx, '--max-old-space-size=4096'])).toEqual(['--max-old-space-size=4096']);
    expect(withoutLoaders(['--import=tsx', '-r', 'a.cjs', '--loader', 'l.mjs', '--enable-source-maps'])).toEqual(['--enable-source-maps']);
    expect(withoutLoaders([])).toEqual([]);
  });
});
