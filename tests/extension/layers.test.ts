// @vitest-environment happy-dom
// A page holding several reports: every report's findings are marked on the page; the
// report shown in the popup is the one whose ids `focus` takes as they are, the others
// are reached as `k|id` (finding ids repeat from report to report) and by stepping.

import { captureShadowRoots } from '../support/shadow-roots';
import { afterEach, describe, expect, it } from 'vitest';
import { createHighlighter, type Highlighter, type ReportMarks } from '../../entrypoints/checker/highlighter';
import { checkDocumentReports } from '../../lib/check';
import { fixtureHtml } from '../../toolkit/dom';

let active: Highlighter | null = null;
afterEach(() => {
  active?.clear();
  active = null;
});

function load(): ReportMarks[] {
  document.documentElement.innerHTML = fixtureHtml('consolidated-3.html').replace(/<script\b[\s\S]*?<\/script>/gi, '');
  return checkDocumentReports(document).map((c) => ({ findings: c.findings, report: c.reading.report!, nodes: c.reading.nodes }));
}

const CHANGED = 'applications.granted.naturalPerson';
/** the tooltip's root is closed: read through what attachShadow returned */
const { tooltip } = captureShadowRoots();

describe('several reports marked at once', () => {
  it('marks the third report’s wrong cell while the first is the one shown, and restores the page', () => {
    const [first, second, third] = load();
    expect(first!.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const before = document.documentElement.outerHTML;
    const hl = (active = createHighlighter(document));
    hl.apply({ ...first!, lang: 'zh', others: [second!, third!] });
    const cell = third!.nodes.get(CHANGED)!;
    expect(cell.getAttribute('data-gip-severity')).toBe('error');
    // the same key in the first report is not marked
    expect(first!.nodes.get(CHANGED)!.hasAttribute('data-gip-severity')).toBe(false);

    // the shown report's ids as they are: the first report has no such finding
    expect(hl.focus('applications.rowSum:granted')).toBe(false);
    // the third report's, namespaced; the tooltip shows that report's cell
    expect(hl.focus('2|applications.rowSum:granted')).toBe(true);
    expect(cell.hasAttribute('data-gip-flash')).toBe(true);
    expect(tooltip()!.textContent).toContain(third!.report.cells[CHANGED]!.raw);

    hl.clear();
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('steps through the marks of every report in page order', () => {
    const [first, second, third] = load();
    const hl = (active = createHighlighter(document));
    hl.apply({ ...second!, lang: 'zh', others: [first!, third!] });
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(hl.step(1)!);
    expect([...seen].some((id) => id.startsWith('2|applications.rowSum'))).toBe(true);
  });
});
