// npm run fuzz -- [--runs N] [--seed S] [--only NAME]
//
// The property tests of tests/property.test.ts, 10,000 runs each by default: for
// nightly use, not in CI. Three properties over the whole pipeline (render → parse →
// read → rules):
//   consistent  a random consistent report in a random CMS markup: read back exactly, no error finding
//   oneChange   the same with one count of table 三/四 changed: an error finding names that cell
//   randomHtml  random tag soup, or a real page cut anywhere: no throw, no internal error
// Prints the runs, failures and time per property; for a failure, the shrunk
// counterexample, the error, the seed and path to replay it, and the page written to
// reports/fuzz-<property>.html. Exit code 1 if any property failed, 2 on bad usage.

import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { arbReportPage, type ReportPage } from '../toolkit/arbitrary';
import { arbCutPage, arbOneChange, arbRandomMarkup, consistentHolds, oneChangeFlagged, randomHtmlHolds, type OneChange } from '../toolkit/properties';
import { renderReportPage } from '../toolkit/render';
import { parseArgs as parseArgv } from 'node:util';

const USAGE = `usage: npm run fuzz -- [--runs N] [--seed S] [--only consistent|oneChange|randomHtml]
  --runs N   runs per property (default 10000)
  --seed S   fast-check seed (default: random; printed, so a run can be repeated)
  --path P   replay path printed with a counterexample (with --seed and --only)
  --only X   run one property`;

interface Options {
  runs: number;
  seed: number;
  path?: string;
  only?: string;
}

function parseArgs(argv: readonly string[]): Options | string {
  let values;
  try {
    ({ values } = parseArgv({
      args: [...argv],
      options: {
        runs: { type: 'string' },
        seed: { type: 'string' },
        path: { type: 'string' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    return `${(e as Error).message}\n\n${USAGE}`;
  }
  if (values.help) return USAGE;
  const opts: Options = {
    runs: values.runs === undefined ? 10_000 : Number(values.runs),
    seed: values.seed === undefined ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(values.seed),
    path: values.path,
    only: values.only,
  };
  if (!Number.isInteger(opts.runs) || opts.runs < 1) return `--runs takes a positive whole number\n\n${USAGE}`;
  if (!Number.isInteger(opts.seed)) return `--seed takes a whole number\n\n${USAGE}`;
  return opts;
}

interface Property<T> {
  name: string;
  arb: fc.Arbitrary<T>;
  check: (value: T) => void;
  /** the page to save for a counterexample */
  html: (value: T) => string;
  /** a short description of a counterexample (the page itself goes to a file) */
  describe: (value: T) => unknown;
}

interface Runner {
  name: string;
  run: (opts: Options) => boolean;
}
const property = <T>(p: Property<T>): Runner => ({ name: p.name, run: (opts) => run(p, opts) });

const PROPERTIES: Runner[] = [
  property<ReportPage>({
    name: 'consistent',
    arb: arbReportPage(),
    check: consistentHolds,
    html: (p: ReportPage) => p.html,
    describe: (p: ReportPage) => ({ data: p.data, opts: p.opts }),
  }),
  property<OneChange>({
    name: 'oneChange',
    arb: arbOneChange(),
    check: oneChangeFlagged,
    html: (c: OneChange) => renderReportPage(c.changed, c.opts),
    describe: (c: OneChange) => ({ key: c.key, delta: c.delta, opts: c.opts, data: c.changed }),
  }),
  property<string>({
    name: 'randomHtml',
    arb: fc.oneof(arbRandomMarkup(), arbCutPage()),
    check: randomHtmlHolds,
    html: (h: string) => h,
    describe: (h: string) => (h.length > 2_000 ? `${h.slice(0, 2_000)}… (${h.length} characters)` : h),
  }),
];

function run<T>(p: Property<T>, opts: Options): boolean {
  const t0 = performance.now();
  let done = 0;
  const step = Math.max(1, Math.ceil(opts.runs / 10));
  const details = fc.check(
    fc.property(p.arb, (value) => {
      done++;
      if (done % step === 0) process.stderr.write(`  ${p.name}: ${done}/${opts.runs}\n`);
      p.check(value);
    }),
    { numRuns: opts.runs, seed: opts.seed, ...(opts.path !== undefined && { path: opts.path, endOnFailure: true }) },
  );
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  if (!details.failed) {
    console.log(`✓ ${p.name}: ${details.numRuns} runs, 0 failures, ${details.numSkips} skipped, ${seconds} s`);
    return true;
  }
  console.log(`✗ ${p.name}: failed after ${details.numRuns} runs (${details.numShrinks} shrinks), ${seconds} s`);
  const example = details.counterexample?.[0];
  if (example !== undefined) {
    const file = path.resolve(import.meta.dirname, `../reports/fuzz-${p.name}.html`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, p.html(example));
    console.log(`  counterexample: ${JSON.stringify(p.describe(example))}`);
    console.log(`  page: ${file}`);
  }
  const error = details.errorInstance;
  console.log(`  error: ${error instanceof Error ? error.message : String(error)}`);
  console.log(`  replay: npm run fuzz -- --only ${p.name} --seed ${details.seed} --path ${details.counterexamplePath ?? ''}`);
  return false;
}

function main(argv: readonly string[]): number {
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    (opts === USAGE ? process.stdout : process.stderr).write(`${opts}\n`);
    return opts === USAGE ? 0 : 2;
  }
  const selected = PROPERTIES.filter((p) => !opts.only || p.name === opts.only);
  if (selected.length === 0) {
    process.stderr.write(`no property named ${opts.only}\n\n${USAGE}\n`);
    return 2;
  }
  console.log(`fuzz: ${opts.runs} runs per property, seed ${opts.seed}`);
  const results = selected.map((p) => p.run(opts));
  const failed = results.filter((ok) => !ok).length;
  console.log(`${results.length - failed} properties held, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
