// Building reports for rule tests without HTML: a consistent all-zero (or given)
// report of either format, with any cell overridden by its raw text.

import { expectedKeys, type Format } from '../../lib/keys';
import type { Report } from '../../lib/schema';
import { readCellValue } from '../../lib/table/cell-value';

export interface ReportSpec {
  format?: Format;
  year?: number;
  /** canonical key → value or raw text as the page would show it ('' = blank, '—', '12件' …) */
  cells?: Record<string, number | string>;
  /** keys to leave out, as if the page lacked them */
  omit?: readonly string[];
  structure?: Report['structure'];
}

export function makeReport(spec: ReportSpec = {}): Report {
  const format = spec.format ?? '2021';
  const cells: Report['cells'] = {};
  let i = 0;
  for (const key of expectedKeys(format)) {
    if (spec.omit?.includes(key)) continue;
    const given = spec.cells?.[key];
    const raw = given === undefined ? '0' : String(given);
    cells[key] = { ...readCellValue(raw), ref: { table: 0, row: 0, cell: i++ } };
  }
  for (const [key, v] of Object.entries(spec.cells ?? {})) if (!cells[key]) cells[key] = { ...readCellValue(String(v)), ref: { table: 0, row: 0, cell: i++ } };
  return {
    title: `测试局${spec.year ?? 2021}年政府信息公开工作年度报告`,
    agency: '测试局',
    agencySource: 'title',
    year: spec.year ?? (format === '2021' ? 2021 : 2019),
    format,
    formatSource: 'outcomeRows',
    url: null,
    pubDate: null,
    cells,
    structure: spec.structure ?? [],
  };
}
