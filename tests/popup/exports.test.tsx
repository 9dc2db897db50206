// @vitest-environment happy-dom
// Exports: findings CSV (BOM, one row per finding, the reviewer's status), the tidy
// tables CSV, JSON in the batch checker's contract, and file names.

import { describe, expect, it } from 'vitest';
import { fileName, safeFilePart } from '../../components/export-files';
import { MESSAGES } from '../../components/i18n';
import { FINDING_COLUMNS, TABLE_COLUMNS } from '../../lib/export/csv';
import { CheckOutputEntrySchema } from '../../lib/schema';
import { dismissalKey } from '../../utils/page-state';
import { dismissalsItem } from '../../utils/storage';
import {
  buttonByText,
  captureDownloads,
  fakeBackground,
  parseCsv,
  mountPopup,
  pingtanState,
  richState,
  URL_PINGTAN,
  usePopupTestSetup,
  waitFor,
} from './harness';

usePopupTestSetup();

async function bytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}
const utf8 = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

describe('popup: exports', () => {
  it('导出发现: UTF-8 CSV with a BOM, one row per finding, status from the dismissals', async () => {
    const state = richState();
    await dismissalsItem.setValue({
      [dismissalKey(URL_PINGTAN, 'applications.rowSum:granted')]: { status: 'falsePositive', note: 'n', at: '2026-01-01T00:00:00.000Z' },
      [dismissalKey(URL_PINGTAN, 'cell.unit:active.fees.amount')]: { status: 'verified', note: '', at: '2026-01-01T00:00:00.000Z' },
    });
    fakeBackground(state);
    const downloads = captureDownloads();
    const root = await mountPopup();
    buttonByText(root, '导出发现').click();
    await waitFor(() => expect(downloads.length).toBe(1));
    const { name, blob } = downloads[0]!;
    expect(name).toBe('年报核对_平潭综合实验区_2023_发现.csv');
    expect(blob.type).toContain('text/csv');
    const b = await bytes(blob);
    expect([...b.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(utf8(b).slice(1));
    expect(rows[0]).toEqual([...FINDING_COLUMNS]);
    expect(rows.length).toBe(1 + state.findings.length);
    const col = (c: (typeof FINDING_COLUMNS)[number]) => FINDING_COLUMNS.indexOf(c);
    const statusById = Object.fromEntries(rows.slice(1).map((r) => [`${r[col('ruleId')]}|${r[col('cells')]}`, r[col('status')]]));
    expect(Object.values(statusById).sort()).toEqual(['已核实', '待处理', '待处理', '待处理', '误报'].sort());
    const rowSum = rows.find((r) => r[col('ruleId')] === 'applications.rowSum')!;
    expect(rowSum[col('status')]).toBe('误报');
    expect(rowSum[col('source')]).toBe(URL_PINGTAN);
    expect(rowSum[col('agency')]).toBe('平潭综合实验区');
    expect(rowSum[col('cell')]).toBe('applications.granted.naturalPerson');
    expect(rows.find((r) => r[col('ruleId')] === 'cell.unit')![col('status')]).toBe('已核实');
    expect(URL.revokeObjectURL).not.toHaveBeenCalled(); // later, so the download is not cancelled
  });

  it('导出表格: one tidy row per cell read', async () => {
    const state = pingtanState();
    fakeBackground(state);
    const downloads = captureDownloads();
    const root = await mountPopup();
    buttonByText(root, '导出表格').click();
    await waitFor(() => expect(downloads.length).toBe(1));
    expect(downloads[0]!.name).toBe('年报核对_平潭综合实验区_2023_表格.csv');
    const b = await bytes(downloads[0]!.blob);
    expect([...b.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(utf8(b).slice(1));
    expect(rows[0]).toEqual([...TABLE_COLUMNS]);
    expect(rows.length).toBe(1 + Object.keys(state.report!.cells).length);
    const granted = rows.find((r) => r[4] === 'applications.granted.naturalPerson')!;
    expect(granted.slice(7, 9)).toEqual(['25', '25']);
  });

  it('导出 JSON: one entry of the checker’s contract, each finding with its status', async () => {
    const state = pingtanState();
    await dismissalsItem.setValue({
      [dismissalKey(URL_PINGTAN, 'applications.outcomeTotal:naturalPerson')]: { status: 'verified', note: '已电话核实', at: '2026-01-01T00:00:00.000Z' },
    });
    fakeBackground(state);
    const downloads = captureDownloads();
    const root = await mountPopup();
    buttonByText(root, '导出 JSON').click();
    await waitFor(() => expect(downloads.length).toBe(1));
    expect(downloads[0]!.name).toBe('年报核对_平潭综合实验区_2023_结果.json');
    const textOut = await downloads[0]!.blob.text();
    expect(textOut).toContain('\n  "source"'); // pretty-printed
    const json = JSON.parse(textOut);
    const parsed = CheckOutputEntrySchema.safeParse(json);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    expect(json.source).toBe(URL_PINGTAN);
    expect(json.detected).toBe(true);
    expect(json.kind).toBe('report');
    expect(json.report.agency).toBe('平潭综合实验区');
    expect(json.passed.length).toBe(state.passed.length);
    expect(json.findings.map((f: { id: string; status: string; note?: string }) => [f.id, f.status, f.note])).toEqual([
      ['applications.rowSum:granted', 'open', undefined],
      ['applications.outcomeTotal:naturalPerson', 'verified', '已电话核实'],
    ]);
  });
});

describe('file names', () => {
  const t = MESSAGES.zh;
  it('carry agency and year, without characters file systems refuse', () => {
    const state = pingtanState();
    state.report = { ...state.report!, agency: '沂源县/司法局:"2021"*?<>|', year: 2021 };
    expect(fileName(state, t, 'findings')).toBe('年报核对_沂源县_司法局_2021_2021_发现.csv');
    expect(fileName(state, t, 'findings')).not.toMatch(/[\\/:*?"<>|]/);
  });
  it('fall back to the host and 未识别 when the agency or year is unknown', () => {
    const state = pingtanState();
    state.report = { ...state.report!, agency: null, year: null };
    expect(fileName(state, t, 'json')).toBe('年报核对_www.pingtan.gov.cn_未识别_结果.json');
  });
  it('never start with a dot or run on without end', () => {
    expect(safeFilePart('..\\hidden')).toBe('hidden');
    expect(safeFilePart('名称. ')).toBe('名称');
    expect(safeFilePart('x'.repeat(200)).length).toBe(80);
    expect(safeFilePart('  ')).toBe('_');
  });
});
