// The one vocabulary (lib/vocabulary.ts): every key in both languages with the same kind
// of value, no empty words, and every word used somewhere (a key nobody reads is a word a
// translator keeps up for nothing).

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VOCABULARY } from '../lib/vocabulary';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Every key path with the type of its value ("function" entries must take the same arguments). */
function shape(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? shape(v, `${prefix}${k}.`) : [`${prefix}${k}:${typeof v}${typeof v === 'function' ? `/${(v as () => string).length}` : ''}`],
  );
}

/** The source that may use the vocabulary (not the vocabulary itself, not tests). */
function sources(): string {
  const out: string[] = [];
  for (const dir of ['components', 'entrypoints', 'lib', 'utils', 'cli', 'scripts'])
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true }))
      if (e.isFile() && /\.tsx?$/.test(e.name) && !e.name.startsWith('vocabulary.')) out.push(fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'));
  return out.join('\n');
}

/** Records keyed by an enumeration (severities, tables, page kinds …): their keys are the enumeration's, read by index. */
const ENUMERATIONS = new Set([
  'severity',
  'severities',
  'tables',
  'verdicts',
  'readAs',
  'kinds',
  'formats',
  'pubDateSources',
  'previousReasons',
  'status',
  'severityFilters',
  'columns',
  'failures',
]);

describe('the one vocabulary', () => {
  it('has the same keys in zh and en, with the same kind of value', () => {
    expect(shape(VOCABULARY.en).sort()).toEqual(shape(VOCABULARY.zh).sort());
  });

  it('has no empty word', () => {
    for (const words of Object.values(VOCABULARY))
      for (const p of shape(words)) {
        const value = p
          .split(':')[0]!
          .split('.')
          .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], words);
        const out = typeof value === 'function' ? (value as (...a: unknown[]) => unknown)(1, 1) : value;
        expect(typeof out, p).toBe('string');
        expect((out as string).length, p).toBeGreaterThan(0);
      }
  });

  it('uses every key (sections, and each word of a section)', () => {
    const code = sources();
    const unused: string[] = [];
    // each surface imports its own section (so the checker carries only the tooltip's words)
    const SECTION_CONSTANTS: Record<string, string> = {
      popup: 'POPUP_WORDS',
      tooltip: 'TOOLTIP_WORDS',
      options: 'OPTIONS_WORDS',
      listing: 'LISTING_WORDS',
      attachment: 'ATTACHMENT_WORDS',
      survey: 'SURVEY_WORDS',
    };
    for (const [section, words] of Object.entries(VOCABULARY.zh)) {
      const used = SECTION_CONSTANTS[section] ? new RegExp(`\\b${SECTION_CONSTANTS[section]}\\b`) : new RegExp(`\\.${section}\\b`);
      if (!used.test(code)) unused.push(section);
      if (ENUMERATIONS.has(section)) continue;
      for (const [key, value] of Object.entries(words as object)) {
        if (ENUMERATIONS.has(key) && typeof value === 'object') {
          if (!new RegExp(`\\.${key}\\b`).test(code)) unused.push(`${section}.${key}`);
          continue;
        }
        if (!new RegExp(`\\.${key}\\b`).test(code)) unused.push(`${section}.${key}`);
      }
    }
    expect(unused).toEqual([]);
  });
});
