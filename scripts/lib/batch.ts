// Running many files: in this thread for small batches, on a pool of worker
// threads (one per core) for large ones. Results come back in input order.

import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CheckOutputEntry } from '../../lib/schema';
import { checkFile } from './check-file';

export const PARALLEL_THRESHOLD = 40;

// The worker is TypeScript: register tsx's loader in the worker thread, then load it.
const WORKER_BOOTSTRAP = `
  const { workerData } = require('node:worker_threads');
  import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.url); });
`;

export async function checkFiles(
  sources: readonly string[],
  opts: { jobs?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<CheckOutputEntry[]> {
  const jobs = Math.max(1, Math.min(opts.jobs ?? os.availableParallelism(), sources.length));
  const results: CheckOutputEntry[] = new Array(sources.length);
  let done = 0;
  if (jobs === 1 || sources.length < PARALLEL_THRESHOLD) {
    sources.forEach((s, i) => {
      results[i] = checkFile(s);
      opts.onProgress?.(++done, sources.length);
    });
    return results;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, () => {
      const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { url: new URL('./worker.ts', import.meta.url).href } });
      return new Promise<void>((resolve, reject) => {
        const feed = () => worker.postMessage(next < sources.length ? { index: next, source: sources[next++]! } : null);
        worker.on('message', (m: { index: number; entry: CheckOutputEntry }) => {
          results[m.index] = m.entry;
          opts.onProgress?.(++done, sources.length);
          feed();
        });
        worker.on('error', reject);
        worker.on('exit', () => resolve());
        feed();
      });
    }),
  );
  return results;
}
