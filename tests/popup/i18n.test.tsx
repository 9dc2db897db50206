// @vitest-environment happy-dom
// The popup's dictionary: counts formatted in each language, the language picked.

import { describe, expect, it } from 'vitest';
import { MESSAGES, pickLang } from '../../components/i18n';

describe('popup dictionary', () => {
  // (both languages have every word, none empty: tests/vocabulary.test.ts, over the popup's section too)
  it('formats counts in each language', () => {
    expect(MESSAGES.zh.passedSummary(3)).toBe('3 项校验通过');
    expect(MESSAGES.en.passedSummary(3)).toBe('3 checks passed');
  });
  it.each([
    ['zh-CN', 'zh'],
    ['zh-TW', 'zh'],
    ['zh', 'zh'],
    ['ZH-hk', 'zh'],
    ['en-US', 'en'],
    ['fr', 'en'],
    ['', 'zh'],
    [undefined, 'zh'],
  ] as const)('picks %j → %s', (language, lang) => expect(pickLang(language)).toBe(lang));
});
