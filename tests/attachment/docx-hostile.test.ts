// A DOCX's word/document.xml is the sender's: hostile shapes parse in linear time and never
// overflow the stack (constructed inputs, 2 MB each). The tag regex this replaced took more
// than five minutes on the first of them.

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { layoutDocx, parseXml } from '../../lib/attachment/docx';
import { readDocx } from '../../lib/attachment/index';

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
    const r = readDocx(zipSync({ 'word/document.xml': strToU8('<w:document><w:body><w:p><w:r><w:t>某局2023年政府信息公开工作年度报告</w:t></w:r></w:p><w:p><w:r><w:t a="') }));
    expect(r.failure).toBeUndefined();
    expect(r.html).toContain('<h1>某局2023年政府信息公开工作年度报告</h1>');
  });
});
