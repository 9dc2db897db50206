// Text normalisation shared by label matching and cell reading.

import { memoize } from './memo';

/** One whitespace character of any kind: NBSP, ideographic space, zero-width. */
export const SPACE_CHAR = /[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]/;
const SPACE_LIKE = new RegExp(`${SPACE_CHAR.source}+`, 'g');

/** Collapse every kind of whitespace (NBSP, ideographic space, zero-width) to one space and trim. */
export function cleanText(s: string): string {
  // most cells are a number padded by the markup's line breaks: trimmed, nothing inside to collapse
  const t = s.trim();
  return SPACE_CHAR.test(t) ? t.replace(SPACE_LIKE, ' ').trim() : t;
}

/**
 * A label as matchers see it: full-width forms folded (NFKC: （ → (, １ → 1, ： → :),
 * all whitespace removed (labels are letter-spaced or broken by <br> on real pages),
 * and ordinal punctuation unified ("1、" / "1．" → "1.").
 */
const ASCII_DIGITS = /^\d*$/;

export function normLabel(s: string): string {
  if (ASCII_DIGITS.test(s)) return s; // a value cell: nothing to fold
  // the same few hundred label texts recur in every report (100 on a consolidated page): fold each once
  return foldOnce(s);
}

/** 1、 / 1, after anything but a digit (3,607 is a number) */
const ORDINAL_COMMA = /(^|[^\d])(\d{1,2})[、,]/g;

function fold(s: string): string {
  return s
    .normalize('NFKC')
    .replace(SPACE_LIKE, '')
    .replace(ORDINAL_COMMA, '$1$2.')
    .replace(/[“”"'‘’]/g, '');
}
const foldOnce = memoize(fold, { limit: 20_000 });

/** Quick test for Han characters, the mark of a label cell. */
export const HAS_HAN = /[\u3400-\u9fff]/;

/**
 * The key of the first [key, pattern] pair whose pattern matches `text`. An index loop:
 * the reader runs cold (once per page, never optimised), and there every destructured
 * pair and every for…of step allocates an iterator object.
 */
export function firstMatch<K>(matchers: readonly (readonly [K, RegExp])[], text: string): K | undefined {
  for (let i = 0; i < matchers.length; i++) if (matchers[i]![1].test(text)) return matchers[i]![0];
  return undefined;
}

/** Every pattern of this module that runs on page text (see pageTextPatterns in ./detect.ts). */
export const pageTextPatterns = (): RegExp[] => [SPACE_CHAR, SPACE_LIKE, ASCII_DIGITS, ORDINAL_COMMA, HAS_HAN];
