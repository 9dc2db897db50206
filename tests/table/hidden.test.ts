// What the reader sees is what is read (issue 16, SEC-8): a cell's text leaves out what the
// page hides — `470<span style="display:none">0</span>` is 470, as shown, not 4700 — in
// every DOM the reader runs on, and says what it left out.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Window } from 'happy-dom';
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { readPage } from '../../lib/read';
import { CheckOutputSchema } from '../../lib/schema';
import { cellReading } from '../../lib/table/cell-value';
import { buildGrid, cellText } from '../../lib/table/grid';
import { mayHideText, setHiddenElementTest } from '../../lib/table/hidden';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';

const DOMS: [string, (html: string) => Document][] = [
  ['the light DOM', docFromHtml],
  ['linkedom', (html) => parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document as unknown as Document],
  [
    'happy-dom',
    (html) => {
      const win = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
      return new win.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    },
  ],
];

const cellsOf = (parse: (html: string) => Document, cells: readonly string[]) => {
  const doc = parse(`<table><tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr></table>`);
  return buildGrid(doc.querySelector('table')!).rows[0]!;
};

afterEach(() => setHiddenElementTest(null));

describe.each(DOMS)('hidden text in a cell (%s)', (_dom, parse) => {
  it('reads 470<span style="display:none">0</span> as 470, and keeps the fact that 0 was hidden', () => {
    const [cell] = cellsOf(parse, ['470<span style="display:none">0</span>']);
    expect(cell!.text).toBe('470');
    expect(cellReading(cell!).value).toBe(470);
    expect(cell!.hidden).toBe('0');
  });

  it.each([
    ['the hidden attribute', '470<span hidden>0</span>', '470', '0'],
    ['display:none in capitals, spaced, !important, between shown text', '47<span style="DISPLAY : NONE !important">9</span>0', '470', '9'],
    ['display:none behind a CSS comment', '47<span style="display:/**/none">9</span>0', '470', '9'],
    ['display:none written with a CSS escape', '47<span style="displ\\61y:none">9</span>0', '470', '9'],
    ['visibility:hidden, a child shown again', '47<span style="visibility:hidden">0<span style="visibility:visible">1</span></span>', '471', '0'],
    ['font-size:0, a child of 12pt shown again', '4<span style="font-size:0">7<b style="font-size:12pt">0</b></span>', '40', '7'],
    ['font-size:0 with a child in em (0 × 2 is still 0)', '4<span style="font-size:0px">7<b style="font-size:2em">1</b></span>0', '40', '71'],
    ['the font shorthand 0/0', '47<span style="font:0/0 a">9</span>0', '470', '9'],
    ['the font shorthand 0/0 after a font-size', '47<span style="font-size:12px;font:0/0 a">9</span>0', '470', '9'],
    ['opacity:0', '47<span style="opacity:0">9</span>0', '470', '9'],
    ['a block of height 0 clipping its text', '47<div style="height:0;overflow:hidden">9</div>0', '470', '9'],
    ['a script in the cell', '12<script>var x = 1</script>', '12', 'var x = 1'],
  ])('%s', (_name, html, text, hidden) => {
    const [cell] = cellsOf(parse, [html]);
    expect(cell!.text).toBe(text);
    expect(cell!.hidden).toBe(hidden);
  });

  it.each([
    [
      'a Word cell (font-size:10.5pt, mso-font-kerning:0pt)',
      '<p class="MsoNormal" style="text-align:center"><span lang="EN-US" style="font-size:10.5pt;font-family:宋体;mso-font-kerning:0pt">12<o:p></o:p></span></p>',
      '12',
    ],
    ['display:none overridden by a later declaration', '47<span style="display:none;display:inline">0</span>', '470'],
    ['the hidden attribute overridden by an inline display', '1<span hidden style="display:inline">2</span>', '12'],
    ['an inline box of height 0 (height does not apply to it)', '47<span style="height:0;overflow:hidden">0</span>', '470'],
    ['font-size:0.5pt (small, not zero)', '47<span style="font-size:0.5pt">0</span>', '470'],
    ['opacity:0.5', '47<span style="opacity:0.5">0</span>', '470'],
    ['a font-size after the font shorthand 0/0', '47<span style="font:0/0 a;font-size:12px">0</span>', '470'],
    ['a label broken by <br>', '结 果<br>维 持', '结 果维 持'],
  ])('leaves shown text alone: %s', (_name, html, text) => {
    const [cell] = cellsOf(parse, [html]);
    expect(cell!.text).toBe(text);
    expect(cell!.hidden).toBeNull();
  });

  it('leaves hidden text out of a label too (cellText, the rows’ first labels)', () => {
    const doc = parse('<table><tr><td>本年新收<span style="display:none">不予公开</span>申请</td></tr></table>');
    expect(cellText(doc.querySelector('td')!)).toBe('本年新收申请');
  });

  it('asks a test of the caller only about elements holding something inside cells that hold elements', () => {
    const asked: string[] = [];
    setHiddenElementTest((el) => {
      asked.push(el.localName);
      return el.getAttribute('class') === 'x'; // display:none by a stylesheet rule
    });
    const row = cellsOf(parse, ['1', '2', '47<span class="x">9<i>9</i></span><b>0</b><br>', '3', '<span style="display:none">5</span>6']);
    expect(row.map((c) => c!.text)).toEqual(['1', '2', '470', '3', '6']);
    expect(row[2]!.hidden).toBe('99');
    // not the plain cells, not what the hidden span holds, not the empty <br>, not what an inline style hid
    // (a cell that hides text is looked at twice: its elements, then its text)
    expect([...new Set(asked)]).toEqual(['span', 'b']);
  });

  it('asks the caller’s test about each element whose own text it hides: a child it does not hide is shown', () => {
    // visibility:hidden by one stylesheet rule, set back to visible by another
    setHiddenElementTest((el) => (el.getAttribute('class') === 'h' ? 'text' : false));
    const [cell] = cellsOf(parse, ['4<span class="h">7<span class="v">0</span></span>']);
    expect(cell!.text).toBe('40');
    expect(cell!.hidden).toBe('7');
  });
});

describe('hidden text on a whole page', () => {
  const HIDDEN = pingtanWith('470<span style="display:none">0</span>');

  it('the light DOM keeps the style and hidden attributes', () => {
    const td = docFromHtml('<table><tr><td><span style="display:none" hidden>0</span></td></tr></table>').querySelector('span')!;
    expect(td.getAttribute('style')).toBe('display:none');
    expect(td.getAttribute('hidden')).toBe('');
  });

  it.each(DOMS)('reads the page as shown (%s)', (_dom, parse) => {
    const report = readPage(parse(HIDDEN)).report!;
    expect(report.cells['active.normativeDocs.inForce']).toMatchObject({ raw: '470', value: 470 });
  });

  it('the CLI reads 470, not 4700', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-hidden-'));
    const file = path.join(dir, 'hidden.html');
    fs.writeFileSync(file, HIDDEN);
    try {
      const root = path.resolve(import.meta.dirname, '../..');
      const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['cli/check.ts', '--json', file], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      expect(r.status).toBe(0);
      const [entry] = CheckOutputSchema.parse(JSON.parse(r.stdout));
      expect(entry!.report!.cells['active.normativeDocs.inForce']).toMatchObject({ raw: '470', value: 470, hidden: '0' });
      // and the page reads as the one without the hidden digit, that cell saying what it left out
      const plain = readPage(docFromHtml(fixtureHtml('pingtan-2023.html'))).report!;
      const inForce = plain.cells['active.normativeDocs.inForce']!;
      expect(entry!.report!.cells).toEqual({
        ...plain.cells,
        'active.normativeDocs.inForce': { ...inForce, readAs: [...inForce.readAs, 'hidden'], hidden: '0' },
      });
      expect(entry!.findings.filter((f) => f.ruleId === 'cell.hiddenText').map((f) => f.cells[0])).toEqual(['active.normativeDocs.inForce']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** pingtan-2023.html with its 现行有效件数 of 行政规范性文件 (470) written as `cell`. */
function pingtanWith(cell: string): string {
  const html = fixtureHtml('pingtan-2023.html');
  const at = html.indexOf('>470</p>');
  if (at < 0) throw new Error('pingtan-2023.html has changed: its 470 is not where this test puts the hidden digit');
  return `${html.slice(0, at)}>${cell}</p>${html.slice(at + '>470</p>'.length)}`;
}

describe('mayHideText: whether a table needs a walk at all', () => {
  const table = (cell: string) => docFromHtml(`<table><tr><td>${cell}</td></tr></table>`).querySelector('table')!;
  const WORD =
    '<p class="MsoNormal" style="text-align:center"><span lang="EN-US" style="font-size:10.5pt;font-family:宋体;mso-font-kerning:0pt">12<o:p></o:p></span></p>';
  const HIDING = [
    '470<span style="display:none">0</span>',
    '47<span style="font-size: 0">9</span>0',
    '47<span style="font:0/0 a">9</span>0',
    '47<span hidden>9</span>0',
    '47<span style="opacity:0">9</span>0',
    '4<span style="f\\6f nt-size:0">7</span>',
  ];
  it('a Word-exported table may not hide anything; each hiding cell may', () => {
    expect(mayHideText(table(WORD))).toBe(false);
    expect(mayHideText(table('<span style="font-size:12pt">12</span>'))).toBe(false);
    for (const cell of HIDING) expect(mayHideText(table(cell)), cell).toBe(true);
  });
});
