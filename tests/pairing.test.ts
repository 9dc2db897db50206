import { describe, expect, it } from 'vitest';
import { normaliseAgency, previousReports, sameAgency } from '../lib/pairing';
import type { Report } from '../lib/schema';
import { makeReport } from './support/report';

const report = (agency: string | null, year: number, url: string | null = null): Report => ({ ...makeReport({ year }), agency, url });

describe('matching one agency across years', () => {
  it('normalises spacing and brackets', () => expect(normaliseAgency('乐清市 司法局（本级）')).toBe('乐清市司法局本级'));
  it.each([
    ['沂源县司法局', '沂源县 司法局', null, null, { renamed: false }],
    ['司法局', '固原市原州区司法局', 'http://a.gov.cn/1', 'http://a.gov.cn/2', { renamed: false }],
    ['司法局', '固原市原州区司法局', 'http://a.gov.cn/1', 'http://b.gov.cn/2', null],
    ['某县文化和旅游局', '某县文化广电和旅游局', 'http://x.gov.cn/a', 'http://x.gov.cn/b', { renamed: true }],
    ['某县文化和旅游局', '某县司法局', null, null, null],
    // a county site hosts every bureau's report: different bureaus must never pair
    ['某县财政局', '某县教育局', 'http://x.gov.cn/a', 'http://x.gov.cn/b', null],
    ['某县文化和旅游局', '某县教育和体育局', 'http://x.gov.cn/a', 'http://x.gov.cn/b', null],
  ])('%s ~ %s', (a, b, ua, ub, expected) => expect(sameAgency(report(a, 2021, ua), report(b, 2022, ub))).toEqual(expected));

  it('pairs consecutive years only, in either input order, exact names first', () => {
    const y21 = { report: report('沂源县司法局', 2021), source: '2021.html' };
    const y22 = { report: report('沂源县司法局', 2022), source: '2022.html' };
    const y24 = { report: report('沂源县司法局', 2024), source: '2024.html' };
    for (const items of [
      [y21, y22, y24],
      [y24, y22, y21],
    ]) {
      const pairs = previousReports(items);
      expect(pairs.get(y22)?.source).toBe('2021.html');
      expect(pairs.has(y21)).toBe(false);
      expect(pairs.has(y24)).toBe(false);
    }
  });

  it('pairs a name without an exact match within its own site only, the contained name before a rename', () => {
    const item = (agency: string, year: number, url: string) => ({ report: report(agency, year, url), source: url });
    const now = item('司法局', 2022, 'http://a.gov.cn/2022.html');
    const renamed = item('某县文化广电和旅游局', 2022, 'http://x.gov.cn/2022.html');
    const items = [
      item('固原市原州区司法局', 2021, 'http://b.gov.cn/2021.html'), // another site: never
      item('固原市原州区司法局', 2021, 'http://a.gov.cn/2021.html'),
      item('某县文化和旅游局', 2021, 'http://x.gov.cn/old.html'),
      item('某县财政局', 2021, 'http://x.gov.cn/fin.html'),
      now,
      renamed,
    ];
    const pairs = previousReports(items);
    expect(pairs.get(now)).toEqual({ report: items[1]!.report, source: 'http://a.gov.cn/2021.html', renamed: false });
    expect(pairs.get(renamed)).toEqual({ report: items[2]!.report, source: 'http://x.gov.cn/old.html', renamed: true });
  });
});

describe('pairing stays linear when the same report is saved many times (issue 16)', () => {
  const SITE = { host: 'www.x.gov.cn', domain: 'x.gov.cn' };
  /** `n` copies of one agency's 2023 and 2024 reports on one site (a crawl saved twice over, a folder of duplicates) */
  const copies = (n: number, later: string, earlier: string) => {
    const [before, after] = [report(earlier, 2023), report(later, 2024)];
    return Array.from({ length: n }, (_, i) => [
      // (the site given, as the extension gives it: the time is the pairing's, not parsing addresses)
      { report: { ...before, url: `http://www.x.gov.cn/2023-${i}.html` }, source: `2023-${i}`, site: SITE },
      { report: { ...after, url: `http://www.x.gov.cn/2024-${i}.html` }, source: `2024-${i}`, site: SITE },
    ]).flat();
  };
  const time = (items: ReturnType<typeof copies>) => {
    let best = Infinity;
    for (let run = 0; run < 5; run++) {
      const t0 = performance.now();
      previousReports(items);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };

  it.each([
    ['the same name', '沂源县司法局', '沂源县司法局'],
    ['a longer name on the same site', '沂源县司法局', '司法局'],
  ])('%s: ten times the copies cost about ten times as much, not a hundred times', (_, later, earlier) => {
    const small = copies(1_000, later, earlier);
    const large = copies(10_000, later, earlier);
    const pairs = previousReports(large);
    expect(pairs.size).toBe(10_000);
    time(small); // warm up
    const [t1, t10] = [time(small), time(large)];
    const ratio = t10 / Math.max(t1, 0.2);
    expect(ratio).toBeLessThan(50); // linear: ~10 (up to ~40 with a collection in the large run); quadratic: ~100 and more
  });
});
