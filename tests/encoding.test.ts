import { describe, expect, it } from 'vitest';
import { decodePage, sniffEncoding } from '../lib/encoding';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('sniffEncoding (a saved page’s encoding)', () => {
  it('takes a byte-order mark first', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c]))).toBe('utf-8');
    expect(sniffEncoding(new Uint8Array([0xff, 0xfe, 0x3c, 0]))).toBe('utf-16le');
    expect(sniffEncoding(new Uint8Array([0xfe, 0xff, 0, 0x3c]))).toBe('utf-16be');
  });

  it('reads <meta charset> and http-equiv Content-Type, with the GBK aliases', () => {
    expect(sniffEncoding(ascii('<html><head><meta charset="GB2312"></head>'))).toBe('gbk');
    expect(sniffEncoding(ascii('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gbk">'))).toBe('gbk');
    expect(sniffEncoding(ascii("<meta charset='utf-8'>"))).toBe('utf-8');
    expect(sniffEncoding(ascii('<meta http-equiv="Content-Type" content="text/html; charset=x-gbk" />'))).toBe('gbk');
  });

  it('looks only at the first 4,096 bytes, and defaults to UTF-8', () => {
    expect(sniffEncoding(ascii('<p>no meta</p>'))).toBe('utf-8');
    expect(sniffEncoding(new Uint8Array(0))).toBe('utf-8');
    expect(sniffEncoding(ascii(`${' '.repeat(4100)}<meta charset="gbk">`))).toBe('utf-8');
    // a label cut at the 4,096th byte is no label (it read "g", an encoding nobody knows: the page was unreadable)
    expect(sniffEncoding(ascii(`${' '.repeat(4080)}<meta charset="gbk">`))).toBe('utf-8');
    expect(sniffEncoding(ascii(`${' '.repeat(4000)}<meta charset="gbk">`))).toBe('gbk');
  });

  it('decodes a GBK page by its meta, and a declared charset wins', () => {
    // 年报 in GBK
    const gbk = new Uint8Array([...ascii('<meta charset="gbk"><p>'), 0xc4, 0xea, 0xb1, 0xa8, ...ascii('</p>')]);
    expect(decodePage(gbk).text).toContain('<p>年报</p>');
    expect(decodePage(ascii('<p>x</p>'), 'GB2312').encoding).toBe('gbk');
    expect(() => decodePage(ascii('x'), 'no-such-encoding')).toThrow(/unsupported encoding/);
  });
});
