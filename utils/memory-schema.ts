// The stored report memory's schema, version by version, and what a page may hand the
// background to remember. Everything read back from storage.local is parsed with these
// before it is used: an entry that fails is dropped and counted, never guessed at (a
// stored cell value "470" would otherwise have made 470 + 62 − 33 into "47029").
// Only the background imports this (zod stays out of the content script and popup).

import { z } from 'zod';
import { BOUNDS, boundReport } from '../lib/bounds';

// zod compiles object parsers with `new Function` where a page's CSP allows it; the
// extension's never does (MV3), and store reviewers ask for no eval: say so outright.
z.config({ jitless: true });
import { FindingSchema, ReportSchema, SeveritySchema } from '../lib/schema';

/** The layout of storage.local this build writes; older layouts are migrated on start (memory.ts). */
export const STORAGE_VERSION = 2;

const bounded = (max: number) => z.string().max(max);
const Counts = z.object({ error: z.number().int().nonnegative(), warning: z.number().int().nonnegative(), info: z.number().int().nonnegative() });

/** A report as stored: the reader's schema, with every string taken from the page within BOUNDS. */
export const StoredReportSchema = ReportSchema.refine((r) => JSON.stringify(boundReport(r)) === JSON.stringify(r), 'a string of the report exceeds its bound');

const Findings = z.array(FindingSchema).max(BOUNDS.findings);

/** What identifies a remembered report and counts its findings: the same in the index and in what a page hands over. */
const Identity = z.object({
  url: bounded(BOUNDS.url + 8),
  title: bounded(BOUNDS.title),
  agency: bounded(BOUNDS.agency).nullable(),
  year: z.number().int().nullable(),
  format: z.enum(['2021', '2019']),
  counts: Counts,
  checkedAt: bounded(40),
});

/** What the background is asked to remember of a report (from the checker, or migrated). */
export const RememberedReportSchema = Identity.extend({ report: StoredReportSchema, findings: Findings });

/** One index entry (v2): identity and counts, the finding ids for open counts; the findings stay in the record. */
export const IndexEntrySchema = Identity.extend({
  /** finding id → severity: the history's open counts subtract the reviewer's verdicts */
  findingIds: z.record(bounded(BOUNDS.label + 100), SeveritySchema).refine((ids) => Object.keys(ids).length <= BOUNDS.findings, 'too many findings'),
  /** identity borrowed from the page (a report of a shared page without its own heading): never paired */
  borrowed: z.boolean(),
  /** remembered from a page fetched on the reviewer's click */
  fetched: z.boolean(),
  /** the record's size in characters (for the memory's cap) */
  bytes: z.number().int().nonnegative(),
});

/** One record (v2), under `report:<key>`. */
export const RecordSchema = z.object({ report: StoredReportSchema, findings: Findings });

/** The version-1 layout (before issue 16): findings in the index, the bare report as the record. */
export const V1IndexEntrySchema = z.object({
  url: z.string(),
  title: z.string(),
  checkedAt: z.string(),
  findings: z.array(FindingSchema),
  borrowed: z.boolean().optional(),
});

export const PairingChoicesSchema = z.record(bounded(BOUNDS.url + 8), bounded(BOUNDS.url + 8));

export type IndexEntry = z.infer<typeof IndexEntrySchema>;
