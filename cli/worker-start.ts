// Starting a batch worker thread quickly. Loading worker.ts through tsx's loader takes
// 0.6–1 s per thread (every module is transpiled, through the loader's hooks thread); the
// built worker (`npm run build:cli`: esbuild bundles cli/check.ts and cli/worker.ts into
// dist/cli/, which `npm run check` runs) starts in ~50 ms. The built check.mjs finds its
// worker.mjs beside it; run from source (tsx cli/check.ts), there is none beside
// worker-start.ts and the threads load worker.ts through tsx.

import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The built worker, beside the built check.mjs (never beside the sources). */
const BUILT_WORKER = new URL('./worker.mjs', import.meta.url);
const WORKER_TS = new URL('./worker.ts', import.meta.url);

// The worker is TypeScript: register tsx's loader in the worker thread, then load it.
const TSX_BOOTSTRAP = `
  const { workerData } = require('node:worker_threads');
  import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.url); });
`;

/**
 * The parent's Node flags without its module loaders (`--require …`, `--import …`: tsx's,
 * when run as `tsx cli/check.ts`). The bundle is plain JavaScript; a thread that
 * inherits tsx's hooks spends ~0.2 s registering them and sends every import through them.
 * Other flags (memory limits …) are kept.
 */
export function withoutLoaders(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    if (a === '--require' || a === '-r' || a === '--import' || a === '--loader' || a === '--experimental-loader') i++;
    else if (!/^(--require|--import|--loader|--experimental-loader)=/.test(a)) out.push(a);
  }
  return out;
}

/** Whether this is the built CLI (dist/cli/), with its worker beside it. */
export const builtWorker = (url: URL = BUILT_WORKER): boolean => url.protocol === 'file:' && fs.existsSync(fileURLToPath(url));

/**
 * Start one batch worker: the built one when this is the built CLI (or the one
 * GIP_WORKER_BUILT names: the bench runs the engine from source with the built worker),
 * unless `plain` or GIP_WORKER=tsx asks for worker.ts through tsx's loader.
 */
export async function startWorker(opts: { plain?: boolean } = {}): Promise<Worker> {
  const built = process.env.GIP_WORKER_BUILT ? pathToFileURL(process.env.GIP_WORKER_BUILT) : BUILT_WORKER;
  if (!opts.plain && process.env.GIP_WORKER !== 'tsx' && builtWorker(built)) return new Worker(built, { execArgv: withoutLoaders(process.execArgv) });
  return new Worker(TSX_BOOTSTRAP, { eval: true, workerData: { url: WORKER_TS.href } });
}
