// The walls between the rooms (issue 20, point 5). dependency-cruiser checks them, and the
// bundle rules (the popup without zod, the content script without zod/preact/pdf.js), on
// every import that reaches a bundle (.dependency-cruiser.cjs, `npm run lint:deps`); it
// reads sources through Babel, so type-only imports are gone by then. The room walls are
// also held here for type imports: every import of every file is resolved and checked.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const IMPORT = /^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

function files(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** The top-level room each relative import of `file` lands in. */
function roomsImported(file: string): { spec: string; room: string }[] {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...source.matchAll(IMPORT)]
    .map((m) => m[1] ?? m[2] ?? m[3]!)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => ({ spec, room: path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), spec)).split(path.sep)[0]! }));
}

const WALLS: [string, string[]][] = [
  ['lib', ['entrypoints', 'components', 'utils', 'cli', 'toolkit', 'scripts', 'e2e', 'tests', 'docs']],
  ['utils', ['entrypoints', 'components', 'cli', 'toolkit', 'scripts', 'e2e', 'tests']],
  // the batch checker is a product: it stands on lib/ alone
  ['cli', ['entrypoints', 'components', 'utils', 'toolkit', 'scripts', 'e2e', 'tests']],
  // the tools share the toolkit, never a test's harness
  ['toolkit', ['scripts', 'e2e', 'tests']],
  ['scripts', ['e2e', 'tests']],
];

describe('the walls between the rooms', () => {
  it.each(WALLS)('%s/ imports nothing from %j', (room, forbidden) => {
    const crossings = files(room).flatMap((f) =>
      roomsImported(f)
        .filter((i) => forbidden.includes(i.room))
        .map((i) => `${f} → ${i.spec}`),
    );
    expect(crossings).toEqual([]);
  });

  it('sees a crossing when there is one', () => {
    // (the test of the test: the import reader finds a crossing where there is one)
    expect(roomsImported('components/App.tsx').some((i) => i.room === 'utils')).toBe(true);
  });

  it('dependency-cruiser finds no violation of .dependency-cruiser.cjs', () => {
    const run = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'err',
        'lib',
        'entrypoints',
        'components',
        'utils',
        'cli',
        'toolkit',
        'scripts',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.stdout + run.stderr).toMatch(/no dependency violations found \((\d{3,}) modules/);
    expect(run.status).toBe(0);
  });
});
