// Reading a page into typed reports: detect → locate tables → cut into reports → extract
// by label. A page usually holds one report; a consolidated page (a district publishing
// all its departments' reports in one article) holds several, each read on its own.
// DOM-agnostic: it receives a Document (browser, linkedom, happy-dom) and uses only
// standard Element methods.

import { REPORT_TITLE, attachmentLinks, classifyNonReport, findArticle, looksLikeReport, probe, type Probe } from './detect';
import { agencyFromSignature, agencyFromTitle, documentFacts, sectionDocument, type DocumentFacts } from './document-facts';
import { extractActive, type ActiveResult } from './extract/active';
import { extractApplications, type ApplicationsResult } from './extract/applications';
import { ReportBuilder } from './extract/builder';
import { locateTables, logicalRows, releaseGrids, truncated, type LocatedTables, type Piece, type TableKind } from './extract/locate';
import { extractReview } from './extract/review';
import { REPORT_TABLES, type Format } from './keys';
import { readNarrative } from './narrative/extract';
import type { Cell, PageKind, Report } from './schema';
import { sectionTexts, splitSections, type SectionText } from './split-reports';

/** Which of a page's reports a reading is, when the page holds more than one. */
export interface ReportSection {
  /** 0-based, in document order */
  index: number;
  /** how many reports the page holds */
  count: number;
  /** the element holding this report's heading ("XX局2023年…年度报告"), null when none was found */
  heading: Element | null;
  /** this report's tables, as indexes into `PageReading.tables`, in document order */
  tableIndexes: number[];
}

export interface PageReading {
  detected: boolean;
  kind: PageKind;
  report: Report | null;
  /** canonical key → the page element it was read from (not serialisable; for highlighting) */
  nodes: Map<string, Element>;
  /** the report's cells as [key, cell] pairs in the order read (Object.entries' order), for the rules */
  entries?: [string, Cell][];
  /** the n-th entry is document.querySelectorAll('table')[n], to resolve refs (the same array for every report of a page) */
  tables: Element[];
  /** set only on pages that hold several reports */
  section?: ReportSection;
}

const notReport = (kind: PageKind): PageReading => ({ detected: false, kind, report: null, nodes: new Map(), tables: [] });

/** The page's first (usually only) report. On a page with several, see readPageReports. */
export function readPage(doc: Document): PageReading {
  return readPageReports(doc)[0]!;
}

/**
 * Every report on the page, in document order: one reading for an ordinary page (or a
 * page that is not a report), one per report on a consolidated page. Never empty.
 */
export function readPageReports(doc: Document, probed?: Probe): PageReading[] {
  // (the checker has already probed the page to decide whether to read it: not done twice)
  const p = probed ?? probe(doc);
  if (!looksLikeReport(p)) return [notReport(classifyNonReport(doc, p))];
  const located = locateTables(doc);
  const sections = splitSections(located.pieces);
  return sections ? readSeveral(doc, p, located, sections) : [readOne(doc, p, located)];
}

interface Tables {
  b: ReportBuilder;
  active: ActiveResult;
  applications: ApplicationsResult;
}

function readTables(pieces: Record<TableKind, Piece[]>): Tables {
  const b = new ReportBuilder();
  const active = extractActive(logicalRows(pieces.active), b);
  const applications = extractApplications(logicalRows(pieces.applications), b);
  extractReview(logicalRows(pieces.review), b);
  for (const table of REPORT_TABLES) if (truncated(pieces[table])) b.note({ code: 'tableTruncated', table, cells: [] });
  releaseGrids(pieces);
  return { b, active, applications };
}

const hasDigits = (b: ReportBuilder) => b.entries.some(([, c]) => /\d/.test(c.raw));

function formatOf(t: Tables, year: number | null): Pick<Report, 'format' | 'formatSource'> {
  let format: Format;
  let formatSource: Report['formatSource'];
  if (t.applications.format) {
    format = t.applications.format;
    formatSource = 'outcomeRows';
  } else if (t.active.format) {
    format = t.active.format;
    formatSource = 'activeHeaders';
  } else {
    format = year !== null && year <= 2020 ? '2019' : '2021';
    formatSource = 'year';
  }
  return { format, formatSource };
}

function readOne(doc: Document, p: Probe, located: LocatedTables): PageReading {
  const { pieces } = located;
  const found = pieces.applications.length + pieces.review.length + pieces.active.length;
  if (found === 0 && !p.titled) return notReport(classifyNonReport(doc, p));

  const t = readTables(pieces);
  const { b } = t;
  // The national template page carries the same tables with no numbers in them.
  if (found > 0 && !hasDigits(b) && !p.titled) return notReport('template');

  const reportTables = [...pieces.active, ...pieces.applications, ...pieces.review].map((x) => located.tables[x.tableIndex]!);
  const article = findArticle(doc, reportTables);
  const facts = documentFacts(doc, article, p.title, reportTables);

  if (facts.year !== null && facts.year <= LAST_FREE_FORMAT_YEAR && !t.applications.format && !t.active.format) {
    // A report from before the national template: its tables are of its own making, so
    // nothing in them is read under the template's keys (a 收到申请数 row is no 本年新收)
    return preTemplateReading(facts, t, located.tables);
  }

  if (found === 0) {
    // A titled report whose tables are not HTML: images or an attachment.
    const images = article?.querySelectorAll('img').length ?? 0;
    const attachments = article ? attachmentLinks(article).length : 0;
    b.structure.length = 0;
    b.note({ code: images + attachments > 0 ? 'tablesAsImages' : 'tableMissing', table: 'document', cells: [] });
  }

  const report: Report = {
    title: facts.title,
    agency: facts.agency,
    agencySource: facts.agencySource,
    year: facts.year,
    ...formatOf(t, facts.year),
    url: facts.url,
    pubDate: facts.pubDate,
    cells: b.cells,
    structure: b.structure,
    narrative: readNarrative(facts.lines, { year: facts.year }),
    document: facts.document,
  };
  return { detected: true, kind: 'report', report, nodes: b.nodes, entries: b.entries, tables: located.tables };
}

/**
 * The last reporting year before the national template: reports for 2019 onward use the
 * 2019 format (国办公开办函〔2019〕60号) or the 2021 one; earlier reports made their own tables.
 */
const LAST_FREE_FORMAT_YEAR = 2018;

/** A report before the template: its identity, dates and text, none of its tables' cells, and the fact said. */
function preTemplateReading(facts: DocumentFacts, t: Tables, tables: Element[]): PageReading {
  const report: Report = {
    title: facts.title,
    agency: facts.agency,
    agencySource: facts.agencySource,
    year: facts.year,
    ...formatOf(t, facts.year),
    url: facts.url,
    pubDate: facts.pubDate,
    cells: {},
    structure: [{ code: 'preTemplate', table: 'document', cells: [] }],
    // (its text is not read for figures: they count what the old statistics table counted — 同意公开,
    // 申请办结数 — which no table of the template holds)
    document: facts.document,
  };
  return { detected: true, kind: 'report', report, nodes: new Map(), entries: [], tables };
}

type Identity = Pick<Report, 'title' | 'agency' | 'agencySource' | 'year'>;

/** A section's identity from its heading (and signature), as documentFacts reads a page's. */
function sectionIdentity(text: SectionText, page: DocumentFacts): Identity {
  if (!text.heading) return { title: page.title, agency: page.agency, agencySource: page.agencySource, year: page.year };
  const year = Number(REPORT_TITLE.exec(text.heading)![1]);
  const fromTitle = agencyFromTitle(text.heading);
  const fromSignature = text.lines ? agencyFromSignature(text.lines) : null;
  // 司法局 in the heading, 固原市原州区司法局 in the signature
  if (fromTitle && fromSignature && fromSignature.length > fromTitle.length && fromSignature.endsWith(fromTitle))
    return { title: text.heading, agency: fromSignature, agencySource: 'signature', year };
  if (fromTitle) return { title: text.heading, agency: fromTitle, agencySource: 'title', year };
  if (fromSignature) return { title: text.heading, agency: fromSignature, agencySource: 'signature', year };
  // the page's name would be another body's (the district's): unknown rather than guessed
  return { title: text.heading, agency: null, agencySource: 'none', year };
}

function readSeveral(doc: Document, p: Probe, located: LocatedTables, sections: NonNullable<ReturnType<typeof splitSections>>): PageReading[] {
  const read = sections.map((s) => readTables(s.pieces));
  if (!p.titled && !read.some((t) => hasDigits(t.b))) return [notReport('template')];

  const allTables = sections.flatMap((s) => s.tableIndexes.map((i) => located.tables[i]!));
  const article = findArticle(doc, allTables);
  const page = documentFacts(doc, article, p.title, allTables);
  const texts = sectionTexts(article, sections, located.tables, p.title);
  const count = sections.length;

  return sections.map((s, index): PageReading => {
    const t = read[index]!;
    const text = texts[index]!;
    const { b } = t;
    // what could not be told apart from the other reports is said, never mixed in
    if (!text.heading) b.note({ code: 'multipleReports', table: 'document', cells: [], count });
    else if (!text.lines) b.note({ code: 'multipleReports', table: 'document', cells: [], count, shown: text.heading });
    const id = sectionIdentity(text, page);
    const report: Report = {
      ...id,
      ...formatOf(t, id.year),
      url: page.url,
      pubDate: page.pubDate,
      cells: b.cells,
      structure: b.structure,
      ...(text.lines && { narrative: readNarrative(text.lines, { year: id.year }) }),
      document: sectionDocument(page.document, text.heading, text.lines),
    };
    return {
      detected: true,
      kind: 'report',
      report,
      nodes: b.nodes,
      entries: b.entries,
      tables: located.tables,
      section: { index, count, heading: text.headingEl, tableIndexes: s.tableIndexes },
    };
  });
}
