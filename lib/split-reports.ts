// Several reports on one page: a district or city that publishes all its departments'
// reports in one article, each under its own heading ("XX局2023年政府信息公开工作年度报告")
// with its own tables 二/三/四. The located table pieces are cut into report sections
// by the table that starts each report's table (a piece that begins a table, not the
// continuation of one cut at a page break), and each section gets the heading and the
// text that lie between its tables and its neighbours'. Nothing is guessed: where a
// heading cannot be found, or a section's text cannot be told from its neighbour's,
// the reader says so (lib/read.ts) and leaves that text out.

import { REPORT_TITLE, articleEvents } from './detect';
import type { Piece, TableKind } from './extract/locate';
import { REPORT_TABLES } from './keys';
import { cellText, tableRows } from './table/grid';
import { cleanText, normLabel } from './text';

export interface Section {
  pieces: Record<TableKind, Piece[]>;
  /** the document-table indexes of the section's pieces, in document order */
  tableIndexes: number[];
}

/** The official order of the tables within one report: 二, 三, 四. */
const RANK: Record<TableKind, number> = { active: 0, applications: 1, review: 2 };

/**
 * 本年新收…, or 新收 followed by 申请 on the line. Only the first 新收 of each line is tried
 * (if any 新收 has 申请 after it, the first has): `新收.*申请` tried every 新收, each
 * scanning to the line's end, quadratic in a label of repeated 新收.
 */
const NEW_RECEIVED = /本年新收|^(?:(?!新收).)*新收.*申请/m;
const ACTIVE_FIRST = /第二十条第\(一\)项|^规章$/;

/** The labels of a row's own cells, up to the first non-empty one when `firstOnly`. */
function rowLabels(tr: Element, firstOnly: boolean): string[] {
  const labels: string[] = [];
  for (let el = tr.firstElementChild; el; el = el.nextElementSibling) {
    const tag = el.localName;
    if (tag !== 'td' && tag !== 'th') continue;
    const label = normLabel(cellText(el));
    if (label === '') continue;
    labels.push(label);
    if (firstOnly) break;
  }
  return labels;
}

/**
 * Whether a piece begins its table (rather than continuing one cut at a page break):
 * table 三 by its 一、本年新收 row, table 四 by its 行政复议 header, table 二 by its
 * first block (第二十条第（一）项 / 规章). Only the first cell of each row is looked at:
 * these labels open their rows, and the test stays linear in the rows. Read from the
 * rows themselves: the table's grid is built later, when its report is read.
 */
function beginsTable(kind: TableKind, piece: Piece): boolean {
  const rows = tableRows(piece.table);
  if (kind === 'review') {
    for (let r = 0; r < Math.min(rows.length, 4); r++) if (rowLabels(rows[r]!, false).some((l) => l.includes('行政复议'))) return true;
    return false;
  }
  const re = kind === 'applications' ? NEW_RECEIVED : ACTIVE_FIRST;
  for (const tr of rows) {
    const first = rowLabels(tr, true)[0];
    if (first !== undefined && re.test(first)) return true;
  }
  return false;
}

/**
 * The report sections of a page, or null when the page holds one report (then it is
 * read exactly as a single report). A page holds several reports when one of the
 * tables begins a second time; within such a page a table that begins before the
 * tables of the current report (二 after 三/四, 三 after 四) also starts a new report.
 */
export function splitSections(pieces: Record<TableKind, Piece[]>): Section[] | null {
  const all = REPORT_TABLES.flatMap((kind) => pieces[kind].map((piece) => ({ kind, piece, begins: beginsTable(kind, piece) }))).sort(
    (a, b) => a.piece.tableIndex - b.piece.tableIndex,
  );
  const cut = (byOrder: boolean): Section[] => {
    const out: Section[] = [];
    let seen = new Set<TableKind>();
    let maxRank = -1;
    for (const { kind, piece, begins } of all) {
      const fresh = out.length === 0 || (begins && (seen.has(kind) || (byOrder && RANK[kind] < maxRank)));
      if (fresh) {
        out.push({ pieces: { active: [], applications: [], review: [] }, tableIndexes: [] });
        seen = new Set();
        maxRank = -1;
      }
      const s = out[out.length - 1]!;
      s.pieces[kind].push(piece);
      s.tableIndexes.push(piece.tableIndex);
      if (begins) seen.add(kind);
      maxRank = Math.max(maxRank, RANK[kind]);
    }
    return out;
  };
  // the order rule alone would split a single report that prints 四 before 三
  if (cut(false).length < 2) return null;
  return cut(true);
}

// ---- Headings and text --------------------------------------------------------------

/** What may follow a title on its line: brackets, spaces, （全文）, 【正文】, 汇编 */
const TITLE_TRIMMINGS = /[\s（）()【】〔〕\[\]全文汇编正文]/g;

/** A line that is a report's title: short, ending with …年度报告, no sentence punctuation before it. */
function isTitleLine(line: string): boolean {
  if (line.length > 80) return false;
  const m = REPORT_TITLE.exec(line);
  if (!m) return false;
  const prefix = line.slice(0, m.index);
  const rest = line.slice(m.index + m[0].length);
  return !/[，。；;：:！？]/.test(prefix) && rest.replace(TITLE_TRIMMINGS, '').length <= 4 && !/格式|通知/.test(line);
}

/** A body's name on a line of its own above a title that starts with the year. */
const AGENCY_LINE = /^[\u4e00-\u9fff（）()·]{2,30}(局|委员会|委|办公室|办|政府|院|厅|部|署|中心|会|所|处|站|队|区|馆|室|公司|集团|管委会|街道|镇|乡|县|市)$/;

export interface SectionText {
  /** the section's heading as shown (a body name on the line above is joined in), or null when none was found */
  heading: string | null;
  /** the element holding the heading */
  headingEl: Element | null;
  /** the section's own text lines, from its heading to the next section's; null when that cannot be told */
  lines: string[] | null;
}

/**
 * Each section's heading and text. The heading of a section is the last title line
 * between the previous section's last table and its own first table; its text runs
 * from its heading to the next section's heading. A section without a heading has no
 * text of its own, and neither has the section before it (where its text ends is not
 * known). A heading identical to the page's title is the page's, not the section's.
 */
export function sectionTexts(article: Element | null, sections: readonly Section[], allTables: readonly Element[], pageTitle: string): SectionText[] {
  const none = (): SectionText => ({ heading: null, headingEl: null, lines: null });
  if (!article) return sections.map(none);
  const tableIndex = new Map<Element, number>();
  const sectionOf = new Map<number, number>();
  sections.forEach((s, i) => {
    for (const t of s.tableIndexes) {
      tableIndex.set(allTables[t]!, t);
      sectionOf.set(t, i);
    }
  });
  const events = articleEvents(article, tableIndex);
  const first: number[] = sections.map(() => -1);
  const last: number[] = sections.map(() => -1);
  events.forEach((e, pos) => {
    if (!('table' in e)) return;
    const s = sectionOf.get(e.table)!;
    if (first[s] === -1) first[s] = pos;
    last[s] = pos;
  });

  const page = cleanText(pageTitle);
  // per section: [start of heading, end of heading] positions in events, or null
  const heads = sections.map((_, s): { start: number; end: number; text: string; el: Element } | null => {
    if (first[s] === -1) return null;
    const from = s === 0 ? 0 : last[s - 1]! + 1;
    for (let pos = first[s]! - 1; pos >= from; pos--) {
      const e = events[pos]!;
      if ('table' in e || !isTitleLine(e.line)) continue;
      if (e.line === page) return null;
      const m = REPORT_TITLE.exec(e.line)!;
      const above = events[pos - 1];
      // "XX局" on its own line above "2023年政府信息公开工作年度报告"
      if (m.index === 0 && pos - 1 >= from && above && 'line' in above && AGENCY_LINE.test(above.line.replace(/\s/g, '')))
        return { start: pos - 1, end: pos, text: `${above.line}${e.line}`, el: e.el };
      return { start: pos, end: pos, text: e.line, el: e.el };
    }
    return null;
  });

  return sections.map((_, s) => {
    const h = heads[s];
    if (!h) return none();
    const next = s + 1 < sections.length ? heads[s + 1] : undefined;
    if (next === null) return { heading: h.text, headingEl: h.el, lines: null };
    const end = next ? next.start : events.length;
    const lines: string[] = [];
    for (let pos = h.end + 1; pos < end; pos++) {
      const e = events[pos]!;
      if ('line' in e) lines.push(e.line);
    }
    return { heading: h.text, headingEl: h.el, lines };
  });
}

/** Every pattern of this module that runs on page text (see pageTextPatterns in ./detect.ts). */
export const pageTextPatterns = (): RegExp[] => [NEW_RECEIVED, ACTIVE_FIRST, TITLE_TRIMMINGS, AGENCY_LINE];
