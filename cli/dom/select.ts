// Selectors for the light DOM: a bare tag name (all lib/ asks for today) is a string
// comparison; anything else goes to css-select, the engine linkedom uses, through an
// adapter with linkedom's answers.

import { compile, type Options } from 'css-select';
import type { LightElement, LightNode } from './nodes';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

const isTag = (n: LightNode): n is LightElement => n.nodeType === ELEMENT_NODE;
const children = (n: LightNode): LightNode[] => n.childNodes;
const text = (n: LightNode): string => (isTag(n) ? n.textContent : n.nodeType === TEXT_NODE ? (n.textContent ?? '') : '');

type Adapter = NonNullable<Options<LightNode, LightElement>['adapter']>;

const adapter: Adapter = {
  isTag,
  getAttributeValue: (el, name) => (name === 'class' && !el.hasAttribute('class') ? undefined : (el.getAttribute(name) ?? undefined)),
  getChildren: children,
  getName: (el) => el.localName.toLowerCase(),
  getParent: (el) => el.parentNode,
  getSiblings: (n) => (n.parentNode ? n.parentNode.childNodes : [n]),
  getText: text,
  hasAttrib: (el, name) => el.hasAttribute(name),
  prevElementSibling: (n) => n.previousElementSibling,
  removeSubsets: (nodes) => nodes.filter((n, i) => nodes.indexOf(n) === i && !nodes.some((o) => o !== n && o.contains(n))),
};

const TAG = /^[a-zA-Z][a-zA-Z0-9-]*$/;
const cache = new Map<string, (el: LightElement) => boolean>();

/** A predicate for `selector`; `scope` is the element :scope refers to. Invalid selectors throw, as in browsers. */
export function selectorMatcher(selector: string, scope: LightNode): (el: LightElement) => boolean {
  const scoped = selector.includes(':scope');
  let match = scoped ? undefined : cache.get(selector);
  if (match) return match;
  if (selector === '*') match = () => true;
  else if (TAG.test(selector)) {
    const name = selector.toLowerCase();
    match = (el) => el.localName === name;
  } else {
    const query = compile<LightNode, LightElement>(selector, { xmlMode: false, adapter, ...(scoped && { context: scope }) });
    match = (el) => query(el);
  }
  if (!scoped) cache.set(selector, match);
  return match;
}
