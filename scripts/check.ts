// 年报核对 batch checker: npm run check -- [--json|--csv] FILE_OR_DIR...
// Output contract: ../shared/domain/schema-keys.md. Exit 0 when it ran, 2 on bad usage.

import fs from 'node:fs';
import path from 'node:path';
import { withPrevious } from '../lib/check';
import { previousReports } from '../lib/cross-year';
import { FINDING_COLUMNS, findingRows, toCsv } from '../lib/export/csv';
import type { CheckOutputEntry, Finding } from '../lib/schema';
import { checkFiles } from './lib/batch';
import { writeJsonArray } from './lib/json-output';

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

const SEVERITY_TAG = { error: '错误 error', warning: '警告 warning', info: '提示 info' } as const;

function count(findings: readonly Finding[], severity: Finding['severity']): number {
  return findings.filter((f) => f.severity === severity).length;
}

/** The human-readable listing: one block per input (per report), then a summary line; `files` = how many files were read. */
export function formatTable(entries: readonly CheckOutputEntry[], files = entries.length): string {
  const lines: string[] = [];
  for (const e of entries) {
    if (e.error) {
      lines.push(`✗ ${e.source}\n    无法读取 / unreadable: ${e.error}`);
      continue;
    }
    if (!e.detected || !e.report) {
      const internal = e.findings.map((f) => `    ${f.message}`);
      lines.push(`– ${e.source}\n    非年报页面 / not an annual report (${e.kind})`, ...internal);
      continue;
    }
    const r = e.report;
    const [errors, warnings, infos] = [count(e.findings, 'error'), count(e.findings, 'warning'), count(e.findings, 'info')];
    const mark = errors ? '✗' : warnings ? '!' : '✓';
    lines.push(`${mark} ${e.source}`);
    lines.push(`    ${r.agency ?? '（机关不详）'} ${r.year ?? '?'} 年度报告 · ${r.format} 格式 · 错误 ${errors} · 警告 ${warnings} · 提示 ${infos} · 通过 ${e.passed.length} 项校验${e.incomplete.length ? ` · 待人工核对 ${e.incomplete.length} 项` : ''}`);
    for (const f of e.findings) {
      const indent = f.groupedUnder ? '        ↳ ' : '    ';
      lines.push(`${indent}[${SEVERITY_TAG[f.severity]}] ${f.message}${f.cells[0] ? `  〈${f.cells[0]}〉` : ''}`);
      if (f.equation) lines.push(`${indent}    ${f.equation}`);
    }
  }
  const reports = entries.filter((e) => e.detected);
  const withErrors = reports.filter((e) => e.findings.some((f) => f.severity === 'error'));
  const unreadable = entries.filter((e) => e.error);
  lines.push('', `共 ${files} 个文件：年报 ${reports.length} 份，其中有错误 ${withErrors.length} 份；非年报 ${entries.length - reports.length - unreadable.length} 个；无法读取 ${unreadable.length} 个。`);
  lines.push(`${files} files: ${reports.length} reports (${withErrors.length} with errors), ${entries.length - reports.length - unreadable.length} not reports, ${unreadable.length} unreadable.`);
  // page text may hold control characters (terminal escapes): show them as �
  return lines.join('\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd') + '\n';
}

export function formatCsv(entries: readonly CheckOutputEntry[]): string {
  const rows = entries.flatMap((e) => {
    // an unreadable input is a row of its own, so the file lists every input that had something to say
    const findings: Finding[] = e.error
      ? [{ id: 'input.error', ruleId: 'input.error', severity: 'warning', cells: [], message: `无法读取：${e.error}`, messageEn: `unreadable: ${e.error}` }]
      : e.findings;
    return findingRows({ source: e.source, report: e.report }, findings);
  });
  return toCsv(FINDING_COLUMNS, rows);
}

/** Reports of the same agency for consecutive years among the inputs: the later one also gets the cross-year checks. */
export function addCrossYear(entries: CheckOutputEntry[]): CheckOutputEntry[] {
  const dated = entries.flatMap((entry) => (entry.detected && entry.report ? [{ entry, report: entry.report, source: entry.source }] : []));
  for (const [item, previous] of previousReports(dated)) Object.assign(item.entry, withPrevious(item.entry, item.report, previous));
  return entries;
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
  const entries = addCrossYear(await checkFiles(files, { jobs: parsed.jobs, onProgress: progress }));
  // JSON entry by entry: one string of thousands of reports would pass V8's longest string
  if (parsed.mode === 'json') await writeJsonArray(process.stdout, entries);
  else {
    const out = parsed.mode === 'csv' ? formatCsv(entries) : formatTable(entries, files.length);
    await new Promise<void>((resolve) => process.stdout.write(out, () => resolve()));
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
