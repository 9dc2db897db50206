// Table 三 (收到和处理政府信息公开申请情况), read by label, not by position.
//
// Columns come from the header; each data row is mapped to columns by grid position
// when the row lines up with the header, otherwise by the order of its cells (rows
// that lost their leading rowspan cells at a page break). Rows are recognised by
// their leaf label; group labels split from their rows, labels broken over two <tr>,
// repeated headers of split tables and optional subtotal rows/columns are handled.

import {
  APPLICATION_ROWS,
  COLUMN_LABELS,
  ROW_LABELS,
  applicationKey,
  type ApplicationColumn,
  type ApplicationRow,
  type Format,
  type OutcomeGroup,
} from '../keys';
import { isLabelCell } from '../table/cell-value';
import { allDistinct, type GridCell } from '../table/grid';
import { memoize, packKey, unpackKey } from '../memo';
import { firstMatch } from '../text';
import { nearestLabel, refOf, type ReportBuilder } from './builder';
import type { LogicalRow } from './locate';

type ColumnKey = ApplicationColumn | 'orgSubtotal';
interface ValueColumn {
  key: ColumnKey;
  col: number;
  label: string;
}

const STANDARD_COLUMNS: readonly ColumnKey[] = ['naturalPerson', 'commercial', 'research', 'social', 'legalService', 'otherOrg', 'total'];
const OFFICIAL_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

const COLUMN_MATCHERS: readonly (readonly [ColumnKey, RegExp])[] = [
  ['naturalPerson', /自然人/],
  ['commercial', /商业企业/],
  ['research', /科研机构/],
  ['social', /社会公益/],
  ['legalService', /法律服务/],
  ['orgSubtotal', /小计/],
  ['total', /总计|合计/],
  ['otherOrg', /^其他(组织)?$/],
];

/** The official column labels a misspelt header may stand for. */
const NEAREST_COLUMNS = STANDARD_COLUMNS.map((k) => [k, COLUMN_LABELS[k]] as const);

/** The official row labels a misspelt row label may stand for. */
const NEAREST_ROWS = (Object.keys(ROW_LABELS) as ApplicationRow[]).map((k) => [k, ROW_LABELS[k]] as const);

/** Leaf-label matchers, most specific first. Labels are normalised (see normLabel). */
const ROW_MATCHERS: readonly (readonly [ApplicationRow, RegExp])[] = [
  // (新收 then 申请: the first 新收 of each line only, so a long label cannot make it backtrack)
  ['newReceived', /本年新收|^(?:(?!新收).)*新收.*申请/m],
  ['carriedOver', /上年结转/],
  ['carriedForward', /结转下年|下年度继续办理|转下年度/],
  ['partiallyGranted', /部分公开/],
  ['granted', /(^|[^不])予以公开/],
  ['denied.stateSecret', /国家秘密/],
  ['denied.lawForbidden', /禁止公开|其他法律行政/], // 其他法律行政止公开: a typo in real reports (洪泽区 2023, 2024)
  ['denied.safetyStability', /三安全一稳定|危及/],
  ['denied.thirdParty', /第三方/],
  ['denied.internalAffairs', /三类内部|内部事务/],
  ['denied.processInfo', /过程性信息|四类过程/],
  ['denied.enforcementFile', /执法案卷/],
  ['denied.queryItem', /查询事项/],
  ['unavailable.notHeld', /不掌握/],
  ['unavailable.needsCreation', /另行制作|没有现成/],
  ['unavailable.unclear', /不明确/],
  ['notProcessed.petition', /信访|举报投诉/],
  ['notProcessed.duplicate', /重复申请/],
  ['notProcessed.publication', /出版物/],
  ['notProcessed.massive', /大量反复/],
  ['notProcessed.confirmation', /重新出具|确认或/],
  ['other.noCorrection', /不补正/],
  ['other.noFee', /缴纳费用|不缴费|收费通知/],
  ['other.misc', /^(3\.|\(3\))?其他$/], // "2.其他…" is the start of a split label
  ['totalProcessed', /总计|合计/],
];

const GROUP_LEAF = /^(\([三四五六]\))?(不予公开|无法提供|不予处理|其他处理)(小计|合计)?$/;
const GROUP_BY_WORD: Record<string, OutcomeGroup> = {
  不予公开: 'denied',
  无法提供: 'unavailable',
  不予处理: 'notProcessed',
  其他处理: 'other',
};
/** A label that starts a row of its own ("7.属于…", "(三)", "四、") is never the tail of the row above. */
const ORDINAL = /^(\d+\.|\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、)/;

/** The patterns run on table 三's labels (page text), for tests/hardening/regex.test.ts. */
export const pageTextPatterns = (): RegExp[] => [...COLUMN_MATCHERS, ...ROW_MATCHERS].map(([, re]) => re).concat(GROUP_LEAF, ORDINAL);
const HEADER_WORDS = /自然人|商业企业|科研机构|社会公益|法律服务机构|申请人情况/;

const isValueCell = (c: GridCell) => !isLabelCell(c);
const isEmpty = (c: GridCell) => c.label === '';

/** The full label (group label included) may not match 其他 or 总计: those words belong to group labels too. */
const FULL_ROW_MATCHERS = ROW_MATCHERS.filter(([key]) => key !== 'other.misc' && key !== 'totalProcessed');

/**
 * The row a label names. Labels are normalised, so the same few dozen recur in every
 * report (100 on a consolidated page): each pair is matched against the ~25 patterns once.
 */
const matchLabels = memoize(
  (pair: string): ApplicationRow | null => {
    const [leaf = '', full = ''] = unpackKey(pair);
    return firstMatch(ROW_MATCHERS, leaf) ?? firstMatch(FULL_ROW_MATCHERS, full) ?? null;
  },
  { limit: 5_000, maxLength: 400 },
);

const matchRow = (leaf: string, full: string): ApplicationRow | null => matchLabels(packKey([leaf, full]));

/** The value columns named by the header rows, left to right. */
function readHeader(header: readonly LogicalRow[], b: ReportBuilder): ValueColumn[] {
  const width = Math.max(0, ...header.map((r) => r.slots.length));
  const cols: ValueColumn[] = [];
  for (let c = 0; c < width; c++) {
    // the lowest header cell that covers this column names it (法人或其他组织 → 商业企业 …)
    let leaf: GridCell | undefined;
    let leafRow: LogicalRow | undefined;
    for (const row of header) {
      const cell = row.slots[c];
      if (cell && cell.label !== '') [leaf, leafRow] = [cell, row];
    }
    if (!leaf || leaf.col !== c) continue;
    let key = firstMatch(COLUMN_MATCHERS, leaf.label);
    if (!key) {
      // a header no matcher knows (a typo: 自燃人) is read under the one official column it is nearest to, and said
      key =
        nearestLabel(
          leaf.label,
          NEAREST_COLUMNS.filter(([k]) => !cols.some((v) => v.key === k)),
        ) ?? undefined;
      if (key) b.labelVariant('applications', leaf.text, COLUMN_LABELS[key], [], refOf(leaf, leafRow!.piece));
    }
    if (!key || cols.some((v) => v.key === key)) continue;
    cols.push({ key, col: c, label: leaf.text });
  }
  const note = header.flatMap((row) => row.cells.map((cell) => ({ cell, row }))).find(({ cell }) => /关系/.test(cell.label));
  if (note) b.labelVariant('applications', note.cell.text, OFFICIAL_NOTE, [], refOf(note.cell, note.row.piece));
  return cols;
}

interface RowReading {
  labelCells: GridCell[];
  values: (GridCell | undefined)[];
  realigned: boolean;
  extra: GridCell[];
}

/**
 * Map one data row's cells to the value columns: by grid position, else by order.
 * (Loops rather than array callbacks here and in parseRow: this runs cold for every
 * row of every report, where each callback call and each intermediate array counts.)
 */
function readRow(row: LogicalRow, cols: readonly ValueColumn[]): RowReading | null {
  const firstCol = cols[0]?.col ?? 0;
  const lastCol = cols[cols.length - 1]?.col ?? 0;
  const cells = row.cells;
  const byGrid: (GridCell | undefined)[] = new Array(cols.length);
  let gridOk = true;
  for (let i = 0; i < cols.length; i++) {
    const c = row.slots[cols[i]!.col];
    byGrid[i] = c;
    if (!c || c.col !== cols[i]!.col || c.row !== row.r || !isValueCell(c)) gridOk = false;
  }
  // no value cell left of the value columns
  for (let i = 0; gridOk && i < cells.length; i++) {
    const c = cells[i]!;
    if (c.col < firstCol && isValueCell(c) && !isEmpty(c)) gridOk = false;
  }
  if (gridOk && allDistinct(byGrid)) {
    const labelCells: GridCell[] = [];
    const extra: GridCell[] = [];
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      if (isEmpty(c)) continue;
      if (c.col < firstCol) labelCells.push(c);
      else if (c.col > lastCol && !byGrid.includes(c)) extra.push(c);
    }
    return { labelCells, values: byGrid, realigned: false, extra };
  }
  // By order: leading label cells, then exactly as many value cells as columns.
  let from = 0;
  const labelCells: GridCell[] = [];
  while (from < cells.length && (isLabelCell(cells[from]!) || (isEmpty(cells[from]!) && cells.length - from > cols.length))) {
    const c = cells[from++]!;
    if (!isEmpty(c)) labelCells.push(c);
  }
  let to = cells.length;
  while (to - from > cols.length && isEmpty(cells[to - 1]!)) to--;
  const values = cells.slice(from, to);
  if (values.length !== cols.length || values.some(isLabelCell)) return null;
  return { labelCells, values, realigned: true, extra: [] };
}

/** A field of cells joined (a loop: no array of strings per row). */
function joined(cells: readonly GridCell[], field: 'label' | 'text', separator: string): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) out += i === 0 ? cells[i]![field] : separator + cells[i]![field];
  return out;
}

interface ParsedRow {
  row: LogicalRow;
  reading: RowReading | null;
  leaf: string;
  full: string;
  shown: string;
  ownLabel: string;
  ownText: string;
  allBlank: boolean;
  group: RegExpExecArray | null;
  key: ApplicationRow | null;
}

/** A data row's reading and labels, or null for an empty row or a header repeated after a page break. */
function parseRow(row: LogicalRow, cols: readonly ValueColumn[]): ParsedRow | null {
  const cells = row.cells;
  let nonEmpty = false;
  let headerLabel = false;
  let hasValue = false;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (!isEmpty(c)) nonEmpty = true;
    if (!isLabelCell(c)) hasValue = true;
    else if (!headerLabel && HEADER_WORDS.test(c.label)) headerLabel = true;
  }
  if (!nonEmpty || (headerLabel && !hasValue)) return null;
  const reading = readRow(row, cols);
  const labelCells = reading?.labelCells ?? cells.filter(isLabelCell);
  const leaf = labelCells[labelCells.length - 1]?.label ?? '';
  const allBlank = reading ? reading.values.every((c) => !c || isEmpty(c)) : !cells.some((c) => isValueCell(c) && !isEmpty(c));
  // the row's own label matters only to a row without numbers (half of a broken label)
  const own = allBlank ? labelCells.filter((c) => c.row === row.r) : [];
  const group = GROUP_LEAF.exec(leaf);
  const full = joined(labelCells, 'label', '');
  return {
    row,
    reading,
    leaf,
    full,
    shown: joined(labelCells, 'text', ' '),
    ownLabel: joined(own, 'label', ''),
    ownText: joined(own, 'text', ''),
    allBlank,
    group,
    key: group ? null : matchRow(leaf, full),
  };
}

export interface ApplicationsResult {
  format: Format | null;
}

export function extractApplications(rows: readonly LogicalRow[], b: ReportBuilder): ApplicationsResult {
  if (rows.length === 0) {
    b.note({ code: 'tableMissing', table: 'applications', cells: [] });
    return { format: null };
  }
  // Header: the rows before the first row that carries an application label and values.
  const firstData = rows.findIndex((row) => {
    const labels = row.cells.filter(isLabelCell);
    const leaf = labels[labels.length - 1]?.label ?? '';
    return !HEADER_WORDS.test(leaf) && matchRow(leaf, labels.map((c) => c.label).join('')) && row.cells.some(isValueCell);
  });
  const header = rows.slice(0, Math.max(0, firstData));
  let cols = readHeader(header, b);
  if (!cols.some((c) => c.key === 'naturalPerson') || !cols.some((c) => c.key === 'total')) {
    b.note({ code: 'headerMissing', table: 'applications', cells: [] });
    cols = STANDARD_COLUMNS.map((key, i) => ({ key, col: 3 + i, label: COLUMN_LABELS[key] }));
  } else if (cols.length !== STANDARD_COLUMNS.length) {
    const extra = cols.filter((c) => !STANDARD_COLUMNS.includes(c.key));
    for (const c of extra) b.note({ code: 'extraColumn', table: 'applications', cells: [], shown: c.label });
    const missing = STANDARD_COLUMNS.filter((k) => !cols.some((c) => c.key === k));
    if (missing.length) b.note({ code: 'headerMissing', table: 'applications', cells: [], shown: missing.map((k) => COLUMN_LABELS[k]).join('、') });
  }
  if (new Set(rows.map((r) => r.piece)).size > 1) b.note({ code: 'tableSplit', table: 'applications', cells: [] });

  interface Seen {
    key: ApplicationRow | `subtotal.${OutcomeGroup}`;
    labels: string[];
    reading: RowReading;
    row: LogicalRow;
  }
  const seen: Seen[] = [];
  /** the keys of `seen` (asked for every row) */
  const seenKeys = new Set<Seen['key']>();
  const groupRows: { group: OutcomeGroup; reading: RowReading; row: LogicalRow; label: string }[] = [];
  // First pass: each row's reading and labels; header repeats and empty rows dropped.
  const parsed: ParsedRow[] = [];
  for (let i = Math.max(0, firstData); i < rows.length; i++) {
    const p = parseRow(rows[i]!, cols);
    if (p) parsed.push(p);
  }

  let last: Seen | undefined;
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i]!;
    let { key } = p;
    const labels = [p.shown];
    // A label broken over two rows ("1.属于国家" / "秘密"): the second row has no numbers and
    // adds nothing of its own, or repeats the same row. Match on the joined label.
    const next = parsed[i + 1];
    if (next && next.allBlank && !next.group && next.ownLabel && !ORDINAL.test(next.ownLabel) && !p.group) {
      const joined = matchRow(p.leaf + next.ownLabel, p.full + next.ownLabel);
      if ((next.key === null && joined) || (next.key !== null && next.key === (key ?? joined))) {
        key = joined ?? key;
        labels.push(next.ownText);
        i++;
      }
    }
    if (!key && !p.group && p.allBlank && last && !ORDINAL.test(p.ownLabel)) {
      // the second half of a label whose first half was already matched
      last.labels.push(p.ownText);
      continue;
    }
    if (!p.reading) {
      b.note({
        code: 'cellCount',
        table: 'applications',
        cells: [],
        shown: p.shown,
        count: p.row.cells.filter((c) => !isLabelCell(c)).length,
        expectedCount: cols.length,
        ref: refOf(p.row.cells[0]!, p.row.piece),
      });
      continue;
    }
    if (p.group) {
      // A group row with numbers: the 2019 single （六）其他处理 row, or a subtotal row.
      groupRows.push({ group: GROUP_BY_WORD[p.group[2]!]!, reading: p.reading, row: p.row, label: p.shown });
      continue;
    }
    // a label no matcher knows, nor joined to its neighbour (a typo: 属于国家秘蜜), is read as the one
    // official row it is nearest to (the label variant is said below), else said as unrecognised
    if (!key) key = nearestLabel(p.leaf, NEAREST_ROWS);
    if (!key) {
      b.note({ code: 'rowUnrecognised', table: 'applications', cells: [], shown: p.shown, ref: refOf(p.row.cells[0]!, p.row.piece) });
      continue;
    }
    if (seenKeys.has(key)) {
      b.note({ code: 'rowDuplicated', table: 'applications', cells: [applicationKey(key, 'total')], shown: p.shown, ref: refOf(p.row.cells[0]!, p.row.piece) });
      continue;
    }
    last = { key, labels, reading: p.reading, row: p.row };
    seen.push(last);
    seenKeys.add(key);
  }

  // （六）其他处理 with numbers is the 2019 single row unless the 2021 items exist, then it is a subtotal.
  const has2021Other = seen.some((s) => s.key.startsWith('other.'));
  for (const g of groupRows) {
    const isOther2019 = g.group === 'other' && !has2021Other && !/小计|合计/.test(g.label);
    const key = isOther2019 ? 'other' : (`subtotal.${g.group}` as const);
    if (seenKeys.has(key)) continue;
    seen.push({ key, labels: [g.label], reading: g.reading, row: g.row });
    seenKeys.add(key);
    if (!isOther2019) b.note({ code: 'extraRows', table: 'applications', cells: [], shown: g.label });
  }

  for (const s of seen) {
    const rowLabel = s.labels.join('');
    s.reading.values.forEach((cell, i) => {
      const col = cols[i]!;
      if (cell) b.setCell(applicationKey(s.key as ApplicationRow, col.key), cell, s.row.piece, rowLabel, col.label);
    });
    if (s.reading.extra.length)
      b.note({
        code: 'cellCount',
        table: 'applications',
        cells: [applicationKey(s.key as ApplicationRow, 'total')],
        shown: rowLabel,
        count: cols.length + s.reading.extra.length,
        expectedCount: cols.length,
        ref: refOf(s.reading.extra[0]!, s.row.piece),
      });
    if (!s.key.startsWith('subtotal.'))
      b.labelVariant('applications', ownLabel(s), ROW_LABELS[s.key as ApplicationRow], [applicationKey(s.key as ApplicationRow, 'naturalPerson')]);
  }

  // Rows read by cell order: one note per table piece, not one per row.
  for (const piece of new Set(seen.filter((s) => s.reading.realigned).map((s) => s.row.piece))) {
    const rowsOfPiece = seen.filter((s) => s.reading.realigned && s.row.piece === piece);
    const names = rowsOfPiece.map((s) => s.labels.join('').trim());
    b.note({
      code: 'cellsRealigned',
      table: 'applications',
      cells: rowsOfPiece.map((s) => applicationKey(s.key as ApplicationRow, 'total')),
      shown: names[0] ?? '',
      count: names.length,
    });
  }

  const format: Format | null = has2021Other ? '2021' : seenKeys.has('other') ? '2019' : null;
  const expected = APPLICATION_ROWS[format ?? '2021'];
  const missing = expected.filter((k) => !seenKeys.has(k));
  if (missing.length)
    b.note({
      code: 'rowMissing',
      table: 'applications',
      cells: missing.map((k) => applicationKey(k, 'total')),
      shown: missing.map((k) => ROW_LABELS[k]).join('；'),
    });
  return { format };
}

/** The row's own label without its group label (the official leaf labels omit it). */
function ownLabel(s: { labels: string[]; reading: RowReading }): string {
  const cells = s.reading.labelCells;
  const own = cells[cells.length - 1]?.text ?? s.labels[0] ?? '';
  // a label continued on the next row (5.属于三类内部 / 事务信息) is joined back
  return own + s.labels.slice(1).join('');
}
