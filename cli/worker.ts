// A batch worker: checks the files it is sent and posts each file's entries (one per report) back with its
// index, as they are or printed for the command's output (./output.ts).
import v8 from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { CheckOutputEntry } from '../lib/schema';
import { checkAnyFileReports } from './attachment';
import { unreadableEntry } from './check-file';
import { buffersOf, printEntries, type OutputMode } from './output';

// V8 optimises a function after a little use (its interrupt budget). A worker runs most of its
// code once per page, and optimising it, then again as the pages' variety changes its
// feedback, cost ~5 s of compiler CPU per 1,000 pages on one thread, taken from the other
// worker on two cores. A six times larger budget leaves code run only a few hundred
// times to the cheaper tiers: 1,000 pages ~20% faster, 10,000 unchanged (README, Benchmark).
// The flag is process-wide: it is set here, where batches run, not in the library.
v8.setFlagsFromString('--interrupt-budget=400000');

// One file at a time, in the order sent: a PDF is read asynchronously (pdf.js), and the pool's
// time limit counts from when this worker starts on a file.
let queue: Promise<unknown> = Promise.resolve();

parentPort?.on('message', (job: { index: number; source: string; print?: OutputMode } | null) => {
  queue = queue.then(async () => {
    if (job === null) return parentPort?.close();
    let entries: CheckOutputEntry[];
    try {
      entries = await checkAnyFileReports(job.source);
    } catch (e) {
      // (it never throws; if it ever did, this file gets its entry and the queue goes on)
      entries = [unreadableEntry(job.source, e instanceof Error ? e.message : String(e))];
    }
    if (!job.print) return parentPort?.postMessage({ index: job.index, entries });
    const printed = printEntries(entries, job.print);
    parentPort?.postMessage({ index: job.index, printed }, buffersOf(printed));
  });
});
