import fs from 'node:fs';
import { parseDocument } from '../lib/check-file';
import { readPage } from '../../lib/read';
import { RULES } from '../../lib/rules';
import { runRules } from '../../lib/check';
const r = readPage(parseDocument(fs.readFileSync(process.argv[2]!, 'utf8'))).report!;
const time = (name: string, f: () => unknown) => { for (let i = 0; i < 20; i++) f(); const t = performance.now(); for (let i = 0; i < 200; i++) f(); console.log(name.padEnd(28), ((performance.now() - t) / 200).toFixed(3), 'ms'); };
for (const rule of RULES) time(rule.id, () => rule.check(r));
time('runRules', () => runRules(r));
