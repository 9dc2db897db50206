// Run by ./attachments.ts as plain Node (bundled by esbuild, pdfjs-dist left external, as
// `npm run build:cli` bundles the CLI): under tsx's loader, pdf.js's 1.8 MB of modules are
// transpiled at load (+2–4 s, +430 MB), which the built CLI never pays. Prints one JSON line:
// the first file read cold (pdf.js loaded in this fresh process), then each file warm.

import fs from 'node:fs';
import { readAndCheckAttachment } from '../../cli/attachment';
import { pdfPageContents } from '../../cli/pdf-node';

const [, , repeatArg, ...files] = process.argv;
const repeat = Number(repeatArg) || 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const t0 = performance.now();
await readAndCheckAttachment(new Uint8Array(fs.readFileSync(files[0]!)), 'x');
const cold = performance.now() - t0;
const rssCold = process.resourceUsage().maxRSS / 1024;
const out: { file: string; pages: number; extract: number; total: number; cpu: number }[] = [];
for (const file of files) {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const extract: number[] = [];
  const total: number[] = [];
  const cpu: number[] = [];
  let pages = 0;
  for (let i = 0; i < repeat; i++) {
    if (file.endsWith('.pdf')) {
      const t = performance.now();
      const p = await pdfPageContents(bytes);
      extract.push(performance.now() - t);
      pages = Array.isArray(p) ? p.length : 0;
    }
    const t = performance.now();
    const c = process.cpuUsage();
    await readAndCheckAttachment(bytes, 'x');
    total.push(performance.now() - t);
    cpu.push(process.cpuUsage(c).user / 1000);
  }
  out.push({ file, pages, extract: median(extract), total: median(total), cpu: median(cpu) });
}
console.log(JSON.stringify({ cold, rssCold, rssEnd: process.resourceUsage().maxRSS / 1024, files: out }));
