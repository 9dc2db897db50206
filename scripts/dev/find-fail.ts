import fc from 'fast-check';
import fs from 'node:fs';
import { arbReportPage } from '../../tests/support/arbitrary';
import { checkDocument } from '../../lib/check';
import { parseDocument } from '../lib/check-file';
const samples = fc.sample(arbReportPage(), { numRuns: 400, seed: Number(process.argv[2] ?? 1) });
let n = 0;
for (const { data, opts, html } of samples) {
  const r = checkDocument(parseDocument(html));
  const bad = Object.keys(data.values).filter((k) => r.reading.report?.cells[k]?.value !== data.values[k]);
  const errs = r.findings.filter((f) => f.severity === 'error');
  if (bad.length || errs.length) {
    console.log(JSON.stringify(opts), data.format, 'bad', bad.length, bad.slice(0, 3), 'errors', errs.map((e) => e.message).slice(0, 2), r.findings.filter(f=>f.ruleId==='format.structure').map(f=>f.message).slice(0,3));
    fs.writeFileSync(`/tmp/fail-${n}.html`, html);
    if (++n >= 6) break;
  }
}
console.log('done', n);
