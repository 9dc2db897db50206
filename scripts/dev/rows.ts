import fs from 'node:fs';
import { parseDocument } from '../lib/check-file';
import { locateTables, logicalRows } from '../../lib/extract/locate';
const doc = parseDocument(fs.readFileSync(process.argv[2]!, 'utf8'));
const rows = logicalRows(locateTables(doc).pieces.applications);
const from = Number(process.argv[3] ?? 0), to = Number(process.argv[4] ?? 999);
rows.slice(from, to).forEach((r, i) => console.log(from + i, 'piece', r.piece.tableIndex, 'r', r.r, r.cells.map((c) => `${c.label || '∅'}@${c.row},${c.col}${c.rowSpan > 1 ? 'rs' + c.rowSpan : ''}${c.colSpan > 1 ? 'cs' + c.colSpan : ''}`).join(' | ')));
