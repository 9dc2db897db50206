// Every fixture page against its .expected.json: detection, identity (year, format,
// agency), every cell's value, and the findings that must (and must not) appear.

import { describe, expect, it } from 'vitest';
import { checkDocument, checkDocumentReports } from '../lib/check';
import { docFromHtml, fixtureExpected, fixtureHtml, fixtureNames } from '../toolkit/dom';

const pages = fixtureNames().filter((n) => {
  try {
    fixtureExpected(n);
    return true;
  } catch {
    return false;
  }
});

describe.each(pages)('%s', (name) => {
  const expected = fixtureExpected(name);
  const result = checkDocument(docFromHtml(fixtureHtml(name)));
  const { reading, findings } = result;

  it('is detected as the right kind of page', () => {
    expect(reading.detected).toBe(expected.detected);
    expect(reading.kind).toBe(expected.kind);
    if (!expected.detected) {
      expect(reading.report).toBeNull();
      expect(findings).toEqual([]);
    }
  });

  if (!expected.detected) return;
  const report = reading.report!;

  it("lists its cells for the rules exactly as Object.entries would (the reader's own list, handed to the prepared report)", () => {
    expect(reading.entries).toEqual(Object.entries(report.cells));
  });

  it('reads the year, format and agency', () => {
    expect(report.year).toBe(expected.year);
    if (expected.format) expect(report.format).toBe(expected.format);
    expect(report.agency).toBe(expected.agency);
  });

  if (expected.cells && Object.keys(expected.cells).length > 0) {
    it('reads every cell as the page shows it', () => {
      const read = Object.fromEntries(Object.entries(expected.cells!).map(([k]) => [k, report.cells[k]?.value]));
      expect(read).toEqual(expected.cells);
    });
    it('keeps a reference from every cell back to its page element', () => {
      for (const key of Object.keys(expected.cells!)) {
        const el = reading.nodes.get(key);
        const ref = report.cells[key]!.ref;
        expect(el, key).toBeDefined();
        expect(reading.tables[ref.table]!.contains(el!), key).toBe(true);
      }
    });
  }

  it('raises the expected findings, each pointing at its cell first', () => {
    for (const f of expected.expectedFindings ?? []) {
      const match = findings.find((x) => x.ruleId === f.ruleId && x.severity === f.severity && (f.firstCell ? x.cells[0] === f.firstCell : true));
      expect(match, JSON.stringify(f)).toBeDefined();
    }
  });

  it('raises no error beyond the expected ones', () => {
    const allowed = (expected.expectedFindings ?? []).filter((f) => f.severity === 'error');
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBe(allowed.length);
    for (const absent of expected.absentFindings ?? []) {
      const { ruleId, firstCell } = typeof absent === 'string' ? { ruleId: absent, firstCell: undefined } : absent;
      expect(
        findings.filter((f) => f.ruleId === ruleId && (!firstCell || f.cells[0] === firstCell)),
        `${ruleId} ${firstCell ?? ''}`,
      ).toEqual([]);
    }
  });

  if (expected.blankCells?.length) {
    it('reads blank cells as 0 and says so', () => {
      for (const key of expected.blankCells!) expect(report.cells[key]?.readAs, key).toContain('blank');
      const disclosed = findings.filter((f) => f.ruleId === 'cell.blankAsZero').flatMap((f) => f.cells);
      expect(disclosed).toEqual(expect.arrayContaining(expected.blankCells!));
    });
  }

  if (expected.reports) {
    it('reads every report of the page with its own identity, cells and findings', () => {
      const all = checkDocumentReports(docFromHtml(fixtureHtml(name)));
      expect(all.map((c) => [c.reading.report?.agency, c.reading.report?.year, c.reading.report?.format])).toEqual(
        expected.reports!.map((e) => [e.agency, e.year, e.format]),
      );
      all.forEach((c, i) => {
        const e = expected.reports![i]!;
        const cells = c.reading.report!.cells;
        expect(Object.fromEntries(Object.keys(e.cells!).map((k) => [k, cells[k]?.value])), `report ${i + 1}`).toEqual(e.cells);
        const errors = c.findings.filter((f) => f.severity === 'error');
        expect(errors.length, `report ${i + 1}`).toBe((e.expectedFindings ?? []).filter((f) => f.severity === 'error').length);
        for (const f of e.expectedFindings ?? [])
          expect(
            errors.some((x) => x.ruleId === f.ruleId && (!f.firstCell || x.cells[0] === f.firstCell)),
            `report ${i + 1} ${f.ruleId}`,
          ).toBe(true);
      });
    });
  }

  if (expected.tablesAsImages) {
    it('says the tables are images and cannot be checked', () => {
      expect(report.structure.map((n) => n.code)).toContain('tablesAsImages');
      expect(findings.some((f) => f.message.includes('表格为图片或附件'))).toBe(true);
    });
  }
});

describe('seed pages', () => {
  const seeds = pages.filter((n) => n.startsWith('seed-'));
  it('cover all five seeds', () => expect(seeds).toHaveLength(5));
  it.each(seeds)('%s reports label variants the page really has', (name) => {
    const { reading } = checkDocument(docFromHtml(fixtureHtml(name)));
    for (const n of reading.report!.structure.filter((s) => s.code === 'labelVariant'))
      expect(fixtureHtml(name).replace(/\s|<[^>]+>/g, '')).toContain(n.shown!.replace(/\s/g, ''));
  });
});

describe('Shanghai-2019-style page', () => {
  const { reading, findings } = checkDocument(docFromHtml(fixtureHtml('shanghai-2019-style.html')));
  const report = reading.report!;
  it('reports each blank 总计 as 总计栏为空, not as 0 ≠ N', () => {
    const granted = findings.find((f) => f.id === 'applications.rowSum:granted')!;
    expect(granted.message).toBe('（一）予以公开：各申请人类型之和为 272，总计栏为空（未填）');
    expect(granted.cells.slice(0, 2)).toEqual(['applications.granted.total', 'applications.granted.naturalPerson']);
    expect([granted.expected, granted.actual]).toEqual([272, 0]);
  });
  it('reads the misaligned colspans of table 二 by cell order', () => {
    expect(report.cells['active.otherServices.previous']?.value).toBe(26);
    expect(report.cells['active.otherServices.change']?.value).toBe(-2);
    expect(report.cells['active.otherServices.decisions']?.value).toBe(1036);
  });
  it('keeps 251000元 with its unit and raises no unit warning for the free-unit procurement amount', () => {
    const c = report.cells['active.procurement.amount']!;
    expect([c.value, c.unit, c.raw]).toEqual([251000, '元', '251000元']);
    expect(findings.filter((f) => f.ruleId === 'cell.unit')).toEqual([]);
  });
});
