// Running many files on a pool of worker threads (one per core; one for a small batch).
// Results are the entries themselves (checkFiles), or printed in the output's form
// (eachPrintedFile, what the command uses, handing each file's over as it is done: see
// ./output.ts). A worker that dies costs only the file it was checking, and so does a file
// that takes longer than the time limit.

import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { CheckOutputEntry } from '../lib/schema';
import { unreadableEntry } from './check-file';
import type { Input } from './inputs';
import { printEntries, type OutputMode, type PrintedEntry } from './output';
import { startWorker } from './worker-start';

/** Below this many files one worker checks them all (more would cost more to start than they save). */
export const PARALLEL_THRESHOLD = 40;
/** Files sent ahead to each worker, so it never waits for the main thread between two. */
const IN_FLIGHT = 2;
/** How long one file may take on its worker before it is ended (BatchOptions.timeoutMs). */
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface BatchOptions {
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * A file still being checked this long after its worker started on it (ms) is ended: the
   * worker is terminated and replaced, the file gets an entry with its error ("timed out
   * after 60 s") and the batch goes on. Default DEFAULT_TIMEOUT_MS; 0 for no limit.
   */
  timeoutMs?: number;
}

/** Every input's entries (one per report), in input order. */
export async function checkFiles(inputs: readonly Input[], opts: BatchOptions = {}): Promise<CheckOutputEntry[]> {
  const results: CheckOutputEntry[][] = new Array(inputs.length);
  await runBatch(
    inputs,
    opts,
    {
      job: (index, source) => ({ index, source }),
      answer: (m: { entries: CheckOutputEntry[] }) => m.entries,
      failed: (source, error) => [unreadableEntry(source, error)],
    },
    (index, entries) => (results[index] = entries),
  );
  return results.flat();
}

/**
 * Every input's entries printed for `mode` where they were checked, handed to `onPrinted` as
 * each file is done (in any order: `index` is the input's), so the caller holds only what it
 * keeps (cli/check.ts spools them: ./output.ts). The cross-year checks are the caller's.
 */
export function eachPrintedFile(
  inputs: readonly Input[],
  mode: OutputMode,
  opts: BatchOptions,
  onPrinted: (index: number, printed: PrintedEntry[]) => void,
): Promise<void> {
  return runBatch(
    inputs,
    opts,
    {
      job: (index, source) => ({ index, source, print: mode }),
      answer: (m: { printed: PrintedEntry[] }) => m.printed,
      failed: (source, error) => printEntries([unreadableEntry(source, error)], mode),
    },
    onPrinted,
  );
}

/** Every input's entries printed for `mode`, in input order (all held: for measuring the engine and for tests). */
export async function printFiles(inputs: readonly Input[], mode: OutputMode, opts: BatchOptions = {}): Promise<PrintedEntry[]> {
  const results: PrintedEntry[][] = new Array(inputs.length);
  await eachPrintedFile(inputs, mode, opts, (index, printed) => (results[index] = printed));
  return results.flat();
}

interface Batch<T, A> {
  /** the message asking a worker for one input's results */
  job(index: number, source: string): unknown;
  /** the results in a worker's answer */
  answer(message: A): T[];
  /** the results of an input that was not read, or whose worker died or ran out of time */
  failed(source: string, error: string): T[];
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/**
 * Each input's results, handed to `deliver` once (in the order the files finish). Inputs
 * that are not read are answered here; the others are checked on worker threads, one per
 * core (one for a small batch), never in this thread: only a worker can be ended when a
 * file takes too long.
 */
async function runBatch<T, A>(inputs: readonly Input[], opts: BatchOptions, batch: Batch<T, A>, deliver: (index: number, results: T[]) => void): Promise<void> {
  const limit = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let done = 0;
  const finish = (index: number, results: T[]) => {
    deliver(index, results);
    opts.onProgress?.(++done, inputs.length);
  };
  const toRead: number[] = [];
  inputs.forEach((input, i) => (typeof input === 'string' ? toRead.push(i) : finish(i, batch.failed(input.source, input.error))));
  const sourceAt = (i: number) => inputs[i] as string;
  const jobs = toRead.length < PARALLEL_THRESHOLD ? Math.min(1, toRead.length) : Math.max(1, Math.min(opts.jobs ?? os.availableParallelism(), toRead.length));
  let next = 0;
  // inputs whose worker died while checking them: each is tried once more on a fresh worker, then gets an error entry
  const retry: number[] = [];
  const tried = new Set<number>();
  const take = (): number | undefined => retry.shift() ?? (next < toRead.length ? toRead[next++] : undefined);
  const remaining = () => retry.length > 0 || next < toRead.length;
  let plain = false; // the bundled worker failed before its first result: start the rest through tsx
  // one lane per thread; a lane whose worker dies or is ended starts another
  const lane = async (): Promise<void> => {
    while (remaining()) {
      const worker: Worker = await startWorker({ plain });
      // sent and not answered, in the order sent: a worker checks its files in that order, so the first is the one being checked
      const pending: number[] = [];
      let answered = false;
      let timedOut = false;
      const failure = await new Promise<string | null>((resolve) => {
        let settled = false;
        let timer: NodeJS.Timeout | undefined;
        const settle = (reason: string | null) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(reason);
        };
        // the file being checked has `limit` ms, from when the worker came up or answered the file before
        const watch = () => {
          clearTimeout(timer);
          if (limit > 0 && pending.length > 0) {
            timer = setTimeout(() => {
              timedOut = true;
              settle(`timed out after ${seconds(limit)}`);
            }, limit);
          }
        };
        const feed = () => {
          const i = take();
          if (i !== undefined) {
            pending.push(i);
            worker.postMessage(batch.job(i, sourceAt(i)));
          } else if (pending.length === 0) worker.postMessage(null);
        };
        worker.on('message', (m: A & { index: number }) => {
          if (settled) return; // an answer after the file's time ran out: it was reported as timed out
          answered = true;
          const at = pending.indexOf(m.index);
          if (at >= 0) pending.splice(at, 1);
          finish(m.index, batch.answer(m));
          feed();
          watch();
        });
        worker.on('error', (e) => settle(e instanceof Error ? e.message : String(e)));
        worker.on('exit', (code) => settle(pending.length > 0 ? `exit code ${code}` : null));
        worker.once('online', watch);
        for (let k = 0; k < IN_FLIGHT; k++) feed();
      });
      if (failure === null) continue;
      if (!answered && !timedOut) plain = true;
      const [current, ...waiting] = pending;
      retry.unshift(...waiting);
      if (current !== undefined) {
        // a file that ran out of time is not tried again: it would most likely take as long
        if (timedOut) finish(current, batch.failed(sourceAt(current), failure));
        else if (!tried.has(current)) {
          tried.add(current);
          retry.push(current);
        } else finish(current, batch.failed(sourceAt(current), `worker failed: ${failure}`));
      }
      await stop(worker);
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
}

/** Terminate a worker, not waiting more than a moment: a thread stuck in a system call cannot be ended, and must not hold up the batch (the process's exit ends it). */
async function stop(worker: Worker): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([worker.terminate().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, 2_000).unref()))]);
  clearTimeout(timer);
}
