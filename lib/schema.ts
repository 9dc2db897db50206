// The one shared schema: a report read from a page, the findings of the rules, and
// the batch checker's output contract (../shared/domain/schema-keys.md).
// Other modules import only its *types* (`import type`), so zod is bundled only
// where data is actually validated (the CLI, tests, storage).

import { z } from 'zod';
import { MAX_STATEMENT_TEXT, STATEMENT_KINDS } from './narrative/kinds';

export const CANONICAL_KEY = /^(active|applications|review)\.[A-Za-z.]+$/;
const CanonicalKey = z.string().regex(CANONICAL_KEY);

/** How a cell's number was read; anything but `number`/`decimal` is shown to the reader. */
export const ReadAsSchema = z.enum([
  'number', // plain digits
  'blank', // empty cell read as 0
  'dash', // —, -, / read as 0
  'none', // 无 read as 0
  'notApplicable', // 不适用, N/A read as 0
  'fullWidth', // full-width digits (１２)
  'thousands', // thousands separator (12,345)
  'decimal', // has a fractional part
  'signed', // explicit + or - sign
  'unit', // trailing unit such as 元 or 件
  'note', // trailing note in brackets, e.g. 178.2028（仲裁案件收费）
  'unreadable', // could not be read as a number
  'hidden', // the page hides part of the cell's text (CSS, the hidden attribute): left out, as the reader does not see it
]);

/** Where a cell came from: the n-th <table> of the document, its n-th row, the row's n-th cell. */
export const CellRefSchema = z.object({
  table: z.number().int().nonnegative(),
  row: z.number().int().nonnegative(),
  cell: z.number().int().nonnegative(),
  /** a cell of a PDF attachment: its 1-based page and its box there (points, top-left origin: x0, y0, x1, y1) */
  page: z.number().int().positive().optional(),
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  /** a cell of a DOCX attachment: its table, row (w:tr) and cell (w:tc) in the file, 0-based */
  docx: z.tuple([z.number().int(), z.number().int(), z.number().int()]).optional(),
});

export const CellSchema = z.object({
  raw: z.string(),
  value: z.number().nullable(),
  readAs: z.array(ReadAsSchema).min(1),
  unit: z.string().optional(),
  note: z.string().optional(),
  /** the text the page hides in the cell, left out of the reading (see readAs 'hidden') */
  hidden: z.string().optional(),
  /** the row and column labels exactly as the page shows them */
  rowLabel: z.string().optional(),
  columnLabel: z.string().optional(),
  ref: CellRefSchema,
});

export const SeveritySchema = z.enum(['error', 'warning', 'info']);

/**
 * Something the reader could not read or that deviates from the national template: a
 * fact, not a judgement (how serious it is, and its words, are format.structure's and
 * format.labelVariant's).
 */
export const StructureNoteSchema = z.object({
  code: z.enum([
    'tableMissing',
    'tablesAsImages',
    'headerMissing',
    'rowMissing',
    'rowUnrecognised',
    'rowDuplicated',
    'cellCount',
    'cellsRealigned',
    'tableSplit',
    'tableTruncated',
    'labelVariant',
    'extraColumn',
    'extraRows',
    // a header the reader cannot name (nor take for one official label): its column is not read
    'columnUnrecognised',
    // a report for a year before the national template (2018 and earlier): its tables are its own, not read
    'preTemplate',
    'multipleReports',
    // an attachment (PDF, DOCX) whose table rows did not come out in the official order: not checked (attachment.unreadableTable)
    'unreadableTable',
  ]),
  /** @deprecated written by readers before the rules judged notes; still accepted in stored reports, ignored */
  severity: SeveritySchema.optional(),
  table: z.enum(['active', 'applications', 'review', 'document']),
  /** canonical keys concerned, if any */
  cells: z.array(CanonicalKey),
  /** the page's own text (label, row) the note is about */
  shown: z.string().optional(),
  official: z.string().optional(),
  count: z.number().optional(),
  expectedCount: z.number().optional(),
  ref: CellRefSchema.optional(),
});

/** A number the report's own text states, e.g. “予以公开及部分公开258件” (lib/narrative/extract.ts). */
export const StatementSchema = z.object({
  kind: z.enum(STATEMENT_KINDS),
  value: z.number(),
  /** the sentence, cut around the statement when longer than MAX_STATEMENT_TEXT */
  text: z.string().max(MAX_STATEMENT_TEXT),
  /** the words stated, e.g. 予以公开及部分公开258件 */
  phrase: z.string(),
  /** offsets of `phrase` in the narrative text: the article's text lines, tables left out, joined by \n */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

/** A phrase of the report's text that states the reporting year, quoted (at most 120 characters). */
export const YearStatementSchema = z.object({ year: z.number().int(), text: z.string().max(120) });

/**
 * What the page says about the report itself (lib/document-facts.ts): the years its title,
 * 统计期限 sentence and opening state, and where `pubDate` came from. Absent in reports
 * stored before it existed.
 */
export const DocumentInfoSchema = z.object({
  /** the year the title names; null when it names none, or the page's titles name different years */
  titleYear: z.number().int().nullable(),
  /** 统计期限自2023年1月1日起至2023年12月31日止: the year it starts in, the year it ends in (when written) */
  period: YearStatementSchema.extend({ endYear: z.number().int().nullable() }).nullable(),
  /** an opening phrase naming the report's year: 现将2023年度…报告如下 */
  opening: YearStatementSchema.nullable(),
  /** where `pubDate` came from: a <meta> (PubDate, firstpublishedtime) or the date shown near the title (发布时间：…) */
  pubDateSource: z.enum(['meta', 'page']).nullable(),
  /** one of several reports on a page (a 汇编): the page's date is the compilation's, not necessarily this report's */
  consolidated: z.boolean().optional(),
});

export const ReportSchema = z.object({
  title: z.string(),
  agency: z.string().nullable(),
  agencySource: z.enum(['title', 'signature', 'meta', 'none']),
  year: z.number().int().nullable(),
  format: z.enum(['2021', '2019']),
  formatSource: z.enum(['outcomeRows', 'activeHeaders', 'year']),
  url: z.string().nullable(),
  pubDate: z.string().nullable(),
  /** every cell read, by canonical key */
  cells: z.record(CanonicalKey, CellSchema),
  structure: z.array(StructureNoteSchema),
  /** what the text says in numbers, to compare with the tables (absent: the text was not read) */
  narrative: z.object({ statements: z.array(StatementSchema) }).optional(),
  /** the reporting year as the title and text state it, and the source of pubDate (absent: not read) */
  document: DocumentInfoSchema.optional(),
});

export const FindingSchema = z.object({
  /** stable within a result: ruleId + scope */
  id: z.string(),
  ruleId: z.string(),
  severity: SeveritySchema,
  /** canonical keys involved; the first is the cell to highlight */
  cells: z.array(CanonicalKey),
  expected: z.number().nullable().optional(),
  actual: z.number().nullable().optional(),
  /** zh-CN sentence */
  message: z.string(),
  messageEn: z.string(),
  /** the identity with its numbers, e.g. "258 + 12 + 1 + 1 = 272 ≠ 0" */
  equation: z.string().optional(),
  /** set on findings that follow from another finding's cell (one wrong cell breaks a row and a column) */
  groupedUnder: z.string().optional(),
  /** set on the finding whose first cell is the likely single wrong cell */
  likelyCause: z.string().optional(),
  /** cross-year findings: the other report (its year and URL or file) and its cells */
  related: z.object({ source: z.string(), year: z.number().int().nullable(), cells: z.array(CanonicalKey) }).optional(),
});

export const CheckRecordSchema = z.object({
  ruleId: z.string(),
  scope: z.string(),
  cells: z.array(CanonicalKey),
  /** for incomplete checks: why they could not be decided */
  reason: z.string().optional(),
});

export const PageKindSchema = z.enum(['report', 'template', 'list', 'numeric', 'news', 'unreadable']);

/** One element of `npm run check -- --json` output. */
export const CheckOutputEntrySchema = z.object({
  source: z.string(),
  detected: z.boolean(),
  kind: PageKindSchema,
  report: ReportSchema.nullable().optional(),
  findings: z.array(FindingSchema),
  passed: z.array(CheckRecordSchema),
  incomplete: z.array(CheckRecordSchema),
  /** set when the input could not be read at all; the run goes on */
  error: z.string().optional(),
});
export const CheckOutputSchema = z.array(CheckOutputEntrySchema);

export type ReadAs = z.infer<typeof ReadAsSchema>;
export type CellRef = z.infer<typeof CellRefSchema>;
export type Cell = z.infer<typeof CellSchema>;
export type Severity = z.infer<typeof SeveritySchema>;
export type StructureNote = z.infer<typeof StructureNoteSchema>;
export type Statement = z.infer<typeof StatementSchema>;
export type YearStatement = z.infer<typeof YearStatementSchema>;
export type DocumentInfo = z.infer<typeof DocumentInfoSchema>;
export type Report = z.infer<typeof ReportSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type CheckRecord = z.infer<typeof CheckRecordSchema>;
export type PageKind = z.infer<typeof PageKindSchema>;
export type CheckOutputEntry = z.infer<typeof CheckOutputEntrySchema>;
