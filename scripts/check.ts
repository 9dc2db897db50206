// 年报核对 batch checker: npm run check -- [--json|--csv] FILE_OR_DIR...
// Output contract: ../shared/domain/schema-keys.md. Exit 0 when it ran, 2 on bad usage.

import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { printFiles } from './lib/batch';
import { addCrossYearPrinted, outputPieces } from './lib/output';

const USAGE = `用法 / usage: npm run check -- [--json | --csv] [--jobs N] FILE_OR_DIR...

  检查保存的政府信息公开工作年度报告网页（.html/.htm/.shtml，目录递归）。
  Checks saved annual-report pages (directories are searched recursively).

  --json     输出 JSON 数组（每个输入一项；一页含多份报告时每份一项，来源为 文件#序号）
             one JSON array, one element per input (per report on a page holding
             several: source FILE#1, FILE#2 …)
  --csv      以 CSV 输出全部发现（UTF-8 BOM） / all findings as CSV (UTF-8 with BOM)
  --jobs N   并行线程数（默认为 CPU 核数） / worker threads (default: one per core)
  -h, --help 显示本帮助 / show this help`;

const PAGE_EXT = /\.(s?html?|xhtml)$/i;

export interface Options {
  mode: 'table' | 'json' | 'csv';
  jobs?: number;
  inputs: string[];
}

export function parseArgs(argv: readonly string[]): Options | { error: string } | 'help' {
  const opts: Options = { mode: 'table', inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--json' || a === '--csv') {
      const mode = a.slice(2) as 'json' | 'csv';
      if (opts.mode !== 'table' && opts.mode !== mode) return { error: '--json 与 --csv 只能选一个 / choose one of --json and --csv' };
      opts.mode = mode;
    } else if (a === '--jobs') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) return { error: '--jobs 需要正整数 / --jobs takes a positive whole number' };
      opts.jobs = n;
    } else if (a.startsWith('-') && a !== '-') return { error: `未知选项 / unknown option: ${a}` };
    else opts.inputs.push(a);
  }
  if (opts.inputs.length === 0) return { error: '缺少输入文件或目录 / no input file or directory' };
  return opts;
}

/** Files named directly are kept (whatever their extension); directories give their pages, sorted. */
export function expandInputs(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (PAGE_EXT.test(entry.name)) out.push(p);
    }
  };
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = fs.statSync(input).isDirectory();
    } catch {
      // a missing file becomes an entry with an error; the run goes on
    }
    if (isDir) walk(input);
    else out.push(input);
  }
  return out;
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
  const files = expandInputs(parsed.inputs);
  if (files.length === 0) {
    process.stderr.write('目录中没有网页文件 / no .html files found in the given directories\n');
    return 2;
  }
  // each entry printed by the thread that checked it; only reports paired across years are read back here
  const printed = await printFiles(files, parsed.mode, { jobs: parsed.jobs, onProgress: progress });
  addCrossYearPrinted(printed, parsed.mode);
  for (const piece of outputPieces(printed, parsed.mode, files.length)) if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
