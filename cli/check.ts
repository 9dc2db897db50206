// 年报核对 batch checker: npm run check -- [--json|--csv] FILE_OR_DIR_OR_URL... [--crawl LIST_URL]
// Output contract: ../shared/domain/schema-keys.md. Exit 0 when it ran, 2 on bad usage,
// 130 when stopped by Ctrl-C (what was checked by then is printed). Web inputs: ./crawl.ts.

import path from 'node:path';
import { once } from 'node:events';
import { parseArgs as parseArgv } from 'node:util';
import { DEFAULT_TIMEOUT_MS } from './batch';
import { CRAWL_DEFAULTS } from './crawl';
import { FETCH_DEFAULTS } from './fetch';
import { expandInputs } from './inputs';
import { OutputSpool } from './output';
import { isUrl, runInputs } from './run-inputs';

const USAGE = `用法 / usage: npm run check -- [--json | --csv] [--jobs N] [--timeout S] FILE_OR_DIR...

  检查保存的政府信息公开工作年度报告网页（.html/.htm/.shtml）及 PDF、DOCX 附件（目录递归）；
  扫描件、.doc/.wps/.ofd、加密或损坏的文件各注明原因。
  Checks saved annual-report pages and reports published as PDF or DOCX (directories are
  searched recursively); a scan, a .doc/.wps/.ofd, an encrypted or broken file gets its reason.

  --json     输出 JSON 数组（每个输入一项；一页含多份报告时每份一项，来源为 文件#序号）
             one JSON array, one element per input (per report on a page holding
             several: source FILE#1, FILE#2 …)
  --csv      以 CSV 输出全部发现（UTF-8 BOM） / all findings as CSV (UTF-8 with BOM)
  --jobs N   并行线程数（默认为 CPU 核数） / worker threads (default: one per core)
  --timeout S  每个文件的时限（秒，默认 ${DEFAULT_TIMEOUT_MS / 1000}），超时的文件记为无法读取
             seconds one file may take (default ${DEFAULT_TIMEOUT_MS / 1000}): one that takes longer
             is ended and gets an entry with the error "timed out after S s"

  网页 / on the web (one request at a time per host, robots.txt honoured):
  URL        检查该地址的年报网页 / check the report page at that address
  --crawl LIST_URL  检查列表页（含翻页）链接的全部年报 / check every report a list page
             links to, its pagination followed (may be given more than once)
  --max-pages N     每个列表最多读取的列表页数（默认 ${CRAWL_DEFAULTS.maxPages}） / list pages per list
  --max-reports N   最多检查的年报数（默认 ${CRAWL_DEFAULTS.maxReports}） / reports in all
  --delay S  同一主机两次请求间隔（秒，默认 ${FETCH_DEFAULTS.delayMs / 1000}；robots.txt 的 Crawl-delay 更长时从之）
             pause between two requests to a host (default ${FETCH_DEFAULTS.delayMs / 1000}; a longer Crawl-delay wins)
  --fetch-timeout S 每个请求的时限（秒，默认 ${FETCH_DEFAULTS.timeoutMs / 1000}） / per request (default ${FETCH_DEFAULTS.timeoutMs / 1000})
  --max-page-mb N   单个网页大小上限（默认 ${FETCH_DEFAULTS.maxBytes / 1024 / 1024}） / largest page read (default ${FETCH_DEFAULTS.maxBytes / 1024 / 1024} MB)
  --save DIR 保存每个获取的网页；再次运行时直接使用，不再请求（可续跑）
             keep every fetched page in DIR; a rerun reads them from there (resumes)
  --offline  只用 --save 目录中的网页，不发任何请求 / use only the pages in --save DIR

  -h, --help 显示本帮助 / show this help`;

export interface Options {
  mode: 'table' | 'json' | 'csv';
  jobs?: number;
  /** per file, in ms */
  timeoutMs?: number;
  inputs: string[];
  /** list pages to crawl */
  crawl: string[];
  web: { delayMs: number; timeoutMs: number; maxBytes: number; maxPages: number; maxReports: number; save?: string; offline: boolean };
}

const OPTIONS = {
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  jobs: { type: 'string' },
  timeout: { type: 'string' },
  crawl: { type: 'string', multiple: true },
  'max-pages': { type: 'string' },
  'max-reports': { type: 'string' },
  delay: { type: 'string' },
  'fetch-timeout': { type: 'string' },
  'max-page-mb': { type: 'string' },
  save: { type: 'string' },
  offline: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A number option: whole and ≥ min, or ≥ 0 and finite; undefined when absent, an error when wrong. */
function numberOption(values: Record<string, unknown>, name: string, kind: 'whole' | 'seconds' | 'size'): number | undefined | { error: string } {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const ok = kind === 'whole' ? Number.isInteger(n) && n >= 1 : kind === 'size' ? n > 0 && Number.isFinite(n) : n >= 0 && Number.isFinite(n);
  if (ok) return n;
  const want = kind === 'whole' ? '正整数 / a positive whole number' : kind === 'size' ? '正数 / a positive number' : '非负数（秒） / a number of seconds ≥ 0';
  return { error: `--${name} 需要${want}` };
}

const VALUE_ERRORS = {
  jobs: '--jobs 需要正整数 / --jobs takes a positive whole number',
  timeout: '--timeout 需要正数（秒） / --timeout takes a positive number of seconds',
};

/** The command line, read by node:util's parseArgs; the numbers and the one-of checks are ours. */
export function parseArgs(argv: readonly string[]): Options | { error: string } | 'help' {
  let parsed;
  try {
    parsed = parseArgv({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // a value missing or starting with a dash (--timeout -1): the option's own message
    const numeric = /'--(jobs|timeout)\b/.exec(message)?.[1] as keyof typeof VALUE_ERRORS | undefined;
    if (numeric) return { error: VALUE_ERRORS[numeric] };
    const unknown = /'([^']+)'/.exec(message)?.[1];
    return { error: `未知选项或缺少取值 / unknown option or missing value: ${unknown ?? message}` };
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.json && values.csv) return { error: '--json 与 --csv 只能选一个 / choose one of --json and --csv' };
  const web: Options['web'] = {
    delayMs: FETCH_DEFAULTS.delayMs,
    timeoutMs: FETCH_DEFAULTS.timeoutMs,
    maxBytes: FETCH_DEFAULTS.maxBytes,
    ...CRAWL_DEFAULTS,
    save: values.save,
    offline: !!values.offline,
  };
  const numbers = [
    ['max-pages', 'whole', (n: number) => (web.maxPages = n)],
    ['max-reports', 'whole', (n: number) => (web.maxReports = n)],
    ['delay', 'seconds', (n: number) => (web.delayMs = n * 1000)],
    ['fetch-timeout', 'size', (n: number) => (web.timeoutMs = n * 1000)],
    ['max-page-mb', 'size', (n: number) => (web.maxBytes = Math.round(n * 1024 * 1024))],
  ] as const;
  for (const [name, kind, set] of numbers) {
    const n = numberOption(values, name, kind);
    if (typeof n === 'object') return n;
    if (n !== undefined) set(n);
  }
  if (web.offline && !web.save) return { error: '--offline 需要 --save DIR / --offline needs --save DIR' };
  const crawl = values.crawl ?? [];
  const badList = crawl.find((u) => !isUrl(u));
  if (badList) return { error: `--crawl 需要 http(s) 地址 / --crawl takes an http(s) address: ${badList}` };
  const opts: Options = { mode: values.json ? 'json' : values.csv ? 'csv' : 'table', inputs: positionals, crawl, web };
  if (values.jobs !== undefined) {
    const n = Number(values.jobs);
    if (!Number.isInteger(n) || n < 1) return { error: VALUE_ERRORS.jobs };
    opts.jobs = n;
  }
  if (values.timeout !== undefined) {
    const s = Number(values.timeout);
    if (!(s > 0) || !Number.isFinite(s)) return { error: VALUE_ERRORS.timeout };
    opts.timeoutMs = s * 1000;
  }
  if (opts.inputs.length === 0 && crawl.length === 0) return { error: '缺少输入文件、目录或地址 / no input file, directory or address' };
  return opts;
}

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(`${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  // each file or directory named, expanded once (a directory of 10,000 pages is walked once)
  const expanded = parsed.inputs.map((p) => (isUrl(p) ? [] : expandInputs([p])));
  if (parsed.crawl.length === 0 && !parsed.inputs.some(isUrl) && expanded.every((e) => e.length === 0)) {
    process.stderr.write('目录中没有网页或 PDF/DOCX 文件 / no .html, .pdf or .docx files found in the given directories\n');
    return 2;
  }
  // each entry printed by the thread that checked it and spooled to a temporary file as it
  // comes; only reports paired across years are read back here, as the output is written
  const spool = new OutputSpool(parsed.mode);
  let stopped = false;
  try {
    const run = await runInputs(parsed, spool, expanded);
    stopped = run.stopped;
    for (const piece of spool.pieces(run.count)) if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  } finally {
    spool.close();
  }
  if (stopped) return 130;
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
