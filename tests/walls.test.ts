// The walls between the rooms (issue 20, point 5, as far as they hold today): lib/ is the
// DOM-agnostic core and imports nothing of the extension or the tools; utils/ (shared by
// the extension's parts) imports no entry point and no popup component. Every import of
// every file is resolved and checked, value and type imports alike.

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
    const crossings = files(room).flatMap((f) => roomsImported(f).filter((i) => forbidden.includes(i.room)).map((i) => `${f} → ${i.spec}`));
    expect(crossings).toEqual([]);
  });

  it('sees a crossing when there is one', () => {
    // (the test of the test: the import reader finds a crossing where there is one)
    expect(roomsImported('components/App.tsx').some((i) => i.room === 'utils')).toBe(true);
  });
});
