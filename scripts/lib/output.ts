// The batch checker's output, one entry at a time: the readable listing, the CSV rows of
// its findings, or its JSON (../shared/domain/schema-keys.md). Entries are printed where
// they were checked (a worker thread), so the main thread only pairs and writes: holding,
// copying and printing a few thousand report entries (~60 KB of JSON each) on the main
// thread was a fifth of a large batch's time, all of it after the last page was checked.

import { withPrevious } from '../../lib/check';
import { borrowsIdentity, previousReports, type PairingIdentity } from '../../lib/cross-year';
import { BOM, csvLine, FINDING_COLUMNS, findingRows } from '../../lib/export/csv';
import type { CheckOutputEntry, Finding } from '../../lib/schema';
import { countBySeverity } from '../../utils/state';

export type OutputMode = 'table' | 'json' | 'csv';

/** One entry as printed, with what the main thread needs to pair it and count it. */
export interface PrintedEntry {
  source: string;
  /** who and which year, for the cross-year pairing; null for an entry with no report of its own to pair */
  pairing: PairingIdentity | null;
  /** for the listing's summary line */
  counts: { detected: boolean; unreadable: boolean; hasErrors: boolean };
  /**
   * the entry in the output's form (CSV: its rows, without the header), in UTF-8: moved from
   * the worker without a copy, written as it is, and outside the JS heap while the batch runs,
   * in 55% of the memory a string of it would take (its Chinese text makes it a two-byte
   * string; 10,000 report entries are ~1 GB of JSON)
   */
  text: Uint8Array;
  /** the entry as JSON (UTF-8) when it could be paired and `text` is not JSON already: read back for the cross-year checks */
  json: Uint8Array | null;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

const SEVERITY_TAG = { error: '错误 error', warning: '警告 warning', info: '提示 info' } as const;
// page text may hold control characters (terminal escapes): the listing shows them as �
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** The readable listing's block for one entry. */
function tableBlock(e: CheckOutputEntry): string {
  if (e.error) return `✗ ${e.source}\n    无法读取 / unreadable: ${e.error}`;
  if (!e.detected || !e.report) return [`– ${e.source}\n    非年报页面 / not an annual report (${e.kind})`, ...e.findings.map((f) => `    ${f.message}`)].join('\n');
  const r = e.report;
  const { error: errors, warning: warnings, info: infos } = countBySeverity(e.findings);
  const lines = [
    `${errors ? '✗' : warnings ? '!' : '✓'} ${e.source}`,
    `    ${r.agency ?? '（机关不详）'} ${r.year ?? '?'} 年度报告 · ${r.format} 格式 · 错误 ${errors} · 警告 ${warnings} · 提示 ${infos} · 通过 ${e.passed.length} 项校验${e.incomplete.length ? ` · 待人工核对 ${e.incomplete.length} 项` : ''}`,
  ];
  for (const f of e.findings) {
    const indent = f.groupedUnder ? '        ↳ ' : '    ';
    lines.push(`${indent}[${SEVERITY_TAG[f.severity]}] ${f.message}${f.cells[0] ? `  〈${f.cells[0]}〉` : ''}`);
    if (f.equation) lines.push(`${indent}    ${f.equation}`);
  }
  return lines.join('\n');
}

/** The CSV rows of one entry's findings (an unreadable input is a row of its own, so the file lists every input that had something to say). */
function csvRows(e: CheckOutputEntry): string {
  const findings: Finding[] = e.error
    ? [{ id: 'input.error', ruleId: 'input.error', severity: 'warning', cells: [], message: `无法读取：${e.error}`, messageEn: `unreadable: ${e.error}` }]
    : e.findings;
  return findingRows({ source: e.source, report: e.report }, findings).map(csvLine).join('\r\n');
}

/** One entry of the JSON array, indented one level as inside it: stringified inside an array of one, without its brackets (no pass over the text to indent it). */
const jsonItem = (e: CheckOutputEntry) => JSON.stringify([e], null, 2).slice(4, -2);

function textOf(e: CheckOutputEntry, mode: OutputMode): string {
  return mode === 'json' ? jsonItem(e) : mode === 'csv' ? csvRows(e) : tableBlock(e).replace(CONTROL, '\ufffd');
}

function pairingOf(e: CheckOutputEntry): PairingIdentity | null {
  const r = e.detected ? e.report : null;
  if (!r || r.year === null || !r.agency) return null;
  return { agency: r.agency, year: r.year, url: r.url, borrowed: borrowsIdentity(r) };
}

export function printEntry(e: CheckOutputEntry, mode: OutputMode): PrintedEntry {
  const pairing = pairingOf(e);
  return {
    source: e.source,
    pairing,
    counts: { detected: e.detected, unreadable: !!e.error, hasErrors: e.findings.some((f) => f.severity === 'error') },
    text: utf8.encode(textOf(e, mode)),
    json: pairing && mode !== 'json' ? utf8.encode(JSON.stringify(e)) : null,
  };
}

/** A page's entries (one per report), printed. */
export const printEntries = (entries: readonly CheckOutputEntry[], mode: OutputMode): PrintedEntry[] => entries.map((e) => printEntry(e, mode));

/** The buffers of printed entries, to move them to another thread instead of copying. */
export const buffersOf = (printed: readonly PrintedEntry[]): ArrayBuffer[] =>
  printed.flatMap((p) => (p.json ? [p.text.buffer, p.json.buffer] : [p.text.buffer])) as ArrayBuffer[];

const entryOf = (p: PrintedEntry): CheckOutputEntry => JSON.parse(fromUtf8.decode(p.json ?? p.text)) as CheckOutputEntry;

/**
 * Reports of the same agency for consecutive years among the inputs: the later one also
 * gets the cross-year checks, and is printed again. Only the paired entries are read back.
 */
export function addCrossYearPrinted(printed: PrintedEntry[], mode: OutputMode): void {
  const dated = printed.flatMap((p) => (p.pairing ? [{ printed: p, report: p.pairing, source: p.source }] : []));
  const pairs = previousReports(dated);
  if (pairs.size === 0) return;
  const byIdentity = new Map(dated.map((d) => [d.report, d.printed]));
  const read = new Map<PrintedEntry, CheckOutputEntry>();
  const entry = (p: PrintedEntry) => read.get(p) ?? read.set(p, entryOf(p)).get(p)!;
  for (const [item, previous] of pairs) {
    const e = entry(item.printed);
    const before = entry(byIdentity.get(previous.report)!);
    Object.assign(e, withPrevious(e, e.report!, { report: before.report!, source: previous.source, renamed: previous.renamed }));
  }
  // printed again only after every pair is made: an entry can be both the year before of one and the later year of another
  for (const [item] of pairs) Object.assign(item.printed, printEntry(entry(item.printed), mode));
}

/** The listing's closing summary; `files` = how many files were read. */
function tableSummary(printed: readonly PrintedEntry[], files: number): string {
  const reports = printed.filter((p) => p.counts.detected).length;
  const withErrors = printed.filter((p) => p.counts.detected && p.counts.hasErrors).length;
  const unreadable = printed.filter((p) => p.counts.unreadable).length;
  const others = printed.length - reports - unreadable;
  return [
    '',
    `共 ${files} 个文件：年报 ${reports} 份，其中有错误 ${withErrors} 份；非年报 ${others} 个；无法读取 ${unreadable} 个。`,
    `${files} files: ${reports} reports (${withErrors} with errors), ${others} not reports, ${unreadable} unreadable.`,
  ].join('\n');
}

/**
 * The whole output as pieces to write in order: never one string (a JSON array of a few
 * thousand report entries would pass V8's longest string, ~512 M characters).
 */
export function* outputPieces(printed: readonly PrintedEntry[], mode: OutputMode, files = printed.length): Generator<string | Uint8Array> {
  if (mode === 'json') {
    if (printed.length === 0) return yield '[]\n';
    for (let i = 0; i < printed.length; i++) yield* [i === 0 ? '[\n  ' : ',\n  ', printed[i]!.text];
    return yield '\n]\n';
  }
  if (mode === 'csv') {
    yield BOM + csvLine(FINDING_COLUMNS);
    for (const p of printed) if (p.text.length) yield* ['\r\n', p.text];
    return yield '\r\n';
  }
  for (let i = 0; i < printed.length; i++) yield* [i === 0 ? '' : '\n', printed[i]!.text];
  yield `${printed.length ? '\n' : ''}${tableSummary(printed, files)}\n`;
}
