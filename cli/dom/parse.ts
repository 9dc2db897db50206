// Building the light DOM (./nodes.ts) from htmlparser2's events, with the options
// linkedom passes to it, so the tree is the one linkedom would build.

import { Parser, Tokenizer } from 'htmlparser2';
import { isKeptAttribute, LightComment, LightDocument, LightElement, type LightNode, type LightParent, LightText, TEXT_NODE } from './nodes';

/** The tokenizer's state this file touches (private in its typings). */
interface TokenizerInternals {
  buffer: string;
  offset: number;
  index: number;
  stateText(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
}

const LT = 0x3c;
const AMP = 0x26;

/**
 * htmlparser2's tokenizer, skipping runs of plain characters in a tight loop. When it decodes
 * entities it looks at text and attribute values one character at a time, and on a
 * Word-exported page two thirds of the bytes are attribute values (inline styles). Inside
 * text it only acts on '<' and '&', inside a quoted value only on the quote and '&': every
 * other character is a no-op, so jumping to the next one it acts on changes nothing but the
 * time (tests/cli/light-dom.test.ts holds the tree against linkedom's).
 */
class SkippingTokenizer extends Tokenizer {}
const base = Tokenizer.prototype as unknown as TokenizerInternals;
const skipping = SkippingTokenizer.prototype as unknown as TokenizerInternals;

/**
 * Move to just before the next character `a` or `b` (the parse loop then steps onto it),
 * or to the end of the buffer. One loop, not two indexOf: a page without any '&' would
 * have every call search to its end.
 */
function skipTo(t: TokenizerInternals, a: number, b: number): void {
  const buffer = t.buffer;
  let i = t.index - t.offset + 1;
  for (; i < buffer.length; i++) {
    const c = buffer.charCodeAt(i);
    if (c === a || c === b) break;
  }
  t.index = i + t.offset - 1;
}

skipping.stateText = function (this: TokenizerInternals, c: number): void {
  if (c === LT || c === AMP) return base.stateText.call(this, c);
  skipTo(this, LT, AMP);
};
skipping.handleInAttributeValue = function (this: TokenizerInternals, c: number, quote: number): void {
  if (c === quote || c === AMP) return base.handleInAttributeValue.call(this, c, quote);
  skipTo(this, quote, AMP);
};

/** linkedom stores `class` as a token list: its value reads back as the distinct tokens, space-joined. */
function normaliseClass(value: string): string {
  if (!/\s/.test(value)) return value;
  return [...new Set(value.split(/\s+/).filter(Boolean))].join(' ');
}

/**
 * htmlparser2's stack of open elements (and of foreign contexts) keeps its top at index 0:
 * every open tag is an `unshift`, which moves the whole array, so a page nesting 400,000
 * elements took minutes. This one keeps its top at the end of a plain array and offers what
 * the parser asks of its stack (`[0]`, `length`, `shift`, `unshift`, `indexOf` counted from
 * the top); a name not open at all is answered without a search (a stray `</span>` under
 * 200,000 open elements would otherwise scan them all).
 */
class OpenStack<T> {
  /** the top, as the parser reads it */
  0: T | undefined = undefined;
  private readonly items: T[] = [];
  private readonly open = new Map<T, number>();
  constructor(first?: T) {
    if (first !== undefined) this.unshift(first);
  }
  get length(): number {
    return this.items.length;
  }
  set length(n: number) {
    // the parser only ever empties it (reset)
    this.items.length = Math.min(n, this.items.length);
    this.open.clear();
    for (const item of this.items) this.open.set(item, (this.open.get(item) ?? 0) + 1);
    this[0] = this.items.at(-1);
  }
  unshift(item: T): number {
    this.items.push(item);
    this.open.set(item, (this.open.get(item) ?? 0) + 1);
    this[0] = item;
    return this.items.length;
  }
  shift(): T | undefined {
    const item = this.items.pop();
    if (item !== undefined) this.open.set(item, this.open.get(item)! - 1);
    this[0] = this.items.at(-1);
    return item;
  }
  indexOf(item: T): number {
    if (!this.open.get(item)) return -1;
    const top = this.items.length - 1;
    for (let i = top; i >= 0; i--) if (this.items[i] === item) return top - i;
    return -1;
  }
  /** top first, as a plain array (for the parser's last pass, which reads it by index) */
  topFirst(): T[] {
    return this.items.slice().reverse();
  }
}

interface ParserStacks {
  stack: OpenStack<string> | string[];
  foreignContext: OpenStack<boolean>;
}

/**
 * htmlparser2's parser, building only the attributes the light DOM keeps (see
 * KEPT_ATTRIBUTES): the values of the others are never sliced out of the page or stored.
 * Its stacks are OpenStacks (linear time however deep the page nests).
 */
class KeepingParser extends Parser {
  private dropping = false;
  constructor(...args: ConstructorParameters<typeof Parser>) {
    super(...args);
    const self = this as unknown as ParserStacks;
    self.stack = new OpenStack<string>();
    self.foreignContext = new OpenStack<boolean>(false); // htmlparser2 starts it as [!xmlMode]
  }
  override onattribname(start: number, endIndex: number): void {
    super.onattribname(start, endIndex);
    this.dropping = !isKeptAttribute((this as unknown as { attribname: string }).attribname);
  }
  override onattribdata(start: number, endIndex: number): void {
    if (!this.dropping) super.onattribdata(start, endIndex);
  }
  override onattribentity(cp: number): void {
    if (!this.dropping) super.onattribentity(cp);
  }
  override onattribend(quote: Parameters<Parser['onattribend']>[0], endIndex: number): void {
    if (!this.dropping) return super.onattribend(quote, endIndex);
    this.endIndex = endIndex;
    this.dropping = false;
  }
  override onend(): void {
    // closes what is still open by reading the stack by index, top first
    const self = this as unknown as ParserStacks;
    if (self.stack instanceof OpenStack) self.stack = self.stack.topFirst();
    super.onend();
  }
}

/**
 * The deepest an element is nested: as in Blink's HTML parser (kMaximumHTMLParserDOMTreeDepth
 * = 512, HTMLConstructionSite::AttachLater), an element or comment opened while 512 elements
 * are open is attached to the 512th (a sibling of the element it is in), so no tree is
 * deeper, however the page nests; the elements stay open for their closing tags. Blink still
 * puts text into the deepest open element; here it goes to the 512th as well, in page
 * order, so that an element's subtree stays one run of the document order (./nodes.ts):
 * the elements past the cap are left empty. Depth counts the page's own elements (`<html>`
 * is 1 when the page has one).
 */
export const MAX_DEPTH = 512;

export function parseLightDocument(html: string): LightDocument {
  const doc = new LightDocument();
  const order = doc.order;
  // open[k] is the open element at depth k (open[0] the document); children are appended to
  // `node`: the deepest open element, or the one at MAX_DEPTH when more are open
  const open: LightParent[] = [doc];
  let node: LightParent = doc;

  const append = (parent: LightParent, child: LightNode): void => {
    child.parentNode = parent;
    child._s = order.length;
    child._e = order.length + 1; // an element's end is set when it closes
    child._prev = parent._last;
    parent._last = child;
    order.push(child);
  };

  const parser = new KeepingParser(
    {
      onopentag(name, attribs) {
        if (Object.hasOwn(attribs, 'class')) attribs['class'] = normaliseClass(attribs['class']!);
        const el = new LightElement(doc, name, attribs);
        append(node, el);
        open.push(el);
        if (open.length <= MAX_DEPTH + 1) node = el;
      },
      ontext(data) {
        // htmlparser2 splits text at entities: one node per run, as browsers have it
        const last = node._last;
        if (last !== null && last.nodeType === TEXT_NODE && last._s === order.length - 1) (last as LightText).data += data;
        else append(node, new LightText(doc, data));
      },
      oncomment(data) {
        append(node, new LightComment(doc, data));
      },
      onclosetag() {
        // htmlparser2 pairs every close with an open; the guard keeps a stray one from leaving the tree
        if (open.length === 1) return;
        const closing = open.pop()!;
        // an element past the cap never had children: its end stays just after it
        if (closing === node) {
          closing._e = order.length;
          node = open[open.length - 1]!;
        }
      },
    },
    { lowerCaseAttributeNames: false, decodeEntities: true, xmlMode: false, Tokenizer: SkippingTokenizer },
  );
  parser.write(html);
  parser.end();
  for (let k = Math.min(open.length - 1, MAX_DEPTH); k > 0; k--) open[k]!._e = order.length;
  doc._e = order.length;
  return doc;
}
