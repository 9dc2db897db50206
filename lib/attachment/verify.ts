// Never a check on a guess: a report read from an attachment is checked only when its
// table 三 rows came out exactly in the 2021 or the 2019 order, each with its seven values,
// and table 四 has its fifteen. Otherwise the tables' numbers are dropped from the report
// and one finding (attachment.unreadableTable) says what failed.

import { runRules, type PageCheck } from '../check';
import { APPLICATION_COLUMNS, APPLICATION_ROWS, REVIEW_FIELDS, REVIEW_GROUPS, ROW_LABELS, reviewKey, type ApplicationRow, type Format } from '../keys';
import { readPageReports, type PageReading } from '../read';
import { attachmentUnreadableTable } from '../rules/attachment-unreadable-table';
import type { Report, StructureNote } from '../schema';
import type { AttachmentProvenance } from './render';

/** Notes of the reader that mean a table 三/四 was not read whole. */
const BLOCKING: ReadonlySet<StructureNote['code']> = new Set(['tableMissing', 'tableTruncated', 'rowUnrecognised', 'rowDuplicated', 'cellCount', 'rowMissing']);
const TABLE_ZH: Record<string, string> = { applications: '表三', review: '表四' };

/** A list said briefly: its first three items, and how many in all. */
function listed(joined: string, separator: string, unit: string): string {
  const items = joined.split(separator).filter((x) => x !== '');
  return items.length > 4 ? `${items.slice(0, 3).join(separator)}等 ${items.length} ${unit}` : joined;
}

export interface Verification {
  ok: boolean;
  order?: Format;
  /** table 三 data rows read, in the order read */
  rows: number;
  /** what failed, in words (zh) */
  failed: string[];
}

/** Whether the report's table 三 rows are in an official order and tables 三/四 are whole. */
export function verifyOrder(report: Report): Verification {
  const failed: string[] = [];
  for (const n of report.structure)
    if ((n.table === 'applications' || n.table === 'review') && BLOCKING.has(n.code)) {
      const t = TABLE_ZH[n.table]!;
      if (n.code === 'tableMissing') failed.push(`未找到${t}`);
      else if (n.code === 'rowMissing') failed.push(`${t}缺少行：${listed(n.shown ?? '', '；', '行')}`);
      else if (n.code === 'rowUnrecognised') failed.push(`${t}无法识别的行“${n.shown ?? ''}”`);
      else if (n.code === 'rowDuplicated') failed.push(`${t}行重复“${n.shown ?? ''}”`);
      else if (n.code === 'cellCount')
        failed.push(`${t}${n.shown ? `“${n.shown}”行` : '数据行'}有 ${n.count ?? '?'} 个数值，应为 ${n.expectedCount ?? '?'} 个`);
      else failed.push(`${t}结构异常`);
    }
  // table 三: the rows in the order of their cells in the document
  const pos = new Map<string, [number, number]>();
  for (const [key, cell] of Object.entries(report.cells)) {
    if (!key.startsWith('applications.') || key.startsWith('applications.subtotal.')) continue;
    const row = key.slice('applications.'.length, key.lastIndexOf('.'));
    const at: [number, number] = [cell.ref.table, cell.ref.row];
    const prev = pos.get(row);
    if (!prev || at[0] < prev[0] || (at[0] === prev[0] && at[1] < prev[1])) pos.set(row, at);
  }
  const order = [...pos.entries()].sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1]).map(([row]) => row as ApplicationRow);
  const format: Format = order.includes('other') ? '2019' : '2021';
  const expected = APPLICATION_ROWS[format];
  if (order.length > 0 && order.join() !== expected.join()) {
    const firstWrong = order.findIndex((r, i) => expected[i] !== r);
    const missing = expected.filter((r) => !pos.has(r));
    if (missing.length && !failed.some((f) => f.includes('缺少行')))
      failed.push(`表三缺少行：${listed(missing.map((r) => ROW_LABELS[r]).join('；'), '；', '行')}`);
    else if (firstWrong >= 0) failed.push(`表三第 ${firstWrong + 1} 行“${ROW_LABELS[order[firstWrong]!]}”不符合 ${format} 年格式的行序`);
  }
  for (const row of order)
    for (const col of APPLICATION_COLUMNS)
      if (!report.cells[`applications.${row}.${col}`]) {
        failed.push(`表三“${ROW_LABELS[row]}”行缺少数值`);
        break;
      }
  const reviewMissing = REVIEW_GROUPS.flatMap((g) => REVIEW_FIELDS.map((f) => reviewKey(g, f))).filter((k) => !report.cells[k]);
  if (reviewMissing.length && !failed.some((f) => f.startsWith('未找到表四') || f.startsWith('表四')))
    failed.push(`表四只读出 ${15 - reviewMissing.length} 个数值，应为 15 个`);
  if (order.length === 0 && !failed.some((f) => f.startsWith('未找到表三'))) failed.push('未找到表三');
  // said briefly: the first few problems, and how many in all
  const distinct = [...new Set(failed)];
  const shown = distinct.length > 4 ? [...distinct.slice(0, 3), `等共 ${distinct.length} 处问题`] : distinct;
  return { ok: failed.length === 0, order: failed.length === 0 ? format : undefined, rows: order.length, failed: shown };
}

/** The report without its tables 三/四 numbers and with the one note saying why. */
export function refuseTables(report: Report, v: Verification): Report {
  const cells = Object.fromEntries(Object.entries(report.cells).filter(([k]) => !k.startsWith('applications.') && !k.startsWith('review.')));
  const note: StructureNote = { code: 'unreadableTable', table: 'applications', cells: [], shown: v.failed.join('；') };
  return { ...report, cells, structure: [...report.structure, note] };
}

/** Each cell's ref completed with where the attachment had it (page and box, or the DOCX table, row and cell). */
export function withProvenance(report: Report, cells: AttachmentProvenance[][][]): Report {
  const out: Report['cells'] = {};
  for (const [key, cell] of Object.entries(report.cells)) {
    const p = cells[cell.ref.table]?.[cell.ref.row]?.[cell.ref.cell];
    out[key] = p
      ? { ...cell, ref: { ...cell.ref, ...(p.page !== undefined && { page: p.page }), ...(p.box && { box: p.box }), ...(p.docx && { docx: p.docx }) } }
      : cell;
  }
  return { ...report, cells: out };
}

export interface AttachmentPageCheck extends PageCheck {
  verification: Verification | null;
}

/**
 * Read and check every report of a Document built from an attachment's HTML: the page
 * reader and the rules, as for a web page, with the row order verified first and each
 * cell's ref carrying its provenance; `hint` (pages that are scans) leads the reasons of a
 * refusal. Never throws (a failure becomes an internal-error finding).
 */
export function checkAttachmentReports(doc: Document, cells: AttachmentProvenance[][][], hint?: string): AttachmentPageCheck[] {
  let readings: PageReading[];
  try {
    readings = readPageReports(doc);
  } catch (e) {
    const reading: PageReading = { detected: false, kind: 'unreadable', report: null, nodes: new Map(), tables: [] };
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return [{ reading, findings: [], passed: [], incomplete: [], verification: { ok: false, rows: 0, failed: [`读取失败：${error}`] } }];
  }
  return readings.map((reading) => {
    if (!reading.report) return { reading, findings: [], passed: [], incomplete: [], verification: null };
    const report = withProvenance(reading.report, cells);
    const v = verifyOrder(report);
    if (v.ok) return { reading: { ...reading, report }, ...runRules(report), verification: v };
    // (why the tables may be missing: pages that are images, said first)
    if (hint) v.failed.unshift(hint);
    const refused = refuseTables(report, v);
    return { reading: { ...reading, report: refused }, ...runRules(refused, [attachmentUnreadableTable]), verification: v };
  });
}
