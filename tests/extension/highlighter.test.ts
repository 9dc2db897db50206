// @vitest-environment happy-dom
// The in-page marks and tooltip: which cells are marked and how, the tooltip's text,
// hostile page text, keyboard stepping, clear() leaving the page byte-for-byte, and a
// tooltip the page cannot reach (closed root, random host name, fallbacks).

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runRules } from '../../lib/check';
import { readPage } from '../../lib/read';
import type { Finding, Report } from '../../lib/schema';
import { createHighlighter, type Highlighter, type Lang } from '../../entrypoints/checker/highlighter';
import { markedCell, PAGE_CSS, STYLE_ID } from '../../entrypoints/checker/marks';
import { HOST_PREFIX } from '../../entrypoints/checker/tooltip';
import { fixtureHtml } from '../../toolkit/dom';

const CHANGED = 'applications.granted.naturalPerson';
const HOSTILE_KEY = 'applications.other.noFee.commercial';
const HOSTILE = '<img src=x onerror=alert(1)>\u202e';
const ROW_SUM = 'applications.rowSum:granted';
const OUTCOME_TOTAL = 'applications.outcomeTotal:naturalPerson';
const UNREADABLE = `cell.unreadable:${HOSTILE_KEY}`;

interface Page {
  report: Report;
  findings: Finding[];
  nodes: Map<string, Element>;
  hl: Highlighter;
  input: (lang?: Lang) => Parameters<Highlighter['apply']>[0];
}

let active: Highlighter | null = null;
/**
 * Every shadow root attached, as attachShadow returned it: the tooltip's root is closed
 * (`host.shadowRoot` is null), so the test keeps the reference the way the highlighter does.
 */
let roots: ShadowRoot[] = [];
const attachShadow = Element.prototype.attachShadow;
/** attachShadow as the test wants it (the real one unless a test says otherwise), recording the roots */
let attach: (el: Element, init: ShadowRootInit) => ShadowRoot = (el, init) => attachShadow.call(el, init);
beforeEach(() => {
  roots = [];
  attach = (el, init) => attachShadow.call(el, init);
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attach(this, init);
    roots.push(root);
    return root;
  });
});
afterEach(() => {
  active?.clear();
  active = null;
  vi.restoreAllMocks();
});

/** Parse a fixture into the happy-dom document (no external loads), optionally change it, read and check it. */
function load(name: string, change?: (nodes: Map<string, Element>) => void): Page {
  document.documentElement.innerHTML = fixtureHtml(name)
    .replace(/<link\b[^>]*>/gi, '')
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<iframe\b[\s\S]*?<\/iframe>/gi, '');
  let reading = readPage(document);
  if (change) {
    change(reading.nodes);
    reading = readPage(document);
  }
  const report = reading.report!;
  const findings = runRules(report).findings;
  const hl = createHighlighter(document);
  active = hl;
  return { report, findings, nodes: reading.nodes, hl, input: (lang = 'zh') => ({ findings, report, nodes: reading.nodes, lang }) };
}

/** The changed-granted page plus one unreadable cell with hostile text (entered as text, as a page would show it). */
const loadHostile = () =>
  load('pingtan-2023-changed-granted.html', (nodes) => {
    nodes.get(HOSTILE_KEY)!.textContent = HOSTILE;
  });

const marked = () => [...document.querySelectorAll('[data-gip-severity]')];
const HOST_NAME = /^gip-[a-z0-9]{10}$/;
/** the tooltip hosts in the page: children of <html> named gip-<10 random> */
const hosts = () => [...document.documentElement.children].filter((el) => HOST_NAME.test(el.localName));
/** the tooltip's (closed) root, while its host is in the page */
const shadow = () => roots.findLast((r) => r.host.isConnected) ?? null;
const tooltip = () => shadow()?.querySelector<HTMLElement>('[role="tooltip"]') ?? null;
const visibleTip = () => {
  const t = tooltip();
  return t && !t.hidden ? t : null;
};
const relatedCells = () => [...document.querySelectorAll('[data-gip-related]')];
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('markedCell', () => {
  const f = (over: Partial<Finding>): Finding => ({
    id: 'x',
    ruleId: 'applications.rowSum',
    severity: 'error',
    cells: ['applications.granted.total', CHANGED],
    message: '',
    messageEn: '',
    ...over,
  });
  it('is the first cell, or nothing for grouped findings, blank-as-zero disclosures and cell-less findings', () => {
    expect(markedCell(f({}))).toBe('applications.granted.total');
    expect(markedCell(f({ groupedUnder: 'y' }))).toBeNull();
    expect(markedCell(f({ ruleId: 'cell.blankAsZero', severity: 'info' }))).toBeNull();
    expect(markedCell(f({ cells: [] }))).toBeNull();
  });
});

describe('apply', () => {
  it('marks exactly the changed cell, as an error, with its finding ids; one style element', () => {
    const p = load('pingtan-2023-changed-granted.html');
    expect(p.findings.map((f) => f.id)).toEqual([ROW_SUM, OUTCOME_TOTAL]);
    p.hl.apply(p.input());
    const cell = p.nodes.get(CHANGED)!;
    expect(marked()).toEqual([cell]);
    expect(cell.getAttribute('data-gip-severity')).toBe('error');
    expect(cell.getAttribute('data-gip-finding')).toBe(ROW_SUM); // the grouped column finding marks nothing
    expect(cell.getAttribute('tabindex')).toBe('0');
    expect(document.querySelectorAll('[data-gip-severity="error"]')).toHaveLength(1);
    expect(document.querySelectorAll('[data-gip-finding]')).toHaveLength(1);
    expect(document.querySelectorAll(`style#${STYLE_ID}`)).toHaveLength(1);
    expect(document.querySelectorAll('style#' + STYLE_ID)[0]!.textContent).toBe(PAGE_CSS);
    expect(relatedCells()).toEqual([]);
    expect(hosts()).toEqual([]); // the tooltip host only when needed
  });

  it('marks the most severe finding per cell and lists every finding on it', () => {
    const p = loadHostile();
    const note: Finding = { id: 'cell.note:x', ruleId: 'cell.note', severity: 'info', cells: [CHANGED], message: '附注', messageEn: 'note' };
    p.hl.apply({ ...p.input(), findings: [note, ...p.findings] });
    const cell = p.nodes.get(CHANGED)!;
    const hostile = p.nodes.get(HOSTILE_KEY)!;
    expect(marked()).toEqual([cell, hostile]);
    expect(cell.getAttribute('data-gip-severity')).toBe('error');
    expect(cell.getAttribute('data-gip-finding')).toBe(`${ROW_SUM} cell.note:x`);
    expect(hostile.getAttribute('data-gip-severity')).toBe('warning');
    expect(hostile.getAttribute('data-gip-finding')).toBe(UNREADABLE);
  });

  it('marks nothing for blank-as-zero disclosures and grouped findings', () => {
    const p = load('shanghai-2019-style.html');
    const blanks = p.findings.filter((f) => f.ruleId === 'cell.blankAsZero');
    expect(blanks.length).toBeGreaterThan(0);
    p.hl.apply(p.input());
    const expected = new Set(
      p.findings
        .map(markedCell)
        .filter((k): k is string => k !== null)
        .map((k) => p.nodes.get(k)),
    );
    expect(new Set(marked())).toEqual(expected);
    for (const el of marked()) expect(el.getAttribute('data-gip-finding')).not.toContain('cell.blankAsZero');
    // blank cells that are no finding's first cell stay unmarked
    const onlyBlank = blanks
      .flatMap((f) => f.cells)
      .map((k) => p.nodes.get(k)!)
      .filter((el) => !expected.has(el));
    expect(onlyBlank.length).toBeGreaterThan(50);
    for (const el of onlyBlank) expect(el.hasAttribute('data-gip-severity')).toBe(false);

    p.hl.clear();
    const changed = load('pingtan-2023-changed-granted.html');
    changed.hl.apply({ ...changed.input(), findings: [...blanks, changed.findings[1]!] });
    expect(marked()).toEqual([]);
    expect(document.getElementById(STYLE_ID)).toBeNull();
  });

  it('marks only with outlines and inset shadows, !important and specific enough to beat the site', () => {
    const rules = PAGE_CSS.replace(/@media[^{]*\{/g, '')
      .split('}')
      .filter((r) => r.includes('[data-gip-'));
    expect(rules.length).toBeGreaterThan(3);
    for (const rule of rules) {
      const decls = rule
        .slice(rule.indexOf('{') + 1)
        .split(';')
        .filter(Boolean);
      for (const d of decls) {
        expect(d).toMatch(/!important$/);
        expect(d).toMatch(/^(outline|outline-offset|outline-width|box-shadow|cursor|animation):/);
      }
    }
    const offsets = PAGE_CSS.match(/outline-offset:[^;!]+/g) ?? [];
    expect(offsets.length).toBeGreaterThan(3);
    for (const o of offsets) expect(o).toMatch(/^outline-offset:-\dpx$/); // inside the cell, never around it
    expect(PAGE_CSS).toContain('box-shadow:inset');

    const p = load('pingtan-2023-changed-granted.html');
    p.hl.apply(p.input());
    const site = document.createElement('style'); // later in the document and !important
    site.textContent = 'td[data-gip-severity], td { outline: none !important; box-shadow: none !important; }';
    document.head.append(site);
    const cs = getComputedStyle(p.nodes.get(CHANGED)!);
    expect(cs.outlineStyle).toBe('solid');
    expect(cs.boxShadow).toContain('inset');
    site.remove();
  });
});

describe('focus and the tooltip', () => {
  it('scrolls to the cell, flashes it, lights its operands and shows the arithmetic', () => {
    const p = load('pingtan-2023-changed-granted.html');
    p.hl.apply(p.input());
    const cell = p.nodes.get(CHANGED)! as HTMLElement;
    const scroll = vi.spyOn(cell, 'scrollIntoView');
    expect(p.hl.focus(ROW_SUM)).toBe(true);
    expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ block: 'center' }));
    expect(cell.hasAttribute('data-gip-flash')).toBe(true);
    expect(document.activeElement).toBe(cell);

    const rowSum = p.findings[0]!;
    const operands = rowSum.cells.slice(1).map((k) => p.nodes.get(k));
    expect(new Set(relatedCells())).toEqual(new Set(operands));
    expect(relatedCells()).toHaveLength(6);
    expect(cell.hasAttribute('data-gip-related')).toBe(false);

    const tip = visibleTip()!;
    expect(tip).not.toBeNull();
    expect(tip.getAttribute('aria-live')).toBe('polite');
    const text = tip.textContent!;
    for (const s of [rowSum.message, rowSum.messageEn, '25 + 0 + 0 + 0 + 0 + 0 = 25 ≠ 22', '期望 25', '页面显示 22', '“25”', 'applications.rowSum', '自然人'])
      expect(text).toContain(s);
    expect(text.indexOf(rowSum.message)).toBeLessThan(text.indexOf(rowSum.messageEn)); // zh first
    expect(text).toContain(p.findings[1]!.equation!); // the grouped column finding explains the same cell
    expect(text).toContain('同一原因');
    expect(hosts()).toHaveLength(1);
    expect(hosts()[0]!.parentNode).toBe(document.documentElement);
  });

  it('speaks English when asked, Chinese second', () => {
    const p = load('pingtan-2023-changed-granted.html');
    p.hl.apply(p.input('en'));
    p.hl.focus(ROW_SUM);
    const text = visibleTip()!.textContent!;
    const f = p.findings[0]!;
    expect(text.indexOf(f.messageEn)).toBeLessThan(text.indexOf(f.message));
    expect(text).toContain('expected 25');
    expect(text).toContain('shown 22');
    expect(text).not.toContain('期望');
  });

  it('focuses grouped findings on their cause cell and refuses findings without cells', () => {
    const p = load('pingtan-2023-changed-granted.html');
    const orphan: Finding = { id: 'format.structure:x', ruleId: 'format.structure', severity: 'warning', cells: [], message: 'm', messageEn: 'm' };
    p.hl.apply({ ...p.input(), findings: [...p.findings, orphan] });
    expect(p.hl.focus('nope')).toBe(false);
    expect(p.hl.focus(orphan.id)).toBe(false);
    expect(p.hl.focus(OUTCOME_TOTAL)).toBe(true);
    expect(relatedCells()).toHaveLength(21);
    expect(visibleTip()!.textContent).toContain(p.findings[1]!.message);
  });

  it('shows on hover and keyboard focus, hides on leaving and on Escape', async () => {
    const p = load('pingtan-2023-changed-granted.html');
    p.hl.apply(p.input());
    const cell = p.nodes.get(CHANGED)! as HTMLElement;
    cell.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(visibleTip()?.textContent).toContain(p.findings[0]!.message);
    cell.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: document.body }));
    await wait(300);
    expect(visibleTip()).toBeNull();

    cell.focus();
    expect(visibleTip()?.textContent).toContain(p.findings[0]!.equation!);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(visibleTip()).toBeNull();

    p.hl.focus(ROW_SUM);
    expect(relatedCells()).toHaveLength(6);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(visibleTip()).toBeNull();
    expect(relatedCells()).toHaveLength(0);
  });

  it('renders hostile page text as text only, isolated', () => {
    const p = loadHostile();
    const imgs = document.querySelectorAll('img').length;
    const hostile = p.nodes.get(HOSTILE_KEY)!;
    const evil: Finding = {
      id: 'evil',
      ruleId: 'cell.note',
      severity: 'info',
      cells: [HOSTILE_KEY],
      message: HOSTILE,
      messageEn: '<b>x</b>',
      equation: '<svg onload=alert(2)>',
    };
    p.hl.apply({ ...p.input(), findings: [...p.findings, evil] });
    hostile.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    const root = shadow()!;
    const tip = visibleTip()!;
    expect(root.querySelector('img, svg, b, script')).toBeNull();
    expect(document.querySelectorAll('img')).toHaveLength(imgs);
    expect(tip.textContent).toContain(`“${HOSTILE}”`);
    expect(tip.textContent).toContain('无法读取');
    expect(tip.textContent).toContain('<svg onload=alert(2)>');
    // every element holding page text is its own bidi context
    const holders = [...root.querySelectorAll('*')].filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.includes('\u202e')));
    expect(holders.length).toBeGreaterThan(1);
    for (const el of holders) expect(el.getAttribute('dir')).toBe('auto');
    expect(root.querySelector('style')!.textContent).toContain('unicode-bidi:plaintext');
  });

  it('keeps <script>, formulae and very long page text as text', () => {
    const long = `<script>alert(1)</script>=cmd|' /C calc'!A0${'W'.repeat(3_900)}`;
    const p = load('pingtan-2023-changed-granted.html', (nodes) => {
      nodes.get(HOSTILE_KEY)!.textContent = long;
    });
    const scripts = document.querySelectorAll('script').length;
    p.hl.apply(p.input());
    p.nodes.get(HOSTILE_KEY)!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    const tip = visibleTip()!;
    expect(tip.textContent).toContain(`“${long}”`);
    expect(shadow()!.querySelector('script, img, svg')).toBeNull();
    expect(document.querySelectorAll('script')).toHaveLength(scripts);
    expect(hosts()).toHaveLength(1);
  });
});

describe('step', () => {
  it('cycles through the marked findings in page order, both ways', () => {
    const p = loadHostile();
    expect(p.hl.step(1)).toBeNull(); // nothing applied yet
    p.hl.apply(p.input());
    expect(p.hl.step(1)).toBe(ROW_SUM);
    expect(document.activeElement).toBe(p.nodes.get(CHANGED));
    expect(p.hl.step(1)).toBe(UNREADABLE);
    expect(document.activeElement).toBe(p.nodes.get(HOSTILE_KEY));
    expect(visibleTip()!.textContent).toContain('cell.unreadable');
    expect(p.hl.step(1)).toBe(ROW_SUM);
    expect(p.hl.step(-1)).toBe(UNREADABLE);
    expect(p.hl.step(-1)).toBe(ROW_SUM);
    p.hl.focus(OUTCOME_TOTAL); // grouped: counts as its primary
    expect(p.hl.step(1)).toBe(UNREADABLE);
  });

  it('starts from the end going backwards', () => {
    const p = loadHostile();
    p.hl.apply(p.input());
    expect(p.hl.step(-1)).toBe(UNREADABLE);
  });
});

describe('clear', () => {
  it('restores the document byte-for-byte, including an own tabindex', async () => {
    const p = loadHostile();
    const added: unknown[][] = [];
    const removed: unknown[][] = [];
    const add = vi.spyOn(document, 'addEventListener').mockImplementation(function (this: Document, ...args) {
      added.push(args);
    });
    const remove = vi.spyOn(document, 'removeEventListener').mockImplementation((...args) => {
      removed.push(args);
    });
    p.hl.apply(p.input());
    p.hl.clear();
    add.mockRestore();
    remove.mockRestore();
    expect(added.length).toBeGreaterThanOrEqual(5);
    for (const a of added) expect((a[2] as AddEventListenerOptions).capture && (a[2] as AddEventListenerOptions).passive).toBe(true);
    expect(removed.map((r) => [r[0], r[1]])).toEqual(added.map((a) => [a[0], a[1]]));
    for (const r of removed) expect((r[2] as EventListenerOptions).capture).toBe(true);

    const cell = p.nodes.get(CHANGED)!;
    cell.setAttribute('tabindex', '3');
    const before = document.documentElement.outerHTML;

    p.hl.apply(p.input());
    expect(cell.getAttribute('tabindex')).toBe('0');
    p.hl.apply(p.input('en')); // applying again does not stack
    p.hl.focus(ROW_SUM);
    p.hl.step(1);
    p.nodes.get(HOSTILE_KEY)!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(document.documentElement.outerHTML).not.toBe(before);

    p.hl.clear();
    expect(document.documentElement.outerHTML).toBe(before);
    expect(cell.getAttribute('tabindex')).toBe('3');
    expect(hosts()).toEqual([]);
    expect(document.getElementById(STYLE_ID)).toBeNull();

    // listeners and timers are gone: nothing comes back
    cell.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    (cell as HTMLElement).focus();
    (cell as HTMLElement).blur();
    await wait(2000);
    expect(hosts()).toEqual([]);
    expect(document.documentElement.outerHTML).toBe(before);
    expect(p.hl.focus(ROW_SUM)).toBe(false);
    expect(p.hl.step(1)).toBeNull();
  });
});

describe('a tooltip the page cannot reach (SEC-7)', () => {
  const hover = (el: Element) => el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));

  it('lives in a closed shadow root on a host with a random name, new for every host', () => {
    const p = load('pingtan-2023-changed-granted.html');
    p.hl.apply(p.input());
    const cell = p.nodes.get(CHANGED)!;
    hover(cell);
    const [host] = hosts();
    expect(host).toBeDefined();
    expect(host!.localName.startsWith(HOST_PREFIX)).toBe(true);
    expect(host!.shadowRoot).toBeNull(); // what page code sees
    expect(roots).toHaveLength(1);
    expect(roots[0]!.mode).toBe('closed');
    expect(roots[0]!.host).toBe(host);
    expect(visibleTip()!.textContent).toContain(p.findings[0]!.message);
    expect(customElements.get(host!.localName)).toBeUndefined(); // created, never defined: no constructor ran

    // marks applied again (a re-check, highlights off and on): a new host, under a new name
    p.hl.apply(p.input());
    expect(hosts()).toEqual([]);
    hover(cell);
    expect(hosts()).toHaveLength(1);
    expect(hosts()[0]!.localName).not.toBe(host!.localName);
    expect(new Set(Array.from({ length: 50 }, () => (p.hl.apply(p.input()), hover(cell), hosts()[0]!.localName))).size).toBe(50);
  });

  it('never creates a name the page has defined: a plain div with a closed root instead, the page’s constructor never runs', () => {
    vi.spyOn(crypto, 'getRandomValues').mockImplementation((a) => a); // all zeros: gip-aaaaaaaaaa
    let constructed = 0;
    customElements.define(
      'gip-aaaaaaaaaa',
      class extends HTMLElement {
        constructor() {
          super();
          constructed++;
          this.attachShadow({ mode: 'open' }).textContent = '（页面改写）本单元格核对无误';
        }
      },
    );
    const p = load('pingtan-2023-changed-granted.html');
    p.hl.apply(p.input());
    hover(p.nodes.get(CHANGED)!);
    expect(constructed).toBe(0);
    expect(document.querySelector('gip-aaaaaaaaaa')).toBeNull();
    const host = document.documentElement.lastElementChild!;
    expect(host.localName).toBe('div');
    expect(host.shadowRoot).toBeNull();
    expect(shadow()!.mode).toBe('closed');
    expect(shadow()!.host).toBe(host);
    expect(visibleTip()!.textContent).toContain(p.findings[0]!.message);
  });

  it('where the registry cannot be seen (Chromium’s isolated world) and the taken name refuses a shadow root: the div, no error', () => {
    // a page element with `static disabledFeatures = ['shadow']`: attachShadow throws
    attach = (el, init) => {
      if (el.localName.startsWith(HOST_PREFIX)) throw new DOMException('disabled', 'NotSupportedError');
      return attachShadow.call(el, init);
    };
    const p = load('pingtan-2023-changed-granted.html');
    p.hl.apply(p.input());
    expect(p.hl.focus(ROW_SUM)).toBe(true);
    const host = document.documentElement.lastElementChild!;
    expect(host.localName).toBe('div');
    expect(host.shadowRoot).toBeNull();
    expect(visibleTip()!.textContent).toContain('期望 25');
    expect(hosts()).toEqual([]); // the refused element is not left in the page
  });

  it('with no shadow root to be had at all: the explanation as the cell’s title, which clear() takes back', () => {
    attach = () => {
      throw new DOMException('no shadow DOM', 'NotSupportedError');
    };
    const p = load('pingtan-2023-changed-granted.html');
    const cell = p.nodes.get(CHANGED)!;
    const before = document.documentElement.outerHTML;
    p.hl.apply(p.input());
    expect(() => hover(cell)).not.toThrow();
    expect(p.hl.focus(ROW_SUM)).toBe(true);
    const title = cell.getAttribute('title')!;
    for (const s of [p.findings[0]!.message, '25 + 0 + 0 + 0 + 0 + 0 = 25 ≠ 22', '期望 25 · 页面显示 22', p.findings[1]!.message]) expect(title).toContain(s);
    expect(document.documentElement.lastElementChild!.localName).not.toBe('div');
    expect(hosts()).toEqual([]);
    p.hl.clear();
    expect(cell.hasAttribute('title')).toBe(false);
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('puts the host back when the page took it out', () => {
    const p = load('pingtan-2023-changed-granted.html');
    p.hl.apply(p.input());
    const cell = p.nodes.get(CHANGED)!;
    hover(cell);
    const [host] = hosts();
    host!.remove();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    hover(cell);
    expect(hosts()).toEqual([host]);
    expect(visibleTip()!.textContent).toContain(p.findings[0]!.message);
    expect(roots).toHaveLength(1); // the same root, not a second tooltip
  });
});
