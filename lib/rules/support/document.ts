// Shared by the document rules (report-format.md §2.7): the reporting year as the
// title and text state it (Report['document'], read by lib/document-facts.ts), the
// publication day, and what kind of body the title names. Plain functions of the
// report, so the popup can import the rule list without the page reader.

import type { Report } from '../../schema';

export interface StatedYears {
  title?: { year: number; text: string };
  period?: { year: number; endYear: number | null; text: string };
  opening?: { year: number; text: string };
}

/** The statements of the reporting year the report carries (none for reports read before they were kept). */
export function statedYears(report: Report): StatedYears {
  const d = report.document;
  if (!d) return {};
  return {
    ...(d.titleYear !== null && { title: { year: d.titleYear, text: report.title } }),
    ...(d.period && { period: d.period }),
    ...(d.opening && { opening: d.opening }),
  };
}

/** Every year those statements name. */
export function yearsOf(s: StatedYears): number[] {
  return [s.title?.year, s.period?.year, s.period?.endYear, s.opening?.year].filter((y): y is number => typeof y === 'number');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day of a date as metas and pages write it (2024-03-08 15:34, 2021-09-29-16:20:00, 2024年1月5日), as YYYY-MM-DD. */
export function dayOf(date: string | null | undefined): string | null {
  const m = DATE.exec(date ?? '');
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? `${y}-${pad(mo)}-${pad(d)}` : null;
}

/**
 * Which deadline of 《政府信息公开条例》第四十九条 a report falls under, from the body its
 * title names: `department` (县级以上人民政府部门, 1月31日), `government` (县级以上地方人民政府,
 * 3月31日; also the later deadline for names that could be either — 政府办公室, 管委会, a
 * bare region name such as 平潭综合实验区 — since a report after it is late under both),
 * or null where the article does not apply or the name does not tell (乡镇, 街道, party
 * organs, universities, hospitals, companies, no name in the title).
 */
const DATE = /^\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/;
const YEAR = /(?:19|20)\d{2}\s*年/;
const INFO = /信\s*息\s*公\s*开/;
const NOT_APPLICABLE = /^(?:中共|中国共产党)|[乡镇]$|[乡镇](?:人民)?政府|街道|社区|村民|居民|[省市县区州旗]委(?:[^员会]{0,6}(?:部|办公室|办))?$/;
const GOVERNMENT = /(?:政府(?:办公室|办公厅|办)?|[省市县区州旗盟])$|管委会|管理委员会/;
const DEPARTMENT = /(?:局|厅|委员会|委|办公室|办|署|部)$/;

/** The patterns run on a report's title and dates (page text), for tests/hardening/regex.test.ts. */
export const pageTextPatterns = (): RegExp[] => [DATE, YEAR, INFO, NOT_APPLICABLE, GOVERNMENT, DEPARTMENT];

/**
 * What a report's title names before its year: the text before the first 〈year〉年 that is
 * followed by 信息公开 and then 报告/年报 (each looked for once, left to right: no pattern
 * here can backtrack over a long title, SEC-5); '' when the title is not a report's.
 */
function titleName(title: string): string {
  const year = YEAR.exec(title);
  if (!year) return '';
  const info = new RegExp(INFO.source, 'g');
  info.lastIndex = year.index + year[0].length;
  const found = info.exec(title);
  if (!found) return '';
  const after = found.index + found[0].length;
  return title.indexOf('报告', after) >= 0 || title.indexOf('年报', after) >= 0 ? title.slice(0, year.index) : '';
}

export function bodyKind(title: string): 'department' | 'government' | null {
  const name = titleName(title)
    .replace(/[\s《》"“”]/g, '')
    .replace(/关于$/, '');
  if (name.length < 2) return null;
  if (NOT_APPLICABLE.test(name)) return null;
  if (GOVERNMENT.test(name)) return 'government';
  if (DEPARTMENT.test(name)) return 'department';
  return null;
}
