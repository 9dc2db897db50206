import type { Outcome, Rule } from './support/types';

/**
 * A report for 2018 or earlier, before the national template (国办公开办函〔2019〕60号 for
 * 2019 onward): it is a report, its identity and text are read, but its tables are of its
 * own making, so the template's identities do not apply and none is checked. Said once.
 */
export const formatPreTemplate: Rule = {
  id: 'format.preTemplate',
  severity: 'info',
  tags: ['format'],
  description: {
    zh: '2018 年度及以前的报告早于国家统一的年度报告格式，表格为自定格式，国家格式的勾稽关系不适用',
    en: 'Reports for 2018 and earlier predate the national template: their tables are their own, and the template’s identities do not apply',
  },
  check: (report): Outcome[] =>
    report.structure.some((n) => n.code === 'preTemplate') ? [{ scope: 'document', status: 'failed', cells: [], data: { year: report.year ?? '?' } }] : [],
  message: {
    zh: (o) => `${o.data.year} 年度报告早于国家统一格式（2019 年度起施行），表格为自定格式：国家格式的勾稽关系不适用，表中数字未核对`,
    en: (o) =>
      `The ${o.data.year} report predates the national template (used from the 2019 reports on): its tables are its own, the template’s identities do not apply, and their figures were not checked`,
  },
};
