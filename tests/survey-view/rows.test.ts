// The survey view's data (components/survey/rows.ts): a run's rows (its reports from the
// memory, failures and addresses not fetched yet as rows of their own), the verdicts taken
// out of the counts, filtering, sorting, the two charts' numbers and the list's CSV.

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT, NO_FILTER, errorHistogram, filterRows, ruleFrequency, sortRows, surveyListCsv, surveyRows } from '../../components/survey/rows';
import { dismissalKey } from '../../utils/page-state';
import type { ReportSummary } from '../../utils/storage';
import type { SurveyItem, SurveyRun } from '../../utils/survey';

const O = 'http://www.qinghe.gov.cn';

function summary(path: string, agency: string, year: number, findingIds: Record<string, 'error' | 'warning' | 'info'>): ReportSummary {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const s of Object.values(findingIds)) counts[s]++;
  return {
    url: `${O}${path}`,
    title: `${agency}${year}年政府信息公开工作年度报告`,
    agency,
    year,
    format: '2021',
    counts,
    checkedAt: '2026-12-06T07:00:00.000Z',
    findingIds,
    borrowed: false,
    fetched: true,
    bytes: 1000,
  };
}

const INDEX: Record<string, ReportSummary> = Object.fromEntries(
  [
    summary('/a.html', '清河县财政局', 2023, {
      'applications.rowSum:granted': 'error',
      'applications.outcomeTotal:naturalPerson': 'error',
      'cell.blankAsZero:x': 'info',
    }),
    summary('/b.html', '清河县教育局', 2024, {}),
    summary('/c.html', '东山区司法局', 2024, { 'crossYear.carryOver:naturalPerson': 'error', 'format.structure:rowMissing': 'warning' }),
    summary('/d.html', '东山区司法局', 2023, { 'format.structure:rowMissing': 'warning', 'format.structure:cells': 'warning' }),
    summary('/many.html', '临江市民政局', 2022, Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`applications.rowSum:r${i}`, 'error' as const]))),
  ].map((e) => [e.url, e]),
);

const item = (path: string, over: Partial<SurveyItem>): SurveyItem => ({
  url: `${O}${path}`,
  text: `链接 ${path}`,
  agency: null,
  year: 2023,
  format: 'html',
  status: 'queued',
  ...over,
});

const RUN: SurveyRun = {
  id: 'r1',
  listUrl: `${O}/gknb/`,
  listTitle: '政府信息公开年报',
  origin: O,
  tabId: 3,
  year: null,
  createdAt: '2026-12-06T07:00:00.000Z',
  startedAt: '2026-12-06T07:00:01.000Z',
  finishedAt: null,
  status: 'running',
  lists: [{ url: `${O}/gknb/`, status: 'read', found: 8 }],
  items: [
    item('/a.html', { status: 'checked', keys: [`${O}/a.html`], agency: '清河县财政局' }),
    item('/b.html', { status: 'checked', keys: [`${O}/b.html`], encoding: 'gbk' }),
    item('/c.html', { status: 'checked', keys: [`${O}/c.html`] }),
    item('/d.html', { status: 'checked', keys: [`${O}/d.html`] }),
    item('/many.html', { status: 'checked', keys: [`${O}/many.html`] }),
    item('/404.html', { status: 'failed', reason: 'http', detail: 'HTTP 404', agency: '=HYPERLINK("http://evil")' }),
    item('/r.html', { status: 'failed', reason: 'redirect' }),
    item('/next.html', {}),
  ],
  current: `${O}/next.html`,
};

describe('survey rows', () => {
  const rows = surveyRows(RUN, INDEX, {});

  it('one row per report checked, per failure and per address not fetched, in the run’s order', () => {
    expect(rows.map((r) => [r.key.slice(O.length), r.state])).toEqual([
      ['/a.html', 'checked'],
      ['/b.html', 'checked'],
      ['/c.html', 'checked'],
      ['/d.html', 'checked'],
      ['/many.html', 'checked'],
      ['/404.html', 'failed'],
      ['/r.html', 'failed'],
      ['/next.html', 'queued'],
    ]);
    expect(rows[0]!.counts).toEqual({ error: 2, warning: 0, info: 1 });
    expect(rows[0]!.rules).toEqual(['applications.outcomeTotal', 'applications.rowSum']);
    expect(rows[1]!.encoding).toBe('gbk');
    expect(rows[5]).toMatchObject({ reason: 'http', detail: 'HTTP 404', counts: null });
  });

  it('takes the reviewer’s verdicts out of the counts, the rules and the first error', () => {
    const errors = new Map([
      [
        `${O}/a.html`,
        [
          { id: 'applications.rowSum:granted', ruleId: 'applications.rowSum', message: '行之和不符', messageEn: 'row sum' },
          { id: 'applications.outcomeTotal:naturalPerson', ruleId: 'applications.outcomeTotal', message: '总计不符', messageEn: 'total' },
        ],
      ],
    ]);
    const verdict = { status: 'falsePositive' as const, note: '', at: '2026-12-06T07:00:00.000Z' };
    const [a] = surveyRows(RUN, INDEX, { [dismissalKey(`${O}/a.html`, 'applications.rowSum:granted')]: verdict }, errors);
    expect(a!.counts).toEqual({ error: 1, warning: 0, info: 1 });
    expect(a!.rules).toEqual(['applications.outcomeTotal']);
    expect(a!.firstError?.message).toBe('总计不符');
  });

  it('without a run: every remembered report', () => {
    expect(
      surveyRows(null, INDEX, {})
        .map((r) => r.key)
        .sort(),
    ).toEqual(Object.keys(INDEX).sort());
  });

  it('filters by year, severity and words (all must match)', () => {
    const keys = (f: Partial<typeof NO_FILTER>) => filterRows(rows, { ...NO_FILTER, ...f }).map((r) => r.key.slice(O.length));
    expect(keys({ year: 2024 })).toEqual(['/b.html', '/c.html']);
    expect(keys({ severity: 'errors' })).toEqual(['/a.html', '/c.html', '/many.html']);
    expect(keys({ severity: 'warnings' })).toEqual(['/c.html', '/d.html']);
    expect(keys({ severity: 'clean' })).toEqual(['/b.html']);
    expect(keys({ severity: 'failed' })).toEqual(['/404.html', '/r.html']);
    expect(keys({ severity: 'queued' })).toEqual(['/next.html']);
    expect(keys({ text: '东山区 2023' })).toEqual(['/d.html']);
    expect(keys({ text: '司法局', severity: 'errors', year: 2024 })).toEqual(['/c.html']);
    expect(keys({ text: '没有这个机关' })).toEqual([]);
  });

  it('sorts by a column either way; rows without counts after the counted ones; ties the same every time', () => {
    const order = (column: Parameters<typeof sortRows>[1]['column'], direction: 1 | -1) =>
      sortRows(rows, { column, direction }).map((r) => r.key.slice(O.length));
    expect(order('error', -1)).toEqual(['/many.html', '/a.html', '/c.html', '/d.html', '/b.html', '/404.html', '/next.html', '/r.html']);
    // (ties by agency: 东山区 before 清河县, whichever the direction)
    expect(order('error', 1).slice(0, 5)).toEqual(['/d.html', '/b.html', '/c.html', '/a.html', '/many.html']);
    expect(order('error', 1).slice(5)).toEqual(['/404.html', '/next.html', '/r.html']);
    expect(order('warning', -1).slice(0, 2)).toEqual(['/d.html', '/c.html']);
    // agency in Chinese collation (东 dōng before 临 lín before 清 qīng), the newest year first among one agency's
    expect(
      sortRows(rows, DEFAULT_SORT)
        .filter((r) => r.counts)
        .map((r) => r.agency ?? r.title),
    ).toEqual(['东山区司法局', '东山区司法局', '临江市民政局', '清河县财政局', '清河县教育局']);
    expect(
      sortRows(rows, DEFAULT_SORT)
        .filter((r) => r.counts)
        .slice(0, 2)
        .map((r) => r.year),
    ).toEqual([2024, 2023]);
    expect(order('year', 1)[0]).toBe('/many.html');
    // sorting does not change its input
    expect(rows.map((r) => r.key)).toEqual(surveyRows(RUN, INDEX, {}).map((r) => r.key));
  });

  it('charts: reports by number of open errors, and the rules most reports fail', () => {
    const h = errorHistogram(rows);
    expect(h).toEqual([
      { label: '0', count: 2 },
      { label: '1', count: 1 },
      { label: '2', count: 1 },
      { label: '3', count: 0 },
      { label: '4', count: 0 },
      { label: '5–9', count: 0 },
      { label: '10+', count: 1 },
    ]);
    // every checked report counted once, failures and addresses not fetched not at all
    expect(h.reduce((a, b) => a + b.count, 0)).toBe(rows.filter((r) => r.counts).length);
    expect(ruleFrequency(rows)).toEqual([
      { ruleId: 'applications.rowSum', count: 2 },
      { ruleId: 'format.structure', count: 2 },
      { ruleId: 'applications.outcomeTotal', count: 1 },
      { ruleId: 'crossYear.carryOver', count: 1 },
    ]);
    expect(ruleFrequency(rows, 1)).toHaveLength(1);
    expect(errorHistogram([]).every((b) => b.count === 0)).toBe(true);
  });

  it('the list CSV: every row with its reason in words, formulae neutralised, UTF-8 BOM', () => {
    const csv = surveyListCsv(rows, { reason: (r) => `原因:${r}`, firstError: (f) => f.message });
    expect(csv.startsWith('\ufeff')).toBe(true);
    const records = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(rows.length);
    const failed = records.find((r) => r.source === `${O}/404.html`)!;
    expect(failed).toMatchObject({ status: 'failed', reason: '原因:http', detail: 'HTTP 404', openErrors: '' });
    expect(failed.agency!.startsWith('=')).toBe(false);
    expect(failed.agency).toContain('HYPERLINK');
    expect(records.find((r) => r.source === `${O}/a.html`)).toMatchObject({ openErrors: '2', openInfo: '1', status: 'checked' });
  });
});
