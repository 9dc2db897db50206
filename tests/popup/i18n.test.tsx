// @vitest-environment happy-dom
// The popup's dictionary: both languages have every key, with the same kind of value.

import { describe, expect, it } from 'vitest';
import { MESSAGES, pickLang } from '../../components/i18n';

/** Every key path with the type of its value ("function" entries must take the same arguments). */
function shape(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? shape(v, `${prefix}${k}.`) : [`${prefix}${k}:${typeof v}${typeof v === 'function' ? `/${(v as () => string).length}` : ''}`],
  );
}

describe('popup dictionary', () => {
  it('has the same keys in zh and en', () => {
    expect(shape(MESSAGES.en).sort()).toEqual(shape(MESSAGES.zh).sort());
  });
  it('has no empty strings, and functions that produce text in both languages', () => {
    for (const m of Object.values(MESSAGES))
      for (const path of shape(m)) {
        const value = path.split(':')[0]!.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], m);
        const out = typeof value === 'function' ? (value as (...a: unknown[]) => unknown)(1, 1) : value;
        expect(typeof out, path).toBe('string');
        expect((out as string).length, path).toBeGreaterThan(0);
      }
  });
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
