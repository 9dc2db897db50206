// What the reader sees is what is read (SEC-8): a cell's text leaves out what the page
// hides. `470<span style="display:none">0</span>` is 470 on screen, and 4700 in its
// textContent. DOM-agnostic: inline styles and the `hidden` attribute are read with
// getAttribute (the CLI's light DOM keeps both), and the browser may add a test of its
// own for what stylesheets hide (setHiddenElementTest). Only cells holding elements are
// walked: a cell of plain text costs nothing more than its textContent.

import { cleanText } from '../text';

/**
 * What the page's stylesheets do to an element inside a cell, as the browser computes it
 * (no DOM in Node has computed styles): `true` when the element and all it holds are not
 * shown (display:none, opacity:0), `'text'` when its own text is not shown but a child may
 * be (visibility and font-size are inherited and can be set back: each child is asked on
 * its own), `false` when it is shown. The checker passes one reading getComputedStyle.
 */
export type HiddenElementTest = (el: Element) => boolean | 'text';

let hiddenElementTest: HiddenElementTest | null = null;

/**
 * Install (or, with null, remove) a test of hidden elements for the cells read from now
 * on. It is asked only of the elements that hold something inside cells that hold
 * elements, once each, after the inline style (an element that style hides is not asked).
 */
export function setHiddenElementTest(test: HiddenElementTest | null): void {
  hiddenElementTest = test;
}

// The state of a text node's ancestors within the cell, as bits: inherited properties
// that a descendant can turn back (visibility, font size), and the hook's answer for the
// nearest element (not inherited: the hook is asked of every element).
const VISIBILITY_HIDDEN = 1;
const FONT_ZERO = 2;
const OWN_HIDDEN = 4;
const INHERITED = VISIBILITY_HIDDEN | FONT_ZERO;
/** An element whose whole subtree is hidden (display:none, opacity:0, hidden, a zero box clipping it, <script>…). */
const SUBTREE = -1;

/** Elements whose text is never shown (their textContent is the page's code or data). */
const NOT_RENDERED = new Set(['script', 'style', 'template', 'noscript']);
/** Elements that are blocks by default: a zero width or height clips them (inline boxes ignore both). */
const BLOCKS = new Set([
  'div',
  'p',
  'section',
  'article',
  'li',
  'ul',
  'ol',
  'dl',
  'dd',
  'dt',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'center',
  'form',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'figure',
  'pre',
  'address',
]);

/**
 * A declaration that may hide text, or one that needs a closer look (a comment or an
 * escape, a font shorthand, an overflow, a size starting with 0). Most inline styles (Word's
 * font-size:10.5pt;font-family:宋体;mso-…) fail it; those that pass it are parsed
 * (styleState), which decides. Loose on purpose: a word boundary before the property
 * made it a quarter slower, and it runs on every styled element inside a cell.
 */
const HIDING_HINT = /display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|opacity|font-size\s*:\s*[+]?\.?0|font\s*:|overflow|content-visibility|\/\*|\\/i;

/** The declarations of an inline style, last one winning (an !important one wins over later plain ones), in the order they take effect. */
function declarations(style: string): Map<string, string> {
  let css = style;
  // comments out (an unclosed one runs to the end), by indexOf: a lazy pattern would rescan from every /*
  if (css.includes('/*')) {
    let kept = '';
    let from = 0;
    for (let open = css.indexOf('/*'); open >= 0; open = css.indexOf('/*', from)) {
      kept += css.slice(from, open);
      const close = css.indexOf('*/', open + 2);
      from = close < 0 ? css.length : close + 2;
    }
    css = kept + css.slice(from);
  }
  if (css.includes('\\')) css = css.replace(CSS_ESCAPE, unescapeCss);
  const out = new Map<string, string>();
  const important = new Set<string>();
  for (const decl of css.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    const name = decl.slice(0, colon).trim().toLowerCase();
    let value = decl
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    const bang = IMPORTANT.exec(value);
    if (bang) value = value.slice(0, bang.index).trim();
    if (important.has(name) && !bang) continue;
    if (bang) important.add(name);
    out.delete(name); // (to the end: the order of font and font-size matters)
    out.set(name, value);
  }
  return out;
}
const IMPORTANT = /!\s*important$/;
const CSS_ESCAPE = /\\(?:([0-9a-f]{1,6})\s?|([^\n0-9a-f]))/gi;
const unescapeCss = (_m: string, hex: string | undefined, ch: string | undefined) =>
  hex ? String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff) || 0xfffd) : (ch ?? '');

/** overflow: hidden / clip (or overflow: hidden auto) */
const CLIPPING = /^(?:hidden|clip)\b/;
/** A length or number that is zero: 0, 0px, .0em, 0%, +0.0pt. */
const ZERO = /^[+]?(?:0+(?:\.0*)?|\.0+)(?:[a-z%]+)?$/;
/** A font size that does not depend on the parent's (a zero parent's child shown again): a non-zero absolute length or a keyword. */
const ABSOLUTE_SIZE =
  /^(?:[+]?(?:\d+(?:\.\d*)?|\.\d+)(?:px|pt|pc|cm|mm|in|q|rem|vw|vh|vmin|vmax|vi|vb|svh|lvh|dvh|svw|lvw|dvw)|xx-small|x-small|small|medium|large|x-large|xx-large|xxx-large|initial|revert)$/;

/** What a font-size value does to the state: zero, shown again, or nothing (a size relative to the parent's). */
function fontSizeState(value: string, state: number): number {
  if (ZERO.test(value)) return state | FONT_ZERO;
  if (ABSOLUTE_SIZE.test(value)) return state & ~FONT_ZERO;
  return state;
}

/** A size relative to the parent's: zero stays zero, a shown size stays shown. */
const RELATIVE_SIZE = /^(?:[+]?(?:\d+(?:\.\d*)?|\.\d+)(?:em|ex|ch|%|cap|ic|lh|rlh)|smaller|larger)$/;
const SPACES = /\s+/;

/** The size in a font shorthand (italic bold 12px/1.5 宋体, 0/0 a): the first token, before any '/', that is a size (700 is a weight). */
function fontShorthandSize(value: string): string | null {
  for (const token of value.split(SPACES)) {
    const size = token.split('/')[0]!;
    if (ZERO.test(size) || ABSOLUTE_SIZE.test(size) || RELATIVE_SIZE.test(size)) return size;
  }
  return null;
}

/** The state of an element's text given its inline style, or SUBTREE when the style hides all of it. */
function styleState(el: Element, style: string, inherited: number, hiddenAttribute: boolean): number {
  const d = declarations(style);
  const display = d.get('display');
  if (display === 'none' || (hiddenAttribute && (display === undefined || display === ''))) return SUBTREE;
  const opacity = d.get('opacity');
  if (opacity !== undefined && ZERO.test(opacity)) return SUBTREE;
  if (d.get('content-visibility') === 'hidden') return SUBTREE;
  const clipped = [d.get('overflow'), d.get('overflow-x'), d.get('overflow-y')].some((v) => v !== undefined && CLIPPING.test(v));
  if (clipped) {
    const zero = ['width', 'height', 'max-width', 'max-height'].some((p) => {
      const v = d.get(p);
      return v !== undefined && ZERO.test(v);
    });
    const block = display !== undefined && display !== 'inline' && display !== 'contents' ? true : display === undefined && BLOCKS.has(el.localName);
    if (zero && block) return SUBTREE;
  }
  let state = inherited;
  const visibility = d.get('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') state |= VISIBILITY_HIDDEN;
  else if (visibility === 'visible' || visibility === 'initial' || visibility === 'revert') state &= ~VISIBILITY_HIDDEN;
  // the font shorthand and font-size, whichever comes last winning
  for (const [name, value] of d) {
    if (name === 'font-size') state = fontSizeState(value, state);
    else if (name === 'font') {
      const size = fontShorthandSize(value);
      if (size !== null) state = fontSizeState(size, state);
    }
  }
  return state;
}

/** The state of an element's own text, from the state of its parent's (OWN_HIDDEN not inherited). */
function elementState(el: Element, parent: number): number {
  if (NOT_RENDERED.has(el.localName)) return SUBTREE;
  const inherited = parent & INHERITED;
  const hiddenAttribute = el.getAttribute('hidden') !== null;
  const style = el.getAttribute('style');
  let state = inherited;
  // most styles say nothing that hides: one test, and no parse, unless an ancestor hid the text (then a child may show it again)
  if (style !== null && style !== '' && (inherited !== 0 || hiddenAttribute || HIDING_HINT.test(style)))
    state = styleState(el, style, inherited, hiddenAttribute);
  else if (hiddenAttribute) return SUBTREE;
  if (state === SUBTREE) return SUBTREE;
  if (hiddenElementTest !== null) {
    const verdict = hiddenElementTest(el);
    if (verdict === true) return SUBTREE;
    if (verdict === 'text') state |= OWN_HIDDEN;
  }
  return state;
}

const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const ELEMENT_NODE = 1;
/** The most hidden text kept (the fact is that there is some; what it is, in brief). */
const MAX_HIDDEN = 200;

/** The states of the elements the walk is inside, up to `depth` (one array for every walk: a cell is read in one go). */
const states: number[] = [];
let hiddenText = '';

/** Elements that may hide text: any with a style or the hidden attribute, or never rendered. */
const MAY_HIDE_SELECTOR = '[style],[hidden],script,style,template,noscript';

/**
 * Whether anything inside `root` (a table) may hide text: one search for the elements
 * that carry a style or the hidden attribute, each style tested once. When nothing may
 * (nearly every table), its cells are read from their textContent with no walk. With the
 * browser's computed styles asked too, every table may. (In Chromium, on a page of 100
 * Word-exported reports, this takes ~90 ms, nearly all of it touching its ~70,000 styled
 * elements from script; asking the selector engine instead, with the hiding words as
 * case-insensitive substrings, took 2–3 s.)
 */
export function mayHideText(root: Element): boolean {
  if (hiddenElementTest !== null) return true;
  const found = root.querySelectorAll(MAY_HIDE_SELECTOR);
  for (let i = 0; i < found.length; i++) {
    const el = found[i]!;
    if (NOT_RENDERED.has(el.localName) || el.getAttribute('hidden') !== null) return true;
    const style = el.getAttribute('style');
    if (style !== null && style !== '' && HIDING_HINT.test(style)) return true;
  }
  return false;
}

/**
 * The text of an element holding elements, as shown: its textContent without the text of
 * hidden descendants. Walks by firstChild/nextSibling (no recursion: a cell may nest
 * deeply). What it left out is then `hiddenInLastWalk()`.
 */
export function shownText(cell: Element): string {
  hiddenText = '';
  // almost always nothing is hidden: the cell's elements are looked at, and its text taken whole
  return hidesText(cell) ? walkShown(cell) : (cell.textContent ?? '');
}

/**
 * Whether any element of the cell may hide text: the elements alone (no text node is
 * visited), by firstElementChild/nextElementSibling, up to the first that hides. An element
 * holding nothing hides nothing.
 */
function hidesText(cell: Element): boolean {
  let el = cell.firstElementChild;
  while (el !== null) {
    if (el.firstChild !== null) {
      if (elementState(el, 0) !== 0) return true;
      const child = el.firstElementChild;
      if (child !== null) {
        el = child;
        continue;
      }
    }
    while (el.nextElementSibling === null) {
      el = el.parentElement;
      if (el === cell || el === null) return false;
    }
    el = el.nextElementSibling;
  }
  return false;
}

/** The walk of a cell that hides text: every node, keeping a state for the elements it descends into. */
function walkShown(cell: Element): string {
  let text = '';
  let depth = 0;
  let state = 0;
  let node: Node | null = cell.firstChild;
  while (node !== null) {
    const type = node.nodeType;
    if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
      if (state === 0) text += (node as CharacterData).data;
      else if (hiddenText.length < MAX_HIDDEN) hiddenText += (node as CharacterData).data;
    } else if (type === ELEMENT_NODE && node.firstChild !== null) {
      // (an element without children holds no text: whether it is hidden does not matter)
      const own = elementState(node as Element, state);
      if (own === SUBTREE) {
        if (hiddenText.length < MAX_HIDDEN) hiddenText += (node as Element).textContent ?? '';
      } else {
        states[depth++] = state;
        state = own;
        node = node.firstChild;
        continue;
      }
    }
    // the next node: a sibling, else the sibling of the nearest ancestor that has one
    while (node.nextSibling === null) {
      const parent: Node | null = node.parentNode;
      if (parent === cell || parent === null) return text;
      node = parent;
      state = states[--depth]!;
    }
    node = node.nextSibling;
  }
  return text;
}

/** The text the last shownText left out, whitespace-collapsed and cut to 200 characters; null when none but whitespace. */
export function hiddenInLastWalk(): string | null {
  if (hiddenText === '') return null;
  const left = cleanText(hiddenText.slice(0, MAX_HIDDEN));
  return left === '' ? null : left;
}

/** Every pattern of this module that runs on page text (inline styles; see pageTextPatterns in ../detect.ts). */
export const pageTextPatterns = (): RegExp[] => [HIDING_HINT, IMPORTANT, CSS_ESCAPE, CLIPPING, ZERO, ABSOLUTE_SIZE, RELATIVE_SIZE, SPACES];
