import { describe, expect, it } from 'vitest';
import { checkDocument, checkDocumentReports } from '../../lib/check';
import { bodyKind } from '../../lib/rules/support/document';
import { documentTimeliness as rule } from '../../lib/rules/document-timeliness';
import type { DocumentInfo, Report } from '../../lib/schema';
import { consolidatedPage } from '../../toolkit/consolidated';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';
import { expectMessages, findingsOf, onlyFailure, outcomes, realistic } from './support';

/** A realistic report with a title, a year and a publication date from the given source. */
const report = (
  title: string,
  year: number,
  pubDate: string | null,
  source: DocumentInfo['pubDateSource'] = 'meta',
  document: Partial<DocumentInfo> = {},
): Report => ({
  ...realistic('2021', {}, { year }),
  title,
  year,
  pubDate,
  document: { titleYear: year, period: null, opening: null, pubDateSource: source, ...document },
});
const DEPARTMENT = '沂源县司法局2021年政府信息公开工作年度报告';
const GOVERNMENT = '平潭综合实验区2023年度政府信息公开工作年度报告';

describe('document.timeliness', () => {
  it.each([
    ['a department on 31 January', DEPARTMENT, 2021, '2022-01-31 18:00'],
    ['a department in January (seed 000)', DEPARTMENT, 2021, '2022-01-25 15:20'],
    ['Pingtan 2023 on 8 March (a zone government: 31 March)', GOVERNMENT, 2023, '2024-03-08 15:34'],
    ['a county government on 31 March', '清河县人民政府2022年政府信息公开工作年度报告', 2022, '2023-03-31'],
  ])('passes %s', (_, title, year, date) => {
    expect(rule.check(report(title, year, date))).toEqual([expect.objectContaining({ status: 'passed', scope: 'deadline' })]);
  });

  it('notes a department report published after 31 January, allowing for a re-posting date', () => {
    const o = onlyFailure(rule, report(DEPARTMENT, 2021, '2022-02-08 09:00', 'page'));
    expect(o.severity ?? rule.severity).toBe('info');
    const { zh, en } = expectMessages(rule, o, '2022-02-08');
    expect(zh).toBe(
      '页面显示的发布日期 2022-02-08 晚于 2022 年 1 月 31 日（《政府信息公开条例》第四十九条：县级以上人民政府部门应于每年 1 月 31 日前公布上一年度报告）；如为转载或更新日期可忽略',
    );
    expect(en).toContain('31 January 2022');
    expect(en).toContain('re-posting');
  });

  it('notes a government report published after 31 March, naming the metadata as the source', () => {
    const o = onlyFailure(rule, report('清河县人民政府2022年政府信息公开工作年度报告', 2022, '2023-04-03 10:00'));
    const { zh } = expectMessages(rule, o, '2023-04-03', '31');
    expect(zh).toBe(
      '页面元数据中的发布日期 2023-04-03 晚于 2023 年 3 月 31 日（《政府信息公开条例》第四十九条：县级以上地方人民政府应于每年 3 月 31 日前公布上一年度报告，其部门应于 1 月 31 日前）；如为转载或更新日期可忽略',
    );
  });

  it('notes a date before the reporting year is over as suspicious, for any body', () => {
    const o = onlyFailure(rule, report('某某大学2023年信息公开工作年度报告', 2023, '2023-06-01'));
    expect(o.scope).toBe('beforeYearEnd');
    const { zh } = expectMessages(rule, o, '2023-06-01', 2023);
    expect(zh).toBe('页面元数据中的发布日期 2023-06-01 早于报告年度（2023 年）结束，发布日期或报告年度可能有误');
  });

  it.each<[string, Report]>([
    ['a report on 2018 (the old 条例)', report('清河县民政局2018年政府信息公开工作年度报告', 2018, '2019-03-30')],
    ['no publication date', report(DEPARTMENT, 2021, null)],
    ['an unreadable date', report(DEPARTMENT, 2021, '见附件')],
    ['a 镇 government (not in 第四十九条)', report('清河县连庄镇人民政府2021年政府信息公开工作年度报告', 2021, '2022-03-05')],
    ['a university (its own deadline)', report('某某大学2021年信息公开工作年度报告', 2021, '2022-10-20')],
    ['no body in the title', report('2021年度政府信息公开工作报告', 2021, '2022-03-05')],
    ['a report of a compilation page (the page’s date is not its own)', report(DEPARTMENT, 2021, '2024-01-31 17:30', 'meta', { consolidated: true })],
    [
      'the year in doubt (the 统计期限 says another)',
      report(DEPARTMENT, 2021, '2022-03-05', 'meta', { period: { year: 2020, endYear: 2020, text: '统计期限自2020年1月1日起至2020年12月31日止。' } }),
    ],
  ])('says nothing for %s', (_, r) => {
    expect(rule.check(r)).toEqual([]);
  });

  it('reads dates as metas and pages write them', () => {
    expect(outcomes(rule, report(DEPARTMENT, 2021, '2022-02-01-16:20:00'), 'failed')).toHaveLength(1);
    expect(outcomes(rule, report(DEPARTMENT, 2021, '2022年1月5日'), 'passed')).toHaveLength(1);
    expect(outcomes(rule, report(DEPARTMENT, 2021, '2022/2/1'), 'failed')).toHaveLength(1);
  });

  it('takes a report stored before the source was kept as dated by its meta', () => {
    const { document: _, ...old } = report(DEPARTMENT, 2021, '2022-02-08');
    expect(rule.message.zh(onlyFailure(rule, old))).toContain('页面元数据中的发布日期');
  });

  it('is an info finding through runRules', () => {
    expect(findingsOf(report(DEPARTMENT, 2021, '2022-02-08'), rule.id).map((f) => [f.id, f.severity])).toEqual([['document.timeliness:deadline', 'info']]);
  });
});

describe('which deadline a title falls under', () => {
  it.each([
    ['沂源县司法局2021年政府信息公开工作年度报告', 'department'],
    ['司法局 2020 年政府信息公开工作年度报告', 'department'],
    ['乐山市司法局2021年政府信息公开工作年度报告', 'department'],
    ['宁夏回族自治区发展和改革委员会2022年政府信息公开工作年度报告', 'department'],
    ['清河县乡村振兴局2022年政府信息公开工作年度报告', 'department'],
    ['国家税务总局清河县税务局2022年政府信息公开工作年度报告', 'department'],
    ['清河县人民政府2022年政府信息公开工作年度报告', 'government'],
    ['上海市人民政府办公厅2019年政府信息公开工作年度报告', 'government'],
    ['平潭综合实验区2023年度政府信息公开工作年度报告', 'government'],
    ['清河县2022年政府信息公开工作年度报告', 'government'],
    ['清河经济开发区管委会2022年政府信息公开工作年度报告', 'government'],
    ['清河县连庄镇人民政府2022年政府信息公开工作年度报告', null],
    ['清河县城关街道办事处2022年政府信息公开工作年度报告', null],
    ['中共清河县委宣传部2022年政府信息公开工作年度报告', null],
    ['某某大学2022年信息公开工作年度报告', null],
    ['清河县人民医院2022年信息公开工作年度报告', null],
    ['2022年度政府信息公开工作报告', null],
  ])('%s → %s', (title, kind) => expect(bodyKind(title)).toBe(kind));
});

describe('document.timeliness on real pages', () => {
  const check = (html: string) => {
    const { reading, findings, passed } = checkDocument(docFromHtml(html));
    return { report: reading.report!, findings: findings.filter((f) => f.ruleId === rule.id), passed: passed.filter((p) => p.ruleId === rule.id) };
  };

  // Known dates: Pingtan 2023 on 2024-03-08, 2024 on 2025-03-10 (a zone's consolidated report, due 31 March);
  // the seeds' departments in January.
  it.each([
    ['pingtan-2023.html', '2024-03-08 15:34'],
    ['pingtan-2024.html', '2025-03-10 15:35'],
    ['seed-000-yiyuan-2021.html', '2022-01-25 15:20'],
    ['seed-001-yueqing-2021.html', '2022-01-21 16:31'],
    ['seed-002-litong-2022.html', '2023-01-17 11:05:32'],
    ['seed-003-yuanzhou-2020.html', '2021-01-29'],
    ['shanghai-2019-style.html', '2020-01-21'],
  ])('finds %s published on time (%s)', (name, date) => {
    const { report, findings, passed } = check(fixtureHtml(name));
    expect([report.pubDate, report.document?.pubDateSource]).toEqual([date, 'meta']);
    expect(findings).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('judges no report of a compilation page by the page’s date', () => {
    // its sections are reports on 2020–2024 under one date, 2024-01-31
    const checks = checkDocumentReports(docFromHtml(consolidatedPage({ n: 7 }).html));
    expect(checks).toHaveLength(7);
    for (const { findings, passed } of checks) expect([...findings, ...passed].filter((x) => x.ruleId === rule.id)).toEqual([]);
  });

  it('reads the date shown under the title when the page has no date meta (seed 000)', () => {
    const html = fixtureHtml('seed-000-yiyuan-2021.html').replace(/<meta name="PubDate"[^>]*>/, '');
    const { report, passed } = check(html);
    expect([report.pubDate, report.document?.pubDateSource]).toEqual(['2022-01-25 15:20', 'page']);
    expect(passed).toHaveLength(1);
  });

  it('notes the Pingtan 2023 page dated after 31 March, from the page when the meta is gone', () => {
    const html = fixtureHtml('pingtan-2023.html')
      .replace(/<meta name="PubDate"[^>]*>/, '')
      .replace('时间：2024-03-08 15:34', '时间：2024-04-02 09:30');
    const { report, findings } = check(html);
    expect([report.pubDate, report.document?.pubDateSource]).toEqual(['2024-04-02 09:30', 'page']);
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'info',
        '页面显示的发布日期 2024-04-02 晚于 2024 年 3 月 31 日（《政府信息公开条例》第四十九条：县级以上地方人民政府应于每年 3 月 31 日前公布上一年度报告，其部门应于 1 月 31 日前）；如为转载或更新日期可忽略',
      ],
    ]);
  });
});
