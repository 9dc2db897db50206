import { describe, expect, it } from 'vitest';
import { upToDate, withoutLoaders } from '../../cli/worker-start';

describe('withoutLoaders (the bundled worker does not inherit tsx)', () => {
  it("drops the parent's module loaders in both spellings and keeps every other flag", () => {
    const tsx = ['--require', '/x/tsx/dist/preflight.cjs', '--import', 'file:///x/tsx/dist/loader.mjs'];
    expect(withoutLoaders([...tsx, '--max-old-space-size=4096'])).toEqual(['--max-old-space-size=4096']);
    expect(withoutLoaders(['--import=tsx', '-r', 'a.cjs', '--loader', 'l.mjs', '--enable-source-maps'])).toEqual(['--enable-source-maps']);
    expect(withoutLoaders([])).toEqual([]);
  });
});

describe('upToDate (the cached worker bundle)', () => {
  const stamps: Record<string, string> = { '/a/lib/read.ts': '1:10', '/a/cli/worker.ts': '2:20' };
  const stampOf = (f: string) => stamps[f]!;
  const m = { bundle: 'worker-x.mjs', entry: '/a/cli/worker.ts', inputs: { ...stamps } };

  it('serves the bundle while its sources are unchanged', () => {
    expect(upToDate(m, '/a/cli/worker.ts', stampOf)).toBe(true);
    expect(upToDate(m, '/a/cli/worker.ts', (f) => (f === '/a/lib/read.ts' ? '3:11' : stampOf(f)))).toBe(false);
  });

  it("never serves another checkout's bundle (a cache shared through a symlinked node_modules)", () => {
    expect(upToDate(m, '/b/cli/worker.ts', stampOf)).toBe(false);
    // a manifest written before the entry was recorded
    expect(upToDate({ bundle: m.bundle, inputs: m.inputs } as never, '/a/cli/worker.ts', stampOf)).toBe(false);
  });
});
