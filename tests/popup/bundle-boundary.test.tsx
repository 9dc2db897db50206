// The popup must not pull zod in: it may import lib/schema.ts for types only. This
// walks the popup's value imports (not `import type`) from its entrypoint.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMPORT = /^\s*import\s+(?!type\b)([^'";]*?)\s*(?:from\s*)?['"]([^'"]+)['"]/gm;

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.') && !spec.startsWith('@/')) return null;
  const base = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const f of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) if (fs.existsSync(f) && fs.statSync(f).isFile()) return f;
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

function valueImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!/\.tsx?$/.test(file)) continue;
    for (const [, clause, spec] of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      // `import { type A, type B } from` brings no values either
      if (
        clause &&
        /^\{[^}]*\}$/.test(clause) &&
        clause
          .slice(1, -1)
          .split(',')
          .every((n) => /^\s*(type\s|$)/.test(n))
      )
        continue;
      const target = resolve(file, spec!);
      if (target) queue.push(target);
      else
        packages.add(
          spec!
            .split('/')
            .slice(0, spec!.startsWith('@') ? 2 : 1)
            .join('/'),
        );
    }
  }
  return { files, packages };
}

describe('popup bundle boundary', () => {
  const { files, packages } = valueImports(path.join(ROOT, 'entrypoints/popup/main.tsx'));
  const rel = [...files].map((f) => path.relative(ROOT, f));
  it("reaches the popup components, and not the rules' code (their names come with the result)", () => {
    expect(rel).toContain('components/App.tsx');
    expect(rel).toContain('components/rule-names.ts');
    expect(rel.filter((f) => f.startsWith('lib/rules/'))).toEqual([]);
  });
  it('imports no zod and no schema values', () => {
    expect([...packages]).not.toContain('zod');
    expect(rel).not.toContain('lib/schema.ts');
    expect(rel).not.toContain('lib/check.ts');
    // preact, and possibly WXT's own helpers (wxt, its match patterns: isAutoHost); nothing else
    expect([...packages].filter((p) => p !== 'preact' && p !== 'wxt' && p !== '@webext-core/match-patterns')).toEqual([]);
    expect(packages).toContain('preact');
  });
});
