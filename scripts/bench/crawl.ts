// Benchmark part: `npm run check -- --crawl` against the survey site on the loopback address
// (toolkit/survey-site.ts with only its reports: 3 list pages, 61 report pages). With no pause
// between requests the figure is the crawler's own cost per page — fetch, decode, read,
// check, save — not a site's: at the default 1 s pause a crawl does one page a second.
// Then the same run offline from --save DIR. The built CLI, as `npm run check` runs it.

import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSurveySite } from '../../toolkit/survey-site';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli/check.mjs');

function run(args: string[]): Promise<{ ms: number; ok: boolean; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve) =>
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 }, (error, _stdout, stderr) =>
      resolve({ ms: performance.now() - started, ok: !error, stderr: String(stderr) }),
    ),
  );
}

export async function benchCrawl(quick: boolean): Promise<void> {
  console.log('\n9. 网页抓取核对 / --crawl on the loopback address (3 list pages, 61 reports, --delay 0; the built CLI, process start included):');
  const built = spawnSync('npm', ['run', '-s', 'build:cli'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) return void console.log('   the CLI could not be built: not measured');
  const site = await startSurveySite({ clean: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-bench-crawl-'));
  try {
    const reports = site.expected.reports.length;
    const online: number[] = [];
    const offline: number[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      fs.rmSync(path.join(dir, 'save'), { recursive: true, force: true });
      site.reset();
      const a = await run(['--json', '--delay', '0', '--save', path.join(dir, 'save'), '--crawl', site.listUrl]);
      if (!a.ok) return void console.log(`   the crawl failed: ${a.stderr.slice(-300)}`);
      online.push(a.ms);
      const requests = site.log.length;
      const concurrency = site.maxConcurrency;
      site.reset();
      const b = await run(['--json', '--save', path.join(dir, 'save'), '--offline', '--crawl', site.listUrl]);
      offline.push(b.ms);
      if (i === 0) console.log(`   ${requests} requests online, ${site.log.length} offline; at most ${concurrency} at a time`);
    }
    const best = (xs: number[]) => Math.min(...xs);
    console.log(`   online:  ${(best(online) / 1000).toFixed(2)} s, ${((reports / best(online)) * 1000).toFixed(1)} reports/s (best of ${online.length})`);
    console.log(`   offline: ${(best(offline) / 1000).toFixed(2)} s, ${((reports / best(offline)) * 1000).toFixed(1)} reports/s (from --save DIR)`);
  } finally {
    await site.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) await benchCrawl(process.argv.includes('--quick'));
