import type { Outcome, Rule } from './support/types';

/** Reports for 2021 onward must use the 2021 format (国办公开办函〔2021〕30号); 2019/2020 reports the 2019 trial format. */
export const formatOutdatedTemplate: Rule = {
  id: 'format.outdatedTemplate',
  severity: 'warning',
  tags: ['format'],
  description: {
    zh: '2021 年度及以后的报告应使用国办公开办函〔2021〕30号格式',
    en: 'Reports for 2021 onward must use the 2021 format (国办公开办函〔2021〕30号)',
  },
  check(report): Outcome[] {
    if (report.year === null || report.formatSource === 'year') return [];
    const scope = 'template';
    if (report.year >= 2021 && report.format === '2019')
      return [{ scope, status: 'failed', cells: [], data: { year: report.year, format: report.format, expectedFormat: '2021' } }];
    if (report.year <= 2020 && report.format === '2021')
      // not possible for a report published on time; maybe republished later
      return [{ scope, status: 'failed', cells: [], severity: 'info', data: { year: report.year, format: report.format, expectedFormat: '2019' } }];
    return [{ scope, status: 'passed', cells: [], data: {} }];
  },
  message: {
    zh: (o) => `${o.data.year} 年度报告使用了 ${o.data.format} 年格式的表格，应为 ${o.data.expectedFormat} 年格式`,
    en: (o) => `The ${o.data.year} report uses the ${o.data.format} table format; the ${o.data.expectedFormat} format is expected`,
  },
};
