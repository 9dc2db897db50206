// Starting a batch worker thread quickly. Loading worker.ts through tsx's loader takes
// 0.6–1 s per thread (every module is transpiled, through the loader's hooks thread);
// one esbuild bundle of worker.ts, shared by all the threads, starts in ~50 ms. It is
// rebuilt (~0.2 s) only when one of its sources changed. If the bundle cannot be built
// or written, workers load worker.ts through tsx as before.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const WORKER_TS = new URL('./worker.ts', import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(ROOT, 'node_modules/.cache/gip-report-checker');

// The worker is TypeScript: register tsx's loader in the worker thread, then load it.
const TSX_BOOTSTRAP = `
  const { workerData } = require('node:worker_threads');
  import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.url); });
`;


let bundled: Promise<URL | null> | undefined;

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

/** The last bundle built, the worker it bundles and the sources it was built from (path → mtime and size). */
const MANIFEST = path.join(CACHE, 'worker.json');
export interface Manifest {
  bundle: string;
  entry: string;
  inputs: Record<string, string>;
}
const stamp = (file: string) => {
  const st = fs.statSync(file);
  return `${st.mtimeMs}:${st.size}`;
};

/**
 * Whether the manifest's bundle is of this worker (two checkouts sharing node_modules
 * through a symlink share the cache: each must get its own code) and none of its sources
 * changed since. Throws when a source is gone.
 */
export function upToDate(m: Manifest, entry: string, stampOf: (file: string) => string = stamp): boolean {
  if (m.entry !== entry || Object.keys(m.inputs).length === 0) return false;
  for (const [input, was] of Object.entries(m.inputs)) if (stampOf(input) !== was) return false;
  return true;
}

/** The last bundle, if still up to date (saves esbuild's ~0.2 s on every run). */
function reusable(): string | null {
  try {
    const m = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Manifest;
    const file = path.join(CACHE, m.bundle);
    return fs.existsSync(file) && upToDate(m, fileURLToPath(WORKER_TS)) ? file : null;
  } catch {
    return null;
  }
}

/** Write through a temporary file and a rename: another run never reads half a file. */
function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** The bundled worker's file (content-addressed, so concurrent runs share it safely), or null. */
async function bundle(): Promise<URL | null> {
  try {
    const cached = reusable();
    if (cached) return pathToFileURL(cached);
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [fileURLToPath(WORKER_TS)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      metafile: true,
      absWorkingDir: ROOT,
      // loaded only for GIP_DOM=linkedom, from node_modules (the bundle lives under it)
      external: ['linkedom'],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const name = `worker-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
    const file = path.join(CACHE, name);
    fs.mkdirSync(CACHE, { recursive: true });
    if (!fs.existsSync(file)) {
      writeAtomic(file, code);
      prune(file);
    }
    const inputs: Record<string, string> = {};
    for (const input of Object.keys(result.metafile.inputs)) {
      const abs = path.resolve(ROOT, input);
      inputs[abs] = stamp(abs);
    }
    writeAtomic(MANIFEST, JSON.stringify({ bundle: name, entry: fileURLToPath(WORKER_TS), inputs } satisfies Manifest));
    return pathToFileURL(file);
  } catch {
    return null;
  }
}

/** Bundles of older sources, a day old: nothing still starting could want them. */
function prune(keep: string): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of fs.readdirSync(CACHE)) {
    const p = path.join(CACHE, name);
    try {
      if (p !== keep && name.startsWith('worker-') && fs.statSync(p).mtimeMs < dayAgo) fs.rmSync(p, { force: true });
    } catch {
      // another run pruned it first
    }
  }
}

/** Start one batch worker (worker.ts): bundled, unless `plain` or GIP_WORKER=tsx asks for tsx's loader. */
export async function startWorker(opts: { plain?: boolean } = {}): Promise<Worker> {
  if (!opts.plain && process.env.GIP_WORKER !== 'tsx') {
    bundled ??= bundle();
    const url = await bundled;
    if (url) return new Worker(url, { execArgv: withoutLoaders(process.execArgv) });
  }
  return new Worker(TSX_BOOTSTRAP, { eval: true, workerData: { url: WORKER_TS.href } });
}
