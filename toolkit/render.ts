// Test support: renders a report's values as a complete government-site HTML page.
//
// The three tables are first built as a markup-free model with the official
// rowspan/colspan structure (shared/domain/report-format.md §1.2–1.4). A Markup
// variant then reshapes that model (split, flattened, truncated spans …) and writes it
// in one CMS dialect (TRS/UEditor, Word export, plain converter output), so every
// variant reproduces one real trait (§3.3–3.4) while the values stay known.
// Rendering is deterministic: every incidental choice comes from `opts.seed`.

import {
  ACTIVE_ROWS,
  APPLICATION_COLUMNS,
  APPLICATION_ROWS,
  COLUMN_LABELS,
  ORG_COLUMNS,
  OUTCOME_GROUPS,
  REVIEW_FIELDS,
  REVIEW_FIELD_LABELS,
  REVIEW_GROUPS,
  ROW_LABELS,
  activeKey,
  applicationKey,
  expectedKeys,
  reviewKey,
  type ApplicationRow,
  type Format,
} from '../lib/keys';

// ---- Public API -------------------------------------------------------------------

export type Markup = 'trs' | 'word' | 'th' | 'split' | 'spaced' | 'nested' | 'flat' | 'continuation';

export const MARKUPS: readonly Markup[] = ['trs', 'word', 'th', 'split', 'spaced', 'nested', 'flat', 'continuation'];

/** How a 0 is shown: `0`, an empty cell (or &nbsp;), a dash (— or -), or 无. */
export type ZeroStyle = 'digit' | 'blank' | 'dash' | 'wu';

export const ZERO_STYLES: readonly ZeroStyle[] = ['digit', 'blank', 'dash', 'wu'];

export interface ReportData {
  format: Format;
  year: number;
  agency: string;
  /** by canonical key; must hold every key of `expectedKeys(format)` */
  values: Record<string, number>;
}

export interface RenderOptions {
  markup: Markup;
  zeros?: ZeroStyle;
  /** digits (and signs) as ０-９ (and ＋/－) */
  fullWidthDigits?: boolean;
  /** 12345 → 12,345 */
  thousands?: boolean;
  /** drives every incidental choice (container, dash glyph, split point …); default 0 */
  seed?: number;
}

export function renderReportPage(data: ReportData, opts: RenderOptions): string {
  const { style, variant, dialect, article } = renderParts(data, opts);
  return page(data, style, dialect.wrapBody(article), variant.layoutTable ?? false);
}

/**
 * The report's article alone (its text and tables in the CMS dialect, no page around it),
 * for pages that hold several reports (toolkit/consolidated.ts).
 */
export function renderReportArticle(data: ReportData, opts: RenderOptions): string {
  const { dialect, article } = renderParts(data, opts);
  return dialect.wrapBody(article);
}

function renderParts(data: ReportData, opts: RenderOptions) {
  const missing = expectedKeys(data.format).filter((key) => data.values[key] === undefined);
  if (missing.length > 0) throw new Error(`renderReportPage: no value for ${missing.join(', ')}`);

  const rng = new Rng(opts.seed ?? 0);
  const style = drawStyle(rng);
  const variant = VARIANTS[opts.markup];
  const fmt: Fmt = (key) => formatValue(data.values[key] ?? 0, key.endsWith('.change'), opts, style);
  const official: Tables = {
    active: [activeTable(data.format, fmt)],
    applications: [applicationTable(data.format, fmt)],
    review: [reviewTable(fmt)],
  };
  const tables = variant.reshape ? variant.reshape(official, style, rng) : official;
  const dialect = DIALECTS[variant.dialect](rng);

  const article = narrative(data, style)
    .map((block) =>
      'table' in block
        ? tables[block.table].map((t) => dialect.table(t, variant.thead ?? false)).join(dialect.pageBreak)
        : dialect.paragraph(block.text, block.kind),
    )
    .join('\n');
  return { style, variant, dialect, article };
}

// ---- Official header texts not named in lib/keys (report-format.md §1.2–1.4) -------

const BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const APPLICANT_HEAD = '申请人情况';
const ORG_HEAD = '法人或其他组织';
const OUTCOME_BLOCK = '三、本年度办理结果';
const CONTENT_HEAD = '信息内容';

// ---- Incidental choices -------------------------------------------------------------

/** mulberry32: small, seedable, good enough for picking among a few options */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return must(items[this.int(0, items.length - 1)], 'pick from an empty list');
  }
}

/** Page-wide choices, drawn once so that a page is consistent with itself. */
interface PageStyle {
  /** a blank zero: an empty cell or &nbsp; (Shanghai 2019 writes &nbsp;) */
  blank: string;
  dash: string;
  /** a positive 2019 本年增/减 written with its sign, as in "+1036" */
  plusSign: boolean;
  /** the letter-spacing gap of the 'spaced' variant */
  gap: string;
  /** the 'flat' variant repeats vertically merged row labels instead of leaving them blank */
  repeatLabels: boolean;
  container: readonly [string, string];
  domain: string;
  siteIdCode: string;
  /** publication in January of the following year */
  pubDay: number;
  pubTime: string;
  /** 2021年 or 2021年度 in the title */
  yearWord: string;
}

const CONTAINERS = [
  ['<div class="article_content"><div class="TRS_Editor">', '</div></div>'],
  ['<div id="zoom">', '</div>'],
  ['<div class="article-content">', '</div>'],
  ['<div class="xl_main articleBox">', '</div>'],
  ['<div class="TRS_Editor"><div class="Custom_UnionStyle">', '</div></div>'],
] as const;

function drawStyle(rng: Rng): PageStyle {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    blank: rng.pick(['', '\u00a0']),
    dash: rng.pick(['—', '-']),
    plusSign: rng.chance(0.5),
    gap: rng.pick([' ', '\u3000', '\u00a0']),
    repeatLabels: rng.chance(0.5),
    container: rng.pick(CONTAINERS),
    domain: `www.${Array.from({ length: rng.int(3, 6) }, () => String.fromCharCode(rng.int(97, 122))).join('')}.gov.cn`,
    siteIdCode: String(rng.int(110000, 659000) * 10000 + rng.int(1, 9999)),
    pubDay: rng.int(10, 31),
    pubTime: `${pad(rng.int(8, 18))}:${pad(rng.int(0, 59))}`,
    yearWord: rng.pick(['年', '年度']),
  };
}

// ---- Cell values --------------------------------------------------------------------

type Fmt = (key: string) => string;

function formatValue(n: number, signed: boolean, opts: RenderOptions, style: PageStyle): string {
  if (n === 0) {
    switch (opts.zeros ?? 'digit') {
      case 'blank':
        return style.blank;
      case 'dash':
        return style.dash;
      case 'wu':
        return '无';
      case 'digit':
        break;
    }
  }
  let text = String(Math.abs(n));
  if (opts.thousands) {
    const [int = '', frac] = text.split('.');
    text = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac === undefined ? '' : `.${frac}`);
  }
  text = (n < 0 ? '-' : signed && n > 0 && style.plusSign ? '+' : '') + text;
  return opts.fullWidthDigits ? text.replace(/[0-9+-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)) : text;
}

// ---- Table model --------------------------------------------------------------------

type Role = 'head' | 'label' | 'value';

interface CellModel {
  role: Role;
  /** plain text; a dialect escapes it and adds its own line breaks */
  text: string;
  rowspan: number;
  colspan: number;
}

interface RowModel {
  head: boolean;
  /** the table-三 data row this is, when it is one */
  key?: ApplicationRow;
  cells: CellModel[];
}

interface TableModel {
  /** grid columns */
  width: number;
  rows: RowModel[];
}

/** Each report table as the <table>s it is printed in. */
type Tables = Record<'active' | 'applications' | 'review', TableModel[]>;

const cell = (role: Role, text: string, rowspan = 1, colspan = 1): CellModel => ({ role, text, rowspan, colspan });

/** Splits `width` grid columns among `n` header columns, widening the middle ones (Shanghai 2019's 本年增/减 colspan=2). */
function spread(n: number, width: number): number[] {
  const base = Math.floor(width / n);
  const extra = width - base * n;
  const first = Math.floor((n - extra) / 2);
  return Array.from({ length: n }, (_, i) => base + (i >= first && i < first + extra ? 1 : 0));
}

/** Table 二: stacked blocks, each a 第二十条 heading row, a 信息内容 header row and its data rows. */
function activeTable(format: Format, fmt: Fmt): TableModel {
  // 4 grid columns in 2021, 5 in 2019 (its blocks have 3 or 2 value columns)
  const valueWidth = format === '2021' ? 3 : 4;
  const rows: RowModel[] = [];
  let item = '';
  for (const def of ACTIVE_ROWS[format]) {
    const spans = spread(def.columns.length, valueWidth);
    const span = (i: number) => must(spans[i], 'column span');
    if (def.item !== item) {
      item = def.item;
      rows.push({ head: true, cells: [cell('head', `第二十条第${def.item}项`, 1, valueWidth + 1)] });
      rows.push({
        head: true,
        cells: [cell('head', CONTENT_HEAD), ...def.columns.map(([, label], i) => cell('head', label, 1, span(i)))],
      });
    }
    rows.push({
      head: false,
      cells: [cell('label', def.label), ...def.columns.map(([col], i) => cell('value', fmt(activeKey(def.key, col)), 1, span(i)))],
    });
  }
  return { width: valueWidth + 1, rows };
}

/** The label path of a table-三 row: the merged labels that enclose it, then its own. */
function labelPath(row: ApplicationRow): string[] {
  if (row === 'newReceived' || row === 'carriedOver' || row === 'carriedForward') return [ROW_LABELS[row]];
  const group = Object.values(OUTCOME_GROUPS).find((g) => (g.rows as readonly string[]).includes(row));
  return [OUTCOME_BLOCK, ...(group ? [group.label] : []), ROW_LABELS[row]];
}

/** Data rows whose leading labels merge (rowspan) over each run of rows that share them. */
function mergeLabels(items: readonly { key: ApplicationRow; path: readonly string[]; values: CellModel[] }[], labelWidth: number): RowModel[] {
  // does row i lie under the same first `depth` labels as `path`, below them?
  const under = (i: number, path: readonly string[], depth: number) => {
    const other = items[i]?.path;
    return !!other && other.length > depth && path.slice(0, depth).every((label, k) => other[k] === label);
  };
  return items.map((item, i) => {
    const depth = item.path.length - 1;
    const cells: CellModel[] = [];
    for (let level = 0; level < depth; level++) {
      if (under(i - 1, item.path, level + 1)) continue; // covered by the merged cell above
      let span = 1;
      while (under(i + span, item.path, level + 1)) span++;
      cells.push(cell('label', must(item.path[level], 'label'), span));
    }
    cells.push(cell('label', must(item.path[depth], 'label'), 1, labelWidth - depth));
    return { head: false, key: item.key, cells: [...cells, ...item.values] };
  });
}

/** Table 三: 10 grid columns, 3 header rows, then 26 (2021) or 24 (2019) data rows. */
function applicationTable(format: Format, fmt: Fmt): TableModel {
  const header: RowModel[] = [
    { head: true, cells: [cell('head', BALANCE_NOTE, 3, 3), cell('head', APPLICANT_HEAD, 1, 7)] },
    {
      head: true,
      cells: [cell('head', COLUMN_LABELS.naturalPerson, 2), cell('head', ORG_HEAD, 1, ORG_COLUMNS.length), cell('head', COLUMN_LABELS.total, 2)],
    },
    { head: true, cells: ORG_COLUMNS.map((col) => cell('head', COLUMN_LABELS[col])) },
  ];
  const items = APPLICATION_ROWS[format].map((key) => ({
    key,
    path: labelPath(key),
    values: APPLICATION_COLUMNS.map((col) => cell('value', fmt(applicationKey(key, col)))),
  }));
  return { width: 3 + APPLICATION_COLUMNS.length, rows: [...header, ...mergeLabels(items, 3)] };
}

/** Table 四: 15 grid columns, 3 header rows, one data row. */
function reviewTable(fmt: Fmt): TableModel {
  const fields = (rowspan: number) => REVIEW_FIELDS.map((f) => cell('head', REVIEW_FIELD_LABELS[f], rowspan));
  const n = REVIEW_FIELDS.length;
  return {
    width: 3 * n,
    rows: [
      { head: true, cells: [cell('head', '行政复议', 1, n), cell('head', '行政诉讼', 1, 2 * n)] },
      { head: true, cells: [...fields(2), cell('head', '未经复议直接起诉', 1, n), cell('head', '复议后起诉', 1, n)] },
      { head: true, cells: [...fields(1), ...fields(1)] },
      { head: false, cells: REVIEW_GROUPS.flatMap((g) => REVIEW_FIELDS.map((f) => cell('value', fmt(reviewKey(g, f))))) },
    ],
  };
}

// ---- Reshaping: the structural traits ------------------------------------------------

/** A grid slot: the cell covering it and the slot's offset from that cell's origin. */
interface Slot {
  cell: CellModel;
  dr: number;
  dc: number;
}

/** The HTML table-grid placement of the cells (rowspans running past the end are clipped). */
function layout(rows: readonly RowModel[]): (Slot | undefined)[][] {
  const grid: (Slot | undefined)[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cl of row.cells) {
      while (grid[r]?.[c]) c++;
      for (let dr = 0; dr < cl.rowspan; dr++) {
        const line = grid[r + dr];
        if (line) for (let dc = 0; dc < cl.colspan; dc++) line[c + dc] = { cell: cl, dr, dc };
      }
      c += cl.colspan;
    }
  });
  return grid;
}

/** Ends every rowspan that would reach rows[cut] or beyond. */
function truncateSpans(rows: readonly RowModel[], cut: number): RowModel[] {
  return rows.map((row, i) => (i >= cut ? row : { ...row, cells: row.cells.map((c) => (i + c.rowspan > cut ? { ...c, rowspan: cut - i } : c)) }));
}

/** Stretches or narrows each row's last label cell so that every row fills `width` grid columns. */
function refit(rows: readonly RowModel[], width: number): RowModel[] {
  let open: { rows: number; cols: number }[] = []; // rowspans from rows above still covering this row
  return rows.map((row) => {
    const covered = open.reduce((sum, o) => sum + o.cols, 0);
    const own = row.cells.reduce((sum, c) => sum + c.colspan, 0);
    const at = row.cells.findLastIndex((c) => c.role === 'label');
    const cells = row.cells.map((c, i) => (i === at ? { ...c, colspan: c.colspan + width - covered - own } : c));
    if (cells.some((c) => c.colspan < 1)) throw new Error('refit: row does not fit');
    open = [...open.map((o) => ({ ...o, rows: o.rows - 1 })), ...cells.filter((c) => c.rowspan > 1).map((c) => ({ rows: c.rowspan, cols: c.colspan }))].filter(
      (o) => o.rows > 1,
    );
    return { ...row, cells };
  });
}

/** Every grid slot written as its own cell, as PDF-to-HTML converters do: merged areas become empty
 *  cells, and vertically merged row labels are repeated or left blank. */
function flatten(t: TableModel, repeatLabels: boolean): TableModel {
  const grid = layout(t.rows);
  const rows = t.rows.map((row, r) => ({
    ...row,
    cells: Array.from({ length: t.width }, (_, c) => {
      const slot = grid[r]?.[c];
      if (!slot) return cell('value', '');
      if (slot.dr === 0 && slot.dc === 0) return { ...slot.cell, rowspan: 1, colspan: 1 };
      const repeat = repeatLabels && slot.cell.role === 'label' && slot.dc === 0;
      return cell(slot.cell.role, repeat ? slot.cell.text : '');
    }),
  }));
  return { width: t.width, rows };
}

/** Table 三 cut at a page break inside an outcome group (seed 003): the first piece ends with a
 *  row whose label is cut short ("5.属于三类内部"); the second repeats no header, starts with the rest
 *  of that label over empty value cells ("事务信息"), and its rows carry no 三、本年度办理结果
 *  column and no label of the interrupted group. */
function splitAtPageBreak(t: TableModel, rng: Rng): TableModel[] {
  const present = new Set(t.rows.map((r) => r.key));
  const candidates = Object.values(OUTCOME_GROUPS)
    .flatMap((g) => g.rows.slice(0, -1))
    .filter((key) => present.has(key) && ROW_LABELS[key].length >= 8); // a label long enough to wrap
  const key = rng.pick(candidates);
  const at = t.rows.findIndex((r) => r.key === key);
  const row = must(t.rows[at], 'split row');
  const labelAt = row.cells.findLastIndex((c) => c.role === 'label');
  const label = must(row.cells[labelAt], 'split label').text;
  const cut = Math.ceil((label.length * 2) / 3);
  const top = { ...row, cells: row.cells.map((c, i) => (i === labelAt ? { ...c, text: label.slice(0, cut) } : c)) };
  const rest: RowModel = {
    head: false,
    cells: [cell('label', label.slice(cut)), ...APPLICATION_COLUMNS.map(() => cell('value', ''))],
  };
  return [
    { width: t.width, rows: truncateSpans([...t.rows.slice(0, at), top], at + 1) },
    { width: t.width - 1, rows: refit([rest, ...t.rows.slice(at + 1)], t.width - 1) },
  ];
}

/** Table 三 whose 三、本年度办理结果 rowspan stops short (seed 002): from a row of the （六） group on,
 *  rows lose their leading merged columns and start at column 0. Deliberately misaligned. */
function loseLeadingColumns(t: TableModel, rng: Rng): TableModel[] {
  const sixth = new Set<string>(['other', ...OUTCOME_GROUPS.other.rows]);
  const key = rng.pick(t.rows.filter((r) => r.key && sixth.has(r.key))).key;
  return [
    {
      width: t.width,
      rows: truncateSpans(
        t.rows,
        t.rows.findIndex((r) => r.key === key),
      ),
    },
  ];
}

/** Short labels letter-spaced ("结 果 维 持", seed 003) and numbers padded with whitespace (seed 004). */
function spaceOut(t: TableModel, gap: string, rng: Rng): TableModel {
  const rows = t.rows.map((row) => ({
    ...row,
    cells: row.cells.map((c) => {
      if (c.role === 'value') return { ...c, text: rng.pick(['\n', ' ', '\n\t\t', '\u00a0']) + c.text + rng.pick(['', ' ', '\n']) };
      return /^[\u4e00-\u9fff]{2,6}$/.test(c.text) ? { ...c, text: [...c.text].join(gap) } : c;
    }),
  }));
  return { ...t, rows };
}

const eachTable = (tables: Tables, f: (t: TableModel) => TableModel): Tables => ({
  active: tables.active.map(f),
  applications: tables.applications.map(f),
  review: tables.review.map(f),
});

interface Variant {
  dialect: DialectName;
  /** leading header rows in <thead>, header cells as <th> */
  thead?: boolean;
  /** the page sits in a layout table */
  layoutTable?: boolean;
  reshape?: (tables: Tables, style: PageStyle, rng: Rng) => Tables;
}

const VARIANTS: Record<Markup, Variant> = {
  trs: { dialect: 'trs' },
  word: { dialect: 'word' },
  th: { dialect: 'trs', thead: true },
  split: { dialect: 'trs', reshape: (t, _s, rng) => ({ ...t, applications: t.applications.flatMap((a) => splitAtPageBreak(a, rng)) }) },
  spaced: { dialect: 'trs', reshape: (t, s, rng) => eachTable(t, (x) => spaceOut(x, s.gap, rng)) },
  nested: { dialect: 'trs', layoutTable: true },
  flat: { dialect: 'plain', reshape: (t, s) => eachTable(t, (x) => flatten(x, s.repeatLabels)) },
  continuation: {
    dialect: 'trs',
    reshape: (t, _s, rng) => ({ ...t, applications: t.applications.flatMap((a) => loseLeadingColumns(a, rng)) }),
  },
};

// ---- Dialects: how a CMS writes paragraphs and tables --------------------------------

type ParaKind = 'heading' | 'body' | 'sign';

interface Dialect {
  paragraph(text: string, kind: ParaKind): string;
  table(t: TableModel, thead: boolean): string;
  /** what separates the pieces of a table cut at a page break */
  pageBreak: string;
  wrapBody(html: string): string;
}

type DialectName = 'trs' | 'word' | 'plain';

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');

const spans = (c: CellModel, q = '"') => (c.rowspan > 1 ? ` rowspan=${q}${c.rowspan}${q}` : '') + (c.colspan > 1 ? ` colspan=${q}${c.colspan}${q}` : '');

/** Writes rows; with `thead`, the leading header rows go to <thead> as <th> cells (and the rest to <tbody>). */
function writeRows(
  t: TableModel,
  thead: boolean,
  tbody: boolean,
  tr: (index: number) => string,
  td: (c: CellModel, tag: 'td' | 'th') => string,
  sep: string,
): string {
  const rows = t.rows.map((row, i) => tr(i) + row.cells.map((c) => td(c, thead && row.head ? 'th' : 'td')).join(sep) + '</tr>');
  const headCount = thead ? t.rows.findIndex((r) => !r.head) : 0;
  return headCount > 0
    ? `<thead>${rows.slice(0, headCount).join(sep)}</thead><tbody>${rows.slice(headCount).join(sep)}</tbody>`
    : tbody
      ? `<tbody>${rows.join(sep)}</tbody>`
      : rows.join(sep);
}

/** TRS WCM / UEditor: one-line markup, inline styles, <td><p><span>, class="firstRow" (Pingtan, Shanghai). */
function trsDialect(): Dialect {
  const border = 'border: 1px solid windowtext; padding: 0px 4px; word-break: break-all;';
  return {
    paragraph: (text, kind) =>
      kind === 'heading'
        ? `<p style="text-indent: 2em;"><span style="font-family: 黑体, SimHei;">${esc(text)}</span></p>`
        : kind === 'sign'
          ? `<p style="text-align: right;">${esc(text)}</p>`
          : `<p style="text-indent: 2em;">${esc(text)}</p>`,
    table: (t, thead) =>
      '<table style="border-collapse:collapse;border:none" cellspacing="0" align="center" border="1">' +
      writeRows(
        t,
        thead,
        true, // UEditor always writes <tbody>
        (i) => (i === 0 ? '<tr class="firstRow">' : '<tr>'),
        (c, tag) =>
          `<${tag}${spans(c)} style="${border}" valign="center"><p style="text-align: ${c.role === 'label' ? 'left' : 'center'};">` +
          `<span style="font-family: 仿宋_GB2312; font-size: 14px;">${esc(c.text)}</span></p></${tag}>`,
        '',
      ) +
      '</table>',
    pageBreak: '<hr class="pagebreak" noshade="noshade" size="5" style="user-select: none;"/>',
    wrapBody: (html) => html,
  };
}

const WORD_FONT = 'font-size:10.5pt;font-family:仿宋_GB2312;mso-hansi-font-family:"Times New Roman"';
const WORD_LATIN = 'lang=EN-US style=\'font-size:10.5pt;font-family:"Times New Roman",serif;mso-fareast-font-family:仿宋_GB2312\'';

/** Word "save as web page" pasted into the CMS: MsoNormal paragraphs, mso-* styles, <o:p>, manual
 *  <br> line breaks in narrow header cells (自<br>然<br>人) and source line wraps inside labels. */
function wordDialect(rng: Rng): Dialect {
  const lines = (c: CellModel): string[] => {
    const text = c.text;
    if (c.role === 'value' || !/\S/.test(text)) return [text];
    if (c.role === 'head' && /^[\u4e00-\u9fff]{2,4}$/.test(text) && rng.chance(0.7)) return [...text];
    if (c.role === 'head' && text.length >= 5 && text.length <= 8 && rng.chance(0.5)) {
      const mid = Math.ceil(text.length / 2) - 1;
      return [text.slice(0, mid), text.slice(mid)];
    }
    const group = /^（[一二三四五六七]）/.exec(text);
    if (group && text.length <= 8 && rng.chance(0.5)) return [group[0], text.slice(group[0].length)];
    if (text.length > 12 && rng.chance(0.6)) {
      const at = rng.int(4, text.length - 4);
      return [`${text.slice(0, at)}\n${text.slice(at)}`];
    }
    return [text];
  };
  const content = (c: CellModel) =>
    c.role === 'value' && /\S/.test(c.text)
      ? `<span style='${WORD_FONT}'><span ${WORD_LATIN}>${esc(c.text)}</span><o:p></o:p></span>`
      : c.role === 'value'
        ? `<span ${WORD_LATIN}><o:p>${esc(c.text)}</o:p></span>`
        : `<span style='${WORD_FONT}'>${lines(c).map(esc).join('<br>\n')}<span lang=EN-US><o:p></o:p></span></span>`;
  return {
    paragraph: (text, kind) => {
      const runs = esc(text).replace(/\d+/g, (d) => `<span lang=EN-US>${d}</span>`);
      const font = kind === 'heading' ? '黑体' : '仿宋_GB2312';
      const align = kind === 'sign' ? " align=right style='text-align:right;" : " style='text-indent:32.0pt;mso-char-indent-count:2.0;";
      return `<p class=MsoNormal${align}line-height:28.0pt;mso-line-height-rule:exactly'><span style='font-size:16.0pt;font-family:${font}'>${runs}<span lang=EN-US><o:p></o:p></span></span></p>`;
    },
    table: (t, thead) => {
      const unit = Math.round(600 / t.width);
      const body = writeRows(
        t,
        thead,
        false, // Word writes no <tbody>
        (i) =>
          `<tr style='mso-yfti-irow:${i};${i === 0 ? 'mso-yfti-firstrow:yes;' : ''}${i === t.rows.length - 1 ? 'mso-yfti-lastrow:yes;' : ''}height:19.85pt'>\n  `,
        (c, tag) =>
          `<${tag} width=${unit * c.colspan}${spans(c, '')} valign=center style='width:${(unit * c.colspan * 0.75).toFixed(1)}pt;border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>\n` +
          `  <p class=MsoNormal align=center style='text-align:center;line-height:15.0pt;mso-line-height-rule:exactly'>${content(c)}</p>\n  </${tag}>`,
        '\n  ',
      );
      // Word's spacer row for browsers that misalign columns: real, and one more row to ignore
      const spacer = `\n <![if !supportMisalignedColumns]>\n <tr height=0>\n  ${Array.from({ length: t.width }, () => `<td width=${unit} style='border:none'></td>`).join('\n  ')}\n </tr>\n <![endif]>`;
      return `<div align=center>\n<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n ${body}${spacer}\n</table>\n</div>`;
    },
    pageBreak: `\n<span lang=EN-US style='font-size:10.5pt'><br clear=all style='page-break-before:always'>\n</span>\n`,
    wrapBody: (html) => `<div class=WordSection1 style='layout-grid:15.6pt'>\n<a name="_GoBack"></a>${html}\n</div>`,
  };
}

/** Output of a PDF/Office-to-HTML converter: bare <p> and <td>, no styling. */
function plainDialect(): Dialect {
  return {
    paragraph: (text) => `<p>${esc(text)}</p>`,
    table: (t, thead) =>
      `<table border="1" cellspacing="0" cellpadding="0" width="100%">\n` +
      writeRows(
        t,
        thead,
        true,
        () => '<tr>',
        (c, tag) => `<${tag}${spans(c)}>${esc(c.text)}</${tag}>`,
        '',
      ) +
      '\n</table>',
    pageBreak: '<p>&nbsp;</p>',
    wrapBody: (html) => html,
  };
}

const DIALECTS: Record<DialectName, (rng: Rng) => Dialect> = { trs: trsDialect, word: wordDialect, plain: plainDialect };

// ---- Page ---------------------------------------------------------------------------

type Block = { text: string; kind: ParaKind } | { table: keyof Tables };

/** A short narrative whose figures agree with the tables, with the six official part headings. */
function narrative(data: ReportData, style: PageStyle): Block[] {
  const v = (key: string) => data.values[key] ?? 0;
  const received = v(applicationKey('newReceived', 'total'));
  const processed = v(applicationKey('totalProcessed', 'total'));
  const forward = v(applicationKey('carriedForward', 'total'));
  const reviews = v(reviewKey('review', 'total'));
  const suits = v(reviewKey('litigationDirect', 'total')) + v(reviewKey('litigationAfterReview', 'total'));
  const circular =
    data.format === '2021'
      ? '《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）'
      : '《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）';
  const body = (text: string): Block => ({ text, kind: 'body' });
  const heading = (text: string): Block => ({ text, kind: 'heading' });
  return [
    body(
      `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和${circular}要求编制。` +
        `本报告所列数据的统计期限自${data.year}年1月1日起至${data.year}年12月31日止。`,
    ),
    heading('一、总体情况'),
    body(
      `${data.year}年，${data.agency}认真贯彻落实《条例》，坚持以公开为常态、不公开为例外，持续做好政府信息公开工作。` +
        (received > 0 ? `全年共收到政府信息公开申请${received}件，办结${processed}件，结转下年度继续办理${forward}件。` : '本年度未收到政府信息公开申请。'),
    ),
    heading('二、主动公开政府信息情况'),
    { table: 'active' },
    heading('三、收到和处理政府信息公开申请情况'),
    { table: 'applications' },
    heading('四、政府信息公开行政复议、行政诉讼情况'),
    body(reviews + suits > 0 ? `本年度发生政府信息公开行政复议${reviews}件，行政诉讼${suits}件。` : '本年度未发生政府信息公开行政复议、行政诉讼案件。'),
    { table: 'review' },
    heading('五、存在的主要问题及改进情况'),
    body('政府信息公开工作仍存在公开内容不够全面、政策解读形式较为单一等问题。下一步将进一步规范公开流程，提升公开质量。'),
    heading('六、其他需要报告的事项'),
    body('本年度未收取信息处理费。'),
    { text: data.agency, kind: 'sign' },
    { text: `${data.year + 1}年1月${style.pubDay - 2}日`, kind: 'sign' },
  ];
}

/** The portal site of the agency's region: "沂源县司法局" → "沂源县人民政府". */
function siteName(agency: string): string {
  const region = /^.+?[省市县区旗]/.exec(agency);
  return region ? `${region[0]}人民政府` : '政府信息公开网';
}

function page(data: ReportData, style: PageStyle, article: string, layoutTable: boolean): string {
  const title = `${data.agency}${data.year}${style.yearWord}政府信息公开工作年度报告`;
  const site = siteName(data.agency);
  const pubDate = `${data.year + 1}-01-${style.pubDay} ${style.pubTime}`;
  const [open, close] = style.container;
  const heading = `<div class="article_title">${esc(title)}</div>`;
  const info = `<div class="article_extend"><span class="article_source">来源：${esc(data.agency)}</span> <span class="article_time">发布时间：${pubDate}</span> <span class="print" onclick="window.print()">【打印】</span></div>`;
  const content = `${open}\n${article}\n${close}`;
  const articleBox = layoutTable
    ? // an old portal template: the article sits in a cell of a layout table
      `<table width="100%" border="0" cellspacing="0" cellpadding="0" class="content_table">\n` +
      `<tr><td align="center" class="title">${heading}</td></tr>\n<tr><td align="center">${info}</td></tr>\n` +
      `<tr><td class="bt_content" valign="top">\n${content}\n</td></tr>\n</table>`
    : `<div class="article_area">\n${heading}\n${info}\n${content}\n</div>`;
  const related = [1, 2]
    .map((back) => `<li><a href="../../${data.year + 1 - back}01/" target="_blank">${esc(data.agency)}${data.year - back}年政府信息公开工作年度报告</a></li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="SiteName" content="${esc(site)}">
<meta name="SiteDomain" content="${style.domain}">
<meta name="SiteIDCode" content="${style.siteIdCode}">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ColumnType" content="政府信息公开年报">
<meta name="ArticleTitle" content="${esc(title)}">
<meta name="PubDate" content="${pubDate}">
<meta name="ContentSource" content="${esc(data.agency)}">
<title>${esc(title)}_政府信息公开年报_${esc(site)}</title>
<link rel="stylesheet" type="text/css" href="/images/common.css">
</head>
<body>
<div class="header"><div class="logo"><a href="/">${esc(site)}</a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="main">
<div class="breadcrumb"><span>当前位置：</span><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfxxgk/">政府信息公开</a> &gt; <a href="../">政府信息公开年报</a></div>
${articleBox}
<div class="related"><h3>相关阅读</h3><ul>${related}</ul></div>
</div>
<div class="footer"><p>主办：${esc(site)}办公室 &nbsp; 网站标识码：${style.siteIdCode}</p></div>
<script type="text/javascript" src="/js/jquery.min.js"></script>
</body>
</html>
`;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`render: missing ${what}`);
  return value;
}
