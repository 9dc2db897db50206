// Running many files: in this thread for small batches, on a pool of worker
// threads (one per core) for large ones. Results come back in input order: the
// entries themselves (checkFiles), or printed in the output's form (printFiles, what
// the command uses: see ./output.ts).

import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { CheckOutputEntry } from '../../lib/schema';
import { checkFileReports } from './check-file';
import { printEntries, type OutputMode, type PrintedEntry } from './output';
import { startWorker } from './worker-start';

export const PARALLEL_THRESHOLD = 40;
/** Files sent ahead to each worker, so it never waits for the main thread between two. */
const IN_FLIGHT = 2;

/** The entry for an input whose worker died (out of memory, a crash in the runtime): the batch goes on. */
const workerFailed = (source: string, reason: string): CheckOutputEntry[] => [
  { source, detected: false, kind: 'unreadable', report: null, findings: [], passed: [], incomplete: [], error: `worker failed: ${reason}` },
];

export interface BatchOptions {
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Every input's entries (one per report), in input order. */
export function checkFiles(sources: readonly string[], opts: BatchOptions = {}): Promise<CheckOutputEntry[]> {
  return runBatch(sources, opts, {
    inThread: checkFileReports,
    job: (index, source) => ({ index, source }),
    answer: (m: { entries: CheckOutputEntry[] }) => m.entries,
    failed: workerFailed,
  });
}

/** Every input's entries printed for `mode` where they were checked, in input order (the cross-year checks are the caller's: addCrossYearPrinted). */
export function printFiles(sources: readonly string[], mode: OutputMode, opts: BatchOptions = {}): Promise<PrintedEntry[]> {
  return runBatch(sources, opts, {
    inThread: (source) => printEntries(checkFileReports(source), mode),
    job: (index, source) => ({ index, source, print: mode }),
    answer: (m: { printed: PrintedEntry[] }) => m.printed,
    failed: (source, reason) => printEntries(workerFailed(source, reason), mode),
  });
}

interface Batch<T, A> {
  /** the results of one input, in this thread */
  inThread(source: string): T[];
  /** the message asking a worker for them */
  job(index: number, source: string): unknown;
  /** the results in a worker's answer */
  answer(message: A): T[];
  /** the results of an input whose worker died */
  failed(source: string, reason: string): T[];
}

async function runBatch<T, A>(sources: readonly string[], opts: BatchOptions, batch: Batch<T, A>): Promise<T[]> {
  const jobs = Math.max(1, Math.min(opts.jobs ?? os.availableParallelism(), sources.length));
  // one entry per report: a page holding several reports gives several (source#1, source#2 …)
  const results: T[][] = new Array(sources.length);
  let done = 0;
  if (jobs === 1 || sources.length < PARALLEL_THRESHOLD) {
    sources.forEach((s, i) => {
      results[i] = batch.inThread(s);
      opts.onProgress?.(++done, sources.length);
    });
    return results.flat();
  }
  let next = 0;
  // inputs whose worker died while checking them: each is tried once more on a fresh worker, then gets an error entry
  const retry: number[] = [];
  const tried = new Set<number>();
  const take = (): number | undefined => retry.shift() ?? (next < sources.length ? next++ : undefined);
  const remaining = () => retry.length > 0 || next < sources.length;
  let plain = false; // the bundled worker failed before its first result: start the rest through tsx
  // one lane per thread; a lane whose worker dies starts another
  const lane = async (): Promise<void> => {
    while (remaining()) {
      const worker: Worker = await startWorker({ plain });
      const pending = new Set<number>();
      let answered = false;
      const feed = () => {
        const i = take();
        if (i !== undefined) {
          pending.add(i);
          worker.postMessage(batch.job(i, sources[i]!));
        } else if (pending.size === 0) worker.postMessage(null);
      };
      const failure = await new Promise<string | null>((resolve) => {
        worker.on('message', (m: A & { index: number }) => {
          answered = true;
          results[m.index] = batch.answer(m);
          pending.delete(m.index);
          opts.onProgress?.(++done, sources.length);
          feed();
        });
        worker.on('error', (e) => resolve(e instanceof Error ? e.message : String(e)));
        worker.on('exit', (code) => resolve(pending.size > 0 ? `exit code ${code}` : null));
        for (let k = 0; k < IN_FLIGHT; k++) feed();
      });
      if (failure === null) continue;
      if (!answered) plain = true;
      // a worker checks its files in the order sent: the first pending one was being checked, the others wait their turn
      const [current, ...waiting] = pending;
      retry.unshift(...waiting);
      if (current !== undefined && !tried.has(current)) {
        tried.add(current);
        retry.push(current);
      } else if (current !== undefined) {
        results[current] = batch.failed(sources[current]!, failure);
        opts.onProgress?.(++done, sources.length);
      }
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return results.flat();
}
