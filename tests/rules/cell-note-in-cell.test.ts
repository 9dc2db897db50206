import { describe, expect, it } from 'vitest';
import { runRules } from '../../lib/check';
import { cellNote as rule } from '../../lib/rules/cell-note-in-cell';
import { expectMessages, FORMATS, onlyFailure, realistic } from './support';

describe('cell.noteInCell', () => {
  it.each(FORMATS)('has nothing to say about a %s report without notes', (format) => {
    expect(rule.check(realistic(format))).toEqual([]);
  });

  it('reads 178.2028（仲裁案件收费） as 178.2028 and keeps the note (seed 004)', () => {
    const o = onlyFailure(rule, realistic('2021', { 'active.fees.amount': '178.2028（仲裁案件收费）' }));
    expect(o).toMatchObject({ scope: 'active.fees.amount', cells: ['active.fees.amount'], actual: 178.2028 });
    const { zh } = expectMessages(rule, o, '178.2028', '仲裁案件收费', '行政事业性收费');
    expect(zh).toBe('行政事业性收费 / 本年收费金额（单位：万元）：“178.2028（仲裁案件收费）”按 178.2028 计算，说明“仲裁案件收费”');
  });

  it.each(FORMATS)('reports a note on a %s table-三 count, and the identities use its number', (format) => {
    const report = realistic(format, { 'applications.newReceived.total': '3511(含转办12件)' });
    expectMessages(rule, onlyFailure(rule, report), '3511', '含转办12件');
    const { findings } = runRules(report);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['cell.noteInCell', 'info']]);
  });
});
