// Which DOM the CLI parses pages into. The light DOM (./nodes.ts) is the default;
// linkedom, which it was checked against, stays available: GIP_DOM=linkedom in the
// environment (worker threads inherit it), or useDom('linkedom') in this thread.

import { createRequire } from 'node:module';
import { parseLightDocument } from './parse';

export type DomName = 'light' | 'linkedom';

let current: DomName = process.env.GIP_DOM === 'linkedom' ? 'linkedom' : 'light';

export function useDom(name: DomName): void {
  current = name;
}

let linkedom: ((html: string) => Document) | undefined;

/** linkedom is loaded only when asked for: it adds to every worker's start-up otherwise. */
function parseLinkedom(html: string): Document {
  if (!linkedom) {
    const { parseHTML } = createRequire(import.meta.url)('linkedom') as typeof import('linkedom');
    linkedom = (h) => parseHTML(h).document as unknown as Document;
  }
  return linkedom(html);
}

/** The raw parse, without parseDocument's wrapping of fragments. */
export function parseRaw(html: string, dom: DomName = current): Document {
  return dom === 'linkedom' ? parseLinkedom(html) : (parseLightDocument(html) as unknown as Document);
}
