// Timing a pattern against a linear scan of the same input, on adversarial input made for
// that pattern (tests/hardening/regex.test.ts). Times are ratios, never wall-clock limits:
// the machine may be slow or busy, but a pattern that backtracks super-linearly falls
// behind a linear scan by a factor that grows with the input (×50,000 at 100,000
// characters for a quadratic one, far more for a cubic one), while a linear one stays
// within a constant factor of it.

/**
 * The ratio above which a pattern is taken to be super-linear. Linear ones stay under
 * ~2,000 (a bounded gap tried at every position, such as {0,30}? before a word, costs a
 * few hundred steps per character); a cubic one is at ~30,000 on 512 characters.
 */
export const MAX_RATIO = 5000;
/** How much one input's ratio may grow from 4,096 to 100,000 characters (×24 for a quadratic pattern). */
export const MAX_GROWTH = 8;
/** Ratios below this count as this much when the growth is taken (timing noise on fast patterns). */
const GROWTH_FLOOR = 50;
/** Input sizes, small first: a cubic pattern fails at the first without running for minutes. */
export const SIZES = [512, 4096] as const;
/** The size the worst inputs are run at last. */
export const LARGE = 100_000;

let sink = 0;

/** The reference: one pass over the input's characters. */
export function linearScan(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * The pattern as a search for all its matches: what its callers do at worst (a sticky
 * pattern tried at every position, a test or exec that scans the whole text, matchAll).
 */
export function searchAll(re: RegExp): (s: string) => number {
  const g = new RegExp(re.source, `${re.flags.replace(/[gy]/g, '')}g`);
  return (s) => {
    g.lastIndex = 0;
    let n = 0;
    for (let m = g.exec(s); m; m = g.exec(s)) {
      n++;
      if (m[0] === '') g.lastIndex++;
    }
    return n;
  };
}

/** Milliseconds per call: repeated until `minMs` have passed, the least of `trials`. */
export function timePerCall(f: () => unknown, trials = 1, minMs = 1): number {
  let best = Infinity;
  for (let t = 0; t < trials; t++) {
    let calls = 0;
    const start = performance.now();
    let now = start;
    do {
      sink ^= f() as number;
      calls++;
      now = performance.now();
    } while (now - start < minMs);
    best = Math.min(best, (now - start) / calls);
  }
  return best;
}

const baselines = new Map<number, number>();
/** The linear scan's time for an input of `n` characters (measured once per size, on demand). */
export function baseline(n: number, fresh = false): number {
  let t = baselines.get(n);
  if (t === undefined || fresh) {
    const s = 'x年 1'.repeat(Math.ceil(n / 4)).slice(0, n);
    t = timePerCall(() => linearScan(s), 5, 2);
    baselines.set(n, t);
  }
  return t;
}

/**
 * How much slower than the linear scan the search is on `s`. A quick measurement, unless
 * `careful` or the quick one is high: then the least of three longer ones, against a fresh
 * baseline (a collection or another process on the core can stall any one run).
 */
export function ratio(search: (s: string) => number, s: string, careful = false): number {
  const quick = careful ? Infinity : timePerCall(() => search(s), 1, 0.25) / baseline(s.length);
  if (quick <= MAX_RATIO / 5) return quick;
  return Math.min(quick, timePerCall(() => search(s), 3, 5) / baseline(s.length, true));
}

// ---- Adversarial input ------------------------------------------------------------

/** The words and characters a pattern keys on: its runs of Han text (and each of their characters), digits and punctuation it names. */
export function tokensOf(re: RegExp): string[] {
  // escapes and classes stay as they are: a class's members are among the tokens too
  const runs = re.source.match(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g) ?? [];
  const out = new Set<string>();
  for (const r of runs) {
    out.add(r);
    for (const ch of r) out.add(ch);
  }
  for (const lit of ['2023', '12', '1', ',', ':', '.', '-', '(', ')', '#', '\n'])
    if (re.source.includes(lit.replace(/[.()]/, '\\$&')) || re.source.includes(lit)) out.add(lit);
  // the longest first: they are the likeliest to start a partial match
  return [...out].sort((a, b) => b.length - a.length).slice(0, 16);
}

const fill = (unit: string, n: number) => (n > 0 ? unit.repeat(Math.ceil(n / unit.length)).slice(0, n) : '');
/** A pseudo-random generator with a fixed seed, so that every run tries the same input. */
function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

/**
 * Inputs of `n` characters tailored to a pattern: runs of whitespace, digits and 年;
 * each of its tokens repeated, alone and between spaces, digits or years; a token, then a
 * long run of spaces, then a character nothing expects; its tokens in its own order with
 * whitespace between (a partial match that fails at the end); and a random mix.
 */
export function adversarialInputs(re: RegExp, n: number): string[] {
  const tokens = tokensOf(re);
  const out: string[] = [
    fill(' ', n),
    fill('\u3000 \n', n),
    fill('1', n),
    fill('年', n),
    fill('2023年', n),
    `2023年${fill(' ', n - 6)}x`,
    `2023${fill(' ', n - 5)}x`,
    `1${fill(' ', n - 2)}x`,
    `${fill('1', n - 1)}\n`,
  ];
  for (const t of tokens) {
    out.push(fill(t, n));
    out.push(fill(`${t} `, n));
    out.push(fill(`${t}1`, n));
    out.push(fill(`2023年${t}`, n));
    out.push(`${t}${fill(' ', n - t.length - 1)}x`);
    out.push(`2023年${t}${fill(' ', n - t.length - 6)}x`);
    out.push(`${t}${fill('1', n - t.length - 1)}x`);
  }
  // the tokens in the order the pattern names them, spaced, then nothing it expects
  const ordered = (re.source.match(/[\u3400-\u9fff]+/g) ?? []).join(' ');
  if (ordered) {
    out.push(`2023${ordered}${fill(' ', n - ordered.length - 5)}x`);
    out.push(fill(`2023 ${ordered} `, n));
  }
  const rnd = lcg(n);
  const parts = [...tokens, ' ', ' ', '  ', '1', '2023', '年', '，', '。'];
  let mix = '';
  while (mix.length < n) mix += parts[Math.floor(rnd() * parts.length)];
  out.push(mix);
  return out.map((s) => s.slice(0, n));
}

export interface Verdict {
  /** the highest ratio seen, its input's size and the start of that input */
  worst: number;
  size: number;
  sample: string;
  /** the largest growth of one input's ratio from SIZES[1] to the largest size */
  growth: number;
  failed: boolean;
}

/**
 * The pattern on its adversarial inputs: every input at the two small sizes, the `keep`
 * worst of them again at 100,000 characters. It fails when a ratio passes MAX_RATIO
 * (checked at each size, so a cubic pattern stops at 512 characters instead of running
 * for hours), or when an input's ratio grows from 4,096 to 100,000 characters by more
 * than MAX_GROWTH (a linear pattern's stays level: a quadratic one's grows ×24).
 */
export function judge(re: RegExp, keep = 3): Verdict {
  const search = searchAll(re);
  const v: Verdict = { worst: 0, size: 0, sample: '', growth: 0, failed: false };
  const note = (r: number, n: number, s: string) => {
    if (r > v.worst) Object.assign(v, { worst: r, size: n, sample: JSON.stringify(s.slice(0, 24)) });
    if (r > MAX_RATIO) v.failed = true;
  };
  search(adversarialInputs(re, 64).join('')); // compiled and tiered up before anything is timed
  let mid: { r: number; i: number }[] = [];
  for (const n of SIZES) {
    const inputs = adversarialInputs(re, n);
    mid = inputs.map((s, i) => {
      const r = ratio(search, s);
      note(r, n, s);
      return { r, i };
    });
    if (v.failed) return v;
  }
  const inputs = adversarialInputs(re, LARGE);
  for (const { r: before, i } of mid.sort((a, b) => b.r - a.r).slice(0, keep)) {
    const r = ratio(search, inputs[i]!, true);
    note(r, LARGE, inputs[i]!);
    const growth = r / Math.max(before, GROWTH_FLOOR);
    v.growth = Math.max(v.growth, growth);
    if (growth > MAX_GROWTH) v.failed = true;
    if (v.failed) return v;
  }
  return v;
}

export const keepSink = () => sink;
