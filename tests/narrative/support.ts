// Narrative tests: a report with a text, read by the extractor as lib/read.ts does.

import { readNarrative } from '../../lib/narrative/extract';
import type { Report, Statement } from '../../lib/schema';

/** The report with the narrative of `text` (one line per \n), read for the report's year. */
export const withText = (report: Report, text: string): Report => ({ ...report, narrative: readNarrative(text.split('\n'), { year: report.year }) });

/** What a text states, as [kind, value] pairs in order. */
export const said = (text: string, year: number | null = 2021): [Statement['kind'], number][] =>
  readNarrative(text.split('\n'), { year }).statements.map((s) => [s.kind, s.value]);
