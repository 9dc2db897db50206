import { describe, expect, it } from 'vitest';
import { cellNegative as rule } from '../../lib/rules/cell-negative';
import { expectMessages, failed, findingsOf, FORMATS, onlyFailure, outcomes, realistic } from './support';

describe('cell.negative', () => {
  it.each(FORMATS)('passes every readable cell of a consistent %s report: one passed outcome per table, listing its cells', (format) => {
    const report = realistic(format);
    expect(failed(rule, report)).toEqual([]);
    const passed = outcomes(rule, report, 'passed');
    expect(passed.map((o) => o.scope)).toEqual(['active', 'applications', 'review']);
    for (const o of passed) expect(o.cells.every((k) => k.startsWith(`${o.scope}.`))).toBe(true);
    const signed = Object.keys(report.cells).filter((k) => /^active\.\w+\.change$/.test(k));
    expect(passed.flatMap((o) => o.cells).sort()).toEqual(
      Object.keys(report.cells)
        .filter((k) => !signed.includes(k))
        .sort(),
    );
  });

  it("lists a failing cell in its failure, not among its table's passes", () => {
    const passed = outcomes(rule, realistic('2021', { 'review.review.upheld': '-3' }), 'passed');
    expect(passed.find((o) => o.scope === 'review')!.cells).not.toContain('review.review.upheld');
    expect(passed.find((o) => o.scope === 'review')!.cells).toContain('review.review.corrected');
  });

  it('lets the signed 2019 本年增/减 columns be negative', () => {
    const report = realistic('2019', { 'active.fees.change': '-12', 'active.punishment.change': '−7' });
    expect(failed(rule, report)).toEqual([]);
    expect(rule.check(report).map((o) => o.scope)).not.toContain('active.licensing.change'); // '-18' is not even checked
  });

  it.each([
    ['2021', 'applications.granted.naturalPerson', '-3', '（一）予以公开 / 自然人'],
    ['2021', 'review.review.upheld', '-309', '行政复议 / 结果维持'],
    ['2021', 'active.fees.amount', '-178.2028', '行政事业性收费 / 本年收费金额（单位：万元）'],
    ['2019', 'active.licensing.previous', '-18', '行政许可 / 上一年项目数量'],
    ['2019', 'active.otherServices.decisions', '-5', '其他对外管理服务事项 / 处理决定数量'],
    ['2019', 'active.procurement.amount', '-251000元', '政府集中采购 / 采购总金额'],
  ] as const)('fails a negative in a %s report at %s', (format, key, raw, label) => {
    const o = onlyFailure(rule, realistic(format, { [key]: raw }));
    expect(o).toMatchObject({ scope: key, cells: [key], actual: Number.parseFloat(raw) });
    expectMessages(rule, o, label, raw);
  });

  it('skips unreadable cells (cell.unreadable reports them)', () => {
    expect(rule.check(realistic('2021', { 'review.review.upheld': '见附件' })).map((o) => o.scope)).not.toContain('review.review.upheld');
  });

  it('is an error finding through runRules', () => {
    expect(findingsOf(realistic('2021', { 'active.coercion.decisions': '-1' }), rule.id)).toEqual([
      expect.objectContaining({ id: 'cell.negative:active.coercion.decisions', severity: 'error', actual: -1, cells: ['active.coercion.decisions'] }),
    ]);
  });
});

describe.each(FORMATS)('a negative count in table 三 (%s)', (format) => {
  it('is an error even when its row still adds up', () => {
    // 科研机构 2 → −1 and 商业企业 35 → 38: the row sum 1191 holds, the cell is still impossible
    const report = realistic(format, { 'applications.granted.research': '-1', 'applications.granted.commercial': 38 });
    expect(onlyFailure(rule, report).scope).toBe('applications.granted.research');
  });
});
