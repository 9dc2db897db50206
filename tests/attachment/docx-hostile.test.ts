// A DOCX's word/document.xml is the sender's: hostile shapes parse in linear time and never
// overflow the stack (constructed inputs, 2 MB each). The tag regex this replaced took more
// than five minutes on the first of them. A PDF page of hatching is no table either.

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { layoutDocx, parseXml } from '../../lib/attachment/docx';
import { readDocx, readPdfPages, type PageContent } from '../../lib/attachment/index';

const CASES: [string, string][] = [
  ['unclosed tags with a quote', '<a "'.repeat(500_000)],
  ['mixed unclosed quotes', `<a '"`.repeat(400_000)],
  ['nothing but <', '<'.repeat(2_000_000)],
  ['one unclosed quote before 2 MB', `<a "${'x'.repeat(2_000_000)}`],
  ['200,000 nested paragraphs, stray closers', '<w:p>'.repeat(200_000) + '</w:x>'.repeat(200_000)],
  ['200,000 nested paragraphs, closed', '<w:p>'.repeat(200_000) + '</w:p>'.repeat(200_000)],
  ['200,000 nested tables', '<w:tbl><w:tr><w:tc>'.repeat(100_000)],
];

describe('word/document.xml from a hostile sender', () => {
  it.each(CASES)('%s: parsed and laid out in linear time', (_, body) => {
    const t = performance.now();
    parseXml(body);
    layoutDocx(`<w:document><w:body>${body}</w:body></w:document>`);
    expect(performance.now() - t).toBeLessThan(5_000);
  });

  it('keeps the text of a document that is cut mid-tag, never fails', () => {
    const r = readDocx(
      zipSync({ 'word/document.xml': strToU8('<w:document><w:body><w:p><w:r><w:t>某局2023年政府信息公开工作年度报告</w:t></w:r></w:p><w:p><w:r><w:t a="') }),
    );
    expect(r.failure).toBeUndefined();
    expect(r.html).toContain('<h1>某局2023年政府信息公开工作年度报告</h1>');
  });
});

describe('PDF pages from a hostile or drawing-heavy file', () => {
  it('a page of 200,000 text items is laid out in bounded time (lines are joined by a backward look of 60 pt)', () => {
    const items = Array.from({ length: 200_000 }, (_, i) => ({
      str: `本年新收${i % 10}`,
      x: 20 + (i % 50) * 11,
      y: 20 + Math.floor(i / 50) * 0.2,
      w: 10,
      h: 10,
      vertical: false,
    }));
    const t = performance.now();
    const r = readPdfPages([{ page: 1, width: 595, height: 842, items, rulings: [] }], 'many.pdf');
    expect(performance.now() - t).toBeLessThan(20_000);
    expect(r.failure).toBeUndefined();
  });

  it('a page of 20,000 crossing lines (hatching) is read as text in bounded time', () => {
    const rulings = Array.from({ length: 10_000 }, (_, i) => [
      { x1: 10, y1: 10 + i * 0.08, x2: 580, y2: 10 + i * 0.08 },
      { x1: 10 + i * 0.057, y1: 10, x2: 10 + i * 0.057, y2: 830 },
    ]).flat();
    const items = Array.from({ length: 3000 }, (_, i) => ({
      str: `某局2023年政府信息公开工作年度报告${i}`,
      x: 20 + (i % 10) * 50,
      y: 20 + Math.floor(i / 10) * 2.7,
      w: 45,
      h: 2.5,
      vertical: false,
    }));
    const page: PageContent = { page: 1, width: 595, height: 842, items, rulings };
    const t = performance.now();
    const r = readPdfPages([page], 'hatched.pdf');
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(r.failure).toBeUndefined();
  });
});
