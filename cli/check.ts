// 年报核对 batch checker: npm run check -- [--json|--csv] FILE_OR_DIR...
// Output contract: ../shared/domain/schema-keys.md. Exit 0 when it ran, 2 on bad usage.

import path from 'node:path';
import { once } from 'node:events';
import { parseArgs as parseArgv } from 'node:util';
import { DEFAULT_TIMEOUT_MS, eachPrintedFile } from './batch';
import { expandInputs } from './inputs';
import { OutputSpool } from './output';

const USAGE = `用法 / usage: npm run check -- [--json | --csv] [--jobs N] [--timeout S] FILE_OR_DIR...

  检查保存的政府信息公开工作年度报告网页（.html/.htm/.shtml，目录递归）。
  Checks saved annual-report pages (directories are searched recursively).

  --json     输出 JSON 数组（每个输入一项；一页含多份报告时每份一项，来源为 文件#序号）
             one JSON array, one element per input (per report on a page holding
             several: source FILE#1, FILE#2 …)
  --csv      以 CSV 输出全部发现（UTF-8 BOM） / all findings as CSV (UTF-8 with BOM)
  --jobs N   并行线程数（默认为 CPU 核数） / worker threads (default: one per core)
  --timeout S  每个文件的时限（秒，默认 ${DEFAULT_TIMEOUT_MS / 1000}），超时的文件记为无法读取
             seconds one file may take (default ${DEFAULT_TIMEOUT_MS / 1000}): one that takes longer
             is ended and gets an entry with the error "timed out after S s"
  -h, --help 显示本帮助 / show this help`;

export interface Options {
  mode: 'table' | 'json' | 'csv';
  jobs?: number;
  /** per file, in ms */
  timeoutMs?: number;
  inputs: string[];
}

const OPTIONS = {
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  jobs: { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The command line, read by node:util's parseArgs; the numbers and the one-of checks are ours. */
export function parseArgs(argv: readonly string[]): Options | { error: string } | 'help' {
  let parsed;
  try {
    parsed = parseArgv({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const unknown = /'([^']+)'/.exec(e instanceof Error ? e.message : '')?.[1];
    return { error: `未知选项或缺少取值 / unknown option or missing value: ${unknown ?? String(e)}` };
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.json && values.csv) return { error: '--json 与 --csv 只能选一个 / choose one of --json and --csv' };
  const opts: Options = { mode: values.json ? 'json' : values.csv ? 'csv' : 'table', inputs: positionals };
  if (values.jobs !== undefined) {
    const n = Number(values.jobs);
    if (!Number.isInteger(n) || n < 1) return { error: '--jobs 需要正整数 / --jobs takes a positive whole number' };
    opts.jobs = n;
  }
  if (values.timeout !== undefined) {
    const s = Number(values.timeout);
    if (!(s > 0) || !Number.isFinite(s)) return { error: '--timeout 需要正数（秒） / --timeout takes a positive number of seconds' };
    opts.timeoutMs = s * 1000;
  }
  if (opts.inputs.length === 0) return { error: '缺少输入文件或目录 / no input file or directory' };
  return opts;
}

function progress(done: number, total: number): void {
  if (total < 20) return;
  if (process.stderr.isTTY) {
    process.stderr.write(`\r已检查 / checked ${done}/${total}`);
    if (done === total) process.stderr.write('\n');
  } else if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) {
    process.stderr.write(`已检查 / checked ${done}/${total}\n`);
  }
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
  const inputs = expandInputs(parsed.inputs);
  if (inputs.length === 0) {
    process.stderr.write('目录中没有网页文件 / no .html files found in the given directories\n');
    return 2;
  }
  // each entry printed by the thread that checked it and spooled to a temporary file as it
  // comes; only reports paired across years are read back here, as the output is written
  const spool = new OutputSpool(parsed.mode);
  try {
    await eachPrintedFile(inputs, parsed.mode, { jobs: parsed.jobs, timeoutMs: parsed.timeoutMs, onProgress: progress }, (index, printed) => spool.add(index, printed));
    for (const piece of spool.pieces(inputs.length)) if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  } finally {
    spool.close();
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
