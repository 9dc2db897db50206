// Two consecutive years of one agency for the cross-year rule tests.
import type { Format } from '../../lib/keys';
import type { Report } from '../../lib/schema';
import type { PreviousReport, Rule } from '../../lib/rules/support/types';
import { realistic } from './support';

export const PREV_URL = 'http://www.sample.gov.cn/gknb/2021.html';

export function previous(format: Format, cells: Record<string, number | string> = {}, renamed = false): PreviousReport {
  const report: Report = { ...realistic(format, cells, { year: format === '2021' ? 2021 : 2019 }), url: PREV_URL };
  return { report, source: PREV_URL, renamed };
}

export function current(format: Format, cells: Record<string, number | string> = {}, year?: number): Report {
  return { ...realistic(format, cells, { year: year ?? (format === '2021' ? 2022 : 2020) }), url: 'http://www.sample.gov.cn/gknb/2022.html' };
}

export const failedWith = (rule: Rule, report: Report, prev: PreviousReport) => rule.check(report, { previous: prev }).filter((o) => o.status === 'failed');
