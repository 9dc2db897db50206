import type { Outcome, Rule } from './support/types';

/**
 * A report read from an attachment (PDF, DOCX) whose table rows did not come out in the
 * official 2021 or 2019 order: its numbers are not checked (never a check on a guess), and
 * this is its one finding, saying what failed (lib/attachment/verify.ts puts the note).
 */
export const attachmentUnreadableTable: Rule = {
  id: 'attachment.unreadableTable',
  severity: 'error',
  tags: ['attachment', 'structure'],
  description: {
    zh: '附件（PDF、DOCX）表格的行未能按官方格式顺序读出时，不核对其数字，只报告无法可靠读取',
    en: 'When the rows of an attachment’s (PDF, DOCX) tables do not come out in the official order, its numbers are not checked: it is reported as unreadable',
  },
  check: (report) => {
    const notes = report.structure.filter((n) => n.code === 'unreadableTable');
    if (notes.length === 0) return [];
    const shown = notes.map((n) => n.shown ?? '').filter((s) => s !== '');
    return [{ scope: 'document', status: 'failed', cells: [...new Set(notes.flatMap((n) => n.cells))], data: { shown: shown.join('；') } } satisfies Outcome];
  },
  message: {
    zh: (o) => `附件表格无法可靠读取，未核对${o.data.shown ? `：${o.data.shown}` : ''}`,
    en: (o) => `The attachment's tables cannot be read reliably and were not checked${o.data.shown ? `: ${o.data.shown}` : ''}`,
  },
};
