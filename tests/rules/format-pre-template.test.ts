import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../lib/check';
import { formatPreTemplate as rule } from '../../lib/rules/format-pre-template';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';
import { expectMessages, FORMATS, onlyFailure, realistic } from './support';

describe('format.preTemplate', () => {
  it.each(FORMATS)('has nothing to say about a %s-format report', (format) => {
    expect(rule.check(realistic(format))).toEqual([]);
  });

  it('says once that the template’s identities do not apply', () => {
    const o = onlyFailure(rule, { ...realistic('2019', {}, { year: 2015, structure: [{ code: 'preTemplate', table: 'document', cells: [] }] }), cells: {} });
    const { zh } = expectMessages(rule, o, '2015');
    expect(zh).toBe('2015 年度报告早于国家统一格式（2019 年度起施行），表格为自定格式：国家格式的勾稽关系不适用，表中数字未核对');
  });

  it('takes a 2015 report with its own statistics table for a report, never “report not found”', () => {
    const { reading, findings, incomplete } = checkDocument(docFromHtml(fixtureHtml('pre-template-2015.html')));
    expect(reading).toMatchObject({ detected: true, kind: 'report' });
    expect(reading.report).toMatchObject({ year: 2015, agency: '沂源县司法局', cells: {} });
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['format.preTemplate', 'info']]);
    expect(findings.some((f) => f.message.includes('未找到'))).toBe(false);
    expect(incomplete).toEqual([]);
  });

  it('reads a 2015 report whose tables are images the same way', () => {
    const html = fixtureHtml('image-only-report.html').replaceAll('2021年', '2015年').replaceAll('2022-01-25', '2016-01-25');
    const { reading, findings } = checkDocument(docFromHtml(html));
    expect(reading.report).toMatchObject({ year: 2015, structure: [{ code: 'preTemplate' }] });
    expect(findings.map((f) => f.ruleId)).toEqual(['format.preTemplate']);
  });

  it('still reads the template’s tables of a 2019 report', () => {
    const { reading } = checkDocument(docFromHtml(fixtureHtml('seed-003-yuanzhou-2020.html')));
    expect(reading.report!.structure.map((n) => n.code)).not.toContain('preTemplate');
    expect(Object.keys(reading.report!.cells).length).toBeGreaterThan(100);
  });
});
