// Pages for tests: fixture files and HTML strings parsed with the CLI's DOM (linkedom).

import fs from 'node:fs';
import path from 'node:path';
import { decodePage } from '../lib/encoding';
import { parseDocument } from '../cli/check-file';

export const FIXTURES = path.resolve(import.meta.dirname, '../tests/fixtures/pages');

export const docFromHtml = (html: string): Document => parseDocument(html);

export function fixtureHtml(name: string): string {
  return decodePage(fs.readFileSync(path.join(FIXTURES, name))).text;
}

export interface Expected {
  detected: boolean;
  kind: string;
  year?: number;
  format?: '2021' | '2019';
  agency?: string;
  cells?: Record<string, number>;
  blankCells?: string[];
  expectedFindings?: { ruleId: string; severity: string; firstCell?: string }[];
  absentFindings?: ({ ruleId: string; firstCell?: string } | string)[];
  tablesAsImages?: boolean;
  /** a page holding several reports: each report, in document order (the fields above describe the first) */
  reports?: Expected[];
}

export function fixtureExpected(name: string): Expected {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name.replace(/\.html$/, '.expected.json')), 'utf8'));
}

export const fixtureNames = () =>
  fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.html'))
    .sort();
