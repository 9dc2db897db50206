import { statedYears, yearsOf } from './support/document';
import type { Outcome, Rule } from './support/types';

/**
 * The title's year, the 统计期限 sentence and an opening such as 现将2023年度…报告如下 must
 * name the same reporting year (report-format.md §2.7). A report copied from last year's
 * with only the title updated shows here. Only statements that unambiguously name the
 * reporting year are read (lib/document-facts.ts); with fewer than two there is nothing
 * to compare and nothing is said.
 */
export const documentYearAgreement: Rule = {
  id: 'document.yearAgreement',
  severity: 'warning',
  tags: ['document'],
  description: {
    zh: '标题、统计期限和正文开头所述的报告年度应一致',
    en: 'The title, the 统计期限 (reporting period) sentence and the opening must name the same reporting year',
  },
  check(report): Outcome[] {
    const s = statedYears(report);
    const statements = [s.title, s.period, s.opening].filter(Boolean).length;
    const splitPeriod = !!s.period && s.period.endYear !== null && s.period.endYear !== s.period.year;
    if (statements < 2 && !splitPeriod) return [];
    const years = [...new Set(yearsOf(s))];
    const scope = 'year';
    if (years.length === 1) return [{ scope, status: 'passed', cells: [], data: { year: years[0]! } }];
    const data: Outcome['data'] = {};
    if (s.title) Object.assign(data, { titleYear: s.title.year, titleText: s.title.text });
    if (s.period) Object.assign(data, { periodYear: s.period.year, periodText: s.period.text, ...(splitPeriod && { periodEndYear: s.period.endYear! }) });
    if (s.opening) Object.assign(data, { openingYear: s.opening.year, openingText: s.opening.text });
    return [{ scope, status: 'failed', cells: [], data }];
  },
  message: {
    zh: (o) => {
      const d = o.data;
      const parts = [
        d.titleYear !== undefined && `标题“${d.titleText}”为 ${d.titleYear} 年`,
        d.periodYear !== undefined &&
          (d.periodEndYear !== undefined
            ? `统计期限“${d.periodText}”起于 ${d.periodYear} 年、止于 ${d.periodEndYear} 年`
            : `统计期限“${d.periodText}”为 ${d.periodYear} 年`),
        d.openingYear !== undefined && `正文开头“${d.openingText}”为 ${d.openingYear} 年`,
      ].filter(Boolean);
      return `报告年度前后不一致：${parts.join('；')}。请核对是否沿用了其他年度报告的文字`;
    },
    en: (o) => {
      const d = o.data;
      const parts = [
        d.titleYear !== undefined && `the title “${d.titleText}” says ${d.titleYear}`,
        d.periodYear !== undefined &&
          (d.periodEndYear !== undefined
            ? `the 统计期限 sentence “${d.periodText}” runs from ${d.periodYear} to ${d.periodEndYear}`
            : `the 统计期限 sentence “${d.periodText}” says ${d.periodYear}`),
        d.openingYear !== undefined && `the opening “${d.openingText}” says ${d.openingYear}`,
      ].filter(Boolean);
      return `The report's year is stated inconsistently: ${parts.join('; ')}. Check for text carried over from another year's report`;
    },
  },
};
