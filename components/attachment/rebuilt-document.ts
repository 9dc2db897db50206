// The reader's HTML (lib/attachment: escaped text, tables with rowspan/colspan, each cell's
// provenance in data-gip-* attributes) → a Document the page reader can read and the page
// can show. Parsed with DOMParser (inert: no script runs, nothing loads), then copied
// element by element into a fresh document: only the elements and attributes the reader
// writes are kept, every text is a text node. Even a bug in the reader's escaping could not
// put markup of the file's into our page.

/** Elements the reader writes; anything else is dropped and its text kept. */
const ELEMENTS = new Set(['h1', 'h2', 'h3', 'p', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'br']);
/** Attributes kept, each with the only values it may hold. */
const ATTRIBUTES: Record<string, RegExp> = {
  rowspan: /^\d{1,4}$/,
  colspan: /^\d{1,4}$/,
  'data-gip-page': /^\d{1,5}$/,
  'data-gip-box': /^[\d.,-]{1,80}$/,
  'data-gip-docx': /^[\d,]{1,40}$/,
};
/** The deepest nesting copied (the reader writes 4 levels: body, table, tr, td). */
const MAX_DEPTH = 32;

/** A fresh document holding what `html` says, cleaned (see above). `doc`: where to create it (the page's own, or a test's). */
export function rebuiltDocument(html: string, doc: Document = document): Document {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const out = doc.implementation.createHTMLDocument(parsed.title.slice(0, 300));
  out.title = parsed.title.slice(0, 300); // (some DOMs leave the argument out)
  const copy = (from: Node, to: Node, depth: number): void => {
    for (let c = from.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) to.appendChild(out.createTextNode(c.nodeValue ?? ''));
      else if (c.nodeType === 1 && depth < MAX_DEPTH) {
        const el = c as Element;
        const tag = el.localName;
        if (tag === 'script' || tag === 'style' || tag === 'template') continue;
        if (!ELEMENTS.has(tag)) {
          copy(el, to, depth + 1); // its text, without it
          continue;
        }
        const made = out.createElement(tag);
        for (const [name, valid] of Object.entries(ATTRIBUTES)) {
          const v = el.getAttribute(name);
          if (v !== null && valid.test(v)) made.setAttribute(name, v);
        }
        to.appendChild(made);
        copy(el, made, depth + 1);
      }
    }
  };
  copy(parsed.body, out.body, 0);
  return out;
}

/** The PDF page a rebuilt element came from (its own data-gip-page, or its table's). */
export function pageOf(el: Element | undefined | null): number | null {
  const holder = el?.closest('[data-gip-page]');
  const n = Number(holder?.getAttribute('data-gip-page'));
  return Number.isInteger(n) && n > 0 ? n : null;
}
