import { describe, expect, it } from 'vitest';
import { attachmentUnreadableTable as rule } from '../../lib/rules/attachment-unreadable-table';
import type { StructureNote } from '../../lib/schema';
import { expectMessages, findingsOf, FORMATS, realistic } from './support';

const unreadable = (shown: string, cells: string[] = []): StructureNote => ({ code: 'unreadableTable', table: 'applications', cells, shown });

describe.each(FORMATS)('attachment.unreadableTable, %s format', (format) => {
  it('has nothing to say about a report read in the official order (web pages, attachments read right)', () => {
    expect(rule.check(realistic(format))).toEqual([]);
    expect(rule.check(realistic(format, {}, { structure: [{ code: 'tableSplit', table: 'applications', cells: [] }] }))).toEqual([]);
  });

  it('says once what failed, however many notes', () => {
    const all = rule.check(realistic(format, {}, { structure: [unreadable('表三缺少以下行：2.其他法律行政法规禁止公开'), unreadable('表四只读出 14 个数')] }));
    expect(all.map((o) => [o.scope, o.status])).toEqual([['document', 'failed']]);
    const { zh } = expectMessages(rule, all[0]!, '表三缺少以下行');
    expect(zh).toBe('附件表格无法可靠读取，未核对：表三缺少以下行：2.其他法律行政法规禁止公开；表四只读出 14 个数');
  });

  it('is an error finding through runRules, and format.structure leaves the note to it', () => {
    const report = realistic(format, {}, { structure: [unreadable('未找到表三')] });
    const findings = findingsOf(report, rule.id);
    expect(findings).toEqual([expect.objectContaining({ id: 'attachment.unreadableTable:document', severity: 'error' })]);
    expect(findingsOf(report, 'format.structure')).toEqual([]);
  });
});
