// Where a narrative finding's sentence is on the page: the innermost paragraph-like
// element whose text holds the quoted sentence (outside the report's tables), and the
// exact range of the stated words inside it. Found by text, whitespace ignored (the
// reader collapsed it), so it works whatever elements the CMS wrapped the words in.

import { statementOf } from '../../lib/rules/support/narrative';
import type { Finding, Report } from '../../lib/schema';
import { SPACE_CHAR } from '../../lib/text';

export interface SentenceMark {
  /** the paragraph (or list item, div, cell) holding the sentence */
  element: Element;
  /** the stated words, e.g. 予以公开及部分公开258件; null when they cannot be delimited */
  range: Range | null;
}

const SPACES = new RegExp(SPACE_CHAR.source, 'g');
const strip = (s: string) => s.replace(SPACES, '');
const BLOCKS = 'p,li,div,td,th,h1,h2,h3,h4,h5,h6,blockquote,section,article,center,dd,dt';
/** the reader's narrative comes from the article; a bound keeps a huge page cheap */
const MAX_BLOCKS = 5000;

/** The sentences of the narrative findings, by finding id. */
export function locateSentences(doc: Document, report: Report, findings: readonly Finding[], reportTables: ReadonlySet<Element>): Map<string, SentenceMark> {
  const out = new Map<string, SentenceMark>();
  const wanted = findings.flatMap((f) => {
    const st = statementOf(report, f);
    return st ? [{ f, sentence: strip(st.text), phrase: strip(st.phrase) }] : [];
  });
  if (wanted.length === 0 || !doc.body) return out;
  const blocks = Array.from(doc.body.querySelectorAll(BLOCKS))
    .slice(0, MAX_BLOCKS)
    .filter((el) => ![...reportTables].some((t) => t.contains(el)));
  const texts = new Map<Element, string>();
  const textOf = (el: Element) => texts.get(el) ?? (texts.set(el, strip(el.textContent ?? '')), texts.get(el)!);
  for (const { f, sentence, phrase } of wanted) {
    const holders = blocks.filter((el) => textOf(el).includes(sentence) && textOf(el).includes(phrase));
    // the innermost: no other holder inside it
    const element = holders.find((el) => !holders.some((other) => other !== el && el.contains(other)));
    if (element) out.set(f.id, { element, range: phraseRange(doc, element, sentence, phrase) });
  }
  return out;
}

/** A Range over the phrase inside the sentence inside `el`, mapping stripped offsets back to text nodes. */
function phraseRange(doc: Document, el: Element, sentence: string, phrase: string): Range | null {
  const chars: { node: Text; offset: number }[] = [];
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const data = n.data;
    for (let i = 0; i < data.length; i++) if (!SPACE_CHAR.test(data[i]!)) chars.push({ node: n, offset: i });
  }
  const text = chars.map((c) => c.node.data[c.offset]).join('');
  const at = text.indexOf(sentence);
  const start = at < 0 ? -1 : text.indexOf(phrase, at);
  if (start < 0 || phrase.length === 0) return null;
  const first = chars[start]!;
  const last = chars[start + phrase.length - 1]!;
  try {
    const range = doc.createRange();
    range.setStart(first.node, first.offset);
    range.setEnd(last.node, last.offset + 1);
    return range;
  } catch {
    return null;
  }
}
