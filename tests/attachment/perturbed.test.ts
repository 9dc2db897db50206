// Real files perturbed the ways other producers differ (constructed, and marked so): the real
// 淮安 2024 extraction with a row's seven numbers written as one run, with a whole row blank,
// with its ruling lines gone (and a blank row as well); the LibreOffice DOCX of 平潭 2023 with a number split over runs,
// tracked changes, content controls; the official blank form (WPS) filled with 淮安's numbers;
// and small DOCX tables for hMerge and gridBefore.

import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAndCheckAttachment } from '../../cli/attachment';
import { parseDocument } from '../../cli/check-file';
import { pdfPageContents } from '../../cli/pdf-node';
import { layoutDocx } from '../../lib/attachment/docx';
import { checkAttachment, readDocx, readPdfPages, type PageContent } from '../../lib/attachment/index';
import { renderHtml } from '../../lib/attachment/render';
import { APP_COLUMNS, onlyReport, PAGES, PRODUCED, REAL, REVIEW_KEYS } from './support';

const EXPECTED = JSON.parse(fs.readFileSync(path.join(REAL, 'expected.json'), 'utf8'))['huaian-2024.pdf'] as { t3: Record<string, number[]> };

let pages: PageContent[];
beforeAll(async () => {
  const r = await pdfPageContents(new Uint8Array(fs.readFileSync(path.join(REAL, 'huaian-2024.pdf'))));
  if (!Array.isArray(r)) throw new Error(r.detail);
  pages = r;
}, 120_000); // pdf.js loads on first use: seconds on a busy machine

const clone = (): PageContent[] => structuredClone(pages);
const check = (p: PageContent[]) => {
  const reading = readPdfPages(p, 'huaian-2024.pdf');
  return { reading, result: checkAttachment(reading, parseDocument(reading.html)) };
};
/** The number items of the table 三 row whose label starts with `label` (same page, same line). */
function rowItems(p: PageContent[], label: string): { page: PageContent; items: PageContent['items'] } {
  for (const page of p) {
    const l = page.items.find((it) => it.str.startsWith(label));
    if (!l) continue;
    const numbers = page.items.filter((it) => /^\d+$/.test(it.str) && it.x > l.x + l.w && Math.abs(it.y - l.y) < 4);
    if (numbers.length === 7) return { page, items: numbers };
  }
  throw new Error(`row ${label} not found`);
}

describe('淮安 2024, perturbed extractions', () => {
  it('reads a row written as one run of seven numbers (split at its spaces, x by characters)', () => {
    const p = clone();
    const { page, items } = rowItems(p, '（一）予以公开');
    const first = items[0]!;
    const last = items[items.length - 1]!;
    page.items = page.items.filter((it) => !items.includes(it));
    // one run in one font, as a producer writing the row as text would: digits as wide as in
    // the real file, spaces 0.55 of a digit (Helvetica's ratio is 0.5), as many as fill each gap
    const digit = first.w / first.str.length;
    const space = digit * 0.55;
    let str = first.str;
    for (let i = 1; i < items.length; i++) {
      const gap = items[i]!.x - (items[i - 1]!.x + items[i - 1]!.w);
      str += ' '.repeat(Math.max(1, Math.round(gap / space))) + items[i]!.str;
    }
    page.items.push({ ...first, str, w: last.x + last.w - first.x });
    const { result } = check(p);
    const report = result.checks[0]!.reading.report!;
    expect(result.quality.rowsVerified).toBe(true);
    expect(APP_COLUMNS.map((c) => report.cells[`applications.granted.${c}`]?.value)).toEqual(EXPECTED.t3.granted);
    expect(result.checks[0]!.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reads labels and title written with CJK radical code points (as Chrome-printed PDFs have them)', () => {
    // 一 → ⼀ U+2F00 (Kangxi Radicals), 民 → ⺠ U+2EA0 and 见 → ⻅ U+2EC5 (CJK Radicals Supplement, which NFKC leaves alone)
    const p = clone().map((pg) => ({
      ...pg,
      items: pg.items.map((it) => ({ ...it, str: it.str.replace(/一/g, '\u2f00').replace(/民/g, '\u2ea0').replace(/见/g, '\u2ec5') })),
    }));
    expect(p.some((pg) => pg.items.some((it) => it.str.includes('\u2ea0')))).toBe(true);
    const { reading, result } = check(p);
    expect(reading.html).not.toMatch(/[\u2e80-\u2fdf]/);
    const report = result.checks[0]!.reading.report!;
    expect(report.agency).toBe('淮安市人民政府');
    expect(result.quality).toMatchObject({ rowsVerified: true, order: '2021' });
    for (const [row, values] of Object.entries(EXPECTED.t3))
      expect(
        APP_COLUMNS.map((c) => report.cells[`applications.${row}.${c}`]?.value),
        row,
      ).toEqual(values);
  });

  it('is not thrown by a frame drawn around every page (a box around the text is no table)', () => {
    const p = clone().map((pg) => ({
      ...pg,
      rulings: [
        ...pg.rulings,
        { x1: 30, y1: 30, x2: pg.width - 30, y2: 30 },
        { x1: 30, y1: pg.height - 30, x2: pg.width - 30, y2: pg.height - 30 },
        { x1: 30, y1: 30, x2: 30, y2: pg.height - 30 },
        { x1: pg.width - 30, y1: 30, x2: pg.width - 30, y2: pg.height - 30 },
      ],
    }));
    const { result } = check(p);
    expect(result.quality).toMatchObject({ method: 'ruled', rowsVerified: true, order: '2021' });
    const report = result.checks[0]!.reading.report!;
    for (const [row, values] of Object.entries(EXPECTED.t3))
      expect(
        APP_COLUMNS.map((c) => report.cells[`applications.${row}.${c}`]?.value),
        row,
      ).toEqual(values);
    expect(report.agency).toBe('淮安市人民政府');
  });

  it('finds a whole blank row from the ruling lines: seven blanks, every other cell right', () => {
    const p = clone();
    const { page, items } = rowItems(p, '2.其他法律行政法规禁止公开');
    page.items = page.items.filter((it) => !items.includes(it));
    const { result } = check(p);
    const report = result.checks[0]!.reading.report!;
    expect(result.quality).toMatchObject({ rowsVerified: true, order: '2021' });
    for (const c of APP_COLUMNS) expect(report.cells[`applications.denied.lawForbidden.${c}`]).toMatchObject({ raw: '', value: 0 });
    for (const [row, values] of Object.entries(EXPECTED.t3))
      if (row !== 'denied.lawForbidden')
        expect(
          APP_COLUMNS.map((c) => report.cells[`applications.${row}.${c}`]?.value),
          row,
        ).toEqual(values);
  });

  it('without its ruling lines, reads 三 and 四 from baselines, columns named by their header, every cell right', () => {
    const p = clone().map((pg) => ({ ...pg, rulings: [] }));
    const { reading, result } = check(p);
    expect(reading.quality.method).toBe('baselines');
    expect(result.quality).toMatchObject({ rowsVerified: true, order: '2021' });
    const report = result.checks[0]!.reading.report!;
    for (const [row, values] of Object.entries(EXPECTED.t3))
      expect(
        APP_COLUMNS.map((c) => report.cells[`applications.${row}.${c}`]?.value),
        row,
      ).toEqual(values);
    expect(result.checks[0]!.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // each value keeps its page and the box of its own text
    expect(report.cells['applications.granted.total']!.ref).toMatchObject({ page: 4, box: expect.any(Array) });
  });

  it('without ruling lines and with a whole blank row, refuses the tables: one error finding saying why, nothing checked', () => {
    const p = clone().map((pg) => ({ ...pg, rulings: [] }));
    const { page, items } = rowItems(p, '2.其他法律行政法规禁止公开');
    page.items = page.items.filter((it) => !items.includes(it));
    const { result } = check(p);
    expect(result.failure?.code).toBe('unreadableTable');
    const { findings, reading: r } = result.checks[0]!;
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['attachment.unreadableTable', 'error']]);
    expect(findings[0]!.message).toMatch(/^附件表格无法可靠读取，未核对：.*2\.其他法律行政法规禁止公开/);
    // the guessed numbers are not kept, so nothing downstream (memory, carry-over) uses them
    expect(Object.keys(r.report!.cells).filter((k) => k.startsWith('applications.') || k.startsWith('review.'))).toEqual([]);
  });
});

describe('a PDF whose table pages are scans (constructed from two produced files)', () => {
  it('says which pages are images, and checks nothing', async () => {
    const text = await pdfPageContents(new Uint8Array(fs.readFileSync(path.join(PRODUCED, 'chromium-pingtan-2023.pdf'))));
    const scan = await pdfPageContents(new Uint8Array(fs.readFileSync(path.join(PRODUCED, 'scan-pingtan-2023.pdf'))));
    if (!Array.isArray(text) || !Array.isArray(scan)) throw new Error('not read');
    // the text pages 1–2 (title, text), then the scanned pages 3–4 (the tables)
    const mixed = [...text.slice(0, 2), ...scan.slice(2, 4)];
    const reading = readPdfPages(mixed, 'mixed.pdf');
    expect(reading.failure).toBeUndefined();
    expect(reading.imagePages).toEqual([3, 4]);
    const result = checkAttachment(reading, parseDocument(reading.html));
    expect(result.failure?.code).toBe('scan');
    expect(result.failure?.detail).toMatch(/^第 3、4 页为图片/);
    const findings = result.checks.flatMap((c) => c.findings);
    expect(findings.map((f) => f.ruleId)).toEqual(['attachment.unreadableTable']);
    expect(findings[0]!.message).toContain('第 3、4 页为图片（扫描件）');
  }, 120_000);
});

describe('平潭 2023 DOCX (LibreOffice), perturbed document.xml', () => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(PRODUCED, 'libreoffice-pingtan-2023.docx')));
  const expected = (JSON.parse(fs.readFileSync(path.join(PAGES, 'pingtan-2023.expected.json'), 'utf8')) as { cells: Record<string, number> }).cells;
  /** The DOCX with `edit` applied to the XML of the table row holding 予以公开. */
  const withRow = (edit: (tr: string) => string) => {
    const files = unzipSync(bytes);
    const xml = strFromU8(files['word/document.xml']!);
    const at = xml.indexOf('（一）予以公开');
    const start = xml.lastIndexOf('<w:tr>', at) >= 0 ? xml.lastIndexOf('<w:tr>', at) : xml.lastIndexOf('<w:tr ', at);
    const end = xml.indexOf('</w:tr>', at) + '</w:tr>'.length;
    expect(start).toBeGreaterThan(0);
    files['word/document.xml'] = strToU8(xml.slice(0, start) + edit(xml.slice(start, end)) + xml.slice(end));
    return zipSync(files);
  };
  const readsRight = async (docx: Uint8Array) => {
    const r = await readAndCheckAttachment(docx, 'x.docx');
    const { report, check: c } = onlyReport(r);
    const wrong = Object.entries(expected).filter(([k, v]) => report.cells[k]?.value !== v);
    expect(wrong).toEqual([]);
    expect(c.findings.filter((f) => f.severity === 'error')).toEqual([]);
  };

  it('joins a number split over several runs', async () => {
    await readsRight(withRow((tr) => tr.replace('<w:t>22</w:t>', '<w:t>2</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>2</w:t>')));
  });

  it('leaves tracked deletions out and keeps insertions', async () => {
    const del = '<w:del w:id="91" w:author="审核"><w:r><w:delText>9</w:delText></w:r></w:del>';
    const ins = '<w:ins w:id="92" w:author="审核"><w:r><w:t>2</w:t></w:r></w:ins>';
    await readsRight(withRow((tr) => tr.replace('<w:t>22</w:t></w:r>', `<w:t>2</w:t></w:r>${del}${ins}`)));
  });

  it('sees through content controls around a row and around a cell', async () => {
    await readsRight(
      withRow((tr) => {
        const cell = tr.indexOf('<w:tc>', tr.indexOf('<w:tc>') + 1);
        const cellEnd = tr.indexOf('</w:tc>', cell) + '</w:tc>'.length;
        const inner = `${tr.slice(0, cell)}<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>${tr.slice(cell, cellEnd)}</w:sdtContent></w:sdt>${tr.slice(cellEnd)}`;
        return `<w:sdt><w:sdtPr/><w:sdtContent>${inner}</w:sdtContent></w:sdt>`;
      }),
    );
  });

  it('the unperturbed file reads right too (the control)', async () => {
    await readsRight(bytes);
    expect(readDocx(bytes).tables).toBe(3);
  });
});

describe('DOCX grids (constructed tables)', () => {
  const doc = (body: string) => `<?xml version="1.0"?><w:document xmlns:w="x"><w:body>${body}</w:body></w:document>`;
  const tc = (text: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;

  it('honours hMerge (Word 97 horizontal merges) like gridSpan', () => {
    const { blocks } = layoutDocx(
      doc(
        `<w:tbl><w:tr>${tc('合并', '<w:hMerge w:val="restart"/>')}${tc('', '<w:hMerge/>')}${tc('c')}</w:tr><w:tr>${tc('a')}${tc('b')}${tc('c')}</w:tr></w:tbl>`,
      ),
    );
    const { html } = renderHtml(blocks);
    expect(html).toMatch(/<td colspan="2" data-gip-docx="0,0,0">合并<\/td>/);
    expect(html).toMatch(/<td data-gip-docx="0,0,2">c<\/td>/);
  });

  it('honours vMerge restart/continue, gridSpan and gridBefore', () => {
    const { blocks } = layoutDocx(
      doc(
        `<w:tbl><w:tr>${tc('组', '<w:vMerge w:val="restart"/>')}${tc('x', '<w:gridSpan w:val="2"/>')}</w:tr><w:tr>${tc('', '<w:vMerge/>')}${tc('1')}${tc('2')}</w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('3')}${tc('4')}</w:tr></w:tbl>`,
      ),
    );
    const rows = (blocks[0] as { rows: { text: string; rowSpan: number; colSpan: number }[][] }).rows;
    expect(rows.map((r) => r.map((c) => [c.text, c.rowSpan, c.colSpan]))).toEqual([
      [
        ['组', 2, 1],
        ['x', 1, 2],
      ],
      [
        ['1', 1, 1],
        ['2', 1, 1],
      ],
      [
        ['3', 1, 1],
        ['4', 1, 1],
      ],
    ]);
  });

  it('escapes what it renders and titles the report from its first title paragraph', () => {
    const { blocks } = layoutDocx(
      doc(`<w:p><w:r><w:t>某局2023年政府信息公开工作年度报告</w:t></w:r></w:p><w:p><w:r><w:t>&lt;script&gt;alert(1)&lt;/script&gt;</w:t></w:r></w:p>`),
    );
    const { html } = renderHtml(blocks);
    expect(html).toContain('<h1>某局2023年政府信息公开工作年度报告</h1>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
  });
});

describe('the official blank form (a real WPS .docx) filled in (constructed: 淮安 2024’s numbers typed into its empty cells)', () => {
  const form = new Uint8Array(fs.readFileSync(path.join(REAL, 'template-2021-blank.docx')));
  const huaian = JSON.parse(fs.readFileSync(path.join(REAL, 'expected.json'), 'utf8'))['huaian-2024.pdf'] as { t3: Record<string, number[]>; t4: number[] };

  /** The form with the numbers typed into the last cells of each data row, and a report title. */
  function filled(change?: { row: number; col: number; value: number }): Uint8Array {
    const files = unzipSync(form);
    let xml = strFromU8(files['word/document.xml']!);
    const type = (tc: string, n: number) => tc.replace(/<\/w:p>(?![\s\S]*<\/w:p>)/, `<w:r><w:t>${n}</w:t></w:r></w:p>`);
    const fillTable = (index: number, fill: (rows: string[]) => string[]) => {
      const starts = [...xml.matchAll(/<w:tbl>/g)].map((m) => m.index!);
      const start = starts[index]!;
      const end = xml.indexOf('</w:tbl>', start);
      const table = xml.slice(start, end);
      const rows = [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
      const out = fill(rows);
      let t = table;
      rows.forEach((r, i) => (t = t.replace(r, out[i]!)));
      xml = xml.slice(0, start) + t + xml.slice(end);
    };
    const t3 = Object.values(huaian.t3);
    fillTable(1, (rows) =>
      rows.map((r, i) => {
        const values = t3[i - 3];
        if (!values) return r;
        const tcs = [...r.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
        let out = r;
        tcs.slice(-7).forEach((tc, k) => (out = out.replace(tc, type(tc, change && change.row === i - 3 && change.col === k ? change.value : values[k]!))));
        return out;
      }),
    );
    fillTable(2, (rows) =>
      rows.map((r, i) => {
        if (i !== rows.length - 1) return r;
        const tcs = [...r.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
        let out = r;
        tcs.forEach((tc, k) => (out = out.replace(tc, type(tc, huaian.t4[k]!))));
        return out;
      }),
    );
    xml = xml.replace('政府信息公开工作年度报告格式模板', '淮安市人民政府2024年政府信息公开工作年度报告');
    files['word/document.xml'] = strToU8(xml);
    return zipSync(files);
  }

  it('reads every cell of 三 and 四 where the form puts it, rows verified, no error', async () => {
    const r = await readAndCheckAttachment(filled(), 'filled.docx');
    const { report, check: c } = onlyReport(r);
    expect(report).toMatchObject({ agency: '淮安市人民政府', year: 2024, format: '2021' });
    expect(r.check!.quality).toMatchObject({ method: 'docx', rowsVerified: true, order: '2021' });
    for (const [row, values] of Object.entries(huaian.t3))
      expect(
        APP_COLUMNS.map((col) => report.cells[`applications.${row}.${col}`]?.value),
        row,
      ).toEqual(values);
    expect(REVIEW_KEYS.map((k) => report.cells[k]?.value)).toEqual(huaian.t4);
    expect(c.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('flags one changed cell at its cell, with its DOCX table, row and cell', async () => {
    // （一）予以公开 / 自然人 1288 → 1289 (the form's table 1, row 5)
    const r = await readAndCheckAttachment(filled({ row: 2, col: 0, value: 1289 }), 'filled.docx');
    const { report, check: c } = onlyReport(r);
    const errors = c.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.ruleId, f.cells[0]])).toEqual([
      ['applications.rowSum', 'applications.granted.naturalPerson'],
      ['applications.outcomeTotal', 'applications.granted.naturalPerson'],
    ]);
    expect(report.cells['applications.granted.naturalPerson']!.ref.docx?.slice(0, 2)).toEqual([1, 5]);
  });
});
