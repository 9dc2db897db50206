// Section 8 of npm run bench: reports published as PDF or DOCX (issue 17). Per file, the read
// (pdf.js text + operator lists, or the DOCX scan) and the rebuild + read + check, cold (a
// fresh process: pdf.js loaded, first document) and warm (median in one process); peak memory
// (RSS) of the cold process; and the CLI's PDF rate on two worker threads. Printed, not asserted.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIRS = ['tests/fixtures/attachments/real', 'tests/fixtures/attachments/produced'].map((d) => path.join(ROOT, d));
const READABLE = /^(huaian|hongze|template|chromium-pingtan-2023\.|chromium-pingtan-2024|libreoffice-pingtan-2023\.|libreoffice-pingtan-2024)/;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

interface RunnerOutput {
  cold: number;
  rssCold: number;
  rssEnd: number;
  files: { file: string; pages: number; extract: number; total: number; cpu: number }[];
}

/** The runner bundled for plain Node (see ./attachment-runner.ts), run on `files` in a fresh process. */
async function runPlain(files: string[], repeat: number): Promise<RunnerOutput | null> {
  const { build } = await import('esbuild');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-bench-runner-'));
  try {
    const outfile = path.join(dir, 'runner.mjs');
    await build({
      entryPoints: [path.join(import.meta.dirname, 'attachment-runner.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      external: ['pdfjs-dist', '@napi-rs/canvas', 'linkedom'],
      logLevel: 'warning',
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    });
    // (from the repository, so pdfjs-dist resolves from node_modules)
    const linked = path.join(ROOT, 'node_modules', '.gip-bench-runner.mjs');
    fs.copyFileSync(outfile, linked);
    try {
      const r = spawnSync(process.execPath, [linked, String(repeat), ...files], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
      return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as RunnerOutput;
    } finally {
      fs.rmSync(linked, { force: true });
    }
  } catch (e) {
    console.log(`   (runner failed: ${e instanceof Error ? e.message : String(e)})`);
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchAttachments(quick: boolean): Promise<void> {
  console.log(
    '\n8. PDF / DOCX 附件 / reports as PDF or DOCX (read = pdf.js text + ruling lines, or the DOCX scan; rebuild+check = tables rebuilt, read and checked)',
  );
  const files = DIRS.flatMap((d) =>
    fs
      .readdirSync(d)
      .filter((f) => READABLE.test(f) && /\.(pdf|docx)$/.test(f))
      .map((f) => path.join(d, f)),
  );
  const n = quick ? 3 : 7;
  const run = await runPlain(files, n);
  if (run) {
    console.log(
      `   cold: the first file (${path.basename(files[0]!)}) in a fresh process, pdf.js loaded: ${ms(run.cold)}, peak RSS ${run.rssCold.toFixed(0)} MB (after all files ${run.rssEnd.toFixed(0)} MB)`,
    );
    for (const f of run.files)
      console.log(
        `   ${path.basename(f.file).padEnd(46)} ${f.pages ? `${f.pages} pp, pdf.js ${ms(f.extract).padStart(6)}, ` : 'DOCX,                    '}read+check ${ms(f.total).padStart(6)} warm (CPU ${ms(f.cpu)})`,
      );
  }
  // the CLI's PDF lane: the readable PDFs repeated, the built command on two worker threads
  const pdfs = files.filter((f) => f.endsWith('.pdf'));
  const count = quick ? 40 : 80;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-bench-pdf-'));
  try {
    const inputs = Array.from({ length: count }, (_, i) => {
      const to = path.join(dir, `${String(i).padStart(3, '0')}-${path.basename(pdfs[i % pdfs.length]!)}`);
      fs.copyFileSync(pdfs[i % pdfs.length]!, to);
      return to;
    });
    const built = spawnSync('npm', ['run', '-s', 'build:cli'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) {
      console.log(`   CLI not built: ${built.stderr.slice(0, 200)}`);
      return;
    }
    // GNU time gives the command's CPU (all threads) and peak RSS: on a shared machine the wall
    // time measures the other load as much as the checker
    const timed = fs.existsSync('/usr/bin/time');
    const argv = [process.execPath, 'dist/cli/check.mjs', '--json', '--jobs', '2', ...inputs];
    const load = os.loadavg()[0]!;
    const t0 = performance.now();
    const r = timed
      ? spawnSync('/usr/bin/time', ['-f', 'GIPTIME %U %S %M', ...argv], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 900_000 })
      : spawnSync(argv[0]!, argv.slice(1), { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 900_000 });
    const s = (performance.now() - t0) / 1000;
    const entries = r.status === 0 ? (JSON.parse(r.stdout) as { report?: unknown }[]) : [];
    const [user, sys, rssKb] = (/GIPTIME ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '') ?? []).slice(1).map(Number);
    console.log(
      `   CLI (built), ${count} PDFs on 2 worker threads (${os.availableParallelism()} cores, load average ${load.toFixed(1)}): ${s.toFixed(1)} s wall, ${(count / s).toFixed(1)} PDF reports/s; ${entries.filter((e) => e.report).length} reports read`,
    );
    if (user !== undefined && sys !== undefined && rssKb !== undefined) {
      const cpuPer = (user + sys) / count;
      const rate = 2 / cpuPer;
      console.log(
        `     CPU ${(cpuPer * 1000).toFixed(0)} ms per PDF (all threads), peak RSS ${(rssKb / 1024).toFixed(0)} MB: ${rate.toFixed(1)} PDF reports/s on two free cores (target ≥ 5/s) ${rate >= 5 ? '✓ 达标 met' : '✗ 未达标 missed'}`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
