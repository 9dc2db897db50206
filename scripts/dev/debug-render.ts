import { renderReportPage } from '../../tests/support/render';
import { expectedKeys } from '../../lib/keys';
import { checkDocument } from '../../lib/check';
import { parseDocument } from '../lib/check-file';
const format = (process.argv[2] ?? '2021') as '2021' | '2019';
const values = Object.fromEntries(expectedKeys(format).map((k) => [k, 0]));
const opts = JSON.parse(process.argv[3] ?? '{}');
const html = renderReportPage({ format, year: format === '2021' ? 2021 : 2019, agency: '测试局', values }, { markup: 'trs', ...opts });
const r = checkDocument(parseDocument(html));
console.log(r.reading.kind, Object.keys(r.reading.report?.cells ?? {}).length);
for (const f of r.findings) console.log(f.severity, f.message);
if (process.env.SHOW) { const i = html.indexOf('国家秘密'); console.log(html.slice(i - 600, i + 400)); }
