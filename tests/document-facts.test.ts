// What a page says about the report's year and publication date (lib/document-facts.ts,
// documentFacts): real wordings read, other years in the text left alone.

import { describe, expect, it } from 'vitest';
import { documentFacts, sectionDocument } from '../lib/document-facts';
import { readOpening, readPeriod, shownDate } from '../lib/document-facts';
import { docFromHtml } from '../toolkit/dom';

describe('the 统计期限 sentence', () => {
  it.each<[string, number, number | null]>([
    ['本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。', 2023, 2023], // Pingtan 2023
    ['本报告所列数据统计期限为2024年1月1日至2024年12月31日。', 2024, 2024], // Pingtan 2024
    ['报告中所列数据的统计时限自2021年1月1日至2021年12月31日。', 2021, 2021], // seed 000
    ['本报告中所列数据的统计限自 2021 年 1 月 1 日至 2021 年 12 月 31 日止。', 2021, 2021], // seed 001
    ['本报告中所列数据的统计期限自 2022 年 1 月 1 日起至 2022 年 12 月 31 日止。', 2022, 2022], // seed 002
    ['本报告所列数据的统计期限为2023年1月1日至12月31日。', 2023, null],
    ['本报告所列数据的统计时间为2023年1月1日—2023年12月31日。', 2023, 2023],
    ['本报告统计数据的期限为2022年01月01日到2022年12月31日。', 2022, 2022],
    ['本报告所列数据统计期限为2023年1月至12月。', 2023, null],
    ['本报告所列数据的统计期限为2023年度。', 2023, null],
    ['本报告中所列数据的统计期限自2022年1月1日起至2023年12月31日止。', 2022, 2023],
  ])('reads %s', (line, year, endYear) => {
    expect(readPeriod(['一段无关的文字。', `本报告根据《条例》编制。${line}本报告电子版可在网站下载。`])).toEqual({ year, endYear, text: line });
  });

  it.each([
    '据统计，2022年1月1日以来共收到申请5件。',
    '本报告中所列数据的统计期限自2019年5月15日至2019年12月31日止。',
    '2023年1月1日至2023年12月31日，共收到申请12件。',
    '较2022年增长10%，国办公开办函〔2021〕30号，2019年修订的《条例》。',
  ])('reads nothing in %s', (line) => expect(readPeriod([line])).toBeNull());

  it('cuts a long sentence around the period', () => {
    const long = `${'本报告由总体情况、主动公开政府信息情况等部分组成'.repeat(6)}，本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。`;
    const p = readPeriod([long])!;
    expect(p.text.length).toBeLessThanOrEqual(120);
    expect(p.text).toContain('统计期限自2023年1月1日起至2023年12月31日止');
  });
});

describe('the opening', () => {
  it.each([
    ['现将2023年度政府信息公开工作年度报告公布如下。', 2023],
    ['根据《条例》规定，现将本机关2023年政府信息公开工作情况报告如下：', 2023],
    ['根据《条例》要求，特编制本机关2023年度政府信息公开工作年度报告。', 2023],
    ['2021 年度报告根据新修订《中华人民共和国政府信息公开条例》（以下简称《条例》）的要求，由乐清市司法局编制而成，并向社会公布。', 2021], // seed 001
  ])('reads %s', (line, year) => {
    expect(readOpening([line, '一、总体情况', '现将2020年度报告指出问题的整改情况报告如下。'])).toEqual({ year, text: line });
  });

  it.each([
    ['another year compared', ['2023年，共收到申请12件，较2022年度增加3件。']],
    ['last year’s report in part 五', ['本报告根据《条例》编制。', '一、总体情况', '现将2022年度报告指出问题的整改情况报告如下。']],
    [
      'a part 五 sentence in a page without paragraph breaks',
      ['本报告根据《条例》编制。一、总体情况 2023年，我局……现将2022年度报告指出问题的整改情况报告如下。'],
    ],
    ['the circular’s year', ['根据国办公开办函〔2021〕30号要求，编制本年度报告。']],
    ['the title line', ['沂源县司法局2021年政府信息公开工作年度报告']],
  ])('reads nothing in %s', (_, lines) => expect(readOpening(lines)).toBeNull());
});

const page = (head: string, body: string) => docFromHtml(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`);
const TITLE = '清河县民政局2023年政府信息公开工作年度报告';

describe('the date shown near the title', () => {
  it.each([
    ['发布时间：2024-01-25 09:30', '2024-01-25 09:30'],
    ['发布日期：2024年01月25日', '2024-01-25'],
    ['来源：清河县民政局 时间：2024-01-25 09:30', '2024-01-25 09:30'],
    ['发布日期：2024/1/5 来源：本站', '2024-01-05'],
  ])('reads %s', (info, date) => {
    const doc = page('', `<div class="nav">2024年3月2日 星期六</div><h1>${TITLE}</h1><div class="info">${info}</div><div class="article"><p>正文</p></div>`);
    expect(shownDate(doc, TITLE)).toBe(date);
  });

  it('reads an info table above the title (索引号 … 发布日期)', () => {
    const doc = page(
      '',
      `<table><tr><td>索引号：001/2024-1</td><td>生成日期：2024-01-20</td><td>发布日期：2024-01-22</td></tr></table><h1>${TITLE}</h1><p>正文</p>`,
    );
    expect(shownDate(doc, TITLE)).toBe('2024-01-22');
  });

  it.each([
    ['an unlabelled header date', `<div>2024年3月2日 星期六</div><h1>${TITLE}</h1><p>正文</p>`],
    ['other labelled dates', `<h1>${TITLE}</h1><p>成文日期：2024-01-20 更新时间：2024-02-01 统计时间：2023年1月1日</p>`],
    ['a date far from the title', `<h1>${TITLE}</h1><p>${'正文'.repeat(120)}</p><p>发布时间：2024-01-25</p>`],
    ['a title not printed on the page', `<h1>工作动态</h1><p>发布时间：2024-01-25</p>`],
  ])('reads nothing with %s', (_, body) => expect(shownDate(page('', body), TITLE)).toBeNull());
});

describe('documentFacts', () => {
  const body = `<h1>${TITLE}</h1><div class="info">发布时间：2024-01-25 09:30</div><div class="article"><p>现将2023年度政府信息公开工作年度报告公布如下。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。</p><p>一、总体情况</p></div>`;
  const facts = (head: string, b = body) => {
    const doc = page(head, b);
    return documentFacts(doc, doc.querySelector('.article'), TITLE);
  };

  it('keeps the meta date first and records where the date came from', () => {
    const f = facts('<meta name="PubDate" content="2024-01-26 10:00">');
    expect([f.pubDate, f.document.pubDateSource]).toEqual(['2024-01-26 10:00', 'meta']);
    const g = facts('');
    expect([g.pubDate, g.document.pubDateSource]).toEqual(['2024-01-25 09:30', 'page']);
    const h = facts('', body.replace('发布时间：2024-01-25 09:30', ''));
    expect([h.pubDate, h.document.pubDateSource]).toEqual([null, null]);
  });

  it('states the years of the title, the 统计期限 and the opening', () => {
    expect(facts('').document).toEqual({
      titleYear: 2023,
      period: { year: 2023, endYear: 2023, text: '本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。' },
      opening: { year: 2023, text: '现将2023年度政府信息公开工作年度报告公布如下。' },
      pubDateSource: 'page',
    });
  });

  it('has no title year when the page’s titles name different years', () => {
    expect(facts(`<title>清河县民政局2022年政府信息公开工作年度报告</title>`).document.titleYear).toBeNull();
    expect(facts(`<title>${TITLE}_清河县人民政府</title>`).document.titleYear).toBe(2023);
  });

  it('gives each report of a consolidated page its own heading year and text', () => {
    const pageInfo = facts('').document;
    expect(sectionDocument(pageInfo, '清河县商务局2023年政府信息公开工作年度报告', ['本报告所列数据统计期限为2023年1月1日至2023年12月31日。'])).toMatchObject({
      titleYear: 2023,
      period: { year: 2023 },
      opening: null,
      pubDateSource: 'page',
      consolidated: true,
    });
    expect(sectionDocument(pageInfo, null, ['统计期限为2022年1月1日至2022年12月31日。'])).toEqual({
      titleYear: null,
      period: null,
      opening: null,
      pubDateSource: 'page',
      consolidated: true,
    });
  });
});
