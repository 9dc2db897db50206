// Reading an attachment file as the CLI does (bytes → pdf.js or the DOCX reader → the
// rebuilt HTML in the light DOM → reader and rules), once per file per test run.

import fs from 'node:fs';
import path from 'node:path';
import { readAndCheckAttachment, type AttachmentResult } from '../../cli/attachment';
import type { PageCheck } from '../../lib/check';
import type { Report } from '../../lib/schema';

export const ATTACHMENTS = path.resolve(import.meta.dirname, '../fixtures/attachments');
export const REAL = path.join(ATTACHMENTS, 'real');
export const PRODUCED = path.join(ATTACHMENTS, 'produced');
export const PAGES = path.resolve(import.meta.dirname, '../fixtures/pages');

const cache = new Map<string, Promise<AttachmentResult>>();

/** The result of reading and checking a fixture file (cached: pdf.js takes 0.2–1 s a file). */
export function readFixture(file: string): Promise<AttachmentResult> {
  let r = cache.get(file);
  if (!r) cache.set(file, (r = readAndCheckAttachment(new Uint8Array(fs.readFileSync(file)), path.basename(file))));
  return r;
}

/** The one report of a result, with its check. */
export function onlyReport(r: AttachmentResult): { report: Report; check: PageCheck } {
  if (!r.check) throw new Error(`not checked: ${r.failure?.code} ${r.failure?.detail ?? ''}`);
  const checks = r.check.checks;
  if (checks.length !== 1 || !checks[0]!.reading.report) throw new Error(`expected one report, got ${checks.length} (${checks[0]?.reading.kind})`);
  return { report: checks[0]!.reading.report, check: checks[0]! };
}

export const APP_COLUMNS = ['naturalPerson', 'commercial', 'research', 'social', 'legalService', 'otherOrg', 'total'] as const;
export const REVIEW_KEYS = ['review', 'litigationDirect', 'litigationAfterReview'].flatMap((g) =>
  ['upheld', 'corrected', 'other', 'pending', 'total'].map((f) => `review.${g}.${f}`),
);
