import { describe, expect, it } from 'vitest';
import { cellHiddenText as rule } from '../../lib/rules/cell-hidden-text';
import { checkDocument } from '../../lib/check';
import type { Report } from '../../lib/schema';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';
import { expectMessages, FORMATS, onlyFailure, realistic } from './support';

/** a report whose `key` cell held hidden text, as the reader leaves it */
function withHidden(report: Report, key: string, hidden: string): Report {
  const c = report.cells[key]!;
  return { ...report, cells: { ...report.cells, [key]: { ...c, readAs: [...c.readAs, 'hidden'], hidden } } };
}

describe('cell.hiddenText', () => {
  it.each(FORMATS)('has nothing to say about a %s report without hidden text', (format) => {
    expect(rule.check(realistic(format))).toEqual([]);
  });

  it('says which cell holds hidden text, what was read and what was left out', () => {
    const o = onlyFailure(rule, withHidden(realistic('2021', { 'active.normativeDocs.inForce': 470 }), 'active.normativeDocs.inForce', '0'));
    expect(o).toMatchObject({
      scope: 'active.normativeDocs.inForce',
      cells: ['active.normativeDocs.inForce'],
      actual: 470,
      data: { shown: '470', hidden: '0' },
    });
    const { zh } = expectMessages(rule, o, '470', '0');
    expect(zh).toContain('隐藏部分未计入');
  });

  it('fires on the real page where a 0 is hidden after 470, which is read as 470 (not 4700), as the reader sees it', () => {
    const html = fixtureHtml('pingtan-2023.html').replace('>470<', '>470<span style="display:none">0</span><');
    const check = checkDocument(docFromHtml(html));
    const cell = check.reading.report!.cells['active.normativeDocs.inForce']!;
    expect(cell).toMatchObject({ raw: '470', value: 470, hidden: '0' });
    expect(cell.readAs).toContain('hidden');
    expect(check.findings.filter((f) => f.ruleId === 'cell.hiddenText').map((f) => f.cells[0])).toEqual(['active.normativeDocs.inForce']);
    // and nothing else changes: the same findings as the page without the hidden 0, besides this note
    const clean = checkDocument(docFromHtml(fixtureHtml('pingtan-2023.html')));
    expect(check.findings.filter((f) => f.ruleId !== 'cell.hiddenText').map((f) => f.id)).toEqual(clean.findings.map((f) => f.id));
  });
});
