import type { Outcome, Rule } from './support/types';

/** A row or column label that differs from the official template (e.g. 本年度止件数, 逻辑关系). Read anyway; told to the reviewer. */
export const formatLabelVariant: Rule = {
  id: 'format.labelVariant',
  severity: 'info',
  tags: ['format'],
  description: { zh: '表头或行标签与标准格式不一致', en: 'A header or row label differs from the official template' },
  check: (report) =>
    report.structure
      .filter((n) => n.code === 'labelVariant')
      .map((n, i): Outcome => ({ scope: `${n.table}.${i}`, status: 'failed', cells: n.cells, data: { shown: n.shown ?? '', official: n.official ?? '' } })),
  message: {
    zh: (o) => `表头与标准格式不一致：“${o.data.shown}”，标准为“${o.data.official}”`,
    en: (o) => `Label differs from the official template: "${o.data.shown}" (official: "${o.data.official}")`,
  },
};
