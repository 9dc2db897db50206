// Reading one table cell's text as a number, keeping how it was read.
// Nothing is guessed silently: every non-plain reading is named in `readAs`.

import type { ReadAs } from '../schema';
import { HAS_HAN, cleanText } from '../text';

export type { ReadAs };

export interface CellValue {
  raw: string;
  value: number | null;
  readAs: ReadAs[];
  unit?: string;
  note?: string;
}

const DASH_ONLY = /^[-‐‑‒–—―－─━~～/／\\]+$/;
const NONE_WORDS = new Set(['无', '没有', '暂无', '零']);
const NA_WORDS = new Set(['不适用', 'N/A', 'n/a', 'NA', '不涉及']);
const FULL_WIDTH = /[０-９．，＋－]/;
const FULL_WIDTH_ALL = /[０-９．，＋－]/g;
/**
 * A number and what follows it. The rest is `[^]*`, not `.*$`: the text is cleanText'd, so it
 * holds no line break, and `.*$` failing at one would retry every split of the digits.
 */
const NUMBER = /^([+\-−])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([^]*)$/;
const UNIT = /^(万元|元|件|个|项|条|次|人次|宗|家)/;
const NOTE = /^[(（【\[].*[)）】\]]$/;
const NOTE_BRACKETS = /^[(（【\[]|[)）】\]]$/g;

/** Plain digits, the usual cell: read without the general path's allocations. */
const PLAIN_DIGITS = /^\d{1,15}$/;
/** The reading of every plain number, shared (a page of 100 reports has 30,000 of them); frozen, as no reader changes a reading. */
const PLAIN: ReadAs[] = Object.freeze(['number']) as unknown as ReadAs[];

/** The reading of a cell known to hold plain digits only (at most 15 of them). */
export const plainNumber = (digits: string): CellValue => ({ raw: digits, value: Number(digits), readAs: PLAIN });

export function readCellValue(rawText: string): CellValue {
  const raw = rawText;
  if (PLAIN_DIGITS.test(raw)) return plainNumber(raw);
  let s = cleanText(rawText);
  if (s === '') return { raw, value: 0, readAs: ['blank'] };
  const readAs: ReadAs[] = [];
  if (FULL_WIDTH.test(s)) {
    s = s.replace(FULL_WIDTH_ALL, (c) => c.normalize('NFKC'));
    readAs.push('fullWidth');
  }
  if (DASH_ONLY.test(s)) return { raw, value: 0, readAs: [...readAs, 'dash'] };
  if (NONE_WORDS.has(s)) return { raw, value: 0, readAs: ['none'] };
  if (NA_WORDS.has(s)) return { raw, value: 0, readAs: ['notApplicable'] };

  const m = NUMBER.exec(s);
  if (!m) return { raw, value: null, readAs: [...readAs, 'unreadable'] };
  const [, sign, intPart = '', frac, restRaw = ''] = m;
  if (intPart.includes(',')) readAs.push('thousands');
  if (frac) readAs.push('decimal');
  if (sign) readAs.push('signed');
  let rest = restRaw.trim();
  let unit: string | undefined;
  let note: string | undefined;
  const u = UNIT.exec(rest);
  if (u) {
    unit = u[1];
    rest = rest.slice(unit!.length).trim();
    readAs.push('unit');
  }
  if (rest !== '') {
    if (!NOTE.test(rest)) return { raw, value: null, readAs: [...readAs.filter((r) => r === 'fullWidth'), 'unreadable'] };
    note = rest.replace(NOTE_BRACKETS, '');
    readAs.push('note');
  }
  if (readAs.length === 0 || readAs.every((r) => r === 'decimal')) readAs.unshift('number');
  const magnitude = Number(intPart.replace(/,/g, '') + (frac ?? ''));
  // 17+ digits cannot be represented exactly: unreadable, never a rounded guess
  if (!Number.isSafeInteger(Math.trunc(magnitude))) return { raw, value: null, readAs: ['unreadable'] };
  const value = sign === '-' || sign === '−' ? -magnitude : magnitude;
  return { raw, value, readAs, ...(unit && { unit }), ...(note && { note }) };
}

/**
 * A table cell's reading, computed once: the extractors ask about the same cell several
 * times (label or value? which row?) before the builder keeps its value.
 */
export function cellReading(cell: { text: string; reading: CellValue | undefined }): CellValue {
  return (cell.reading ??= readCellValue(cell.text));
}

/**
 * A label rather than a value: Han text that does not read as a number (无 reads as 0, so
 * it is a value). Known once per cell: the extractors ask it of each cell several times.
 */
export const isLabelCell = (cell: { text: string; reading: CellValue | undefined; isLabel: boolean | undefined }): boolean =>
  (cell.isLabel ??= HAS_HAN.test(cell.text) && cellReading(cell).value === null);

/** True when the cell holds a digit or a zero marker, i.e. it looks like a value rather than a label. */
export function looksLikeValue(text: string): boolean {
  const v = readCellValue(text);
  return v.value !== null && !v.readAs.includes('blank');
}

/** Every pattern of this module that runs on cell text (see pageTextPatterns in ../detect.ts). */
export const pageTextPatterns = (): RegExp[] => [DASH_ONLY, FULL_WIDTH, FULL_WIDTH_ALL, NUMBER, UNIT, NOTE, NOTE_BRACKETS, PLAIN_DIGITS];
