// Benchmark part: pairing each report with the same agency's report of the year before
// (lib/pairing.ts previousReports) over a survey's worth of reports. The extension runs it
// over the report memory's whole index on every check (in the page, and in the background
// when it remembers the page), the CLI over every batch.

import { previousReports } from '../../lib/pairing';

const BUREAUS = [
  '财政局',
  '教育局',
  '司法局',
  '民政局',
  '公安局',
  '审计局',
  '统计局',
  '水利局',
  '林业局',
  '商务局',
  '应急管理局',
  '市场监督管理局',
  '生态环境局',
  '自然资源局',
  '住房和城乡建设局',
  '交通运输局',
  '农业农村局',
  '卫生健康委员会',
  '退役军人事务局',
  '医疗保障局',
];

/**
 * `n` reports of two years from the bureaus of `n / 40` county sites; a third of the
 * earlier year's names differ (a survey holds agencies with one year only), so their
 * later reports are compared with every report of their site.
 */
export function survey(n: number) {
  const sites = Math.max(1, Math.round(n / 40));
  return Array.from({ length: n }, (_, i) => {
    const year = i % 2 ? 2023 : 2022;
    const site = Math.floor(i / 2) % sites;
    const bureau = BUREAUS[Math.floor(i / 2 / sites) % BUREAUS.length]!;
    const agency = year === 2022 && i % 3 === 0 ? `第${site}县${bureau}办事处` : `第${site}县${bureau}`;
    const url = `http://www.county${site}.gov.cn/gknb/${i}.html`;
    return { source: url, report: { agency, year, url } };
  });
}

export function benchPairing(quick: boolean): void {
  console.log('\n7. 跨年度配对 / pairing with the year before (the report memory on every check, the CLI per batch), median of 5:');
  for (const n of quick ? [1000] : [1000, 5000]) {
    const items = survey(n);
    const times: number[] = [];
    let paired = 0;
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      paired = previousReports(items).size;
      if (i > 0) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`   ${n.toLocaleString('en')} reports on ${Math.round(n / 40)} sites: ${times[2]!.toFixed(1)} ms (${paired} paired)`);
  }
}
