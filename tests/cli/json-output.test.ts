// The streamed --json writer gives exactly JSON.stringify(entries, null, 2) + '\n'.

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkHtml } from '../../scripts/lib/check-file';
import { writeJsonArray } from '../../scripts/lib/json-output';
import { fixtureHtml } from '../support/dom';
import { hostileReportHtml } from '../support/hostile';

async function written(items: readonly unknown[]): Promise<string> {
  const out = new PassThrough({ highWaterMark: 1024 }); // small: the writer must wait for 'drain'
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeJsonArray(out, items);
  out.end();
  await new Promise((r) => out.on('end', r));
  return Buffer.concat(chunks).toString('utf8');
}

describe('writeJsonArray', () => {
  it.each([
    ['no entries', []],
    ['one report', [checkHtml('a.html', fixtureHtml('pingtan-2023.html'))]],
    ['reports, non-reports and hostile text', [checkHtml('a.html', fixtureHtml('seed-004-leshan-2021.html')), checkHtml('b.html', fixtureHtml('negative-news.html')), checkHtml('c\n"x".html', hostileReportHtml()), { source: 'd', error: 'line\nbreak', n: [1, [2, {}], []] }]],
  ])('%s: the same bytes as JSON.stringify', async (_name, items) => {
    expect(await written(items)).toBe(JSON.stringify(items, null, 2) + '\n');
  });
});
