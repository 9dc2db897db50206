// A read-only DOM for the CLI: just enough of the standard Node/Element/Document API
// for lib/ (which also runs on the browser's DOM), built straight from htmlparser2's
// events by ./parse.ts. It replaces linkedom in Node because building linkedom's full
// DOM cost 4–5× the tokenising itself.
//
// The tree is the one linkedom builds from the same events (same parser, same
// options), including linkedom's quirks that lib/ can observe (see `head`, `body`,
// `getAttribute('class')`, `querySelectorAll` skipping <template> content), so the
// CLI's output does not change. tests/cli/light-dom.test.ts holds the two side by side.
//
// Layout: every node of a document sits in one array in document order
// (`LightDocument.order`); a node knows its own index (`_s`) and the index just past
// its subtree (`_e`). Descendant walks, textContent and contains() are then plain
// loops over a range, never recursion (10,000 nested tables are fine).

import { selectorMatcher } from './select';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;
export const DOCUMENT_NODE = 9;

/** The index of the first element of `list` (in document order) at or after position `s`. */
function firstAtOrAfter(list: readonly LightNode[], s: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!._s < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Upper-cased tag names, shared: tagName is read on every step of lib's walks. */
const UPPER = new Map<string, string>();
const upper = (name: string): string => {
  let u = UPPER.get(name);
  if (u === undefined) UPPER.set(name, (u = name.toUpperCase()));
  return u;
};

/**
 * The attributes lib/ reads, in any case of their names: the light DOM keeps no other
 * (a Word-exported page is two thirds inline styles and layout attributes nobody reads).
 * `style` and `hidden` are read to leave the text a page hides out of its cells
 * (lib/table/hidden.ts).
 * Asking for another throws, so a reader that starts using one fails loudly in the tests
 * instead of reading null in the CLI only: add its name here.
 */
export const KEPT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'id',
  'class',
  'name',
  'content',
  'href',
  'title',
  'rowspan',
  'colspan',
  'style',
  'hidden',
  'type',
]);
/** Their first letters and longest name: most attributes of a page (style, width, x:num …) are told apart without a lookup. */
const KEPT_INITIALS = new Set([...KEPT_ATTRIBUTES].map((n) => n.charCodeAt(0)));
const KEPT_LONGEST = Math.max(...[...KEPT_ATTRIBUTES].map((n) => n.length));

export function isKeptAttribute(name: string): boolean {
  // asked for every attribute of every page: reject on the first letter and the length before any lookup or lower-casing
  if (name.length > KEPT_LONGEST || !KEPT_INITIALS.has(name.charCodeAt(0) | 0x20)) return false;
  return KEPT_ATTRIBUTES.has(name) || KEPT_ATTRIBUTES.has(name.toLowerCase());
}

function assertKept(name: string): void {
  if (!isKeptAttribute(name)) throw new Error(`light DOM: attribute '${name}' is not kept (cli/dom/nodes.ts KEPT_ATTRIBUTES)`);
}

export abstract class LightNode {
  abstract readonly nodeType: number;
  abstract readonly nodeName: string;
  parentNode: LightParent | null = null;
  /** index in document order */
  _s = 0;
  /** one past the last index of this node's subtree */
  _e = 0;
  /** previous sibling (siblings are otherwise found from the indices) */
  _prev: LightNode | null = null;

  constructor(readonly ownerDocument: LightDocument | null) {}

  get parentElement(): LightElement | null {
    const p = this.parentNode;
    return p !== null && p.nodeType === ELEMENT_NODE ? (p as LightElement) : null;
  }
  get nextSibling(): LightNode | null {
    const p = this.parentNode;
    return p !== null && this._e < p._e ? p._doc.order[this._e]! : null;
  }
  get previousSibling(): LightNode | null {
    return this._prev;
  }
  get nextElementSibling(): LightElement | null {
    let n = this.nextSibling;
    while (n !== null && n.nodeType !== ELEMENT_NODE) n = n.nextSibling;
    return n as LightElement | null;
  }
  get previousElementSibling(): LightElement | null {
    let n = this._prev;
    while (n !== null && n.nodeType !== ELEMENT_NODE) n = n._prev;
    return n as LightElement | null;
  }
  get isConnected(): boolean {
    return true;
  }
  get nodeValue(): string | null {
    return null;
  }
  get textContent(): string | null {
    return null;
  }
  get childNodes(): LightNode[] {
    return [];
  }
  get firstChild(): LightNode | null {
    return null;
  }
  get lastChild(): LightNode | null {
    return null;
  }
  hasChildNodes(): boolean {
    return false;
  }
  contains(other: LightNode | null): boolean {
    return other === this;
  }
  getRootNode(): LightNode {
    return this.ownerDocument ?? this;
  }
  /** Only the document-order bits (FOLLOWING 4, PRECEDING 2, CONTAINS 8, CONTAINED_BY 16). */
  compareDocumentPosition(other: LightNode): number {
    if (other === this) return 0;
    if (other.getRootNode() !== this.getRootNode()) return 1 | 32; // disconnected
    const a = this._s,
      b = other._s;
    if (b > a && b < this._e) return 16 | 4;
    if (a > b && a < other._e) return 8 | 2;
    return b > a ? 4 : 2;
  }
}

/** Text and comments: their data is their text. */
abstract class LightCharacterData extends LightNode {
  constructor(
    doc: LightDocument,
    public data: string,
  ) {
    super(doc);
  }
  override get nodeValue(): string {
    return this.data;
  }
  override get textContent(): string {
    return this.data;
  }
  get length(): number {
    return this.data.length;
  }
}

export class LightText extends LightCharacterData {
  readonly nodeType = TEXT_NODE;
  readonly nodeName = '#text';
}

export class LightComment extends LightCharacterData {
  readonly nodeType = COMMENT_NODE;
  readonly nodeName = '#comment';
}

/** What Element and Document share: children, descendants, queries. */
export abstract class LightParent extends LightNode {
  /** last child, kept while building */
  _last: LightNode | null = null;
  abstract readonly _doc: LightDocument;

  override get childNodes(): LightNode[] {
    const out: LightNode[] = [];
    const order = this._doc.order;
    for (let i = this._s + 1; i < this._e; i = order[i]!._e) out.push(order[i]!);
    return out;
  }
  get children(): LightElement[] {
    const out: LightElement[] = [];
    const order = this._doc.order;
    for (let i = this._s + 1; i < this._e;) {
      const n = order[i]!;
      if (n.nodeType === ELEMENT_NODE) out.push(n as LightElement);
      i = n._e;
    }
    return out;
  }
  get childElementCount(): number {
    return this.children.length;
  }
  override get firstChild(): LightNode | null {
    return this._s + 1 < this._e ? this._doc.order[this._s + 1]! : null;
  }
  override get lastChild(): LightNode | null {
    return this._last;
  }
  get firstElementChild(): LightElement | null {
    const order = this._doc.order;
    for (let i = this._s + 1; i < this._e;) {
      const n = order[i]!;
      if (n.nodeType === ELEMENT_NODE) return n as LightElement;
      i = n._e;
    }
    return null;
  }
  get lastElementChild(): LightElement | null {
    let n = this._last;
    while (n !== null && n.nodeType !== ELEMENT_NODE) n = n._prev;
    return n as LightElement | null;
  }
  override hasChildNodes(): boolean {
    return this._s + 1 < this._e;
  }
  override contains(other: LightNode | null): boolean {
    if (other === null || other === undefined) return false;
    if (other === this) return true;
    return other.ownerDocument === this._doc && other._s > this._s && other._s < this._e;
  }

  /** Like linkedom (and unlike browsers) 'Table' matches nothing; 'table' and 'TABLE' match. '*' is every element. */
  getElementsByTagName(name: string): LightElement[] {
    // the document's elements of that name, in order; this node's are the run of them inside its range
    const list = this._doc._elementsNamed(name);
    return list.slice(firstAtOrAfter(list, this._s + 1), firstAtOrAfter(list, this._e));
  }
  getElementsByClassName(names: string): LightElement[] {
    const wanted = names.split(/\s+/).filter(Boolean);
    if (wanted.length === 0) return [];
    const out: LightElement[] = [];
    const order = this._doc.order;
    for (let i = this._s + 1; i < this._e; i++) {
      const n = order[i]!;
      if (n.nodeType !== ELEMENT_NODE) continue;
      const cls = (n as LightElement)._attrs['class'];
      if (cls === undefined) continue;
      const have = cls.split(' ');
      if (wanted.every((w) => have.includes(w))) out.push(n as LightElement);
    }
    return out;
  }
  querySelectorAll(selector: string): LightElement[] {
    const match = selectorMatcher(selector, this);
    const out: LightElement[] = [];
    const order = this._doc.order;
    for (let i = this._s + 1; i < this._e;) {
      const n = order[i]!;
      if (n.nodeType === ELEMENT_NODE) {
        if (match(n as LightElement)) out.push(n as LightElement);
        // like linkedom: a <template>'s content is not searched (browsers keep it in a separate fragment)
        i = (n as LightElement).localName === 'template' ? n._e : i + 1;
      } else i++;
    }
    return out;
  }
  querySelector(selector: string): LightElement | null {
    const match = selectorMatcher(selector, this);
    const order = this._doc.order;
    for (let i = this._s + 1; i < this._e;) {
      const n = order[i]!;
      if (n.nodeType === ELEMENT_NODE) {
        if (match(n as LightElement)) return n as LightElement;
        i = (n as LightElement).localName === 'template' ? n._e : i + 1;
      } else i++;
    }
    return null;
  }

  /** Text of the subtree: its text nodes' data in document order (comments left out). */
  _text(): string {
    let s = '';
    const order = this._doc.order;
    for (let i = this._s + 1; i < this._e; i++) {
      const n = order[i]!;
      if (n.nodeType === TEXT_NODE) s += (n as LightText).data;
    }
    return s;
  }

  /** Insert a new, empty node (only head/body are ever inserted, see LightDocument). */
  _insert(node: LightElement, before: LightNode | null): void {
    const doc = this._doc;
    doc._tags = null; // positions shift: the tag index is rebuilt on its next use
    const order = doc.order;
    const pos = before ? before._s : this._e;
    order.splice(pos, 0, node);
    for (let i = pos + 1; i < order.length; i++) {
      order[i]!._s++;
      order[i]!._e++;
    }
    for (let a: LightParent | null = this; a !== null; a = a.parentNode) a._e++;
    node.parentNode = this;
    node._s = pos;
    node._e = pos + 1;
    if (before) {
      node._prev = before._prev;
      before._prev = node;
    } else {
      node._prev = this._last;
      this._last = node;
    }
  }
}

export class LightElement extends LightParent {
  readonly nodeType = ELEMENT_NODE;
  readonly tagName: string;
  readonly _doc: LightDocument;

  constructor(
    doc: LightDocument,
    readonly localName: string,
    /** the attributes as parsed (names as written; class normalised, see ./parse.ts) */
    readonly _attrs: Record<string, string>,
  ) {
    super(doc);
    this._doc = doc;
    this.tagName = upper(localName);
  }

  get nodeName(): string {
    return this.tagName;
  }
  get namespaceURI(): string {
    return 'http://www.w3.org/1999/xhtml';
  }
  override get textContent(): string {
    return this._text();
  }
  /**
   * Names are matched exactly, as linkedom does (<TD ROWSPAN=2> has no 'rowspan').
   * 'class' reads as linkedom's className: its distinct tokens, or '' when absent.
   * Only the KEPT_ATTRIBUTES are there to ask for.
   */
  getAttribute(name: string): string | null {
    assertKept(name);
    const v = Object.hasOwn(this._attrs, name) ? this._attrs[name]! : null;
    return v === null && name === 'class' ? '' : v;
  }
  hasAttribute(name: string): boolean {
    assertKept(name);
    return Object.hasOwn(this._attrs, name);
  }
  /** (of the KEPT_ATTRIBUTES, as are getAttributeNames and attributes) */
  hasAttributes(): boolean {
    return Object.keys(this._attrs).length > 0;
  }
  getAttributeNames(): string[] {
    return Object.keys(this._attrs);
  }
  get attributes(): { name: string; value: string }[] {
    return Object.entries(this._attrs).map(([name, value]) => ({ name, value }));
  }
  get id(): string {
    return this.getAttribute('id') ?? '';
  }
  get className(): string {
    return this.getAttribute('class') ?? '';
  }
  get classList(): { readonly length: number; contains(token: string): boolean; [Symbol.iterator](): Iterator<string> } {
    const tokens = this.className.split(' ').filter(Boolean);
    return { length: tokens.length, contains: (t: string) => tokens.includes(t), [Symbol.iterator]: () => tokens[Symbol.iterator]() };
  }
  matches(selector: string): boolean {
    return selectorMatcher(selector, this)(this);
  }
  closest(selector: string): LightElement | null {
    const match = selectorMatcher(selector, this);
    for (let el: LightElement | null = this; el !== null; el = el.parentElement) if (match(el)) return el;
    return null;
  }
}

export class LightDocument extends LightParent {
  readonly nodeType = DOCUMENT_NODE;
  readonly nodeName = '#document';
  /** every node, in document order */
  readonly order: LightNode[] = [];
  readonly _doc: LightDocument = this;
  /**
   * Elements by local name, in document order, built on the first tag lookup: lib asks
   * for h1, h2, meta, table, a … of the whole page, and a scan of every node per question
   * made rejecting a 2 MB page cost 14 ms. (The parsed tree only changes when `head` or
   * `body` is created, which clears it.)
   */
  _tags: Map<string, LightElement[]> | null = null;
  private _all: LightElement[] | null = null;

  /** Like linkedom, 'table' and 'TABLE' name <table> ('Table' nothing); '*' is every element. */
  _elementsNamed(name: string): LightElement[] {
    if (this._tags === null) {
      const tags = new Map<string, LightElement[]>();
      const all: LightElement[] = [];
      for (const n of this.order) {
        if (n.nodeType !== ELEMENT_NODE) continue;
        const el = n as LightElement;
        all.push(el);
        const list = tags.get(el.localName);
        if (list) list.push(el);
        else tags.set(el.localName, [el]);
      }
      this._tags = tags;
      this._all = all;
    }
    if (name === '*') return this._all!;
    const exact = this._tags.get(name);
    if (exact) return exact;
    // tagName is the upper-cased local name
    const lower = name.toLowerCase();
    return lower !== name && upper(lower) === name ? (this._tags.get(lower) ?? []) : [];
  }

  constructor() {
    super(null);
    this._s = -1;
  }

  get documentElement(): LightElement | null {
    return this.firstElementChild;
  }
  /**
   * linkedom's head: the first element of the root element if it is a <head>; else an
   * empty <head> is created there (so a page without <html> has its <title> elsewhere).
   */
  get head(): LightElement | null {
    const root = this.documentElement;
    if (root === null) return null;
    let head = root.firstElementChild;
    if (head === null || head.tagName !== 'HEAD') {
      head = new LightElement(this, 'head', {});
      root._insert(head, root.firstChild);
    }
    return head;
  }
  /** linkedom's body: the element right after the head if it is a <body>; else an empty one is created there. */
  get body(): LightElement | null {
    const head = this.head;
    if (head === null) return null;
    let body = head.nextElementSibling;
    if (body === null || body.tagName !== 'BODY') {
      body = new LightElement(this, 'body', {});
      head.parentNode!._insert(body, head.nextSibling);
    }
    return body;
  }
  get title(): string {
    return this.head?.getElementsByTagName('title')[0]?.textContent || '';
  }
  /** linkedom leaves a parsed document without a URL. */
  get URL(): string {
    return undefined as unknown as string;
  }
  getElementById(id: string): LightElement | null {
    for (const n of this.order)
      if (n.nodeType === ELEMENT_NODE && (n as LightElement)._attrs['id'] === id && Object.hasOwn((n as LightElement)._attrs, 'id')) return n as LightElement;
    return null;
  }
  override getRootNode(): LightNode {
    return this;
  }
}
