// CLI throughput and its linearity: the batch engine (printFiles, as `npm run check`
// runs it: each entry checked and printed for the listing on a worker thread) over
// 1,000 / 5,000 / 10,000 saved pages, the whole command for the smallest and largest
// batch, and the command's peak memory (RSS) on the largest. Pages are the fixture pages
// repeated under distinct names in a temporary directory (hard links where the file system
// allows, else copies), removed afterwards.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { printFiles } from '../../cli/batch';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TARGET = 200; // pages/s
const LINEARITY = 0.2; // the largest batch's rate within 20% of the smallest's

export interface Run {
  pages: number;
  seconds: number;
  /** CPU time of every thread of the process, per page */
  cpuMsPerPage: number;
  perSecond: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? '✓ 达标 met' : '✗ 未达标 missed');

/** A directory of `count` pages named 00000-<fixture>.html …, cycling through `sources`. */
function makeCorpus(sources: readonly string[], count: number): { dir: string; files: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-bench-'));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const src = sources[i % sources.length]!;
    const file = path.join(dir, `${String(i).padStart(5, '0')}-${path.basename(src)}`);
    linkOrCopy(src, file);
    files.push(file);
  }
  return { dir, files };
}

function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

async function engineRun(files: readonly string[], jobs: number): Promise<Run> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const printed = await printFiles(files, 'table', { jobs });
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const unreadable = printed.filter((p) => p.counts.unreadable).length;
  if (unreadable) throw new Error(`bench: ${unreadable} pages unreadable`);
  return { pages: files.length, seconds, cpuMsPerPage: (used.user + used.system) / 1000 / files.length, perSecond: files.length / seconds };
}

/** The CLI as `npm run check` runs it, built first (esbuild, ~0.3 s). */
const BUILT_CHECK = path.join(ROOT, 'dist/cli/check.mjs');
function buildCli(): void {
  const r = spawnSync('npm', ['run', '-s', 'build:cli'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench: npm run build:cli failed: ${r.stderr.slice(-500)}`);
  // the engine runs below in this process, from source: its threads start from the built worker too
  process.env.GIP_WORKER_BUILT = path.join(ROOT, 'dist/cli/worker.mjs');
}

/** `npm run check -- --jobs N DIR`, listing to /dev/null: start-up, cross-year pairing and output included. */
function commandRun(dir: string, pages: number, jobs: number): Run {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BUILT_CHECK, '--jobs', String(jobs), dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`bench: npm run check exited ${r.status}: ${r.stderr.slice(-500)}`);
  return { pages, seconds, cpuMsPerPage: NaN, perSecond: pages / seconds };
}

/**
 * The peak resident memory (RSS) of the process running `npm run check -- --json` (its main
 * thread and its workers: one process), output to /dev/null: what a batch costs in memory,
 * which should not grow with the batch. Measured in that process itself (getrusage): the
 * command is main() of the built CLI (dist/cli/check.mjs, as `npm run check` runs it),
 * loaded by a two-line module.
 */
export function peakRss(dir: string, jobs: number, check = BUILT_CHECK): { mb: number; seconds: number } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-bench-rss-'));
  try {
    const probe = path.join(tmp, 'probe.mjs');
    fs.writeFileSync(
      probe,
      `const { main } = await import(${JSON.stringify(pathToFileURL(check).href)});
const code = await main(process.argv.slice(2));
process.stderr.write('\\nmaxRSS ' + process.resourceUsage().maxRSS + '\\n');
process.exit(code);
`,
    );
    const t = performance.now();
    const r = spawnSync(process.execPath, [probe, '--json', '--jobs', String(jobs), dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const seconds = (performance.now() - t) / 1000;
    const kb = /\nmaxRSS (\d+)\n/.exec(r.stderr)?.[1];
    if (r.status !== 0 || !kb) throw new Error(`bench: npm run check exited ${r.status}: ${r.stderr.slice(-500)}`);
    return { mb: Number(kb) / 1024, seconds };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const best = (runs: readonly Run[]) => runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));

function line(label: string, runs: readonly Run[]): string {
  const b = best(runs);
  const rates = runs.map((r) => r.perSecond);
  const spread = runs.length > 1 ? ` (${runs.length} runs: ${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)} pages/s)` : '';
  const cpu = Number.isNaN(b.cpuMsPerPage) ? '' : `, CPU ${b.cpuMsPerPage.toFixed(1)} ms/page (all threads)`;
  return `   ${label.padEnd(16)} ${fmt(b.pages).padStart(6)} pages ${b.seconds.toFixed(1).padStart(6)} s = ${b.perSecond.toFixed(0).padStart(4)} pages/s${cpu}${spread} ${verdict(b.perSecond >= TARGET)}`;
}

/**
 * Section 4 of the benchmark. `sizes` ascending; every size is run `repeat` times and its
 * best run reported with the spread (the machine may be shared: the best run is the one
 * least disturbed).
 */
export async function benchCli(opts: { sources: readonly string[]; sizes: readonly number[]; repeat: number; jobs: number; command: boolean }): Promise<void> {
  const load = os.loadavg()[0]!;
  console.log(
    `4. 命令行吞吐量与线性 / CLI throughput and linearity: ${opts.jobs} worker threads, ${os.availableParallelism()} cores, load average ${load.toFixed(1)} at start (target ≥ ${TARGET} pages/s)`,
  );
  const largest = opts.sizes[opts.sizes.length - 1]!;
  buildCli();
  const { dir, files } = makeCorpus(opts.sources, largest);
  try {
    const engine = new Map<number, Run[]>();
    for (const size of opts.sizes) {
      const runs: Run[] = [];
      for (let k = 0; k < opts.repeat; k++) runs.push(await engineRun(files.slice(0, size), opts.jobs));
      engine.set(size, runs);
      console.log(line('engine', runs));
    }
    const first = best(engine.get(opts.sizes[0]!)!).perSecond;
    const last = best(engine.get(largest)!).perSecond;
    const drop = (first - last) / first;
    console.log(
      `   linearity: ${fmt(largest)} pages at ${last.toFixed(0)} pages/s, ${fmt(opts.sizes[0]!)} at ${first.toFixed(0)}: ${drop >= 0 ? `${(drop * 100).toFixed(0)}% slower` : `${(-drop * 100).toFixed(0)}% faster`} (target: at most ${LINEARITY * 100}% slower) ${verdict(drop <= LINEARITY)}`,
    );
    // peak memory of the command on the largest batch (in the quick run, its largest: 1,000)
    const rss = peakRss(dir, opts.jobs);
    console.log(
      `   peak RSS, npm run check --json, ${fmt(largest)} pages (one process: main thread and ${opts.jobs} workers; output to /dev/null): ${rss.mb.toFixed(0)} MB (${rss.seconds.toFixed(1)} s)`,
    );
    if (opts.command) {
      // the whole command only for the ends: its start-up (~1 s) weighs on the small batch
      for (const size of [opts.sizes[0]!, largest]) {
        const sub = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-bench-cmd-'));
        try {
          for (const f of files.slice(0, size)) linkOrCopy(f, path.join(sub, path.basename(f)));
          const runs = Array.from({ length: opts.repeat }, () => commandRun(sub, size, opts.jobs));
          console.log(line('npm run check', runs));
        } finally {
          fs.rmSync(sub, { recursive: true, force: true });
        }
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
