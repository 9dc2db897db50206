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
 * htmlparser2's parser, building only the attributes the light DOM keeps (see
 * KEPT_ATTRIBUTES): the values of the others are never sliced out of the page or stored.
 */
class KeepingParser extends Parser {
  private dropping = false;
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
}

export function parseLightDocument(html: string): LightDocument {
  const doc = new LightDocument();
  const order = doc.order;
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
        node = el;
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
        if (node === doc) return;
        node._e = order.length;
        node = node.parentNode!;
      },
    },
    { lowerCaseAttributeNames: false, decodeEntities: true, xmlMode: false, Tokenizer: SkippingTokenizer },
  );
  parser.write(html);
  parser.end();
  for (let open: LightParent | null = node; open !== null && open !== doc; open = open.parentNode) open._e = order.length;
  doc._e = order.length;
  return doc;
}
