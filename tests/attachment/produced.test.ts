// Files made by real producers from the fixture pages (tests/fixtures/attachments/make.ts:
// Chromium's print to PDF, LibreOffice's HTML → DOCX → PDF and .doc, pdftoppm + Chromium for
// a scan, qpdf for encryption, cut copies). Each reads the same cells as the web page it was
// made from (tests/fixtures/pages/*.expected.json), the one-cell change is flagged at its cell
// and page, and every file that cannot be read gets its own reason.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { onlyReport, PAGES, PRODUCED, readFixture } from './support';

interface Expected {
  same?: string;
  method?: 'ruled' | 'baselines' | 'docx';
  /** compare only these tables (an unruled PDF: 三 and 四 are rebuilt from baselines, 二 is not) */
  only?: string[];
  failure?: string;
  errors?: { ruleId: string; firstCell: string; page?: number; docx?: number[] }[];
  blankRow?: string;
  /** the table order expected (default 2021) */
  order?: '2021' | '2019';
  /** the error findings are the web page's own (its expectedFindings: ruleId and first cell) */
  errorsAsPage?: boolean;
  splitAt?: [string, string];
}
const EXPECTED = JSON.parse(fs.readFileSync(path.join(PRODUCED, 'expected.json'), 'utf8')) as Record<string, Expected>;
const pageExpected = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(PAGES, `${name}.expected.json`), 'utf8')) as {
    cells: Record<string, number>;
    expectedFindings: { ruleId: string; firstCell: string }[];
  };
const pageCells = (name: string) => pageExpected(name).cells;

it('covers every produced file', () => {
  const files = fs.readdirSync(PRODUCED).filter((f) => fs.statSync(path.join(PRODUCED, f)).isFile() && !/\.(json|md)$/.test(f));
  expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
});

const readable = Object.entries(EXPECTED).filter(([, e]) => e.same);
const refused = Object.entries(EXPECTED).filter(([, e]) => e.failure);

describe.each(readable)('%s', (file, e) => {
  const read = () => readFixture(path.join(PRODUCED, file));

  it(`reads the same cells as the web page ${e.same}.html`, async () => {
    const { report } = onlyReport(await read());
    const expected = Object.fromEntries(Object.entries(pageCells(e.same!)).filter(([k]) => !e.only || e.only.includes(k.split('.')[0]!)));
    const wrong = Object.entries(expected)
      .filter(([key, v]) => report.cells[key]?.value !== v)
      .map(([key, v]) => `${key}: ${report.cells[key]?.raw ?? '(missing)'} ≠ ${v}`);
    expect(wrong).toEqual([]);
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(190);
  });

  it(`is verified in the ${e.order ?? '2021'} order, read the right way`, async () => {
    const r = await read();
    expect(r.failure).toBeUndefined();
    expect(r.check!.quality).toMatchObject({ method: e.method, rowsVerified: true, order: e.order ?? '2021' });
  });

  if (e.errorsAsPage)
    it('finds exactly the web page’s errors, at the same cells', async () => {
      const { check } = onlyReport(await read());
      const errors = check.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.cells[0]}`);
      expect(errors.sort()).toEqual(
        pageExpected(e.same!)
          .expectedFindings.map((f) => `${f.ruleId} ${f.firstCell}`)
          .sort(),
      );
    });
  else
    it(e.errors ? 'flags the changed cell, at its page or DOCX cell' : 'finds no error', async () => {
      const { report, check } = onlyReport(await read());
      const errors = check.findings.filter((f) => f.severity === 'error');
      expect(errors.map((f) => ({ ruleId: f.ruleId, firstCell: f.cells[0] }))).toEqual(
        (e.errors ?? []).map(({ ruleId, firstCell }) => ({ ruleId, firstCell })),
      );
      for (const x of e.errors ?? []) {
        const ref = report.cells[x.firstCell]!.ref;
        if (x.page) {
          expect(ref.page).toBe(x.page);
          expect(ref.box).toHaveLength(4);
        }
        if (x.docx) expect(ref.docx).toEqual(x.docx);
      }
    });

  if (e.blankRow)
    it(`reads the whole blank row ${e.blankRow} as blanks (rows from the ruling lines)`, async () => {
      const { report } = onlyReport(await read());
      for (const col of ['naturalPerson', 'commercial', 'research', 'social', 'legalService', 'otherOrg', 'total'])
        expect(report.cells[`applications.${e.blankRow}.${col}`]).toMatchObject({ raw: '', value: 0, readAs: ['blank'] });
    });

  if (e.splitAt)
    it(`has table 三 cut by a page break between ${e.splitAt.join(' and ')}, inside their group`, async () => {
      const { report } = onlyReport(await read());
      const [before, after] = e.splitAt!.map((row) => report.cells[`applications.${row}.total`]!.ref);
      // (Chromium puts the cut group label's own fragment on a page between them)
      expect(after!.page).toBeGreaterThan(before!.page!);
    });
});

describe.each(refused)('%s', (file, e) => {
  it(`gets its own reason: ${e.failure}`, async () => {
    const r = await readFixture(path.join(PRODUCED, file));
    expect(r.failure?.code).toBe(e.failure);
    expect(r.failure?.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(r.failure?.en).toMatch(/[a-z]/);
    // never an empty success: no report is checked, or the one finding says the table is unreadable
    const findings = r.check?.checks.flatMap((c) => c.findings) ?? [];
    if (e.failure === 'unreadableTable') expect(findings.map((f) => f.ruleId)).toEqual(['attachment.unreadableTable']);
    else expect(findings).toEqual([]);
  });
});
