// The real report PDFs of ../shared/corpus/pdf (copied into tests/fixtures/attachments/real/,
// with their README and expected.json, values transcribed with poppler's pdftotext, an
// extractor independent of pdf.js) read cell for cell, with no error finding; the official
// blank form as a real .docx is a template, as the blank form is on web pages.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_COLUMNS, onlyReport, readFixture, REAL, REVIEW_KEYS } from './support';

interface Expected {
  body: string;
  year: number;
  t3: Record<string, number[]>;
  t4: number[];
}
const EXPECTED = JSON.parse(fs.readFileSync(path.join(REAL, 'expected.json'), 'utf8')) as Record<string, Expected>;

describe.each(Object.entries(EXPECTED))('%s', (file, expected) => {
  const read = () => readFixture(path.join(REAL, file));

  it('reads every cell of tables 三 and 四 as transcribed', async () => {
    const { report } = onlyReport(await read());
    const wrong: string[] = [];
    let right = 0;
    for (const [row, values] of Object.entries(expected.t3))
      values.forEach((v, i) => {
        const key = `applications.${row}.${APP_COLUMNS[i]}`;
        if (report.cells[key]?.value === v) right++;
        else wrong.push(`${key}: ${report.cells[key]?.raw} ≠ ${v}`);
      });
    expected.t4.forEach((v, i) => {
      const key = REVIEW_KEYS[i]!;
      if (report.cells[key]?.value === v) right++;
      else wrong.push(`${key}: ${report.cells[key]?.raw} ≠ ${v}`);
    });
    expect(wrong).toEqual([]);
    expect(right).toBe(Object.keys(expected.t3).length * 7 + 15);
  });

  it('knows the report: agency, year, format, rows verified in order', async () => {
    const r = await read();
    const { report } = onlyReport(r);
    expect(report.agency).toBe(expected.body);
    expect(report.year).toBe(expected.year);
    const format = 'other' in expected.t3 ? '2019' : '2021';
    expect(report.format).toBe(format);
    expect(r.check!.quality).toMatchObject({ method: 'ruled', rowsVerified: true, order: format });
    expect(r.check!.quality.zh).toContain('行序已核对');
    expect(r.failure).toBeUndefined();
  });

  it('finds no error (all identities hold in both files)', async () => {
    const { check } = onlyReport(await read());
    expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('gives every table cell its page and box', async () => {
    const { report } = onlyReport(await read());
    const tableCells = Object.entries(report.cells).filter(([k]) => !k.startsWith('active.'));
    expect(tableCells.length).toBe(Object.keys(expected.t3).length * 7 + 15);
    for (const [key, cell] of tableCells) {
      expect(cell.ref.page, key).toBeGreaterThanOrEqual(1);
      const [x0, y0, x1, y1] = cell.ref.box!;
      expect(x1 - x0, key).toBeGreaterThan(5);
      expect(y1 - y0, key).toBeGreaterThan(5);
    }
    // table 三 starts on one page and ends on the next
    expect(report.cells['applications.newReceived.total']!.ref.page! + 1).toBe(report.cells['applications.carriedForward.total']!.ref.page);
  });
});

describe('template-2021-blank.docx (the official form, every value cell empty)', () => {
  it('is a template, not a report, with no finding and no failure, as the blank form on a web page', async () => {
    const r = await readFixture(path.join(REAL, 'template-2021-blank.docx'));
    expect(r.failure).toBeUndefined();
    expect(r.check!.checks).toHaveLength(1);
    const [c] = r.check!.checks;
    expect(c!.reading).toMatchObject({ detected: false, kind: 'template', report: null });
    expect(c!.findings).toEqual([]);
    expect(r.reading!.tables).toBe(3);
    expect(r.check!.quality.zh).toContain('空白模板');
  });

  it('is rebuilt with the form’s structure: 三 28 rows, 三、本年度办理结果 spanning 22, 四 4 rows × 15', async () => {
    const r = await readFixture(path.join(REAL, 'template-2021-blank.docx'));
    const html = r.reading!.html;
    const tables = html.split('<table').slice(1);
    expect(tables).toHaveLength(3);
    expect(tables[1]!.split('<tr>').length - 1).toBe(28);
    expect(tables[1]).toMatch(/rowspan="22"[^>]*>三、本年度办理结果/);
    expect(tables[2]!.split('<tr>').length - 1).toBe(4);
    // every cell knows where it was in the file
    expect(html).toMatch(/data-gip-docx="1,0,0"/);
  });
});
