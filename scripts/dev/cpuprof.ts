import fs from 'node:fs';
import { parseDocument } from '../lib/check-file';
import { checkDocument } from '../../lib/check';
const docs = process.argv.slice(2).map((f) => parseDocument(fs.readFileSync(f, 'utf8')));
for (let i = 0; i < 40; i++) for (const d of docs) checkDocument(d);
