// Checking a report published as a PDF or DOCX file in Node: recognise the file by its
// bytes, rebuild its tables and text (lib/attachment), parse that HTML with the light DOM
// and run the same reader and rules as for a saved page. A scan, a legacy .doc/.wps, an
// .ofd, an encrypted or broken file gets its entry with the reason, never a crash.

import path from 'node:path';
import {
  checkAttachment,
  failure,
  readDocx,
  readPdfPages,
  sniffAttachment,
  type AttachmentCheck,
  type AttachmentFailure,
  type AttachmentReading,
} from '../lib/attachment/index';
import type { CheckOutputEntry } from '../lib/schema';
import { checkPageBytes, entriesOf, parseDocument, readPageFile, unreadableEntry } from './check-file';
import { pdfPageContents } from './pdf-node';

/** File names the batch treats as attachments whatever their bytes (their bytes decide how they are read). */
export const ATTACHMENT_EXT = /\.(pdf|docx|doc|wps|ofd)$/i;

/** Whether bytes are an attachment (PDF, Office zip, Compound File Binary) rather than a saved page. */
export function looksLikeAttachment(bytes: Uint8Array, name: string): boolean {
  if (ATTACHMENT_EXT.test(name)) return true;
  const b = bytes;
  return (
    (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) ||
    (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) ||
    (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0)
  );
}

export interface AttachmentResult {
  reading: AttachmentReading | null;
  check: AttachmentCheck | null;
  /** why the file was not read or checked (also in check.failure when there is a reading) */
  failure?: AttachmentFailure;
}

/** Read and check an attachment's bytes. Never throws. */
export async function readAndCheckAttachment(bytes: Uint8Array, name?: string): Promise<AttachmentResult> {
  const sniffed = sniffAttachment(bytes, name);
  if ('refusal' in sniffed) return { reading: null, check: null, failure: sniffed.refusal };
  let reading: AttachmentReading;
  try {
    if (sniffed.kind === 'docx') reading = readDocx(bytes, name);
    else {
      const pages = await pdfPageContents(bytes);
      if (!Array.isArray(pages)) return { reading: null, check: null, failure: failure(pages.code, pages.detail) };
      reading = readPdfPages(pages, name);
    }
  } catch (e) {
    return { reading: null, check: null, failure: failure('broken', e instanceof Error ? e.message : String(e)) };
  }
  if (reading.failure) return { reading, check: null, failure: reading.failure };
  const check = checkAttachment(reading, parseDocument(reading.html));
  return { reading, check, ...(check.failure && { failure: check.failure }) };
}

const reason = (f: AttachmentFailure) => `${f.zh} / ${f.en}${f.detail ? `（${f.detail}）` : ''}`;

/**
 * An attachment's entries in the batch output's contract: one per report, its cells' refs
 * carrying page and box (PDF) or the DOCX table, row and cell; a file that could not be read
 * is one entry with `error` saying why. Never throws.
 */
export async function checkAttachmentBytes(source: string, bytes: Uint8Array): Promise<CheckOutputEntry[]> {
  const { check, failure: fail } = await readAndCheckAttachment(bytes, path.basename(source));
  if (!check) return [unreadableEntry(source, reason(fail ?? failure('unknown')))];
  return entriesOf(source, check.checks);
}

/**
 * Every report of an input file, whatever it is: a PDF or DOCX attachment (or a file named
 * .doc/.wps/.ofd, which gets its reason), else a saved page. Never throws.
 */
export async function checkAnyFileReports(source: string): Promise<CheckOutputEntry[]> {
  let bytes: Buffer;
  try {
    bytes = readPageFile(source);
  } catch (e) {
    return [unreadableEntry(source, e instanceof Error ? e.message : String(e))];
  }
  return looksLikeAttachment(bytes, source) ? checkAttachmentBytes(source, bytes) : checkPageBytes(source, bytes);
}
