import { parseHTML } from 'linkedom';
import fs from 'node:fs';
import { checkDocument } from '../../lib/check';
for (const f of process.argv.slice(2)) {
  const html = fs.readFileSync(f, 'utf8');
  const { document } = parseHTML(html);
  const r = checkDocument(document);
  const rep = r.reading.report;
  console.log('==', f.split('/').pop(), r.reading.kind, rep?.agency, rep?.year, rep?.format, 'cells', rep && Object.keys(rep.cells).length, 'passed', r.passed.length, 'incomplete', r.incomplete.length);
  for (const x of r.findings) console.log('  ', x.severity, x.ruleId, x.cells[0], x.message.slice(0, 120), x.groupedUnder ? '(grouped)' : '');
  if (process.env.EXP && fs.existsSync(f.replace('.html', '.expected.json'))) {
    const exp = JSON.parse(fs.readFileSync(f.replace('.html', '.expected.json'), 'utf8'));
    let bad = 0;
    for (const [k, v] of Object.entries(exp.cells ?? {})) {
      const got = rep?.cells[k]?.value;
      if (got !== v) { bad++; if (bad < 8) console.log('   MISMATCH', k, 'exp', v, 'got', got, JSON.stringify(rep?.cells[k]?.raw)); }
    }
    const extra = Object.keys(rep?.cells ?? {}).filter((k) => !(k in (exp.cells ?? {})));
    console.log('   expected cells', Object.keys(exp.cells ?? {}).length, 'mismatches', bad, 'extra keys', extra.slice(0, 5));
  }
}
