// Shared plumbing for the per-cell rules: which cells hold counts, money or signed changes.

import { keyLabel } from '../keys';
import type { Cell, Report } from '../schema';

/** Cells whose value is a sum of money, not a count (decimals are normal there). */
export const isMoney = (key: string, report: Report) =>
  (key === 'active.fees.amount' && report.format === '2021') || key === 'active.procurement.amount';
/** 2019 本年增/减 columns are signed by design. */
export const isSigned = (key: string) => /^active\.[A-Za-z]+\.change$/.test(key);

export function cellsOf(report: Report): [string, Cell][] {
  return Object.entries(report.cells);
}

export const cellName = (key: string, report: Report) => keyLabel(key, report.format);
