import { describe, expect, it } from 'vitest';
import { checkDocument, checkDocumentReports } from '../../lib/check';
import { documentYearAgreement as rule } from '../../lib/rules/document-year-agreement';
import type { DocumentInfo, Report } from '../../lib/schema';
import { consolidatedPage } from '../../toolkit/consolidated';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';
import { expectMessages, failed, findingsOf, onlyFailure, outcomes, realistic } from './support';

const PINGTAN_PERIOD = '本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。';
const TITLE = '平潭综合实验区2023年度政府信息公开工作年度报告';

/** The realistic 2023 report with what its page says about its year. */
const report = (document: Partial<DocumentInfo>, title = TITLE): Report => ({
  ...realistic('2021', {}, { year: 2023 }),
  title,
  document: { titleYear: 2023, period: null, opening: null, pubDateSource: 'meta', ...document },
});
const period = (text: string, year: number, endYear: number | null = year) => ({ period: { year, endYear, text } });

describe('document.yearAgreement', () => {
  it('passes when the title and the 统计期限 name the same year (Pingtan 2023)', () => {
    expect(rule.check(report(period(PINGTAN_PERIOD, 2023)))).toEqual([expect.objectContaining({ status: 'passed', data: { year: 2023 } })]);
  });

  it('passes title, period and opening in agreement (seed 001 wording)', () => {
    const r = report({
      ...period('本报告中所列数据的统计限自 2021 年 1 月 1 日至 2021 年 12 月 31 日止。', 2021),
      titleYear: 2021,
      opening: {
        year: 2021,
        text: '2021 年度报告根据新修订《中华人民共和国政府信息公开条例》（以下简称《条例》）的要求，由乐清市司法局编制而成，并向社会公布。',
      },
    });
    expect(failed(rule, r)).toEqual([]);
    expect(outcomes(rule, r, 'passed')).toHaveLength(1);
  });

  it('warns when the 统计期限 was left at last year, quoting both texts', () => {
    const text = '本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。';
    const o = onlyFailure(rule, report(period(text, 2022)));
    expect(o.severity ?? rule.severity).toBe('warning');
    const { zh, en } = expectMessages(rule, o, TITLE, text, 2023, 2022);
    expect(zh).toBe(`报告年度前后不一致：标题“${TITLE}”为 2023 年；统计期限“${text}”为 2022 年。请核对是否沿用了其他年度报告的文字`);
    expect(en).toContain('the 统计期限 sentence');
  });

  it('warns when the opening names another year than the title and the period', () => {
    const opening = '现将2022年度政府信息公开工作年度报告公布如下。';
    const o = onlyFailure(rule, report({ ...period(PINGTAN_PERIOD, 2023), opening: { year: 2022, text: opening } }));
    const { zh } = expectMessages(rule, o, opening, 2022, 2023);
    expect(zh).toContain(`正文开头“${opening}”为 2022 年`);
  });

  it('warns about a period that starts and ends in different years, even alone', () => {
    const text = '本报告所列数据统计期限为2023年1月1日至2022年12月31日。';
    const o = onlyFailure(rule, report({ titleYear: null, ...period(text, 2023, 2022) }));
    const { zh } = expectMessages(rule, o, text, 2023, 2022);
    expect(zh).toContain('起于 2023 年、止于 2022 年');
  });

  it.each<[string, Partial<DocumentInfo>]>([
    ['only the title names a year', {}],
    ['only the period names one (the titles disagree)', { titleYear: null, ...period(PINGTAN_PERIOD, 2023) }],
    ['the period has no end year', { titleYear: null, ...period('统计期限为2023年1月1日至12月31日。', 2023, null) }],
  ])('says nothing when %s', (_, document) => {
    expect(rule.check(report(document))).toEqual([]);
  });

  it('says nothing for a report read before the document facts were kept', () => {
    const { document: _, ...old } = report(period('统计期限自2022年1月1日起至2022年12月31日止。', 2022));
    expect(rule.check(old)).toEqual([]);
  });
});

describe('document.yearAgreement on real pages', () => {
  const check = (html: string) => checkDocument(docFromHtml(html)).findings.filter((f) => f.ruleId === rule.id);

  it.each([
    'pingtan-2023.html',
    'pingtan-2024.html',
    'seed-000-yiyuan-2021.html',
    'seed-001-yueqing-2021.html',
    'seed-002-litong-2022.html',
    'shanghai-2019-style.html',
  ])('raises nothing on %s', (name) => expect(check(fixtureHtml(name))).toEqual([]));

  it('finds a 统计期限 copied from last year on the Pingtan 2023 page', () => {
    const html = fixtureHtml('pingtan-2023.html');
    expect(html).toContain('统计期限自2023年1月1日起至2023年12月31日止');
    const [f, ...rest] = check(html.replace('统计期限自2023年1月1日起至2023年12月31日止', '统计期限自2022年1月1日起至2022年12月31日止'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'document.yearAgreement:year', severity: 'warning', cells: [] });
    expect(f!.message).toBe(
      `报告年度前后不一致：标题“${TITLE}”为 2023 年；统计期限“本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。”为 2022 年。请核对是否沿用了其他年度报告的文字`,
    );
  });

  it('finds an opening that names another year (seed 001 page)', () => {
    const html = fixtureHtml('seed-001-yueqing-2021.html');
    const changed = html.replace(/2021(\s*)年度报告根据新修订/, '2020$1年度报告根据新修订');
    expect(changed).not.toBe(html);
    const [f] = check(changed);
    expect(f?.message).toContain('为 2020 年');
    expect(f?.message).toContain('统计期限“本报告中所列数据的统计限自 2021 年 1 月 1 日至 2021 年 12 月 31 日止。”为 2021 年');
  });

  it('compares each report of a compilation page with its own heading (sections on 2023, 2024, 2021)', () => {
    const { html } = consolidatedPage({ n: 3 });
    const ours = (h: string) => checkDocumentReports(docFromHtml(h)).map((c) => c.findings.filter((f) => f.ruleId === rule.id).map((f) => f.message));
    expect(ours(html)).toEqual([[], [], []]);
    const changed = html.replace('统计期限自2024年1月1日起至2024年12月31日止', '统计期限自2023年1月1日起至2023年12月31日止');
    expect(changed).not.toBe(html);
    const [first, second, third] = ours(changed);
    expect([first, third]).toEqual([[], []]);
    expect(second).toHaveLength(1);
    expect(second![0]).toMatch(
      /^报告年度前后不一致：标题“.*2024年度政府信息公开工作年度报告”为 2024 年；统计期限“.*2023年1月1日起至2023年12月31日止。”为 2023 年/,
    );
  });

  it('is a warning through runRules', () => {
    expect(findingsOf(report(period('统计期限自2022年1月1日起至2022年12月31日止。', 2022)), rule.id).map((f) => f.severity)).toEqual(['warning']);
  });
});
