// `npm run check -- --crawl LIST_URL` against a portal's 年报 column on the loopback address
// (toolkit/survey-site.ts: three list pages, 60 reports from the fixtures' figures, four
// with one changed count, eight agencies over three years with one carry-over break, and a
// 404, a 500, an off-site redirect, a slow page, a page too large, a GBK page, a news page
// named as a report, a 503 with Retry-After, robots.txt disallowing a folder, and a PDF and
// a DOCX report, read by the attachment reader).
// The CLI runs as users run it, in a process of its own; the server counts every request.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../cli/check';
import { CheckOutputSchema, type CheckOutputEntry } from '../../lib/schema';
import { FIXTURES } from '../../toolkit/dom';
import { startSurveySite, type FailureKind, type SurveySite } from '../../toolkit/survey-site';
import { CLI } from '../support/built-cli';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DELAY_S = 0.05;
const FLAGS = ['--json', '--delay', String(DELAY_S), '--fetch-timeout', '1.5', '--max-page-mb', '4'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The built CLI, as `npm run check` runs it, in a process of its own (asynchronous: the
 * server answers in this one); `interruptAfter` sends it Ctrl-C once the server has had that many requests.
 */
function check(...args: (string | { interruptAfter: number })[]): Promise<Run> {
  const interrupt = args.find((a) => typeof a === 'object')?.interruptAfter;
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const child = execFile(
      process.execPath,
      [CLI, ...args.filter((a): a is string => typeof a === 'string')],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        clearInterval(timer);
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    if (interrupt !== undefined)
      timer = setInterval(() => {
        if (site.log.length < interrupt) return;
        clearInterval(timer);
        child.kill('SIGINT');
      }, 5);
  });
}

const errorsOf = (e: CheckOutputEntry) =>
  e.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.ruleId} ${f.cells[0]}`)
    .sort();

let site: SurveySite;
let dir: string;
const at = (p: string) => `${site.origin}${p}`;

beforeAll(async () => {
  // the huge page above the 4 MB cap the runs set; the slow page well past their 1.5 s limit
  site = await startSurveySite({ slowMs: 6_000, hugeBytes: 5 * 1024 * 1024, attachments: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-crawl-'));
});
afterAll(async () => {
  await site?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('--crawl a paginated report list, politely', () => {
  let partial: Run;
  let full: Run;
  let offline: Run;
  let partialPaths: string[];
  let fullLog: SurveySite['log'];

  beforeAll(async () => {
    const save = path.join(dir, 'save');
    // an interrupted run: the first 20 reports, every page kept
    partial = await check(...FLAGS, '--max-reports', '20', '--save', save, '--crawl', site.listUrl);
    partialPaths = site.log.map((r) => r.path);
    site.reset();
    // resumed: what was saved is not fetched again
    full = await check(...FLAGS, '--save', save, '--crawl', site.listUrl);
    fullLog = [...site.log];
    site.reset();
    offline = await check(...FLAGS, '--save', save, '--offline', '--crawl', site.listUrl);
  }, 120_000);

  it('ran, and its output is the contract', () => {
    expect(partial.code, partial.stderr).toBe(0);
    expect(full.code, full.stderr).toBe(0);
    expect(() => CheckOutputSchema.parse(JSON.parse(full.stdout))).not.toThrow();
    expect(JSON.parse(partial.stdout)).toHaveLength(20);
  });

  it('finds every report over the three list pages and checks it: exactly the changed cells and the carry-over break are errors', () => {
    const entries = CheckOutputSchema.parse(JSON.parse(full.stdout));
    const bySource = new Map(entries.map((e) => [e.source, e]));
    expect(entries).toHaveLength(site.expected.reports.length + site.expected.failures.length);
    for (const r of site.expected.reports) {
      const e = bySource.get(at(r.path));
      expect(e, r.path).toBeDefined();
      expect(e!.error, r.path).toBeUndefined();
      expect(e!.detected, r.path).toBe(true);
      expect([e!.report?.agency, e!.report?.year], r.path).toEqual([r.agency, r.year]);
      expect(errorsOf(e!), `${r.path} ${r.agency} ${r.year}`).toEqual(r.errors.map((f) => `${f.ruleId} ${f.firstCell}`).sort());
      // the address it was read at names it (same-site pairing), not what the page claims
      expect(e!.report?.url).toBe(at(r.path));
    }
    // the pairs were formed: every later year of the eight agencies was compared with its year before
    const compared = entries.filter(
      (e) => e.passed.some((p) => p.ruleId === 'crossYear.carryOver') || e.findings.some((f) => f.ruleId === 'crossYear.carryOver'),
    );
    // and the 2024 DOCX with the 2023 PDF of 平潭
    expect(compared).toHaveLength(17);
    expect(site.expected.reports.filter((r) => r.carryOverBreak)).toHaveLength(1);
    expect(site.expected.reports.filter((r) => r.changed)).toHaveLength(5);
    expect(site.expected.reports.filter((r) => r.format).map((r) => r.format)).toEqual(['pdf', 'docx']);
    // the GBK page was decoded from its <meta> (the server named no charset)
    const gbk = site.expected.reports.find((r) => r.gbk)!;
    expect(bySource.get(at(gbk.path))!.report!.agency).toBe('清河县统计局');
  });

  it('reports each failure with its reason, and goes on', () => {
    const entries = CheckOutputSchema.parse(JSON.parse(full.stdout));
    const bySource = new Map(entries.map((e) => [e.source, e]));
    const reason: Record<FailureKind, RegExp> = {
      notFound: /^HTTP 404\b/,
      serverError: /^HTTP 500\b/,
      offsite: /redirected to another site, not followed: http:\/\/www\.another-site\.example\//,
      slow: /timed out after 1\.5 s/,
      huge: /page too large \(more than 4 MB, limit 4 MB\)/,
      notReport: /^$/,
      robots: /disallowed by robots\.txt/,
      pdf: /attachment|附件|PDF/i,
    };
    for (const f of site.expected.failures) {
      const e = bySource.get(at(f.path));
      expect(e, f.kind).toBeDefined();
      if (f.kind === 'notReport') {
        expect([e!.detected, e!.kind, e!.error]).toEqual([false, 'news', undefined]);
        continue;
      }
      expect(e!.error ?? '', f.kind).toMatch(reason[f.kind]);
      expect(e!.findings.filter((x) => x.severity === 'error')).toEqual([]);
    }
    // in the list's order: the entries follow the links
    const order = entries.map((e) => e.source);
    expect(order.indexOf(at(site.expected.failures[0]!.path))).toBeLessThan(order.indexOf(at(site.expected.failures[1]!.path)));
  });

  it('honours robots.txt, the pause, one request at a time, and names itself', () => {
    const all = [...partialPaths, ...fullLog.map((r) => r.path)];
    expect(all.filter((p) => p.startsWith('/gknb/internal/'))).toEqual([]);
    // robots.txt first, once (the second run read it from --save DIR)
    expect(partialPaths[0]).toBe('/robots.txt');
    expect(all.filter((p) => p === '/robots.txt')).toHaveLength(1);
    expect(site.maxConcurrency).toBeLessThanOrEqual(1);
    for (const r of fullLog) expect(r.userAgent).toMatch(/^GIPReportChecker\/\d+\.\d+\.\d+ \(.+\)$/);
    // the pause between the end of one request and the start of the next; after a request the client
    // cut short, the server learns of it late: from its start. The server's clock runs in a busy
    // process on two cores (its events come up to ~20 ms late): every gap well above none, most at the pause
    const gaps = fullLog.slice(1).map((r, i) => r.start - (fullLog[i]!.cut ? fullLog[i]!.start : fullLog[i]!.end));
    const sorted = [...gaps].sort((a, b) => a - b);
    expect(sorted[0]).toBeGreaterThanOrEqual(DELAY_S * 1000 * 0.5);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThanOrEqual(DELAY_S * 1000 - 2);
    expect(fullLog.filter((r) => !r.cut).length).toBeGreaterThan(40);
    // the 503 was asked again after its Retry-After: 1
    const flaky = site.expected.reports.find((r) => r.flaky)!.path;
    const tries = fullLog.filter((r) => r.path === flaky);
    expect(tries).toHaveLength(2);
    expect(tries[1]!.start - tries[0]!.end).toBeGreaterThanOrEqual(990);
  });

  it('resumes: nothing saved by the interrupted run is fetched again, but for the server error', () => {
    const again = fullLog.map((r) => r.path).filter((p) => partialPaths.includes(p));
    // the 404 stands; the 500 (a passing failure) is asked again
    expect(partialPaths).toContain(site.expected.failures.find((f) => f.kind === 'notFound')!.path);
    expect(again).toEqual([site.expected.failures.find((f) => f.kind === 'serverError')!.path]);
    expect(fullLog.length).toBeGreaterThan(0);
  });

  it('--save then --offline: the same output, byte for byte, with no request at all', () => {
    expect(offline.code, offline.stderr).toBe(0);
    expect(site.log).toEqual([]);
    expect(offline.stdout).toBe(full.stdout);
  });

  it('shows its progress on stderr, with the time left', () => {
    const total = site.expected.reports.length + site.expected.failures.length;
    expect(full.stderr).toContain(`checked ${total}/${total}`);
    expect(full.stderr).toMatch(/about \d+ s left/);
    expect(full.stderr).toMatch(new RegExp(`3 页 / pages, ${total} 份年报链接`));
    // the list's link to another site's report: left out, and said
    expect(full.stderr).toContain(
      '1 report links to other sites not fetched (give them as addresses or --crawl their list): http://www.other.gov.cn/gknb/t1.html',
    );
  });
});

describe('report pages by address, and lists that list nothing', () => {
  it('checks addresses and files together, in input order, pairing years across them; a list without report links is an entry', async () => {
    site.reset();
    const chain = site.expected.reports.filter((r) => r.agency === site.expected.reports.find((x) => x.carryOverBreak)!.agency);
    const later = chain.find((r) => r.carryOverBreak)!;
    const before = chain.find((r) => r.year === later.year - 1)!;
    const file = path.join(FIXTURES, 'pingtan-2023-changed-granted.html');
    const r = await check(
      '--json',
      '--delay',
      String(DELAY_S),
      at(later.path),
      file,
      at(before.path),
      at('/gknb/202401/t20240120_9404.html'),
      '--crawl',
      at(site.expected.emptyListPath),
    );
    expect(r.code, r.stderr).toBe(0);
    const entries = CheckOutputSchema.parse(JSON.parse(r.stdout));
    expect(entries.map((e) => e.source)).toEqual([
      at(later.path),
      file,
      at(before.path),
      at('/gknb/202401/t20240120_9404.html'),
      at(site.expected.emptyListPath),
    ]);
    expect(errorsOf(entries[0]!)).toEqual(later.errors.map((f) => `${f.ruleId} ${f.firstCell}`).sort());
    expect(errorsOf(entries[1]!).length).toBeGreaterThan(0);
    expect(entries[3]!.error).toMatch(/^HTTP 404/);
    expect(entries[4]).toMatchObject({ kind: 'list', error: expect.stringContaining('no report links on the list page') });
    expect(site.maxConcurrency).toBeLessThanOrEqual(1);
  }, 60_000);

  it('Ctrl-C: stops after the page at hand and prints what was checked, in order, valid', async () => {
    site.reset();
    const r = await check('--json', '--delay', String(DELAY_S), '--crawl', site.listUrl, { interruptAfter: 15 });
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain('interrupted');
    const entries = CheckOutputSchema.parse(JSON.parse(r.stdout));
    // robots.txt, three list pages, then report pages: every one fetched is in the output, nothing after
    const fetched = site.log.map((l) => l.path).filter((p) => !p.startsWith('/robots') && !site.expected.listPaths.includes(p));
    expect(entries.length).toBeGreaterThanOrEqual(fetched.length - 1);
    expect(entries.length).toBeLessThan(site.expected.reports.length);
    for (const e of entries.filter((x) => !x.error?.includes('robots'))) expect(fetched).toContain(e.source.slice(site.origin.length));
  }, 60_000);

  it('refuses --offline without --save, a --crawl that is no address, and wrong numbers', () => {
    expect(parseArgs(['--offline', 'http://a.gov.cn/x.html'])).toEqual({ error: expect.stringContaining('--offline') });
    expect(parseArgs(['--crawl', 'not-a-url'])).toEqual({ error: expect.stringContaining('--crawl') });
    expect(parseArgs(['--delay', '-1', 'http://a.gov.cn/'])).toEqual({ error: expect.stringContaining('--delay') });
    expect(parseArgs(['--max-pages', '0', '--crawl', 'http://a.gov.cn/'])).toEqual({ error: expect.stringContaining('--max-pages') });
    expect(parseArgs(['--crawl', 'http://a.gov.cn/l/', '--crawl', 'http://b.gov.cn/l/', '--delay', '0', '--save', 'd'])).toMatchObject({
      inputs: [],
      crawl: ['http://a.gov.cn/l/', 'http://b.gov.cn/l/'],
      web: { delayMs: 0, timeoutMs: 30_000, maxBytes: 20 * 1024 * 1024, maxPages: 50, save: 'd', offline: false },
    });
  });
});
