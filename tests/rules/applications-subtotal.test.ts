import { describe, expect, it } from 'vitest';
import { runRules } from '../../lib/check';
import { APPLICATION_COLUMNS, APPLICATION_ROWS, ORG_COLUMNS, OUTCOME_GROUPS, type Format } from '../../lib/keys';
import { applicationsOutcomeTotal } from '../../lib/rules/applications-outcome-total';
import { applicationsRowSum } from '../../lib/rules/applications-row-sum';
import { applicationsSubtotal as rule } from '../../lib/rules/applications-subtotal';
import { expectMessages, failed, FORMATS, K, onlyFailure, outcomes, realistic, realisticCells } from './support';

const sumOf = (cells: Record<string, number | string>, keys: readonly string[]) => keys.reduce((s, k) => s + Number(cells[k]), 0);

/** A 法人或其他组织小计 column, correct on every row. */
function orgSubtotalColumn(format: Format) {
  const cells = realisticCells(format);
  return Object.fromEntries(
    APPLICATION_ROWS[format].map((row) => [
      K(row, 'orgSubtotal'),
      sumOf(
        cells,
        ORG_COLUMNS.map((c) => K(row, c)),
      ),
    ]),
  );
}

/** A correct （三）不予公开小计 row. */
function deniedSubtotalRow(format: Format) {
  const cells = realisticCells(format);
  return Object.fromEntries(
    APPLICATION_COLUMNS.map((col) => [
      K('subtotal.denied', col),
      sumOf(
        cells,
        OUTCOME_GROUPS.denied.rows.map((r) => K(r, col)),
      ),
    ]),
  );
}

describe.each(FORMATS)('applications.subtotal, %s format', (format) => {
  it('has nothing to check on a standard table', () => {
    expect(rule.check(realistic(format))).toEqual([]);
  });

  describe('法人或其他组织小计 column', () => {
    it('passes on every row when it sums the five organisation columns, and stays out of the row sum', () => {
      const report = realistic(format, orgSubtotalColumn(format));
      const all = rule.check(report);
      expect(all.map((o) => o.scope)).toEqual(APPLICATION_ROWS[format].map((r) => `${r}.orgSubtotal`));
      expect(all.every((o) => o.status === 'passed')).toBe(true);
      expect(failed(applicationsRowSum, report)).toEqual([]);
      expect(runRules(report).findings).toEqual([]);
    });

    it('fails the row whose 小计 is wrong, with its numbers', () => {
      const report = realistic(format, { ...orgSubtotalColumn(format), [K('granted', 'orgSubtotal')]: 40 }); // 35+2+3+1+0 = 41
      const o = onlyFailure(rule, report);
      expect(o).toMatchObject({ scope: 'granted.orgSubtotal', expected: 41, actual: 40 });
      expect(o.cells[0]).toBe(K('granted', 'orgSubtotal'));
      const { zh } = expectMessages(rule, o, '法人或其他组织小计', 41, 40);
      expect(zh).toBe('（一）予以公开“法人或其他组织小计”应为五类法人或其他组织之和 41，页面为 40');
      expect(runRules(report).findings.map((f) => [f.id, f.severity])).toEqual([['applications.subtotal:granted.orgSubtotal', 'error']]);
    });

    it('is incomplete when a 小计 cell is unreadable', () => {
      const key = K('carriedOver', 'orgSubtotal');
      const report = realistic(format, { ...orgSubtotalColumn(format), [key]: '见附件' });
      expect(failed(rule, report)).toEqual([]);
      expect(outcomes(rule, report, 'incomplete')).toEqual([expect.objectContaining({ scope: 'carriedOver.orgSubtotal', reason: `unreadable:${key}` })]);
    });
  });

  describe('subtotal rows', () => {
    it('passes a correct （三）不予公开小计 row in every column, which （七）总计 does not count twice', () => {
      const report = realistic(format, deniedSubtotalRow(format));
      const all = rule.check(report);
      expect(all.map((o) => o.scope)).toEqual(APPLICATION_COLUMNS.map((c) => `subtotal.denied.${c}`));
      expect(all.every((o) => o.status === 'passed')).toBe(true);
      expect(failed(applicationsOutcomeTotal, report)).toEqual([]);
      expect(runRules(report).findings).toEqual([]);
    });

    it('fails the column of a wrong subtotal cell, and the subtotal row’s own row sum', () => {
      const report = realistic(format, { ...deniedSubtotalRow(format), [K('subtotal.denied', 'naturalPerson')]: 140 }); // 138
      const o = onlyFailure(rule, report);
      expect(o).toMatchObject({ scope: 'subtotal.denied.naturalPerson', expected: 138, actual: 140 });
      expect(o.cells[0]).toBe(K('subtotal.denied', 'naturalPerson'));
      const { zh, en } = expectMessages(rule, o, 138, 140);
      expect(zh).toBe('（三）不予公开小计（自然人）应为（三）不予公开各项之和 138，页面为 140');
      expect(en).toContain('the items of （三）不予公开');
      expect(onlyFailure(applicationsRowSum, report)).toMatchObject({ scope: 'subtotal.denied', expected: 144, actual: 142 });
      expect(failed(applicationsOutcomeTotal, report)).toEqual([]);
    });
  });
});

it('has severity error', () => expect(rule.severity).toBe('error'));
