// A batch worker: checks the files it is sent and posts each file's entries (one per report) back with its index.
import { parentPort } from 'node:worker_threads';
import { checkFileReports } from './check-file';

parentPort?.on('message', (job: { index: number; source: string } | null) => {
  if (job === null) return parentPort?.close();
  parentPort?.postMessage({ index: job.index, entries: checkFileReports(job.source) });
});
