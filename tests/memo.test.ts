import { describe, expect, it } from 'vitest';
import { once, packKey, unpackKey } from '../lib/memo';

describe('memo keys of several strings', () => {
  it.each([
    [['本年新收', '一、本年新收']],
    [['', '']],
    [['a\u0000b', 'c']],
    [['12:34', ':', '0:']],
    [
      ['行政复议', '结果维持'],
      ['行政复议结果', '维持'],
    ],
  ])('split back exactly: %j', (...cases) => {
    for (const parts of cases) expect(unpackKey(packKey(parts))).toEqual(parts);
  });
  it('differ when the strings differ, however they would concatenate', () => {
    expect(packKey(['行政复议', '结果维持'])).not.toBe(packKey(['行政复议结果', '维持']));
    expect(packKey(['a\u0000', 'b'])).not.toBe(packKey(['a', '\u0000b']));
  });
});

describe('once', () => {
  it('makes its value on first use only', () => {
    let made = 0;
    const value = once(() => ({ n: ++made }));
    expect(made).toBe(0);
    expect(value()).toBe(value());
    expect(made).toBe(1);
  });
});
