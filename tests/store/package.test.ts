// The store packages (issue 19): `npm run zip` writes the Chrome/Edge zip, the Firefox zip
// and the sources zip AMO asks for; the Firefox build made from the sources zip, as a
// reviewer would make it, is byte-identical to the Firefox zip; addons-linter finds no
// error in it (its one warning, Preact's innerHTML branch, is explained in
// docs/store/reviewer-notes.md); the manifests carry the icons, both locales, the
// permanent Firefox ID and the minimum versions.
//
// It builds in a temporary copy of the sources, with this checkout's node_modules linked
// in (the same lockfile a reviewer's `npm ci` installs from; no second install here).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_ID, MIN_CHROME, MIN_FIREFOX } from '../../wxt.config';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'node_modules/.bin');
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-zip-'));
const zipOf = (kind: string) => path.join(OUT, `gip-report-checker-${version}-${kind}.zip`);

/** The environment of a build as a person runs it: without Vitest's NODE_ENV=test (which makes Vite emit JSX with source paths) and its own variables. */
function buildEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', ...extra };
  for (const k of Object.keys(env)) if (k === 'NODE_ENV' || k.startsWith('VITEST')) delete env[k];
  return env;
}
const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', env: buildEnv(env), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

function unzip(zip: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  run('python3', ['-m', 'zipfile', '-e', zip, to], ROOT);
}

/** every file under `dir`, relative, with its bytes */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out.set(path.relative(dir, path.join(e.parentPath, e.name)), fs.readFileSync(path.join(e.parentPath, e.name)));
  return out;
}

describe('store packages', { timeout: 240_000 }, () => {
  beforeAll(() => {
    // both zips into a directory of their own (the checkout's .output is the tests' build)
    run(path.join(BIN, 'wxt'), ['zip', '-b', 'chrome'], ROOT, { GIP_OUT_DIR: OUT });
    run(path.join(BIN, 'wxt'), ['zip', '-b', 'firefox'], ROOT, { GIP_OUT_DIR: OUT });
  }, 240_000);
  afterAll(() => process.env.GIP_KEEP || fs.rmSync(OUT, { recursive: true, force: true }));

  it('writes the Chrome/Edge zip, the Firefox zip and the sources zip', () => {
    for (const kind of ['chrome', 'firefox', 'sources']) expect(fs.existsSync(zipOf(kind)), kind).toBe(true);
  });

  it('carries icons, both locales, the permanent Firefox ID and the minimum versions', () => {
    for (const [kind, check] of [
      ['chrome', (m: Record<string, unknown>) => expect(m.minimum_chrome_version).toBe(MIN_CHROME)],
      [
        'firefox',
        (m: Record<string, unknown>) =>
          expect((m.browser_specific_settings as { gecko: object }).gecko).toMatchObject({ id: FIREFOX_ID, strict_min_version: MIN_FIREFOX }),
      ],
    ] as const) {
      const dir = path.join(OUT, `unzipped-${kind}`);
      unzip(zipOf(kind), dir);
      const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      check(m);
      expect(m.default_locale).toBe('zh_CN');
      for (const icon of Object.values(m.icons as Record<string, string>)) expect(fs.existsSync(path.join(dir, icon)), icon).toBe(true);
      for (const locale of ['zh_CN', 'en']) expect(fs.existsSync(path.join(dir, '_locales', locale, 'messages.json')), locale).toBe(true);
    }
    expect(FIREFOX_ID).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/);
  });

  it('builds the Firefox package from the sources zip byte for byte', () => {
    const src = path.join(OUT, 'sources');
    unzip(zipOf('sources'), src);
    expect(fs.existsSync(path.join(src, 'package-lock.json')), 'the lockfile is in the sources').toBe(true);
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(src, 'node_modules'), 'dir');
    run(path.join(BIN, 'wxt'), ['build', '-b', 'firefox'], src);
    const rebuilt = tree(path.join(src, '.output/firefox-mv3'));
    const shipped = path.join(OUT, 'unzipped-firefox-for-diff');
    unzip(zipOf('firefox'), shipped);
    const submitted = tree(shipped);
    expect([...rebuilt.keys()].sort()).toEqual([...submitted.keys()].sort());
    const differing = [...rebuilt].filter(([f, bytes]) => !bytes.equals(submitted.get(f)!)).map(([f]) => f);
    expect(differing).toEqual([]);
  });

  it('passes addons-linter with no error (warnings explained in the reviewer notes)', () => {
    let out: string;
    try {
      out = run(path.join(BIN, 'addons-linter'), ['--output', 'json', zipOf('firefox')], ROOT);
    } catch (e) {
      // exit code 1 when there are errors; the JSON is on stdout either way
      out = (e as { stdout?: string }).stdout ?? '';
    }
    const report = JSON.parse(out) as { errors: { code: string; file?: string }[]; warnings: { code: string; file?: string }[] };
    expect(report.errors).toEqual([]);
    const notes = fs.readFileSync(path.join(ROOT, 'docs/store/reviewer-notes.md'), 'utf8');
    for (const w of report.warnings) expect(notes, `warning ${w.code} in ${w.file} is explained`).toContain(w.code);
  });
});
