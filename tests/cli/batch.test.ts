// The worker pool of the batch checker: results in input order, a worker that dies costs
// only the input it was checking (tried once more on a fresh worker first), and so does a
// file that takes longer than the time limit (its worker ended and replaced).

import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';

// A stand-in worker: answers each file with a 'news' entry, dies on files named crash*, never
// answers files named hang* (a loop no message can interrupt), answers slow* after 300 ms, and
// (as a broken bundle would) fails to load at all when `broken`.
const FAKE = `
  const { parentPort, workerData } = require('node:worker_threads');
  if (workerData.broken) throw new Error('bundle failed to load');
  parentPort.on('message', (job) => {
    if (job === null) return parentPort.close();
    if (job.source.includes('crash')) process.exit(3);
    if (job.source.includes('hang')) for (;;);
    if (job.source.includes('slow')) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    const entry = { source: job.source, detected: false, kind: 'news', report: null, findings: [], passed: [], incomplete: [] };
    if (!job.print) return parentPort.postMessage({ index: job.index, entries: [entry] });
    const text = new TextEncoder().encode(job.print + ':' + job.source);
    parentPort.postMessage({ index: job.index, printed: [{ source: job.source, pairing: null, counts: { detected: false, unreadable: false, hasErrors: false }, text, json: null }] }, [text.buffer]);
  });
`;
const started: boolean[] = [];
let bundleBroken = false;
vi.mock('../../cli/worker-start', () => ({
  startWorker: async (opts: { plain?: boolean } = {}) => {
    const broken = bundleBroken && !opts.plain;
    started.push(broken);
    return new Worker(FAKE, { eval: true, workerData: { broken } });
  },
}));

const { checkFiles, printFiles, PARALLEL_THRESHOLD } = await import('../../cli/batch');
const names = (n: number, crash: number[] = [], kind = 'crash') =>
  Array.from({ length: n }, (_, i) => (crash.includes(i) ? `${kind}-${i}.html` : `page-${i}.html`));

describe('checkFiles on worker threads', () => {
  it('returns one entry per input, in input order', async () => {
    const inputs = names(PARALLEL_THRESHOLD + 25);
    const out = await checkFiles(inputs, { jobs: 2 });
    expect(out.map((e) => e.source)).toEqual(inputs);
    expect(out.every((e) => e.kind === 'news' && !e.error)).toBe(true);
  });

  it('a worker that dies: its inputs get an error entry, the batch goes on', async () => {
    started.length = 0;
    const inputs = names(60, [7, 33]);
    let progress = 0;
    const out = await checkFiles(inputs, { jobs: 2, onProgress: (done, total) => ((progress = done), expect(total).toBe(60)) });
    expect(out.map((e) => e.source)).toEqual(inputs);
    expect(progress).toBe(60);
    expect(out.filter((e) => e.error).map((e) => [e.source, e.error])).toEqual([
      ['crash-7.html', 'worker failed: exit code 3'],
      ['crash-33.html', 'worker failed: exit code 3'],
    ]);
    expect(out.filter((e) => !e.error).every((e) => e.kind === 'news')).toBe(true);
    expect(started.length).toBeGreaterThan(2); // replacements were started
  });

  it('a bundle that does not load: the workers are started through tsx instead', async () => {
    started.length = 0;
    bundleBroken = true;
    try {
      const inputs = names(50);
      const out = await checkFiles(inputs, { jobs: 2 });
      expect(out.map((e) => e.source)).toEqual(inputs);
      expect(out.every((e) => !e.error)).toBe(true);
      expect(started).toContain(true);
      expect(started.at(-1)).toBe(false);
    } finally {
      bundleBroken = false;
    }
  });

  it('a file that takes longer than the limit: its worker is ended, the file gets an error entry, the batch goes on', async () => {
    started.length = 0;
    const inputs = names(60, [5, 41], 'hang');
    const t = performance.now();
    const out = await checkFiles(inputs, { jobs: 2, timeoutMs: 1_000 });
    expect(out.map((e) => e.source)).toEqual(inputs);
    expect(out.filter((e) => e.error).map((e) => [e.source, e.error])).toEqual([
      ['hang-5.html', 'timed out after 1 s'],
      ['hang-41.html', 'timed out after 1 s'],
    ]);
    expect(out.filter((e) => !e.error).every((e) => e.kind === 'news')).toBe(true);
    // each hanging file costs its limit once (not tried again), and its worker is replaced
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(started.length).toBeGreaterThanOrEqual(3);
    expect(started).not.toContain(true); // not taken for a bundle that fails to load
  }, 30_000);

  it('a small batch runs on a worker too (so the limit holds), and a slow file within the limit is answered', async () => {
    started.length = 0;
    const inputs = ['hang-0.html', 'slow-1.html', 'page-2.html'];
    const out = await checkFiles(inputs, { timeoutMs: 1_000 });
    expect(out.map((e) => [e.source, e.error ?? e.kind])).toEqual([
      ['hang-0.html', 'timed out after 1 s'],
      ['slow-1.html', 'news'],
      ['page-2.html', 'news'],
    ]);
    expect(started.length).toBe(2);
  }, 30_000);

  it('inputs that are not read get their entry without a worker', async () => {
    started.length = 0;
    const out = await checkFiles([
      { source: 'pipe.html', error: 'not a regular file (FIFO) — skipped' },
      'page-1.html',
      { source: 'locked', error: 'unreadable directory: EACCES' },
    ]);
    expect(out.map((e) => [e.source, e.error ?? e.kind])).toEqual([
      ['pipe.html', 'not a regular file (FIFO) — skipped'],
      ['page-1.html', 'news'],
      ['locked', 'unreadable directory: EACCES'],
    ]);
    expect(out[0]).toMatchObject({ detected: false, kind: 'unreadable', report: null, findings: [] });
    expect(started.length).toBe(1);
    started.length = 0;
    expect((await checkFiles([{ source: 'pipe.html', error: 'x' }])).map((e) => e.error)).toEqual(['x']);
    expect(started.length).toBe(0);
  });

  it("printFiles: each input printed by its worker, in input order; a dead worker's input printed as unreadable", async () => {
    const inputs = names(60, [12]);
    const out = await printFiles(inputs, 'csv', { jobs: 2 });
    const text = out.map((p) => Buffer.from(p.text).toString('utf8'));
    expect(out.map((p) => p.source)).toEqual(inputs);
    expect(text[0]).toBe('csv:page-0.html');
    expect(out[12]!.counts.unreadable).toBe(true);
    expect(text[12]).toContain('worker failed: exit code 3');
  });
});
