// CSV that opens correctly in Excel and WPS: UTF-8 with a byte-order mark, every
// field quoted, and cells that a spreadsheet would run as a formula neutralised.

import { keyLabel } from '../keys';
import type { Finding, Report } from '../schema';

export const BOM = '\ufeff';

/** A field starting with = + - @, tab or CR is a formula to Excel: prefix it with an apostrophe. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvField(value: unknown): string {
  // a number is data, never a formula: -3 stays a number in the spreadsheet
  const s = value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : neutralise(String(value));
  return `"${s.replace(/"/g, '""')}"`;
}

/** One CSV line, every field quoted and neutralised (no line break). */
export const csvLine = (row: readonly unknown[]): string => row.map(csvField).join(',');

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return BOM + [header, ...rows].map(csvLine).join('\r\n') + '\r\n';
}

export interface FindingRowContext {
  source: string;
  report: Report | null | undefined;
  /** reviewer's status for the finding (open, 误报, 已核实); the CLI has none */
  status?: (f: Finding) => string;
}

export const FINDING_COLUMNS = [
  'source',
  'agency',
  'year',
  'format',
  'ruleId',
  'severity',
  'status',
  'cell',
  'cellLabel',
  'shown',
  'expected',
  'actual',
  'equation',
  'message',
  'messageEn',
  'cells',
  'groupedUnder',
] as const;

export function findingRows(ctx: FindingRowContext, findings: readonly Finding[]): unknown[][] {
  return findings.map((f) => {
    const cell = f.cells[0] ?? '';
    return [
      ctx.source,
      ctx.report?.agency ?? '',
      ctx.report?.year ?? '',
      ctx.report?.format ?? '',
      f.ruleId,
      f.severity,
      ctx.status?.(f) ?? 'open',
      cell,
      cell ? keyLabel(cell, ctx.report?.format) : '',
      cell ? (ctx.report?.cells[cell]?.raw ?? '') : '',
      f.expected ?? '',
      f.actual ?? '',
      f.equation ?? '',
      f.message,
      f.messageEn,
      f.cells.join(' '),
      f.groupedUnder ?? '',
    ];
  });
}

/** The extracted tables in a tidy long form a journalist can pivot: one row per cell. */
export const TABLE_COLUMNS = ['source', 'agency', 'year', 'table', 'key', 'rowLabel', 'columnLabel', 'raw', 'value', 'readAs'] as const;

export function tableRows(source: string, report: Report): unknown[][] {
  return Object.entries(report.cells).map(([key, c]) => [
    source,
    report.agency ?? '',
    report.year ?? '',
    key.split('.')[0],
    key,
    c.rowLabel ?? '',
    c.columnLabel ?? '',
    c.raw,
    c.value ?? '',
    c.readAs.join('+'),
  ]);
}
