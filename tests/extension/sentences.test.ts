// @vitest-environment happy-dom
// Narrative findings on the page: the sentence “予以公开及部分公开258件” of the
// Shanghai-2019-style page is found and marked like a cell, its exact words get a CSS
// highlight (no DOM change), and the sentence and its table cell lead to each other.

import { captureShadowRoots } from '../support/shadow-roots';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHighlighter, type Highlighter } from '../../entrypoints/checker/highlighter';
import { STATEMENT_HIGHLIGHT } from '../../entrypoints/checker/marks';
import { locateSentences } from '../../entrypoints/checker/sentences';
import { runRules } from '../../lib/check';
import { readPage } from '../../lib/read';
import { fixtureHtml } from '../../toolkit/dom';

let active: Highlighter | null = null;
afterEach(() => {
  active?.clear();
  active = null;
  vi.unstubAllGlobals();
});

function load(html = fixtureHtml('shanghai-2019-style.html')) {
  document.documentElement.innerHTML = html.replace(/<link\b[^>]*>/gi, '').replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const reading = readPage(document);
  const report = reading.report!;
  const findings = runRules(report).findings;
  const tables = new Set([...reading.nodes.values()].flatMap((n) => n.closest('table') ?? []));
  const sentences = locateSentences(document, report, findings, tables);
  const narrative = findings.find((f) => f.ruleId === 'narrative.category' && f.message.includes('258'))!;
  return { report, findings, nodes: reading.nodes, sentences, narrative };
}

/** the tooltip's root is closed: read through what attachShadow returned */
const { tooltip } = captureShadowRoots();
const jumpButton = () => tooltip()?.querySelector<HTMLButtonElement>('button.jump') ?? null;
const strip = (s: string | null | undefined) => (s ?? '').replace(/\s/g, '');

describe('sentences of narrative findings', () => {
  it('finds the paragraph and the exact words of the 258-vs-275 sentence, outside the tables', () => {
    const { sentences, narrative, findings } = load();
    expect(narrative.message).toContain('予以公开及部分公开258件');
    const mark = sentences.get(narrative.id)!;
    expect(mark.element.tagName).toBe('P');
    expect(mark.element.closest('table')).toBeNull();
    expect(strip(mark.element.textContent)).toContain('予以公开及部分公开258件');
    expect(strip(mark.range?.toString())).toBe('予以公开及部分公开258件');
    // only narrative findings have sentences
    expect([...sentences.keys()].every((id) => findings.find((f) => f.id === id)!.ruleId.startsWith('narrative.'))).toBe(true);
  });

  it('finds the words when the CMS splits them across elements and spaces', () => {
    const html = fixtureHtml('shanghai-2019-style.html').replace('予以公开及部分公开258件', '予以公开及<span style="x">部分公开</span>\n<b>25</b>8件');
    const { sentences, narrative } = load(html);
    const mark = sentences.get(narrative.id)!;
    expect(strip(mark.range?.toString())).toBe('予以公开及部分公开258件');
  });

  it('says nothing when the sentence is not on the page (the page changed since it was read)', () => {
    const { report, findings, narrative } = load();
    const p = [...document.querySelectorAll('p')].find((x) => strip(x.textContent).includes('予以公开及部分公开258件'))!;
    p.textContent = '（已删除）';
    expect(locateSentences(document, report, findings, new Set()).has(narrative.id)).toBe(false);
  });
});

describe('marking the sentence and linking it to its cell', () => {
  it('marks the sentence like a cell, keeps the cell marked, and highlights the words without touching the DOM', () => {
    const registry = new Map<string, { ranges: Range[] }>();
    const Highlight = class {
      ranges: Range[];
      constructor(...r: Range[]) {
        this.ranges = r;
      }
    };
    vi.stubGlobal('Highlight', Highlight);
    (window as unknown as { Highlight: unknown }).Highlight = Highlight;
    // a registry like the browser's (happy-dom has none); the highlighter reads the page window's CSS.highlights
    const win = document.defaultView!;
    const original = Object.getOwnPropertyDescriptor(win, 'CSS');
    Object.defineProperty(win, 'CSS', { value: { highlights: registry }, configurable: true });
    const { report, findings, nodes, sentences, narrative } = load();
    const before = document.documentElement.outerHTML;
    const hl = (active = createHighlighter(document));
    hl.apply({ findings, report, nodes, lang: 'zh', sentences });
    const p = sentences.get(narrative.id)!.element;
    expect(p.getAttribute('data-gip-severity')).toBe('warning');
    expect(p.getAttribute('data-gip-finding')).toContain(narrative.id);
    expect(p.getAttribute('tabindex')).toBe('0');
    expect(nodes.get(narrative.cells[0]!)!.getAttribute('data-gip-finding')).toContain(narrative.id);
    // one range per narrative finding: here 258 (vs 275) and 无法提供265件 (vs Σ（四）= 337), both in one sentence
    const narratives = findings.filter((f) => f.ruleId.startsWith('narrative.') && sentences.has(f.id));
    expect(registry.get(STATEMENT_HIGHLIGHT)?.ranges.map((r) => strip(r.toString()))).toEqual(
      narratives.map((f) => strip(sentences.get(f.id)!.range!.toString())),
    );
    expect(registry.get(STATEMENT_HIGHLIGHT)?.ranges.map((r) => strip(r.toString()))).toEqual(['予以公开及部分公开258件', '无法提供265件']);

    hl.clear();
    expect(registry.has(STATEMENT_HIGHLIGHT)).toBe(false);
    expect(document.documentElement.outerHTML).toBe(before);
    if (original) Object.defineProperty(win, 'CSS', original);
    else delete (win as unknown as { CSS?: unknown }).CSS;
  });

  it('focus goes to the sentence, shows the cell it is about, and the button (or Enter) leads to the cell and back', () => {
    const { report, findings, nodes, sentences, narrative } = load();
    const hl = (active = createHighlighter(document));
    hl.apply({ findings, report, nodes, lang: 'zh', sentences });
    const p = sentences.get(narrative.id)!.element;
    const cell = nodes.get(narrative.cells[0]!)!;

    expect(hl.focus(narrative.id)).toBe(true);
    expect(p.hasAttribute('data-gip-flash')).toBe(true);
    expect(cell.hasAttribute('data-gip-related')).toBe(true);
    expect(tooltip()!.textContent).toContain('予以公开及部分公开258件');
    expect(tooltip()!.querySelector('.cell')).not.toBeNull(); // the cell the sentence is compared with
    expect(jumpButton()!.textContent).toBe('跳到表格单元格（Enter）');

    jumpButton()!.click();
    expect(cell.hasAttribute('data-gip-flash')).toBe(true);
    expect(p.hasAttribute('data-gip-related')).toBe(true);
    expect(jumpButton()!.textContent).toBe('跳到正文语句（Enter）');

    (cell as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(p.hasAttribute('data-gip-flash')).toBe(true);
  });

  it('steps through each narrative finding once, at its sentence', () => {
    const { report, findings, nodes, sentences, narrative } = load();
    const hl = (active = createHighlighter(document));
    hl.apply({ findings, report, nodes, lang: 'zh', sentences });
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) seen.push(hl.step(1)!);
    const distinct = new Set(seen);
    expect(distinct.size).toBeLessThan(40); // it wrapped at least once
    // one full cycle visits every marked finding exactly once
    const cycle = seen.slice(0, distinct.size);
    expect(new Set(cycle).size).toBe(cycle.length);
    expect(cycle).toContain(narrative.id);
    // and a narrative finding is visited at its sentence, not at its cell
    hl.focus(narrative.id);
    expect(sentences.get(narrative.id)!.element.hasAttribute('data-gip-flash')).toBe(true);
  });

  it('without sentences (an older caller), the narrative finding stays on its cell', () => {
    const { report, findings, nodes, narrative } = load();
    const hl = (active = createHighlighter(document));
    hl.apply({ findings, report, nodes, lang: 'zh' });
    expect(hl.focus(narrative.id)).toBe(true);
    expect(nodes.get(narrative.cells[0]!)!.hasAttribute('data-gip-flash')).toBe(true);
    expect(jumpButton()).toBeNull();
  });
});
