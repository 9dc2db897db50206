// `npx tsx scripts/icons.ts`: the extension's icons, drawn from one source (the SVG of
// `mark` below) and rendered to PNG by Chromium (the same Debian build the tests use).
//
// The mark: a report table (a header row and a grid) on a dark blue tile. The toolbar
// shows the state by shape, not by colour alone: a tick for a clean report, an
// exclamation mark for errors or warnings, the table elsewhere (not a report).
//
// Writes public/icon/{16,32,48,128}.png (the manifest's icons), public/icon/state-
// {ok,issues}-{16,32}.png (the toolbar's states) and docs/store/logo-300.png (the store logo).

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../toolkit/browser';

export type IconState = 'plain' | 'ok' | 'issues';

const ROOT = path.resolve(import.meta.dirname, '..');

const TILE = '<rect x="4" y="4" width="120" height="120" rx="26" fill="#1b4b82"/>';

/**
 * The mark at 128 units. `plain`: the table. The toolbar's states (16 and 32 px, where a
 * small overlay would not read, and Chrome draws the badge over the lower right) put one
 * large white glyph on the same tile instead: a tick for a clean report, an exclamation
 * mark for findings; they differ by shape, the colour of the tile's rim repeats it.
 */
export function mark(state: IconState): string {
  const body =
    state === 'ok'
      ? `<rect x="4" y="4" width="120" height="120" rx="26" fill="none" stroke="#188038" stroke-width="8"/>
         <path d="M32 66 l22 24 l44 -50" fill="none" stroke="#ffffff" stroke-width="18" stroke-linecap="round" stroke-linejoin="round"/>`
      : state === 'issues'
        ? `<rect x="4" y="4" width="120" height="120" rx="26" fill="none" stroke="#c5221f" stroke-width="8"/>
           <rect x="53" y="22" width="22" height="58" rx="9" fill="#ffffff"/><circle cx="64" cy="100" r="12" fill="#ffffff"/>`
        : `<rect x="22" y="26" width="84" height="76" rx="6" fill="#ffffff"/>
  <rect x="22" y="26" width="84" height="20" rx="6" fill="#9cc3ef"/>
  <rect x="22" y="40" width="84" height="6" fill="#9cc3ef"/>
  <g stroke="#1b4b82" stroke-width="6">
    <line x1="22" y1="66" x2="106" y2="66"/><line x1="22" y1="84" x2="106" y2="84"/>
    <line x1="52" y1="46" x2="52" y2="102"/>
  </g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">
  ${TILE}
  ${body}
</svg>`;
}

export const OUTPUTS: { file: string; state: IconState; size: number }[] = [
  ...[16, 32, 48, 128].map((size) => ({ file: `public/icon/${size}.png`, state: 'plain' as const, size })),
  ...(['ok', 'issues'] as const).flatMap((state) => [16, 32].map((size) => ({ file: `public/icon/state-${state}-${size}.png`, state, size }))),
  { file: 'docs/store/logo-300.png', state: 'plain', size: 300 },
];

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const { file, state, size } of OUTPUTS) {
      await page.setViewportSize({ width: size, height: size });
      const svg = mark(state).replace('width="128" height="128"', `width="${size}" height="${size}"`);
      await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}</style>${svg}`);
      const out = path.join(ROOT, file);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      console.log(`${file} (${size}×${size}, ${state})`);
    }
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
