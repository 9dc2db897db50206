import fs from 'node:fs';
import path from 'node:path';
import { checkFiles } from '../lib/batch';
const files = fs.readdirSync('/tmp/b3').map((f) => path.join('/tmp/b3', f));
for (const jobs of [1, 2]) {
  const t = performance.now();
  let first = 0;
  await checkFiles(files, { jobs: jobs === 1 ? 1 : 2, onProgress: (d) => { if (d === 1) first = performance.now() - t; } });
  console.log('jobs', jobs, 'total', ((performance.now() - t) / 1000).toFixed(2), 's; first result after', (first / 1000).toFixed(2), 's');
}
