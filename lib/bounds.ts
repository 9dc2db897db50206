// Bounds on what a page supplies, applied before anything read from it is stored or
// sent between the extension's parts (issue 16: a page with a 1 MB <title> reloading
// itself grew the memory's index to 17 MB and slowed every later check). The stored
// data's schema (utils/memory-schema.ts) enforces the same numbers, so a record that
// did not come through here is refused.

import type { Cell, Finding, Report, StructureNote } from './schema';

export const BOUNDS = {
  /** a page's or report's title */
  title: 300,
  agency: 200,
  /** an address (the memory's keys) */
  url: 2_048,
  /** a cell's raw text, as stored (the reader itself reads up to GRID_LIMITS.maxTextPerCell) */
  cellRaw: 200,
  /** row and column labels, notes and units */
  label: 200,
  /** a finding's sentence (ours, but it may quote a label) and its equation */
  message: 1_000,
  /** findings kept per report: one wrong cell gives a handful; a page can't make more matter */
  findings: 500,
  /** reports read on one page (a district's 汇编 holds a few dozen) */
  reportsPerPage: 200,
} as const;

/** `text` cut to `max` characters (the last one an ellipsis when cut). */
export const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const clipOptional = (text: string | undefined, max: number): string | undefined => (text === undefined ? undefined : clip(text, max));

function boundCell(cell: Cell): Cell {
  if (
    cell.raw.length <= BOUNDS.cellRaw &&
    (cell.rowLabel?.length ?? 0) <= BOUNDS.label &&
    (cell.columnLabel?.length ?? 0) <= BOUNDS.label &&
    (cell.note?.length ?? 0) <= BOUNDS.label &&
    (cell.unit?.length ?? 0) <= BOUNDS.label &&
    (cell.hidden?.length ?? 0) <= BOUNDS.label
  )
    return cell;
  const out: Cell = { ...cell, raw: clip(cell.raw, BOUNDS.cellRaw) };
  if (cell.rowLabel !== undefined) out.rowLabel = clip(cell.rowLabel, BOUNDS.label);
  if (cell.columnLabel !== undefined) out.columnLabel = clip(cell.columnLabel, BOUNDS.label);
  if (cell.note !== undefined) out.note = clip(cell.note, BOUNDS.label);
  if (cell.unit !== undefined) out.unit = clip(cell.unit, BOUNDS.label);
  if (cell.hidden !== undefined) out.hidden = clip(cell.hidden, BOUNDS.label);
  return out;
}

function boundNote(note: StructureNote): StructureNote {
  const out = { ...note };
  if (note.shown !== undefined) out.shown = clip(note.shown, BOUNDS.label);
  if (note.official !== undefined) out.official = clip(note.official, BOUNDS.label);
  return out;
}

/** A report with every string taken from the page bounded (cells, labels, notes, title, agency, address). */
export function boundReport(report: Report): Report {
  const cells: Report['cells'] = {};
  for (const key in report.cells) cells[key] = boundCell(report.cells[key]!);
  const out: Report = {
    ...report,
    title: clip(report.title, BOUNDS.title),
    agency: report.agency === null ? null : clip(report.agency, BOUNDS.agency),
    url: report.url === null ? null : clip(report.url, BOUNDS.url),
    pubDate: report.pubDate === null ? null : clip(report.pubDate, 40),
    cells,
    structure: report.structure.slice(0, BOUNDS.findings).map(boundNote),
  };
  if (report.narrative)
    out.narrative = { statements: report.narrative.statements.slice(0, BOUNDS.findings).map((s) => ({ ...s, phrase: clip(s.phrase, BOUNDS.label) })) };
  return out;
}

/** Findings bounded in number and in the length of their sentences. */
export function boundFindings(findings: readonly Finding[]): Finding[] {
  return findings.slice(0, BOUNDS.findings).map((f) => {
    const out: Finding = { ...f, message: clip(f.message, BOUNDS.message), messageEn: clip(f.messageEn, BOUNDS.message) };
    const equation = clipOptional(f.equation, BOUNDS.message);
    if (equation !== undefined) out.equation = equation;
    if (f.related) out.related = { ...f.related, source: clip(f.related.source, BOUNDS.url) };
    return out;
  });
}
