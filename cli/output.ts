// The batch checker's output, one entry at a time: the readable listing, the CSV rows of
// its findings, or its JSON (../shared/domain/schema-keys.md). Entries are printed where
// they were checked (a worker thread), so the main thread only spools, pairs and writes:
// holding, copying and printing a few thousand report entries (~60 KB of JSON each) on the
// main thread was a fifth of a large batch's time, all of it after the last page was
// checked, and holding them all took 2.7 GB for 10,000 reports (OutputSpool).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withPrevious } from '../lib/check';
import { borrowsIdentity, previousReports, type PairingIdentity } from '../lib/pairing';
import { BOM, csvLine, FINDING_COLUMNS, findingRows } from '../lib/export/csv';
import type { CheckOutputEntry, Finding, Severity } from '../lib/schema';
import { LISTING_WORDS, TERMS } from '../lib/vocabulary';
import { countBySeverity } from '../lib/severity';

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
   * the worker without a copy and spooled as it is (OutputSpool), in 55% of the bytes a string
   * of it would take (its Chinese text makes it a two-byte string; 10,000 report entries are
   * ~1 GB of JSON)
   */
  text: Uint8Array;
  /** the entry as JSON (UTF-8) when it could be paired and `text` is not JSON already: read back for the cross-year checks */
  json: Uint8Array | null;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

const { zh: ZH, en: EN } = LISTING_WORDS;
/** a finding's tag: the Chinese word and the severity's id (as in the JSON) */
const severityTag = (s: Severity) => `${TERMS.zh.severity[s]} ${s}`;
// page text may hold control characters (terminal escapes): the listing shows them as �
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Where an attachment's cell is: 第3页 (page 3) of a PDF, 表2 行6 格3 of a DOCX (1-based); nothing for a web page. */
function where(r: NonNullable<CheckOutputEntry['report']>, key: string): string {
  const ref = r.cells[key]?.ref;
  if (ref?.page) return ` · ${ZH.pdfPage(ref.page)} / ${EN.pdfPage(ref.page)}`;
  if (ref?.docx) return ` · ${ZH.docxCell(ref.docx[0] + 1, ref.docx[1] + 1, ref.docx[2] + 1)}`;
  return '';
}

/** The readable listing's block for one entry. */
function tableBlock(e: CheckOutputEntry): string {
  if (e.error) return `✗ ${e.source}\n    ${ZH.unreadable} / ${EN.unreadable}: ${e.error}`;
  if (!e.detected || !e.report)
    return [`– ${e.source}\n    ${ZH.notReport} / ${EN.notReport} (${e.kind})`, ...e.findings.map((f) => `    ${f.message}`)].join('\n');
  const r = e.report;
  const { error: errors, warning: warnings, info: infos } = countBySeverity(e.findings);
  const lines = [
    `${errors ? '✗' : warnings ? '!' : '✓'} ${e.source}`,
    `    ${ZH.report(r.agency ?? ZH.agencyUnknown, String(r.year ?? '?'), r.format, errors, warnings, infos, e.passed.length, e.incomplete.length)}`,
  ];
  for (const f of e.findings) {
    const indent = f.groupedUnder ? '        ↳ ' : '    ';
    lines.push(`${indent}[${severityTag(f.severity)}] ${f.message}${f.cells[0] ? `  〈${f.cells[0]}${where(r, f.cells[0])}〉` : ''}`);
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

/** Where one printed entry waits in the spool file, with what the main thread needs of it. */
interface Slot {
  source: string;
  pairing: PairingIdentity | null;
  counts: PrintedEntry['counts'];
  /** its text's offset in the file; its JSON (when kept) follows the text */
  at: number;
  text: number;
  json: number;
}

/**
 * The command's output while the batch runs. Entries come in as their files are checked,
 * in any order, and can be written only at the end: the year before of any report may be
 * the last input, and the later year is printed again with the cross-year checks. So each
 * printed entry goes to a temporary file as it comes (removed from the directory as soon
 * as it is opened: nothing is left behind, whatever happens), and this thread keeps only
 * what pairing and the listing's summary need: its source, who and which year, its counts
 * and where its bytes are. Holding the entries themselves, 10,000 reports took 2.7 GB.
 * At the end (pieces): pairs are made from the identities, and the output is read back in
 * input order, a later year's entry read, checked against its year before and printed again.
 */
export class OutputSpool {
  private readonly fd: number;
  private size = 0;
  private readonly slots: Slot[][] = [];
  /** the file when it could not be removed while open (Windows): removed by close() */
  private leftover: string | null = null;

  constructor(
    private readonly mode: OutputMode,
    dir = os.tmpdir(),
  ) {
    const tmp = fs.mkdtempSync(path.join(dir, 'gip-check-'));
    const file = path.join(tmp, 'entries');
    this.fd = fs.openSync(file, 'w+', 0o600);
    try {
      fs.rmSync(tmp, { recursive: true });
    } catch {
      this.leftover = tmp;
    }
  }

  /** One input's printed entries (one per report; none kept in memory). */
  add(index: number, printed: readonly PrintedEntry[]): void {
    this.slots[index] = printed.map((p) => {
      const slot: Slot = { source: p.source, pairing: p.pairing, counts: p.counts, at: this.size, text: p.text.length, json: p.json?.length ?? 0 };
      this.append(p.text);
      if (p.json) this.append(p.json);
      return slot;
    });
  }

  private append(bytes: Uint8Array): void {
    for (let off = 0; off < bytes.length;) off += fs.writeSync(this.fd, bytes, off, bytes.length - off, this.size + off);
    this.size += bytes.length;
  }

  private read(at: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    for (let off = 0; off < length;) {
      const n = fs.readSync(this.fd, buf, off, length - off, at + off);
      if (n === 0) throw new Error('output spool: file cut short');
      off += n;
    }
    return buf;
  }

  /** The entry as JSON, read back (its JSON follows its text, or is its text in --json). */
  private entry(slot: Slot): CheckOutputEntry {
    const bytes = slot.json ? this.read(slot.at + slot.text, slot.json) : this.read(slot.at, slot.text);
    return JSON.parse(fromUtf8.decode(bytes)) as CheckOutputEntry;
  }

  /**
   * The whole output as pieces to write in order, each entry read back as it is written:
   * never one string (a JSON array of a few thousand report entries would pass V8's longest
   * string, ~512 M characters), nor every entry at once. `files` = how many files were read.
   */
  *pieces(files?: number): Generator<string | Uint8Array> {
    const slots = this.slots.flat();
    // reports of one agency for consecutive years among the inputs: the later one also gets the cross-year checks
    const dated = slots.flatMap((slot) => (slot.pairing ? [{ report: slot.pairing, source: slot.source, slot }] : []));
    const pairs = previousReports(dated);
    const slotOf = new Map(dated.map((d) => [d.report, d.slot]));
    const previous = new Map<Slot, { slot: Slot; source: string; renamed: boolean }>();
    for (const [item, p] of pairs) previous.set(item.slot, { slot: slotOf.get(p.report)!, source: p.source, renamed: p.renamed });
    const summary = { entries: 0, reports: 0, withErrors: 0, unreadable: 0 };
    const texts = this.texts(slots, previous, summary);
    if (this.mode === 'json') {
      let first = true;
      for (const text of texts) {
        yield* [first ? '[\n  ' : ',\n  ', text];
        first = false;
      }
      return yield first ? '[]\n' : '\n]\n';
    }
    if (this.mode === 'csv') {
      yield BOM + csvLine(FINDING_COLUMNS);
      for (const text of texts) if (text.length) yield* ['\r\n', text];
      return yield '\r\n';
    }
    let first = true;
    for (const text of texts) {
      yield* [first ? '' : '\n', text];
      first = false;
    }
    yield `${summary.entries ? '\n' : ''}${tableSummary(summary, files ?? summary.entries)}\n`;
  }

  /** Each entry's text in input order, a later year's printed again with the year before; counted in `summary` as they go. */
  private *texts(
    slots: readonly Slot[],
    previous: ReadonlyMap<Slot, { slot: Slot; source: string; renamed: boolean }>,
    summary: Summary,
  ): Generator<Uint8Array> {
    for (const slot of slots) {
      const before = previous.get(slot);
      let text: Uint8Array;
      let counts = slot.counts;
      if (before) {
        const e = this.entry(slot);
        Object.assign(e, withPrevious(e, e.report!, { report: this.entry(before.slot).report!, source: before.source, renamed: before.renamed }));
        ({ text, counts } = printEntry(e, this.mode));
      } else text = this.read(slot.at, slot.text);
      summary.entries++;
      if (counts.detected) summary.reports++;
      if (counts.detected && counts.hasErrors) summary.withErrors++;
      if (counts.unreadable) summary.unreadable++;
      yield text;
    }
  }

  /** Close and remove the file. */
  close(): void {
    fs.closeSync(this.fd);
    if (this.leftover) fs.rmSync(this.leftover, { recursive: true, force: true });
    this.leftover = null;
  }
}

/** What the listing's closing summary counts. */
interface Summary {
  entries: number;
  reports: number;
  withErrors: number;
  unreadable: number;
}

/** The listing's closing summary; `files` = how many files were read. */
function tableSummary(s: Summary, files: number): string {
  const others = s.entries - s.reports - s.unreadable;
  return ['', ZH.summary(files, s.reports, s.withErrors, others, s.unreadable), EN.summary(files, s.reports, s.withErrors, others, s.unreadable)].join('\n');
}
