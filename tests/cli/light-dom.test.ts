// The CLI's light DOM (cli/dom) against linkedom, which it replaced: for every
// fixture page, the generated markup variants, the hostile and extreme inputs and random
// HTML, both must build the same tree and give the same output entry (cell refs included).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { checkHtmlReports, parseDocument } from '../../cli/check-file';
import { useDom, type DomName } from '../../cli/dom/index';
import { isKeptAttribute, KEPT_ATTRIBUTES } from '../../cli/dom/nodes';
import { MAX_DEPTH, parseLightDocument } from '../../cli/dom/parse';
import { arbConsistentReport, arbReportPage, changeOneCell } from '../../toolkit/arbitrary';
import { FIXTURES, fixtureHtml, fixtureNames } from '../../toolkit/dom';
import { hostileReportHtml } from '../support/hostile';
import { arbCutPage, arbEditedPage, arbRandomMarkup } from '../../toolkit/properties';
import { MARKUPS, renderReportPage, ZERO_STYLES } from '../../toolkit/render';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 120);

afterEach(() => useDom('light'));

function withDom<T>(dom: DomName, f: () => T): T {
  useDom(dom);
  try {
    return f();
  } finally {
    useDom('light');
  }
}

/**
 * The tree as a flat list, through the standard API only: adjacent text merged (linkedom splits it at entities), the kept attributes sorted.
 * With a `cap`, the tree as a browser's parser would build it from the same page: a node inside an element nested deeper than
 * `cap` is listed where that element's ancestor at depth `cap` holds it, after the (empty) deeper elements that came before it.
 */
function shape(doc: Document, cap = Infinity): string[] {
  const out: string[] = [];
  let text: string | null = null;
  const flush = () => {
    if (text !== null) out.push(`#text ${text}`);
    text = null;
  };
  const stack: ([Node, number] | 'end')[] = Array.from(doc.childNodes, (n): [Node, number] => [n, 1]).reverse();
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === 'end') {
      flush();
      out.push('/');
      continue;
    }
    const [n, depth] = item;
    if (n.nodeType === 3) {
      text = (text ?? '') + (n as Text).data;
      continue;
    }
    flush();
    if (n.nodeType === 8) out.push(`#comment ${(n as Comment).data}`);
    else if (n.nodeType === 1) {
      const el = n as Element;
      const attrs = Array.from(el.attributes, (a) => `${a.name}=${JSON.stringify(a.value)}`)
        .filter((a) => isKeptAttribute(a.slice(0, a.indexOf('='))))
        .sort();
      out.push(`<${el.tagName} ${attrs.join(' ')}`);
      const children = Array.from(el.childNodes, (c): [Node, number] => [c, depth + 1]).reverse();
      // past the cap: an empty element, its content held by the element at depth `cap`
      if (depth > cap) stack.push(...children, 'end');
      else stack.push('end', ...children);
    }
  }
  flush();
  return out;
}

/** How deep the tree's elements nest (an element child of the document is at depth 1). */
function depthOf(doc: Document): number {
  let max = 0;
  const stack: [Element, number][] = Array.from(doc.children, (e): [Element, number] => [e, 1]);
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    max = Math.max(max, depth);
    for (const c of Array.from(el.children)) stack.push([c, depth + 1]);
  }
  return max;
}

/** What lib/ reads of the document itself. */
function facts(doc: Document) {
  const path = (el: Element | null) => {
    const steps: string[] = [];
    for (let e = el; e; e = e.parentElement) steps.push(e.tagName);
    return steps.join('<');
  };
  // (before `title`, `head` and `body`, which may insert an element into a page without them)
  const divsBefore = doc.getElementsByTagName('div').length;
  return {
    divsBefore,
    title: doc.title,
    url: doc.URL ?? null,
    root: doc.documentElement?.tagName,
    head: path(doc.head),
    body: path(doc.body),
    metas: Array.from(doc.head.getElementsByTagName('meta'), (m) => m.getAttribute('name')),
    tables: doc.querySelectorAll('table').length,
    tablesByTag: doc.getElementsByTagName('table').length,
    anchors: Array.from(doc.querySelectorAll('a'), (a) => a.getAttribute('href')),
    classes: Array.from(doc.getElementsByTagName('div'), (d) => d.getAttribute('class')).slice(0, 50),
    // tag lookups by case, from the whole page and from inside an element
    cellsByUpperName: doc.getElementsByTagName('TD').length,
    cellsByMixedCase: doc.getElementsByTagName('Td').length,
    cellsPerTable: Array.from(doc.getElementsByTagName('table'), (t) => t.getElementsByTagName('td').length).slice(0, 50),
    bodyDivs: doc.body.getElementsByTagName('div').length,
    headTitles: doc.head.getElementsByTagName('TITLE').length,
  };
}

/** Same tree, same document facts, same output entry. */
function expectSame(html: string, opts: { tree?: boolean } = {}): void {
  const a = withDom('linkedom', () => parseDocument(html));
  const b = parseDocument(html);
  expect(facts(b)).toStrictEqual(facts(a));
  if (opts.tree !== false) expect(shape(b)).toStrictEqual(shape(a));
  const before = withDom('linkedom', () => checkHtmlReports('page.html', html));
  const after = checkHtmlReports('page.html', html);
  expect(after).toStrictEqual(before);
}

describe('light DOM = linkedom', () => {
  it.each(fixtureNames())('fixture %s', (name) => {
    // the 2 MB page's tree is compared through its facts and entry only (its shape is 100k lines)
    expectSame(fixtureHtml(name), { tree: !name.startsWith('negative-large') });
  });

  it('every markup variant with every zero style (2019 and 2021)', () => {
    const reports = [...fc.sample(arbConsistentReport('2021'), { numRuns: 1, seed: 7 }), ...fc.sample(arbConsistentReport('2019'), { numRuns: 1, seed: 7 })];
    let n = 0;
    for (const [i, data] of reports.entries())
      for (const markup of MARKUPS)
        for (const zeros of ZERO_STYLES) {
          expectSame(renderReportPage(data, { markup, zeros, fullWidthDigits: (n & 1) === 1, thousands: (n & 2) === 2, seed: i * 97 + n }));
          n++;
        }
    expect(n).toBe(2 * MARKUPS.length * ZERO_STYLES.length);
  });

  it('random rendered reports, and with one count changed', () => {
    fc.assert(
      fc.property(arbReportPage(), fc.nat(), fc.integer({ min: 1, max: 40 }), ({ data, opts, html }, pick, delta) => {
        expectSame(html);
        const keys = Object.keys(data.values);
        expectSame(renderReportPage(changeOneCell(data, keys[pick % keys.length]!, delta), opts));
      }),
      { numRuns: Math.ceil(RUNS / 8) },
    );
  });

  it('the hostile page', () => expectSame(hostileReportHtml()));
});

describe('light DOM = linkedom on extreme and broken input', () => {
  const PAGE = fixtureHtml('pingtan-2023.html');
  const rows = (n: number, label: string) => Array.from({ length: n }, (_, i) => `<tr><td>${label}${i}</td>${'<td>1</td>'.repeat(7)}</tr>`).join('');
  const inBody = (extra: string) => PAGE.replace('</body>', `${extra}</body>`);
  const nest = (depth: number, inner: string) => '<table><tr><td>'.repeat(depth) + inner + '</td></tr></table>'.repeat(depth);
  const CASES: [string, string][] = [
    ['empty', ''],
    ['whitespace', ' \n '],
    ['bare text', '某局2021年政府信息公开工作年度报告'],
    ['a lone <', '<'],
    ['an open tag', '<table'],
    ['an open attribute', '<table><tr><td rowspan="'],
    ['a fragment: title then tables (no <html>)', `<title>某局2021年政府信息公开工作年度报告</title>${PAGE.replace(/^[\s\S]*<body[^>]*>/, '')}`],
    ['head and body without <html>', PAGE.replace(/<\/?html[^>]*>/g, '')],
    ['content after </html>', `${PAGE}<table><tr><td>自然人</td></tr></table>`],
    ['no <head>', PAGE.replace(/<head>[\s\S]*?<\/head>/, '')],
    ['text before <head>', PAGE.replace('<head>', 'x<head>')],
    ['an element before <head>', PAGE.replace('<head>', '<div>x</div><head>')],
    [
      'upper-case tags and attributes',
      PAGE.replace(/<(\/?)(td|tr|table)\b/g, (_m, s: string, t: string) => `<${s}${t.toUpperCase()}`)
        .replace(/\browspan=/g, 'ROWSPAN=')
        .replace(/\bclass=/g, 'CLASS='),
    ],
    ['duplicate and odd attributes', PAGE.replace(/<td\b/g, '<td rowspan="1" rowspan="3" __proto__="x" constructor="y" class=" a  b a "')],
    ['an unclosed comment before the tables', `<!--${PAGE}`],
    ['CDATA and processing instructions', `<![CDATA[<table>]]><?xml x?>${PAGE}`],
    ['NUL and control characters', PAGE.replace(/>0</g, '>\u0000\u0001\u001b[2J<')],
    ['lone surrogates and noncharacters', PAGE.replace(/>0</g, '>\ud800\udfff\uffff<')],
    ['entities everywhere', PAGE.replace(/>0</g, '>&#48;&nbsp;&amp;&lt;&#x3000;&bogus;<')],
    // the tokenizer skips plain runs of text and quoted values: every character it stops at, and the other quote inside a value
    [
      'entities and quotes inside attribute values',
      PAGE.replace(/<td\b/g, `<td title='a"b&amp;c&copy d' data-x="x'y&lt;z&#x41;" data-u=a&amp;b data-e="" data-end="&amp;"`),
    ],
    ['a value or text running to the end of the input', `${PAGE.slice(0, PAGE.indexOf('<table'))}<table title="never closed &amp; more`],
    ['text ending in an entity', `${PAGE.slice(0, PAGE.indexOf('</body>'))}<p>a &amp`],
    ['tables inside <svg> and <math>', `<svg>${PAGE}</svg><math>${PAGE}</math>`],
    ['the report inside <template>', `<title>x</title><template>${PAGE}</template>`],
    ['the report inside <template> on a real page', inBody(`<template>${PAGE}</template>`)],
    ['rows and cells outside any table', PAGE.replace(/<\/?table[^>]*>/g, '')],
    ['every closing tag removed', PAGE.replace(/<\/[a-z]+>/gi, '')],
    ['every opening <tr> removed', PAGE.replace(/<tr\b[^>]*>/gi, '')],
    ['tags reversed', PAGE.replace(/<(\/?)(td|tr)\b/gi, (_m, slash: string, tag: string) => `<${slash ? '' : '/'}${tag}`)],
    ['stray closing tags', `</div></p></table></html>${PAGE}</body></body></td>`],
    [
      'script and style holding markup',
      inBody('<script>document.write("<table><tr><td>自然人</td></tr></table>")</script><style>td{}</style><textarea><table></textarea>'),
    ],
    ['a 100,000-character attribute', PAGE.replace('<table', `<table data-x="${'a'.repeat(100_000)}"`)],
    // nested up to the cap (512 open elements, as browsers have it: see the deeper cases below)
    ['512 unclosed <table>', `<title>某局2021年政府信息公开工作年度报告</title>${'<table>'.repeat(512)}`],
    [
      '170 unclosed <table><tr><td> in <html><body>',
      `<html><head><title>某局2021年政府信息公开工作年度报告</title></head><body>${'<table><tr><td>'.repeat(170)}`,
    ],
    [
      'the report inside 160 nested layout tables',
      PAGE.replace(/<body([^>]*)>([\s\S]*)<\/body>/, (_m, a: string, body: string) => `<body${a}>${nest(160, body)}</body>`),
    ],
    ['table 三 nested 160 deep in itself', inBody(nest(160, '<table><tr><td>申请人情况</td><td>自然人</td></tr><tr><td>本年新收</td><td>1</td></tr></table>'))],
    ['5,000 unknown rows in table 三', PAGE.replace(/(<tr[^>]*>[\s\S]*?予以公开[\s\S]*?<\/tr>)/, `$1${rows(5_000, '其他情形')}`)],
    ['5,000 one-row continuation tables', inBody('<table><tr><td>自然人</td><td>1</td></tr></table>'.repeat(5_000))],
    ...['rowspan="99999"', 'colspan="99999"', 'rowspan="0"', 'rowspan="-1" colspan="1e9"', 'rowspan=" 2x" colspan="+3"'].map((attr): [string, string] => [
      `${attr} on every cell`,
      PAGE.replace(/<td\b/g, `<td ${attr}`),
    ]),
    ['a value cell with 1 MB of text', PAGE.replace('>22<', `>${'x'.repeat(1_000_000)}<`)],
    ['a label cell with 1 MB of Chinese text', PAGE.replace('（一）予以公开', `（一）予以公开${'说明'.repeat(500_000)}`)],
    ['a 2 MB report page', inBody('<p>本机关认真贯彻落实政务公开工作要求。</p>'.repeat(100_000))],
  ];
  it.each(CASES)('%s', (_name, html) => {
    // linkedom has no cap: these are the same trees only where no element is nested deeper than it
    expect(depthOf(withDom('linkedom', () => parseDocument(html)))).toBeLessThanOrEqual(MAX_DEPTH);
    expectSame(html, { tree: html.length < 1_500_000 });
  });

  it('random tag soup under a report title', () => {
    fc.assert(
      fc.property(arbRandomMarkup(), (html) => expectSame(html)),
      { numRuns: RUNS },
    );
  });

  it('a real page cut at any point, or with stretches cut, doubled or swapped', () => {
    fc.assert(
      fc.property(arbCutPage(), (html) => expectSame(html)),
      { numRuns: Math.ceil(RUNS / 4) },
    );
    fc.assert(
      fc.property(arbEditedPage(), (html) => expectSame(html)),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('random strings of markup characters', () => {
    const soup = fc
      .array(
        fc.constantFrom(
          '<',
          '>',
          '/',
          '"',
          "'",
          '=',
          '!',
          '-',
          '?',
          '&',
          ';',
          '#',
          'a',
          'td',
          'table',
          'tr',
          'head',
          'body',
          'html',
          'title',
          ' ',
          '\n',
          '自然人',
          'svg',
          'template',
          'script',
        ),
        { maxLength: 300 },
      )
      .map((p) => p.join(''));
    fc.assert(
      fc.property(soup, (html) => expectSame(html)),
      { numRuns: RUNS },
    );
  });
});

describe('nesting deeper than browsers allow (512 open elements, as Blink caps it)', () => {
  const PAGE = fixtureHtml('pingtan-2023.html');
  const nest = (depth: number, inner: string) => '<table><tr><td>'.repeat(depth) + inner + '</td></tr></table>'.repeat(depth);
  /** linkedom's tree (uncapped: htmlparser2's events, as ours) capped as a browser caps it */
  const expectCapped = (html: string) => {
    const light = parseDocument(html);
    expect(depthOf(light)).toBeLessThanOrEqual(MAX_DEPTH + 1);
    expect(shape(light)).toStrictEqual(
      shape(
        withDom('linkedom', () => parseDocument(html)),
        MAX_DEPTH,
      ),
    );
  };

  it("Blink's own case: 514 nested <div> in <body>, the deeper ones siblings inside the 512th element", () => {
    // (Blink's layout test sets 514 such <div> as a body's innerHTML, whose root counts as depth 1: d512.parentNode === d510)
    const html = `<html><head></head><body>${Array.from({ length: 514 }, (_, i) => `<div id="d${i}">`).join('')}x</body></html>`;
    const doc = parseLightDocument(html);
    const d = (i: number) => doc.getElementById(`d${i}`)!;
    // <html> 1, <body> 2, d0 3 … d509 512: d510 is the first past the cap
    expect(d(509).parentNode).toBe(d(508));
    expect(d(510).parentNode).toBe(d(509));
    expect(d(511).parentNode).toBe(d(509));
    expect(d(513).parentNode).toBe(d(509));
    expect(d(511).previousSibling).toBe(d(510));
    expect(d(510).childNodes.length).toBe(0);
    expect(d(509).textContent).toBe('x');
    expect(doc.body!.textContent).toBe('x');
    expect(depthOf(doc as unknown as Document)).toBe(MAX_DEPTH + 1);
    expectCapped(html);
  });

  it.each([
    ['10,000 unclosed <table>', `<title>某局2021年政府信息公开工作年度报告</title>${'<table>'.repeat(10_000)}`],
    ['600 unclosed <table><tr><td>', `<html><head><title>某局2021年政府信息公开工作年度报告</title></head><body>${'<table><tr><td>'.repeat(600)}`],
    [
      'the report inside 200 nested layout tables',
      PAGE.replace(/<body([^>]*)>([\s\S]*)<\/body>/, (_m, a: string, body: string) => `<body${a}>${nest(200, body)}</body>`),
    ],
    [
      'text, comments, stray and implied closes past the cap',
      `<body>${'<div>'.repeat(520)}a<p>b<p>c<!--d--></span>e<span>f</div>g</div>h${'</div>'.repeat(530)}i<div>j</div>`,
    ],
    ['deep nesting closed, then a page', `${'<div>'.repeat(1_000)}${'</div>'.repeat(1_000)}${PAGE}`],
  ])('%s: the tree a browser builds', (_name, html) => expectCapped(html));

  it('random tag soup past the cap', () => {
    fc.assert(
      fc.property(arbRandomMarkup(), fc.integer({ min: 500, max: 530 }), (html, depth) => expectCapped('<div>'.repeat(depth) + html)),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('what is not nested past the cap reads as linkedom reads it: a report after 1,000 nested <div> in its body', () => {
    const html = PAGE.replace(/<body([^>]*)>/, (m) => `${m}${'<div>'.repeat(1_000)}封面${'</div>'.repeat(1_000)}`);
    expect(depthOf(parseDocument(html))).toBe(MAX_DEPTH + 1);
    const [entry] = checkHtmlReports('page.html', html);
    expect(entry!.report?.agency).toBeTruthy();
    expect(entry).toStrictEqual(withDom('linkedom', () => checkHtmlReports('page.html', html))[0]);
  });

  it('400,000 nested <div> parse in linear time: about as long as 400,000 empty ones side by side', () => {
    // (before the cap and the parser's stacks: 113 s, and a stack overflow reading 200,000)
    const n = 400_000;
    const deep = '<div>'.repeat(n) + 'x' + '</div>'.repeat(n);
    const flat = '<div></div>'.repeat(n);
    expect(deep.length).toBe(flat.length + 1);
    const time = (html: string) => {
      const t = performance.now();
      parseLightDocument(html);
      return performance.now() - t;
    };
    // the best of three of each, interleaved: the machine is shared
    const runs = { deep: Infinity, flat: Infinity };
    for (let k = 0; k < 3; k++) {
      runs.deep = Math.min(runs.deep, time(deep));
      runs.flat = Math.min(runs.flat, time(flat));
    }
    expect(runs.deep / runs.flat).toBeLessThan(3);
    // and the whole check of it ends (no stack overflow in the reader)
    const [entry] = checkHtmlReports('deep.html', deep);
    expect(entry!.kind).not.toBe('unreadable');
    expect(entry!.findings.filter((f) => f.ruleId.startsWith('internal.'))).toEqual([]);
  }, 60_000);
});

const LIB = path.resolve(import.meta.dirname, '../../lib');

describe('the attributes the light DOM keeps', () => {
  it('keeps the ones lib/ reads, in any case, drops the others, and refuses to be asked for a dropped one', () => {
    const doc = parseLightDocument('<table><tr><td ROWSPAN="2" colspan=3 style="mso-x:1;&amp;" class="a  a" width="10" x:num="5">1</td></tr></table>');
    const td = doc.getElementsByTagName('td')[0]!;
    expect(td.getAttributeNames()).toEqual(['ROWSPAN', 'colspan', 'style', 'class']);
    expect(td.getAttribute('ROWSPAN')).toBe('2');
    expect(td.getAttribute('colspan')).toBe('3');
    // the inline style is kept for the text it hides (lib/table/hidden.ts)
    expect(td.getAttribute('style')).toBe('mso-x:1;&');
    expect(() => td.getAttribute('lang')).toThrow(/not kept/);
    expect(() => td.hasAttribute('width')).toThrow(/not kept/);
    expect(td.textContent).toBe('1');
  });

  it('holds every attribute name lib/ asks for (a reader using a new one must add it)', () => {
    const sources = fs.readdirSync(LIB, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const asked = new Set<string>();
    for (const f of sources)
      for (const m of fs.readFileSync(path.join(LIB, f), 'utf8').matchAll(/\b(?:getAttribute|hasAttribute|attr|spanAttr)\((?:[^,()']+, *)?'([\w-]+)'/g))
        asked.add(m[1]!);
    for (const name of asked) expect(isKeptAttribute(name), name).toBe(true);
    // and no more than that: each kept attribute costs every page's parse
    expect([...asked].sort()).toEqual([...KEPT_ATTRIBUTES].sort());
  });
});

describe('the CLI with either DOM', () => {
  it('prints the same --json for the fixture pages, on worker threads (54 inputs)', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const run = (dom: DomName) =>
      spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['cli/check.ts', '--json', FIXTURES, FIXTURES, FIXTURES], {
        cwd: root,
        encoding: 'utf8',
        timeout: 300_000,
        maxBuffer: 512 * 1024 * 1024,
        env: { ...process.env, GIP_DOM: dom },
      });
    const light = run('light');
    const linkedom = run('linkedom');
    expect(light.status).toBe(0);
    expect(linkedom.status).toBe(0);
    // one entry per input, one per report on a page holding several (consolidated-3.html: #1–#3)
    expect(new Set(JSON.parse(light.stdout).map((e: { source: string }) => e.source.replace(/#\d+$/, ''))).size).toBe(fixtureNames().length);
    expect(light.stdout).toBe(linkedom.stdout);
  }, 300_000);
});
