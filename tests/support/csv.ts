// The tests' CSV oracle: csv-parse, an independent RFC 4180 parser, reads what our
// exporters (lib/export/csv.ts) write, so a quoting mistake of ours cannot hide behind a
// parser that shares it.

import { parse } from 'csv-parse/sync';

/** Rows of fields; strict: an unbalanced quote or a stray character throws. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, record_delimiter: ['\r\n', '\n'] }) as string[][];
}

/** Rows, and whether every field was quoted (as our exporters quote every field). */
export function parseCsvQuoting(text: string): { rows: string[][]; allQuoted: boolean } {
  let allQuoted = true;
  const rows = parse(text, {
    bom: true,
    relax_column_count: true,
    cast: (value, context) => {
      if (!context.quoting) allQuoted = false;
      return value;
    },
  }) as string[][];
  return { rows, allQuoted };
}
