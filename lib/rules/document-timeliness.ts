import { bodyKind, dayOf, statedYears, yearsOf } from './support/document';
import type { Outcome, Rule } from './support/types';

/** Reports on 2019 onward fall under the revised 条例 (in force 2019-05-15); the old one allowed until 3月31日 for everyone. */
const FIRST_YEAR = 2019;

/**
 * 《政府信息公开条例》(2019) 第四十九条: 县级以上人民政府部门 publish the previous year's
 * report by 1月31日, 县级以上地方人民政府 (through their 主管部门) by 3月31日. The page's
 * date may be a re-posting or update date, so this is a note, worded to allow that. A
 * date before the reporting year is over is noted as suspicious. Nothing is said when
 * the year is in doubt (the title and the text disagree), the date cannot be read, the
 * report is one of several on a compilation page, or the title does not tell which
 * deadline applies (lib/rules/support/document.ts).
 */
export const documentTimeliness: Rule = {
  id: 'document.timeliness',
  severity: 'info',
  tags: ['document'],
  description: {
    zh: '年度报告应按时公布（《政府信息公开条例》第四十九条：县级以上人民政府部门于次年1月31日前，县级以上地方人民政府于次年3月31日前；2018年度及以前的报告不判断）',
    en: 'The report must be published on time (条例 art. 49: government departments by 31 January of the following year, local governments by 31 March; reports for 2018 and earlier are not judged)',
  },
  check(report): Outcome[] {
    const year = report.year;
    const day = dayOf(report.pubDate);
    if (year === null || year < FIRST_YEAR || day === null) return [];
    if (yearsOf(statedYears(report)).some((y) => y !== year)) return [];
    // a compilation's date says when the page appeared, not when each body published its report
    if (report.document?.consolidated) return [];
    // reports read before the source was kept had only meta dates
    const source = report.document?.pubDateSource ?? 'meta';
    const next = year + 1;
    if (day < `${next}-01-01`) return [{ scope: 'beforeYearEnd', status: 'failed', cells: [], data: { date: day, year, source } }];
    const kind = bodyKind(report.title);
    if (kind === null) return [];
    const month = kind === 'department' ? 1 : 3;
    const deadline = `${next}-0${month}-31`;
    const data = { date: day, year, next, month, kind, source };
    return [{ scope: 'deadline', status: day > deadline ? 'failed' : 'passed', cells: [], data }];
  },
  message: {
    zh: (o) => {
      const d = o.data;
      const shown = d.source === 'page' ? '页面显示的发布日期' : '页面元数据中的发布日期';
      if (o.scope === 'beforeYearEnd') return `${shown} ${d.date} 早于报告年度（${d.year} 年）结束，发布日期或报告年度可能有误`;
      const rule =
        d.kind === 'department'
          ? '县级以上人民政府部门应于每年 1 月 31 日前公布上一年度报告'
          : '县级以上地方人民政府应于每年 3 月 31 日前公布上一年度报告，其部门应于 1 月 31 日前';
      return `${shown} ${d.date} 晚于 ${d.next} 年 ${d.month} 月 31 日（《政府信息公开条例》第四十九条：${rule}）；如为转载或更新日期可忽略`;
    },
    en: (o) => {
      const d = o.data;
      const shown = d.source === 'page' ? 'The publication date shown on the page' : "The publication date in the page's metadata";
      if (o.scope === 'beforeYearEnd') return `${shown}, ${d.date}, is before the end of the reporting year ${d.year}: the date or the year may be wrong`;
      const rule =
        d.kind === 'department'
          ? 'government departments publish the previous year’s report by 31 January'
          : 'local governments publish the previous year’s report by 31 March, their departments by 31 January';
      const deadline = `${d.month === 1 ? '31 January' : '31 March'} ${d.next}`;
      return `${shown}, ${d.date}, is after ${deadline} (条例 art. 49: ${rule}); ignore this if it is the date of a re-posting or an update`;
    },
  },
};
