import type { Severity, StructureNote } from '../schema';
import type { Outcome, Rule } from './support/types';

const TABLE_NAMES: Record<StructureNote['table'], [string, string]> = {
  active: ['表二（主动公开）', 'table 二 (proactive disclosure)'],
  applications: ['表三（依申请公开）', 'table 三 (applications)'],
  review: ['表四（复议诉讼）', 'table 四 (review and litigation)'],
  document: ['报告', 'the report'],
};

// (an unreadable attachment table is attachment.unreadableTable's, which then is the only finding; a
// report from before the template is format.preTemplate's)
type Code = Exclude<StructureNote['code'], 'labelVariant' | 'unreadableTable' | 'preTemplate'>;
type Words = (d: Outcome['data']) => string;

/**
 * What each fact the reader reports means: how serious it is (from the note's facts
 * alone: the reader only says what it saw) and its sentence in both languages.
 */
const JUDGEMENT: Record<Code, { severity: (n: StructureNote) => Severity; zh: Words; en: Words }> = {
  tableMissing: { severity: () => 'warning', zh: (d) => `未找到${d.table}，无法核对`, en: (d) => `${d.tableEn} was not found; it cannot be checked` },
  tablesAsImages: {
    severity: () => 'warning',
    zh: () => '表格为图片或附件，无法核对',
    en: () => 'The tables are images or attachments; they cannot be checked',
  },
  headerMissing: {
    // table 四's 15 values are read in the official order anyway (its cell count is checked on
    // its own); the other tables' columns are guessed
    severity: (n) => (n.table === 'review' ? 'info' : 'warning'),
    zh: (d) => `${d.table}的表头不完整${d.shown ? `（缺少：${d.shown}）` : ''}，按标准列顺序读取`,
    en: (d) => `The header of ${d.tableEn} is incomplete${d.shown ? ` (missing: ${d.shown})` : ''}; columns read in the official order`,
  },
  rowMissing: { severity: () => 'warning', zh: (d) => `${d.table}缺少以下行：${d.shown}`, en: (d) => `${d.tableEn} lacks these rows: ${d.shown}` },
  rowUnrecognised: {
    severity: () => 'warning',
    zh: (d) => `${d.table}中无法识别的行：“${d.shown}”，未参与核对`,
    en: (d) => `Unrecognised row in ${d.tableEn}: "${d.shown}"; not checked`,
  },
  columnUnrecognised: {
    severity: () => 'warning',
    zh: (d) => `${d.table}中无法识别的列：“${d.shown}”，该列未读取`,
    en: (d) => `Unrecognised column in ${d.tableEn}: "${d.shown}"; not read`,
  },
  rowDuplicated: {
    severity: () => 'warning',
    zh: (d) => `${d.table}中的行重复出现：“${d.shown}”，只读取第一次出现的行`,
    en: (d) => `Row repeated in ${d.tableEn}: "${d.shown}"; only the first is read`,
  },
  cellCount: {
    severity: () => 'warning',
    zh: (d) =>
      `${d.table}${d.shown ? `“${d.shown}”行` : '数据行'}有 ${d.count} 个数值单元格，应为 ${d.expectedCount} 个${Number(d.count) > Number(d.expectedCount) ? '，多余的单元格未读取' : '，该行无法可靠读取'}`,
    en: (d) =>
      `${d.shown ? `Row "${d.shown}"` : 'The data row'} of ${d.tableEn} has ${d.count} value cells instead of ${d.expectedCount}${Number(d.count) > Number(d.expectedCount) ? '; the extra cells are ignored' : '; it cannot be read reliably'}`,
  },
  cellsRealigned: {
    // read by cell order, every value kept: said, not doubted
    severity: () => 'info',
    zh: (d) => `${d.table}“${d.shown}”${Number(d.count) > 1 ? `等 ${d.count} 行` : '行'}的单元格与表头错位（分页处合并单元格被截断），已按单元格顺序读取`,
    en: (d) =>
      `${Number(d.count) > 1 ? `${d.count} rows from "${d.shown}"` : `Row "${d.shown}"`} of ${d.tableEn} are misaligned with the header (merged cells cut at a page break); read by cell order`,
  },
  tableSplit: {
    severity: () => 'info',
    zh: (d) => `${d.table}被分成多个表格（分页），已合并读取`,
    en: (d) => `${d.tableEn} is split into several tables (page breaks); read as one`,
  },
  tableTruncated: {
    severity: () => 'warning',
    zh: (d) => `${d.table}结构异常或过大（合并单元格超出表格、行列过多），仅读取了一部分，其合计关系待人工核对`,
    en: (d) => `${d.tableEn} is malformed or too large (spans beyond the table, too many rows or columns); only part of it was read and its sums need review`,
  },
  extraColumn: {
    severity: () => 'info',
    zh: (d) => `${d.table}含非标准列“${d.shown}”，不计入合计，单独核对`,
    en: (d) => `${d.tableEn} has a non-standard column "${d.shown}"; kept out of the sums and checked on its own`,
  },
  extraRows: {
    severity: () => 'info',
    zh: (d) => `${d.table}含非标准的小计行“${d.shown}”，不计入总计，单独核对`,
    en: (d) => `${d.tableEn} has a non-standard subtotal row "${d.shown}"; kept out of the totals and checked on its own`,
  },
  multipleReports: {
    // no heading: the identity is the page's (a warning); a heading without its own text: only the text is left out
    severity: (n) => (n.shown ? 'info' : 'warning'),
    zh: (d) =>
      d.count === ''
        ? '页面含多份报告的表格，本份报告无法与其他报告完全区分'
        : d.shown
          ? `页面含 ${d.count} 份报告：“${d.shown}”的正文无法与相邻报告区分，正文中的数字未核对`
          : `页面含 ${d.count} 份报告，未找到本份报告的标题：标题、机关和年度取自页面，正文中的数字未核对`,
    en: (d) =>
      d.count === ''
        ? 'The page holds the tables of several reports; this one cannot be fully told apart from the others'
        : d.shown
          ? `The page holds ${d.count} reports: the text of "${d.shown}" cannot be told apart from its neighbours'; the figures it states were not checked`
          : `The page holds ${d.count} reports and this one's heading was not found: title, agency and year are the page's; the figures of its text were not checked`,
  },
};

/** How serious a note is (a note's own `severity`, kept by reports stored before this table, is ignored). */
export const structureSeverity = (n: StructureNote & { code: Code }): Severity => JUDGEMENT[n.code].severity(n);

/** More notes than this of one code, table and severity become one finding (5,000 stray rows are one problem, said once). */
const REPEAT_LIMIT = 3;
const EXAMPLES = 3;
const MAX_CELLS = 50;
const EXAMPLE_CHARS = 40;

/** Everything the reader could not read, or read in a non-standard way: said, never guessed silently. */
export const formatStructure: Rule = {
  id: 'format.structure',
  severity: 'warning',
  tags: ['format', 'structure'],
  description: {
    zh: '表格结构异常：缺表、缺行、单元格数不符、表格为图片等',
    en: 'Structural problems: missing tables or rows, wrong cell counts, tables as images',
  },
  check: (report) => {
    const notes = report.structure.filter((n): n is StructureNote & { code: Code } => n.code !== 'labelVariant' && n.code in JUDGEMENT);
    const severities = notes.map(structureSeverity);
    const groups = new Map<string, (StructureNote & { code: Code })[]>();
    notes.forEach((n, i) => {
      const k = `${n.code}|${n.table}|${severities[i]}`;
      const g = groups.get(k);
      if (g) g.push(n);
      else groups.set(k, [n]);
    });
    const out: Outcome[] = [];
    notes.forEach((n, i) => {
      const severity = severities[i]!;
      const group = groups.get(`${n.code}|${n.table}|${severity}`)!;
      if (group.length > REPEAT_LIMIT && group[0] !== n) return;
      const [table, tableEn] = TABLE_NAMES[n.table];
      const data: Outcome['data'] = { code: n.code, table, tableEn, shown: n.shown ?? '', count: n.count ?? '', expectedCount: n.expectedCount ?? '' };
      if (group.length <= REPEAT_LIMIT) {
        out.push({ scope: `${n.code}.${i}`, status: 'failed', cells: n.cells, severity, data });
        return;
      }
      const examples = group
        .map((x) => x.shown ?? '')
        .filter((x) => x !== '')
        .slice(0, EXAMPLES)
        .map((x) => (x.length > EXAMPLE_CHARS ? `${x.slice(0, EXAMPLE_CHARS)}…` : x));
      const cells = [...new Set(group.flatMap((x) => x.cells))].slice(0, MAX_CELLS);
      out.push({ scope: `${n.code}.${i}`, status: 'failed', cells, severity, data: { ...data, repeated: group.length, examples: examples.join('\u0000') } });
    });
    return out;
  },
  message: {
    zh: (o) =>
      JUDGEMENT[o.data.code as Code].zh(o.data) +
      (o.data.repeated
        ? `；同类问题共 ${o.data.repeated} 处${
            examplesOf(o).length
              ? `（如${examplesOf(o)
                  .map((x) => `“${x}”`)
                  .join('')}）`
              : ''
          }，合并为一条`
        : ''),
    en: (o) =>
      JUDGEMENT[o.data.code as Code].en(o.data) +
      (o.data.repeated
        ? `; ${o.data.repeated} such problems in all${
            examplesOf(o).length
              ? ` (e.g. ${examplesOf(o)
                  .map((x) => `"${x}"`)
                  .join(', ')})`
              : ''
          }, reported once`
        : ''),
  },
};

const examplesOf = (o: Outcome): string[] => (o.data.examples ? String(o.data.examples).split('\u0000') : []);
