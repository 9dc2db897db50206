// Figures only a browser can give: the built extension's bundle sizes, and the time the
// content script's first check takes in Chromium on a large page that is not a report.

import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Size {
  file: string;
  raw: number;
  gzip: number;
}

/** Sizes of the content script and popup bundles of .output/chrome-mv3 (null when not built). */
export function bundleSizes(): Size[] | null {
  const dir = path.join(ROOT, '.output/chrome-mv3');
  if (!fs.existsSync(dir)) return null;
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.js')) files.push(p);
    }
  };
  walk(dir);
  return files.map((f) => {
    const buf = fs.readFileSync(f);
    return { file: path.relative(dir, f), raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
  });
}

/**
 * The reject decision's time in Chromium on the given page: its first call on the freshly
 * loaded page (what the content script pays), the median of the calls after it (timed 20 at
 * a time: the page clock counts in 0.1 ms steps), and, on
 * another fresh load, what one tag lookup over the whole page costs the browser the first
 * time (the decision needs three: h1, h2, table; the browser keeps them afterwards); null
 * without a browser.
 */
export async function browserRejectTime(pageFile: string, runs: number): Promise<{ first: number; median: number; tagLookup: number } | null> {
  if (!fs.existsSync(CHROMIUM)) return null;
  const { build } = await import('vite');
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: true, lib: { entry: path.join(import.meta.dirname, 'probe-entry.ts'), formats: ['iife'], name: 'gipBench' } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as { output: { code?: string }[] }[];
  const code = outputs[0]!.output[0]!.code!;
  const html = fs.readFileSync(pageFile);
  const server = http.createServer((_q, s) => {
    s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    s.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const fresh = await browser.newPage();
    await fresh.goto(url);
    // (a string, not a function: the bundler's helpers do not exist in the page)
    const tagLookup = (await fresh.evaluate(
      `(() => { const t = performance.now(); document.getElementsByTagName('h1').length; return performance.now() - t; })()`,
    )) as number;
    await fresh.close();
    const page = await browser.newPage();
    await page.goto(url);
    await page.addScriptTag({ content: code });
    const probeTimes = await page.evaluate((n) => {
      const probe = (globalThis as unknown as { gipProbe: (d: Document) => boolean }).gipProbe;
      let t = performance.now();
      probe(document);
      const first = performance.now() - t;
      // the page's clock counts in 0.1 ms steps: the later calls are timed 20 at a time
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        t = performance.now();
        for (let k = 0; k < 20; k++) probe(document);
        times.push((performance.now() - t) / 20);
      }
      times.sort((a, b) => a - b);
      return { first, median: times[Math.floor(n / 2)]! };
    }, runs);
    return { ...probeTimes, tagLookup };
  } finally {
    await browser.close();
    server.close();
  }
}
