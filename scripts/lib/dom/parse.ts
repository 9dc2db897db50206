// Building the light DOM (./nodes.ts) from htmlparser2's events, with the options
// linkedom passes to it, so the tree is the one linkedom would build.

import { Parser } from 'htmlparser2';
import { LightComment, LightDocument, LightElement, type LightNode, type LightParent, LightText, TEXT_NODE } from './nodes';

/** linkedom stores `class` as a token list: its value reads back as the distinct tokens, space-joined. */
function normaliseClass(value: string): string {
  if (!/\s/.test(value)) return value;
  return [...new Set(value.split(/\s+/).filter(Boolean))].join(' ');
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

  const parser = new Parser(
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
    { lowerCaseAttributeNames: false, decodeEntities: true, xmlMode: false },
  );
  parser.write(html);
  parser.end();
  for (let open: LightParent | null = node; open !== null && open !== doc; open = open.parentNode) open._e = order.length;
  doc._e = order.length;
  return doc;
}
