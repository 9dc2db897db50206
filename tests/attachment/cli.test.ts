// The batch checker on attachments, as users run it (the built command, a real process):
// PDFs and DOCX in directories, each entry in the output contract with its cells' page and
// box (PDF) or DOCX cell; a .doc, a scan and a cut file each with their reason.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckOutputSchema, type CheckOutputEntry } from '../../lib/schema';
import { CLI } from '../support/built-cli';
import { PRODUCED, REAL } from './support';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });

describe('npm run check on attachments', () => {
  let dir: string;
  let entries: CheckOutputEntry[];
  const files = [
    [REAL, 'huaian-2024.pdf'],
    [PRODUCED, 'chromium-pingtan-2023-changed-granted.pdf'],
    [PRODUCED, 'libreoffice-pingtan-2023-changed-granted.docx'],
    [PRODUCED, 'scan-pingtan-2023.pdf'],
    [PRODUCED, 'truncated-pingtan-2023.pdf'],
  ] as const;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gip-attach-cli-'));
    for (const [from, name] of files) fs.copyFileSync(path.join(from, name), path.join(dir, name));
    // named directly, whatever its extension: gets its reason
    const doc = path.join(PRODUCED, 'libreoffice-pingtan-2023.doc');
    const r = run('--json', dir, doc);
    expect(r.status, r.stderr).toBe(0);
    entries = CheckOutputSchema.parse(JSON.parse(r.stdout));
  }, 240_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists the directory’s PDFs and DOCX (sorted) and the named .doc, one entry each', () => {
    expect(entries.map((e) => path.basename(e.source))).toEqual([
      'chromium-pingtan-2023-changed-granted.pdf',
      'huaian-2024.pdf',
      'libreoffice-pingtan-2023-changed-granted.docx',
      'scan-pingtan-2023.pdf',
      'truncated-pingtan-2023.pdf',
      'libreoffice-pingtan-2023.doc',
    ]);
  });

  it('reads the reports, with each cell’s page and box, or its DOCX cell', () => {
    const [chromium, huaian, docx] = entries;
    expect(huaian).toMatchObject({ detected: true, kind: 'report', report: { agency: '淮安市人民政府', year: 2024, format: '2021' } });
    expect(huaian!.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(huaian!.report!.cells['applications.newReceived.total']).toMatchObject({ value: 3119, ref: { page: 4, box: expect.any(Array) } });
    for (const e of [chromium!, docx!]) {
      const errors = e.findings.filter((f) => f.severity === 'error');
      expect(errors.map((f) => [f.ruleId, f.cells[0]])).toEqual([
        ['applications.rowSum', 'applications.granted.naturalPerson'],
        ['applications.outcomeTotal', 'applications.granted.naturalPerson'],
      ]);
    }
    expect(chromium!.report!.cells['applications.granted.naturalPerson']!.ref).toMatchObject({ page: 3, box: expect.any(Array) });
    expect(docx!.report!.cells['applications.granted.naturalPerson']!.ref).toMatchObject({ docx: [1, 5, 2] });
  });

  it('gives a scan, a cut file and a .doc their entry with the reason', () => {
    const [, , , scan, cut, doc] = entries;
    for (const e of [scan!, cut!, doc!]) expect(e).toMatchObject({ detected: false, kind: 'unreadable', report: null, findings: [] });
    expect(scan!.error).toContain('扫描件');
    expect(cut!.error).toContain('损坏');
    expect(doc!.error).toContain('Word 97-2003');
  });

  it('says the page of a finding’s cell in the listing', () => {
    const r = run(path.join(dir, 'chromium-pingtan-2023-changed-granted.pdf'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('〈applications.granted.naturalPerson · 第3页 / p. 3〉');
  }, 120_000);
});
