// The extension's own locales (public/_locales: the name, description, toolbar title and
// keyboard commands the browser and the stores show): the same keys in zh_CN and en,
// each used by the manifest, descriptions within the stores' 132 characters.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (locale: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;

describe('_locales', () => {
  const zh = read('zh_CN');
  const en = read('en');
  const config = fs.readFileSync(path.join(ROOT, 'wxt.config.ts'), 'utf8');
  const used = new Set([...config.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!));

  it('has the same keys in both languages, each one used by the manifest, and every key the manifest uses', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect([...used].sort()).toEqual(Object.keys(zh).sort());
  });

  it('keeps each description within the 132 characters the stores accept, and names the extension in each language', () => {
    for (const m of [zh, en]) expect(m.extDescription!.message.length).toBeLessThanOrEqual(132);
    expect(zh.extName!.message).toBe('年报核对');
    expect(en.extName!.message).toBe('GIP Report Checker');
  });
});
