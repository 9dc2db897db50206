import { describe, expect, it } from 'vitest';
import { formatStructure as rule } from '../../lib/rules/format-structure';
import { StructureNoteSchema, type StructureNote } from '../../lib/schema';
import { expectMessages, findingsOf, onlyFailure, realistic } from './support';

// (labelVariant is format.labelVariant's, unreadableTable attachment.unreadableTable's, preTemplate format.preTemplate's)
const CODES = StructureNoteSchema.shape.code.options.filter((c) => c !== 'labelVariant' && c !== 'unreadableTable' && c !== 'preTemplate');
const note = (n: Partial<StructureNote> & Pick<StructureNote, 'code'>): StructureNote => ({ severity: 'warning', table: 'applications', cells: [], ...n });
const withNotes = (...structure: StructureNote[]) => realistic('2021', {}, { structure });

describe('format.structure', () => {
  it('has nothing to say about a well-formed report', () => {
    expect(rule.check(realistic('2021'))).toEqual([]);
    expect(rule.check(realistic('2019'))).toEqual([]);
  });

  // the reader reports facts; how serious each is, is this rule's (a note's own severity, from old stored reports, is ignored)
  const SEVERITY: Record<(typeof CODES)[number], 'warning' | 'info'> = {
    tableMissing: 'warning',
    tablesAsImages: 'warning',
    headerMissing: 'info', // table 四: its values are read in the official order anyway
    rowMissing: 'warning',
    rowUnrecognised: 'warning',
    columnUnrecognised: 'warning',
    rowDuplicated: 'warning',
    cellCount: 'warning',
    cellsRealigned: 'info',
    tableSplit: 'info',
    tableTruncated: 'warning',
    extraColumn: 'info',
    extraRows: 'info',
    multipleReports: 'info', // with a heading (shown): only its text is left out
  };

  it.each(CODES)('words a %s note in both languages', (code) => {
    const o = onlyFailure(rule, withNotes(note({ code, table: 'review', shown: '结果维持', count: 16, expectedCount: 15 })));
    expect(o).toMatchObject({ scope: `${code}.0`, severity: SEVERITY[code] });
    expectMessages(rule, o);
  });

  it('judges a note by its facts, ignoring a severity stored with it by older versions', () => {
    expect(onlyFailure(rule, withNotes(note({ code: 'tableSplit', severity: 'error' }))).severity).toBe('info');
    expect(onlyFailure(rule, withNotes(note({ code: 'headerMissing', table: 'applications', severity: 'info' }))).severity).toBe('warning');
    expect(onlyFailure(rule, withNotes(note({ code: 'multipleReports', table: 'document', count: 3, severity: 'info' }))).severity).toBe('warning');
  });

  it.each([
    [note({ code: 'tableMissing', severity: 'error' }), '未找到表三（依申请公开），无法核对', 'table 三 (applications) was not found'],
    [
      note({ code: 'cellCount', table: 'review', count: 16, expectedCount: 15 }),
      '表四（复议诉讼）数据行有 16 个数值单元格，应为 15 个，多余的单元格未读取',
      'has 16 value cells instead of 15; the extra cells are ignored',
    ],
    [
      note({ code: 'cellCount', shown: '（一）予以公开', count: 5, expectedCount: 7 }),
      '表三（依申请公开）“（一）予以公开”行有 5 个数值单元格，应为 7 个，该行无法可靠读取',
      'cannot be read reliably',
    ],
    [note({ code: 'rowMissing', shown: '3.其他、（七）总计' }), '表三（依申请公开）缺少以下行：3.其他、（七）总计', 'lacks these rows: 3.其他'],
    [
      note({ code: 'extraColumn', shown: '法人或其他组织小计' }),
      '表三（依申请公开）含非标准列“法人或其他组织小计”，不计入合计，单独核对',
      'non-standard column "法人或其他组织小计"',
    ],
    [
      note({ code: 'cellsRealigned', shown: '3.其他', count: 2 }),
      '表三（依申请公开）“3.其他”等 2 行的单元格与表头错位（分页处合并单元格被截断），已按单元格顺序读取',
      '2 rows from "3.其他"',
    ],
    [note({ code: 'tablesAsImages', table: 'document' }), '表格为图片或附件，无法核对', 'images or attachments'],
  ])('says what could not be read: %#', (n, zh, en) => {
    const o = onlyFailure(rule, withNotes(n));
    expect(rule.message.zh(o)).toBe(zh);
    expect(rule.message.en(o)).toContain(en);
  });

  it('keeps each note’s cells and severity, one outcome per note, and leaves label variants to format.labelVariant', () => {
    const report = withNotes(
      note({ code: 'headerMissing', table: 'review', shown: '科研机构' }),
      note({ code: 'labelVariant', table: 'active', shown: '本年度止件数', official: '本年废止件数' }),
      note({ code: 'rowUnrecognised', cells: ['applications.other.misc.total'], shown: '3.其它' }),
    );
    expect(rule.check(report).map((o) => [o.scope, o.severity, o.cells])).toEqual([
      ['headerMissing.0', 'info', []],
      ['rowUnrecognised.1', 'warning', ['applications.other.misc.total']],
    ]);
    expect(findingsOf(report, rule.id).map((f) => [f.id, f.severity])).toEqual([
      ['format.structure:rowUnrecognised.1', 'warning'],
      ['format.structure:headerMissing.0', 'info'],
    ]);
  });

  it('says repeated notes of one code and table once, with their number and the first few rows', () => {
    const stray = Array.from({ length: 5_000 }, (_, i) =>
      note({ code: 'rowUnrecognised', shown: `其他情形${i}`, cells: i < 100 ? [`applications.granted.total`] : [] }),
    );
    const report = withNotes(note({ code: 'headerMissing', shown: '科研机构' }), ...stray, note({ code: 'rowUnrecognised', table: 'review', shown: '合计' }));
    const out = rule.check(report);
    expect(out.map((o) => o.scope)).toEqual(['headerMissing.0', 'rowUnrecognised.1', 'rowUnrecognised.5001']);
    const many = out[1]!;
    expect(many.cells).toEqual(['applications.granted.total']);
    expect(rule.message.zh(many)).toBe(
      '表三（依申请公开）中无法识别的行：“其他情形0”，未参与核对；同类问题共 5000 处（如“其他情形0”“其他情形1”“其他情形2”），合并为一条',
    );
    expect(rule.message.en(many)).toContain('5000 such problems in all (e.g. "其他情形0", "其他情形1", "其他情形2"), reported once');
    // a few of a kind stay one finding each
    expect(rule.check(withNotes(...stray.slice(0, 3))).map((o) => o.scope)).toEqual(['rowUnrecognised.0', 'rowUnrecognised.1', 'rowUnrecognised.2']);
  });

  it('words the notes of a page holding several reports', () => {
    const noHeading = onlyFailure(rule, withNotes(note({ code: 'multipleReports', table: 'document', count: 3 })));
    expect(rule.message.zh(noHeading)).toBe('页面含 3 份报告，未找到本份报告的标题：标题、机关和年度取自页面，正文中的数字未核对');
    const noText = onlyFailure(
      rule,
      withNotes(note({ code: 'multipleReports', table: 'document', severity: 'info', count: 3, shown: '某局2023年政府信息公开工作年度报告' })),
    );
    expect(rule.message.zh(noText)).toBe('页面含 3 份报告：“某局2023年政府信息公开工作年度报告”的正文无法与相邻报告区分，正文中的数字未核对');
    expect(rule.message.zh(onlyFailure(rule, withNotes(note({ code: 'multipleReports', table: 'document' }))))).not.toContain('仅核对第一份');
  });
});
