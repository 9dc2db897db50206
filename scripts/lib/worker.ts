// A batch worker: checks the files it is sent and posts each file's entries (one per report) back with its
// index, as they are or printed for the command's output (./output.ts).
import { parentPort } from 'node:worker_threads';
import { checkFileReports } from './check-file';
import { buffersOf, printEntry, type OutputMode } from './output';

parentPort?.on('message', (job: { index: number; source: string; print?: OutputMode } | null) => {
  if (job === null) return parentPort?.close();
  const entries = checkFileReports(job.source);
  if (!job.print) return parentPort?.postMessage({ index: job.index, entries });
  const printed = entries.map((e) => printEntry(e, job.print!));
  parentPort?.postMessage({ index: job.index, printed }, buffersOf(printed));
});
