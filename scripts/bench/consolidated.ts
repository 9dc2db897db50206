// Benchmark part: a page holding 100 reports (toolkit/consolidated.ts), read and
// checked in Node. Issue 6 sets < 200 ms in Chromium for this page; the in-browser
// figure is measured by the end-to-end harness, this is the Node (light DOM) side.

import { checkDocumentReports } from '../../lib/check';
import { consolidatedPage } from '../../toolkit/consolidated';
import { parseDocument } from '../../cli/check-file';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchConsolidated(quick: boolean, n = 100): Promise<{ parse: number; check: number }> {
  const { html } = consolidatedPage({ n, broken: [n >> 1] });
  const runs = quick ? 3 : 9;
  const parse: number[] = [];
  const check: number[] = [];
  let reports = 0;
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const doc = parseDocument(html);
    const t1 = performance.now();
    reports = checkDocumentReports(doc).length;
    const t2 = performance.now();
    if (i === 0) continue; // warm-up
    parse.push(t1 - t0);
    check.push(t2 - t1);
  }
  const [p, c] = [median(parse), median(check)];
  console.log(`\n6. 一页 ${n} 份报告 / a page holding ${n} reports (${(html.length / 1e6).toFixed(1)} MB, ${reports} reports read), median of ${runs}:`);
  console.log(
    `   parse ${p.toFixed(0)} ms, read+check ${c.toFixed(0)} ms (${(c / n).toFixed(2)} ms per report) in Node; the < 200 ms target is for Chromium (e2e)`,
  );
  return { parse: p, check: c };
}

if (process.argv[1]?.endsWith('consolidated.ts')) await benchConsolidated(process.argv.includes('--quick'));
