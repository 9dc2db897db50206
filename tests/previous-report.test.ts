// "获取上一年度报告" in the core: which links are followed (the real 沂源 page's related
// links, the real 平潭 breadcrumb to its report list), that every fetched page is verified
// before use, and that the number of pages fetched is bounded and same-origin only.

import { describe, expect, it, vi } from 'vitest';
import { withPrevious } from '../lib/check';
import { findPreviousReport, previousYearLinks, reportListLinks, sameOriginPage, type FetchPage } from '../lib/previous-report';
import { readPage } from '../lib/read';
import type { Report } from '../lib/schema';
import { consolidatedPage } from '../toolkit/consolidated';
import { docFromHtml, fixtureHtml } from '../toolkit/dom';

const YIYUAN_URL = 'http://www.yiyuan.gov.cn/gongkai/site_yysfj/channel_c_5f9fa49920f6a5e3bd6c45ac_n_1605685087.6624/doc_61ef8c5b2c2bbc8c1a7c3a53.html';
const PT_DIR = 'http://www.pingtan.gov.cn/zwgk/zfxxgk/gknb/';
const PT_2024 = `${PT_DIR}202401/t20240131_1.htm`;
const PT_2023 = `${PT_DIR}202301/t20230130_2.htm`;

const read = (name: string) => docFromHtml(fixtureHtml(name));
const reportOf = (doc: Document): Report => readPage(doc).report!;

/** A TRS-style column list of report links. */
const listPage = (links: [text: string, href: string][]) =>
  docFromHtml(
    `<html><head><title>政府信息公开年报</title></head><body><div class="list"><ul>${links.map(([t, h]) => `<li><a href="${h}" target="_blank">${t}</a><span>2024-01-31</span></li>`).join('')}</ul></div></body></html>`,
  );

/** A fetch that serves fixed pages and records every address asked for. */
function fakeSite(pages: Record<string, () => Document>): FetchPage & { asked: string[] } {
  const asked: string[] = [];
  const f = (async (url: string) => {
    asked.push(url);
    return pages[url]?.() ?? null;
  }) as FetchPage & { asked: string[] };
  f.asked = asked;
  return f;
}

describe('links to the report of the year before', () => {
  it('on the real 沂源 2021 page: its own 2020 report, not another bureau’s or another year’s', () => {
    const doc = read('seed-000-yiyuan-2021.html');
    const links = previousYearLinks(doc, reportOf(doc), YIYUAN_URL);
    expect(links).toEqual([new URL('../202101/t20210126_5437811.html', YIYUAN_URL).href]);
  });

  it('on the real 平潭 page: the breadcrumb 政府信息公开年报, then the page’s folder', () => {
    const doc = read('pingtan-2024.html');
    expect(reportListLinks(doc, PT_2024)).toEqual([new URL('../', PT_2024).href, new URL('./', PT_2024).href]);
  });

  it('keeps same-origin web pages only', () => {
    expect(sameOriginPage('../a.html', PT_2024)).toBe(`${PT_DIR}a.html`);
    expect(sameOriginPage('a.html#top', PT_2024)).toBe(`${PT_DIR}202401/a.html`);
    expect(sameOriginPage('http://evil.example/a.html', PT_2024)).toBeNull();
    expect(sameOriginPage('https://www.pingtan.gov.cn/a.html', PT_2024)).toBeNull(); // another scheme is another origin
    expect(sameOriginPage('javascript:alert(1)', PT_2024)).toBeNull();
    expect(sameOriginPage('/files/2023年报.pdf', PT_2024)).toBeNull();
    expect(sameOriginPage(null, PT_2024)).toBeNull();
  });

  it('orders links naming the agency before links naming none, and drops other agencies', () => {
    const current = reportOf(read('pingtan-2024.html'));
    const list = listPage([
      ['2023年度报告', 'a.htm'],
      ['平潭综合实验区公安局2023年政府信息公开工作年度报告', 'b.htm'],
      ['平潭综合实验区2023年政府信息公开工作年度报告', 'c.htm'],
      ['平潭综合实验区2022年政府信息公开工作年度报告', 'd.htm'],
      ['平潭综合实验区2023年政府信息公开工作年度报告', 'http://other.gov.cn/c.htm'],
    ]);
    expect(previousYearLinks(list, current, PT_DIR)).toEqual([`${PT_DIR}c.htm`, `${PT_DIR}a.htm`]);
  });
});

describe('finding and verifying the report of the year before', () => {
  it('平潭 2024: the list behind the breadcrumb leads to 2023, which is read and gives the real stock warning', async () => {
    const doc = read('pingtan-2024.html');
    const current = reportOf(doc);
    const list = new URL('../', PT_2024).href;
    const site = fakeSite({
      [list]: () => listPage([['平潭综合实验区2023年政府信息公开工作年度报告', '202301/t20230130_2.htm']]),
      [PT_2023]: () => read('pingtan-2023.html'),
    });
    const search = await findPreviousReport(doc, current, PT_2024, site);
    expect(search.reason).toBe('found');
    expect(search.found?.url).toBe(PT_2023);
    expect(search.found?.check.reading.report.year).toBe(2023);
    expect(search.found?.check.reading.report.url).toBe(PT_2023);
    expect(site.asked).toEqual([list, PT_2023]);

    const cross = withPrevious({ findings: [], passed: [], incomplete: [] }, current, {
      report: search.found!.check.reading.report,
      source: PT_2023,
      renamed: false,
    });
    expect(cross.findings.find((f) => f.ruleId === 'crossYear.inForceStock')?.equation).toContain('470 + 62 − 33 = 499');
  });

  it('never uses a page that is not the same agency’s report of the year before', async () => {
    const doc = read('pingtan-2024.html');
    const list = new URL('../', PT_2024).href;
    const site = fakeSite({
      [list]: () =>
        listPage([
          ['平潭综合实验区2023年政府信息公开工作年度报告', 'x.htm'], // really the 沂源 page
          ['2023年度报告', 'y.htm'], // really the 2024 page again
          ['2023年年报', 'z.htm'], // a news page
        ]),
      [`${PT_DIR}x.htm`]: () => read('seed-000-yiyuan-2021.html'),
      [`${PT_DIR}y.htm`]: () => read('pingtan-2024.html'),
      [`${PT_DIR}z.htm`]: () => read('negative-news.html'),
    });
    const search = await findPreviousReport(doc, reportOf(doc), PT_2024, site);
    expect(search.found).toBeNull();
    expect(search.reason).toBe('notFound');
    expect(site.asked).toEqual([list, `${PT_DIR}x.htm`, `${PT_DIR}y.htm`, `${PT_DIR}z.htm`, new URL('./', PT_2024).href]);
  });

  it('on a fetched page holding several reports, takes the agency’s own, not the first', async () => {
    const doc = read('pingtan-2024.html');
    const list = new URL('../', PT_2024).href;
    const all2023 = `${PT_DIR}202301/all.htm`;
    const site = fakeSite({
      [list]: () => listPage([['2023年政府信息公开工作年度报告', '202301/all.htm']]),
      [all2023]: () =>
        docFromHtml(
          consolidatedPage({
            n: 3,
            overrides: [
              { agency: '平潭综合实验区财政局', figures: 'pingtan-2023' },
              { agency: '平潭综合实验区', figures: 'pingtan-2023' },
              { agency: '平潭综合实验区教育局', figures: 'pingtan-2023' },
            ],
          }).html,
        ),
    });
    const search = await findPreviousReport(doc, reportOf(doc), PT_2024, site);
    expect(search.reason).toBe('found');
    expect(search.found?.url).toBe(all2023);
    expect(search.found?.check.reading.report.agency).toBe('平潭综合实验区');
    expect(search.found?.check.reading.report.year).toBe(2023);
    expect(search.found?.check.reading.section?.index).toBe(1);
  });

  it('fetches a bounded number of pages, and a failing fetch is only a page not had', async () => {
    const doc = read('pingtan-2024.html');
    const list = new URL('../', PT_2024).href;
    const many = Array.from({ length: 30 }, (_, i) => ['2023年度报告', `r${i}.htm`] as [string, string]);
    const fetchPage = vi.fn(async (url: string) => {
      if (url === list) return listPage(many);
      throw new Error('network down');
    });
    const search = await findPreviousReport(doc, reportOf(doc), PT_2024, fetchPage);
    expect(search.found).toBeNull();
    expect(fetchPage).toHaveBeenCalledTimes(1 + 4);
    expect(search.tried.every((u) => u.startsWith('http://www.pingtan.gov.cn/'))).toBe(true);
  });

  it('says why it cannot look: no year, no agency', async () => {
    const doc = read('pingtan-2024.html');
    const current = reportOf(doc);
    const never = vi.fn(async () => null);
    expect((await findPreviousReport(doc, { ...current, year: null }, PT_2024, never)).reason).toBe('noYear');
    expect((await findPreviousReport(doc, { ...current, agency: null }, PT_2024, never)).reason).toBe('noAgency');
    expect(never).not.toHaveBeenCalled();
  });
});
