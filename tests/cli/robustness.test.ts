// The batch checker survives any folder: FIFOs, sockets and devices are never read, a
// directory it cannot list is an entry, a file too large is not read, and a file that takes
// too long is ended. Every run here has a time limit of its own, so a regression fails
// instead of hanging the suite.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckOutputSchema, type CheckOutputEntry } from '../../lib/schema';
import { readPageFile } from '../../cli/check-file';
import { expandInputs, type InputFs } from '../../cli/inputs';
import { FIXTURES } from '../../toolkit/dom';
import { CLI } from '../support/built-cli';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PAGE = path.join(FIXTURES, 'pingtan-2023.html');
const RUN_LIMIT = 60_000;

function run(args: readonly string[], opts: { as?: string[] } = {}): SpawnSyncReturns<string> {
  const [cmd, ...rest] = [...(opts.as ?? []), process.execPath, CLI, ...args];
  return spawnSync(cmd!, rest, { cwd: ROOT, encoding: 'utf8', timeout: RUN_LIMIT, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
}
function json(r: SpawnSyncReturns<string>): CheckOutputEntry[] {
  // a run that hung was killed: say so, not "Unexpected end of JSON input"
  expect({ signal: r.signal, status: r.status, stderr: r.signal || r.status ? r.stderr.slice(-2000) : '' }).toEqual({ signal: null, status: 0, stderr: '' });
  return CheckOutputSchema.parse(JSON.parse(r.stdout));
}
const errors = (out: readonly CheckOutputEntry[], dir: string) => out.map((e) => [path.relative(dir, e.source), e.error ?? (e.detected ? 'report' : e.kind)]);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-any-folder-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const fresh = (name: string) => {
  const d = path.join(dir, name);
  fs.mkdirSync(d);
  return d;
};
const mkfifo = (p: string) => expect(spawnSync('mkfifo', [p]).status).toBe(0);
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

describe.skipIf(!hasMkfifo)('FIFOs, sockets and devices are never read', () => {
  it(
    'a FIFO in a directory, and a link to one: entries saying so, the pages around them checked',
    async () => {
      const d = fresh('fifo');
      fs.copyFileSync(PAGE, path.join(d, 'a.html'));
      mkfifo(path.join(d, 'b-pipe.html'));
      fs.symlinkSync(path.join(d, 'b-pipe.html'), path.join(d, 'c-link.html'));
      // a socket too
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(path.join(d, 'd-socket.html'), resolve));
      fs.copyFileSync(PAGE, path.join(d, 'e.html'));
      try {
        const out = json(run(['--json', d]));
        expect(errors(out, d)).toEqual([
          ['a.html', 'report'],
          ['b-pipe.html', '不是普通文件，已跳过 / not a regular file (FIFO) — skipped'],
          ['c-link.html', '不是普通文件，已跳过 / not a regular file (FIFO) — skipped'],
          ['d-socket.html', '不是普通文件，已跳过 / not a regular file (socket) — skipped'],
          ['e.html', 'report'],
        ]);
        expect(out[1]).toMatchObject({ detected: false, kind: 'unreadable', report: null, findings: [] });
      } finally {
        server.close();
      }
    },
    RUN_LIMIT + 10_000,
  );

  it(
    'a FIFO and devices named directly: entries saying so',
    () => {
      const fifo = path.join(fresh('direct'), 'pipe.html');
      mkfifo(fifo);
      const devices = ['/dev/zero', '/dev/null'].filter((p) => fs.existsSync(p));
      const out = json(run(['--json', fifo, ...devices, PAGE]));
      expect(out.map((e) => [e.source, e.error ?? (e.detected ? 'report' : e.kind)])).toEqual([
        [fifo, '不是普通文件，已跳过 / not a regular file (FIFO) — skipped'],
        ...devices.map((p) => [p, '不是普通文件，已跳过 / not a regular file (character device) — skipped']),
        [PAGE, 'report'],
      ]);
    },
    RUN_LIMIT + 10_000,
  );

  it(
    'the listing counts them as unreadable',
    () => {
      const fifo = path.join(fresh('listing'), 'pipe.html');
      mkfifo(fifo);
      const r = run([fifo, PAGE]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`✗ ${fifo}\n    无法读取 / unreadable: 不是普通文件，已跳过 / not a regular file (FIFO) — skipped`);
      expect(r.stdout).toContain('2 files: 1 reports (0 with errors), 0 not reports, 1 unreadable.');
    },
    RUN_LIMIT + 10_000,
  );
});

describe('files too large', () => {
  it(
    'a 300 MB file (sparse: nothing written) is not read',
    () => {
      const big = path.join(fresh('big'), 'big.html');
      fs.writeFileSync(big, '<html><body>');
      fs.truncateSync(big, 300 * 1024 * 1024);
      const out = json(run(['--json', big, PAGE]));
      expect(out.map((e) => e.error ?? (e.detected ? 'report' : e.kind))).toEqual([
        '文件过大，已跳过 / file too large (300 MB, limit 256 MB) — skipped',
        'report',
      ]);
    },
    RUN_LIMIT + 10_000,
  );

  it('a file that says it is empty is read to its end, never past the limit', () => {
    const proc = '/proc/self/status'; // size 0, content a few hundred bytes
    if (!fs.existsSync(proc)) return;
    expect(fs.statSync(proc).size).toBe(0);
    expect(readPageFile(proc).toString('latin1')).toMatch(/^Name:/);
    expect(() => readPageFile(proc, 10)).toThrow('文件过大，已跳过 / file too large (more than 0.0 MB, limit 0.0 MB) — skipped');
    expect(readPageFile(PAGE).equals(fs.readFileSync(PAGE))).toBe(true);
  });
});

describe('a directory that cannot be listed', () => {
  const EACCES = (p: string) => Object.assign(new Error(`EACCES: permission denied, scandir '${p}'`), { code: 'EACCES' });

  it('is an entry with its error; the walk goes on (the listing failing as the file system makes it fail)', () => {
    const d = fresh('walk');
    fs.mkdirSync(path.join(d, 'b-locked'));
    fs.mkdirSync(path.join(d, 'c'));
    for (const f of ['a.html', 'b-locked/x.html', 'c/y.html']) fs.copyFileSync(PAGE, path.join(d, f));
    const io: InputFs = {
      statSync: (p) => fs.statSync(p),
      readdirSync: (p, opts) => {
        if (p.endsWith('b-locked')) throw EACCES(p);
        return fs.readdirSync(p, opts);
      },
    };
    expect(expandInputs([d, path.join(d, 'b-locked')], io)).toEqual([
      path.join(d, 'a.html'),
      { source: path.join(d, 'b-locked'), error: `目录无法读取 / unreadable directory: EACCES: permission denied, scandir '${path.join(d, 'b-locked')}'` },
      path.join(d, 'c', 'y.html'),
      { source: path.join(d, 'b-locked'), error: `目录无法读取 / unreadable directory: EACCES: permission denied, scandir '${path.join(d, 'b-locked')}'` },
    ]);
  });

  // root reads any directory: the real refusal needs another user (nobody, through setpriv)
  const canDrop = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
  it.skipIf(!canDrop)(
    'run as a user who may not list it: an entry with EACCES, the rest checked (a real chmod 000)',
    () => {
      const d = fresh('perm');
      fs.chmodSync(dir, 0o755);
      fs.chmodSync(d, 0o755);
      fs.mkdirSync(path.join(d, 'locked'));
      fs.copyFileSync(PAGE, path.join(d, 'a.html'));
      fs.copyFileSync(PAGE, path.join(d, 'locked', 'x.html'));
      fs.copyFileSync(PAGE, path.join(d, 'z.html'));
      for (const f of ['a.html', 'locked/x.html', 'z.html']) fs.chmodSync(path.join(d, f), 0o644);
      fs.chmodSync(path.join(d, 'locked'), 0o000);
      try {
        const out = json(run(['--json', d], { as: ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--'] }));
        expect(errors(out, d)).toEqual([
          ['a.html', 'report'],
          ['locked', `目录无法读取 / unreadable directory: EACCES: permission denied, scandir '${path.join(d, 'locked')}'`],
          ['z.html', 'report'],
        ]);
      } finally {
        fs.chmodSync(path.join(d, 'locked'), 0o755);
      }
    },
    RUN_LIMIT + 10_000,
  );
});

describe('a file that takes too long', () => {
  it(
    'is ended after --timeout and reported; the files before and after it are checked',
    () => {
      const d = fresh('slow');
      // table 三 with 200,000 rows of its own (20 MB): many seconds of honest work
      const html = fs.readFileSync(PAGE, 'utf8');
      const rows = Array.from({ length: 200_000 }, (_, i) => `<tr><td>其他情形${i}</td>${'<td>1</td>'.repeat(7)}</tr>`).join('');
      fs.writeFileSync(path.join(d, 'b-slow.html'), html.replace(/(<tr[^>]*>[\s\S]*?予以公开[\s\S]*?<\/tr>)/, `$1${rows}`));
      for (const f of ['a.html', 'c.html', 'd.html']) fs.copyFileSync(PAGE, path.join(d, f));
      const t = performance.now();
      const out = json(run(['--json', '--timeout', '3', d]));
      expect(errors(out, d)).toEqual([
        ['a.html', 'report'],
        ['b-slow.html', 'timed out after 3 s'],
        ['c.html', 'report'],
        ['d.html', 'report'],
      ]);
      expect(performance.now() - t).toBeLessThan(30_000);
    },
    RUN_LIMIT + 10_000,
  );

  it(
    '--timeout takes a positive number of seconds',
    () => {
      for (const bad of ['0', '-1', 'x']) {
        const r = run(['--timeout', bad, PAGE]);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('--timeout 需要正数（秒） / --timeout takes a positive number of seconds');
      }
    },
    RUN_LIMIT,
  );
});
