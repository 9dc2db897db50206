// Table 二 (主动公开政府信息情况): stacked blocks of a 第二十条 heading, a header row
// starting with 信息内容, and data rows. Values are mapped by cell order within the
// block, because real pages use different colspans in header and value rows
// (report-format.md §3.4, the Shanghai 2019 page).

import { ACTIVE_ROWS, activeKey, type Format } from '../keys';
import { looksLikeValue } from '../table/cell-value';
import { allDistinct, type GridCell } from '../table/grid';
import { firstMatch } from '../text';
import { nearestLabel, refOf, type ReportBuilder } from './builder';
import type { LogicalRow } from './locate';

const ROW_MATCHERS: readonly (readonly [string, RegExp])[] = [
  ['normativeDocs', /规范性文件/],
  ['regulations', /^规章$|规章$/],
  ['otherServices', /对外管理服务|其他对外管理/],
  ['licensing', /行政许可/],
  ['punishment', /行政处罚/],
  ['coercion', /行政强制/],
  ['fees', /事业性收费|行政收费/],
  ['procurement', /集中采购|政府采购/],
];

const COLUMN_MATCHERS: readonly (readonly [string, RegExp])[] = [
  ['issued', /制发/],
  ['repealed', /废止|止件数/],
  ['inForce', /现行有效/],
  ['made', /新制作/],
  ['published', /新公开/],
  ['totalPublished', /公开总数/],
  ['previous', /上一年|上年项目/],
  ['change', /增\/?减|增减/],
  ['projects', /采购项目/],
  ['amount', /金额/],
  ['decisions', /处理决定/],
];

const MARKERS_2021 = /本年制发件数|本年废止件数|现行有效件数|本年收费金额|本年处理决定数量/;
const MARKERS_2019 = /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|第二十条第\(九\)项|其他对外管理服务事项|政府集中采购/;

/** Each format's official column labels, one per column key, and both formats' row labels: for labels no matcher knows. */
const OFFICIAL_COLUMNS: Record<Format, readonly (readonly [string, string])[]> = {
  '2021': [...new Map(ACTIVE_ROWS['2021'].flatMap((d) => d.columns)).entries()],
  '2019': [...new Map(ACTIVE_ROWS['2019'].flatMap((d) => d.columns)).entries()],
};
const OFFICIAL_ROWS = [...ACTIVE_ROWS['2021'], ...ACTIVE_ROWS['2019']].map((d) => [d.key, d.label] as const);

export interface ActiveResult {
  /** the template the headers belong to, if they tell */
  format: Format | null;
  has2021Markers: boolean;
  has2019Markers: boolean;
}

interface Header {
  cols: { key: string; cell: GridCell }[];
}

/**
 * The value cells of a data row, one per header column: by grid position when the
 * row lines up with its header (placeholder cells stay out), otherwise by cell
 * order, as the Shanghai page's misaligned colspans need.
 */
function blockValues(row: LogicalRow, cells: readonly GridCell[], header: Header): GridCell[] | null {
  const byGrid = header.cols.map((c) => row.slots[c.cell.col]);
  const aligned =
    byGrid.every((c, i) => c && c.row === row.r && c.col === header.cols[i]!.cell.col) &&
    allDistinct(byGrid) &&
    cells.slice(1).every((c) => byGrid.includes(c) || c.label === '');
  if (aligned) return byGrid as GridCell[];
  const values = cells.slice(1);
  while (values.length > header.cols.length && values[values.length - 1]!.label === '') values.pop();
  return values.length === header.cols.length ? values : null;
}

export function extractActive(rows: readonly LogicalRow[], b: ReportBuilder): ActiveResult {
  if (rows.length === 0) {
    b.note({ code: 'tableMissing', table: 'active', cells: [] });
    return { format: null, has2021Markers: false, has2019Markers: false };
  }
  const allText = rows.map((r) => r.cells.map((c) => c.label).join('')).join('');
  const has2021Markers = MARKERS_2021.test(allText);
  const has2019Markers = MARKERS_2019.test(allText);
  const format: Format | null = has2021Markers && !has2019Markers ? '2021' : has2019Markers && !has2021Markers ? '2019' : null;

  // the official labels of the format the headers tell (else the likelier one), for labels no matcher knows
  const likely: Format = format ?? (has2019Markers ? '2019' : '2021');
  const defs = ACTIVE_ROWS[likely];

  let header: Header | null = null;
  const seen = new Set<string>();
  for (const row of rows) {
    const cells = row.cells.filter((c) => c.row === row.r || c.col === row.cells[0]?.col);
    const first = cells[0];
    if (!first || /第二十条/.test(first.label)) continue; // block heading
    if (/信息内容/.test(first.label)) {
      const cols = cells
        .slice(1)
        .filter((c) => c.label !== '')
        .map((cell) => ({ key: firstMatch(COLUMN_MATCHERS, cell.label) ?? '', cell }));
      // a header no matcher knows (a typo: 本年制法件数) is read under the one official column it
      // is nearest to, which format.labelVariant then says; else it is said, never dropped silently
      for (const col of cols) {
        if (col.key) continue;
        const taken = new Set(cols.map((c) => c.key));
        col.key =
          nearestLabel(
            col.cell.label,
            OFFICIAL_COLUMNS[likely].filter(([k]) => !taken.has(k)),
          ) ?? '';
        if (!col.key) b.note({ code: 'columnUnrecognised', table: 'active', cells: [], shown: col.cell.text, ref: refOf(col.cell, row.piece) });
      }
      header = { cols };
      continue;
    }
    const rowKey = firstMatch(ROW_MATCHERS, first.label) ?? nearestLabel(first.label, OFFICIAL_ROWS);
    if (!rowKey) {
      if (row.cells.some((c) => looksLikeValue(c.text)))
        b.note({ code: 'rowUnrecognised', table: 'active', cells: [], shown: first.text, ref: refOf(first, row.piece) });
      continue;
    }
    if (!header) {
      b.note({ code: 'headerMissing', table: 'active', cells: [], shown: first.text });
      continue;
    }
    if (seen.has(rowKey)) {
      b.note({ code: 'rowDuplicated', table: 'active', cells: [], shown: first.text, ref: refOf(first, row.piece) });
      continue;
    }
    seen.add(rowKey);
    const values = blockValues(row, cells, header);
    const keys = header.cols.map((c) => activeKey(rowKey, c.key));
    if (!values) {
      b.note({
        code: 'cellCount',
        table: 'active',
        cells: keys,
        shown: first.text,
        count: cells.length - 1,
        expectedCount: header.cols.length,
        ref: refOf(first, row.piece),
      });
      continue;
    }
    header.cols.forEach((col, i) => {
      if (col.key) b.setCell(activeKey(rowKey, col.key), values[i]!, row.piece, first.text, col.cell.text);
    });
  }

  // Compare labels with the official template of the detected format: the columns', and
  // each row's (规范性文件, the 2019 wording, in a 2021 table).
  for (const def of defs) {
    const first = b.cells[activeKey(def.key, def.columns[0]![0])];
    if (first?.rowLabel) b.labelVariant('active', first.rowLabel, def.label, [activeKey(def.key, def.columns[0]![0])]);
    for (const [col, official] of def.columns) {
      const key = activeKey(def.key, col);
      const cell = b.cells[key];
      if (cell?.columnLabel) b.labelVariant('active', cell.columnLabel, official, [key], cell.ref);
    }
  }
  const missing = defs.filter((d) => !seen.has(d.key));
  if (missing.length)
    b.note({
      code: 'rowMissing',
      table: 'active',
      cells: missing.map((d) => activeKey(d.key, d.columns[0]![0])),
      shown: missing.map((d) => d.label).join('；'),
    });
  return { format, has2021Markers, has2019Markers };
}
