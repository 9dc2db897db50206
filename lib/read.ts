// Reading a page into one typed report: detect → locate tables → extract by label.
// DOM-agnostic: it receives a Document (browser, linkedom, happy-dom) and uses only
// standard Element methods.

import { attachmentLinks, classifyNonReport, documentFacts, findArticle, looksLikeReport, probe } from './detect';
import { extractActive } from './extract/active';
import { extractApplications } from './extract/applications';
import { ReportBuilder } from './extract/builder';
import { locateTables, logicalRows, truncated } from './extract/locate';
import { extractReview } from './extract/review';
import type { Format } from './keys';
import { readNarrative } from './narrative/extract';
import type { PageKind, Report } from './schema';

export interface PageReading {
  detected: boolean;
  kind: PageKind;
  report: Report | null;
  /** canonical key → the page element it was read from (not serialisable; for highlighting) */
  nodes: Map<string, Element>;
  /** the n-th entry is document.querySelectorAll('table')[n], to resolve refs */
  tables: Element[];
}

export { isReportCandidate } from './detect';

const notReport = (kind: PageKind): PageReading => ({ detected: false, kind, report: null, nodes: new Map(), tables: [] });

export function readPage(doc: Document): PageReading {
  const p = probe(doc);
  if (!looksLikeReport(p)) return notReport(classifyNonReport(doc, p));

  const located = locateTables(doc);
  const { pieces } = located;
  const found = pieces.applications.length + pieces.review.length + pieces.active.length;
  if (found === 0 && !p.titled) return notReport(classifyNonReport(doc, p));

  const b = new ReportBuilder();
  const active = extractActive(logicalRows(pieces.active), b);
  const applications = extractApplications(logicalRows(pieces.applications), b);
  extractReview(logicalRows(pieces.review), b);
  for (const table of ['active', 'applications', 'review'] as const)
    if (truncated(pieces[table])) b.note({ code: 'tableTruncated', severity: 'warning', table, cells: [] });

  // The national template page carries the same tables with no numbers in them.
  const values = Object.values(b.cells);
  if (found > 0 && !values.some((c) => c.raw.match(/\d/)) && !p.titled) return notReport('template');

  const reportTables = [...pieces.active, ...pieces.applications, ...pieces.review].map((x) => located.tables[x.tableIndex]!);
  const article = findArticle(doc, reportTables);
  const facts = documentFacts(doc, article, p.title, reportTables);

  if (found === 0) {
    // A titled report whose tables are not HTML: images or an attachment.
    const images = article?.querySelectorAll('img').length ?? 0;
    const attachments = article ? attachmentLinks(article).length : 0;
    b.structure.length = 0;
    b.note({ code: images + attachments > 0 ? 'tablesAsImages' : 'tableMissing', severity: 'warning', table: 'document', cells: [] });
  } else if (pieces.applications.length > 0 && pieces.applications.length + pieces.review.length > 2 && hasSecondHeader(pieces.applications)) {
    b.note({ code: 'multipleReports', severity: 'warning', table: 'document', cells: [] });
  }

  let format: Format;
  let formatSource: Report['formatSource'];
  if (applications.format) {
    format = applications.format;
    formatSource = 'outcomeRows';
  } else if (active.format) {
    format = active.format;
    formatSource = 'activeHeaders';
  } else {
    format = facts.year !== null && facts.year <= 2020 ? '2019' : '2021';
    formatSource = 'year';
  }

  const report: Report = {
    title: facts.title,
    agency: facts.agency,
    agencySource: facts.agencySource,
    year: facts.year,
    format,
    formatSource,
    url: facts.url,
    pubDate: facts.pubDate,
    cells: b.cells,
    structure: b.structure,
    narrative: readNarrative(facts.lines, { year: facts.year }),
  };
  return { detected: true, kind: 'report', report, nodes: b.nodes, tables: located.tables };
}

/** More than one applications table with its own 自然人 header: several reports on one page. */
function hasSecondHeader(pieces: readonly { grid: { rows: readonly (readonly ({ label: string } | undefined)[])[] } }[]): boolean {
  return pieces.filter((p) => p.grid.rows.some((r) => r.some((c) => c?.label.includes('自然人')))).length > 1;
}
