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
 * CJK radical code points → the ideographs they look like. PDF text layers (Chrome's print
 * to PDF among them) write 一 as U+2F00 ⼀ and 民 as U+2EA0 ⺠: the same glyph, another
 * character, so 人民 would not match 人⺠. NFKC folds the Kangxi Radicals block
 * (U+2F00–U+2FD5) but, of the CJK Radicals Supplement (U+2E80–U+2EFF), only U+2E9F and
 * U+2EF3. The supplement's table, as code points radical:ideograph, is Unicode's
 * EquivalentUnifiedIdeograph.txt for U+2E81–U+2EF3 (114 lines; U+2E80 and U+2E9A have none).
 */
const RADICAL_SUPPLEMENT: ReadonlyMap<string, string> = new Map(
  `2E81:5382 2E82:4E5B 2E83:4E5A 2E84:4E59 2E85:4EBB 2E86:5182 2E87:20628 2E88:5200 2E89:5202 2E8A:535C 2E8B:353E
2E8C:5C0F 2E8D:5C0F 2E8E:5140 2E8F:5C23 2E90:5C22 2E91:21BC2 2E92:5DF3 2E93:5E7A 2E94:5F51 2E95:2B739
2E96:5FC4 2E97:5FC3 2E98:624C 2E99:6535 2E9B:65E1 2E9C:65E5 2E9D:6708 2E9E:6B7A 2E9F:6BCD 2EA0:6C11 2EA1:6C35
2EA2:6C3A 2EA3:706C 2EA4:722B 2EA5:722B 2EA6:4E2C 2EA7:725B 2EA8:72AD 2EA9:738B 2EAA:24D14 2EAB:76EE 2EAC:793A
2EAD:793B 2EAE:25AD7 2EAF:7CF9 2EB0:7E9F 2EB1:7F53 2EB2:7F52 2EB3:34C1 2EB4:5197 2EB5:2626B 2EB6:7F8A
2EB7:2634C 2EB8:2634B 2EB9:8002 2EBA:8080 2EBB:807F 2EBC:8089 2EBD:26951 2EBE:8279 2EBF:8279 2EC0:8279
2EC1:864E 2EC2:8864 2EC3:8980 2EC4:897F 2EC5:89C1 2EC6:89D2 2EC7:278B2 2EC8:8BA0 2EC9:8D1D 2ECA:27FB7
2ECB:8F66 2ECC:8FB6 2ECD:8FB6 2ECE:8FB6 2ECF:9091 2ED0:9485 2ED1:9577 2ED2:9578 2ED3:957F 2ED4:95E8 2ED5:28E0F
2ED6:961D 2ED7:96E8 2ED8:9752 2ED9:97E6 2EDA:9875 2EDB:98CE 2EDC:98DE 2EDD:98DF 2EDE:2967F 2EDF:98E0 2EE0:9963
2EE1:29810 2EE2:9A6C 2EE3:9AA8 2EE4:9B3C 2EE5:9C7C 2EE6:9E1F 2EE7:5364 2EE8:9EA6 2EE9:9EC4 2EEA:9EFE 2EEB:6589
2EEC:9F50 2EED:6B6F 2EEE:9F7F 2EEF:7ADC 2EF0:9F99 2EF1:9F9C 2EF2:4E80 2EF3:9F9F`
    .split(/\s+/)
    .map((pair) => pair.split(':').map((hex) => String.fromCodePoint(Number.parseInt(hex, 16))) as [string, string]),
);
/** Any code point of the two radical blocks. */
const RADICAL = /[\u2e80-\u2fdf]/;
const RADICALS = /[\u2e80-\u2fdf]/g;

/** Radical code points replaced by their ideographs (the supplement by table, the Kangxi block by NFKC); other text unchanged. */
export function foldRadicals(s: string): string {
  return RADICAL.test(s) ? s.replace(RADICALS, (c) => RADICAL_SUPPLEMENT.get(c) ?? c.normalize('NFKC')) : s;
}

/**
 * A label as matchers see it: radical code points folded to their ideographs (foldRadicals),
 * full-width forms folded (NFKC: （ → (, １ → 1, ： → :),
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
  return foldRadicals(s)
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
export const pageTextPatterns = (): RegExp[] => [SPACE_CHAR, SPACE_LIKE, ASCII_DIGITS, ORDINAL_COMMA, HAS_HAN, RADICAL];
