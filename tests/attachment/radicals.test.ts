// CJK radical code points (Chrome's print to PDF writes 一 as ⼀ U+2F00 and 民 as ⺠ U+2EA0)
// read as the ideographs they look like, in labels from web pages and attachments alike.

import { describe, expect, it } from 'vitest';
import { foldRadicals, normLabel } from '../../lib/text';

describe('foldRadicals', () => {
  it('folds the Kangxi Radicals block (as NFKC does)', () => {
    expect(foldRadicals('\u2f00、本年新收')).toBe('一、本年新收');
    expect(foldRadicals('\u2f50对')).toBe('比对');
  });

  it('folds the CJK Radicals Supplement, which NFKC leaves alone', () => {
    // NFKC changes none of these: the table does
    for (const [radical, ideograph] of [
      ['\u2ea0', '民'],
      ['\u2ec5', '见'],
      ['\u2ed3', '长'],
      ['\u2ed4', '门'],
      ['\u2edb', '风'],
      ['\u2ee5', '鱼'],
      ['\u2eec', '齐'],
    ] as const) {
      expect(radical.normalize('NFKC')).toBe(radical);
      expect(foldRadicals(radical)).toBe(ideograph);
    }
    expect(foldRadicals('\u2f08\u2ea0政府')).toBe('人民政府');
  });

  it('maps 114 supplement code points, leaves unassigned and unmapped ones and all other text as it is', () => {
    let mapped = 0;
    for (let cp = 0x2e80; cp <= 0x2eff; cp++) if (foldRadicals(String.fromCodePoint(cp)) !== String.fromCodePoint(cp)) mapped++;
    expect(mapped).toBe(114);
    expect(foldRadicals('\u2e80')).toBe('\u2e80');
    const plain = '（三）不予公开 1.属于国家秘密 3119';
    expect(foldRadicals(plain)).toBe(plain);
    expect(foldRadicals('\u2e87')).toBe('\u{20628}'); // outside the BMP
  });

  it('is part of label normalisation, so web pages get it too', () => {
    expect(normLabel('\u2f00、本年新收政府信息公开申请数量')).toBe(normLabel('一、本年新收政府信息公开申请数量'));
    expect(normLabel('4.保护第三⽅合法权益')).toBe('4.保护第三方合法权益');
  });
});
