// The narrative checks on whole pages and on real wording: the five seeds, the Pingtan
// copies and consistent random pages raise nothing; 受理 / 收办 meaning 新收 + 上年结转
// (Suqian 2023, 749 = 713 + 36) raises nothing; the Shanghai 2019 mismatch
// "予以公开及部分公开258件" against 272 + 3 = 275 is flagged with its sentence.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocument, runRules } from '../../lib/check';
import type { CheckResult } from '../../lib/check';
import { arbReportPage } from '../../toolkit/arbitrary';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';
import { makeReport } from '../support/report';
import { K, realistic } from '../rules/support';
import { withText } from './support';

const narrative = (r: Pick<CheckResult, 'findings' | 'passed' | 'incomplete'>) => ({
  findings: r.findings.filter((f) => f.ruleId.startsWith('narrative.')),
  passed: r.passed.filter((p) => p.ruleId.startsWith('narrative.')),
  incomplete: r.incomplete.filter((p) => p.ruleId.startsWith('narrative.')),
});
const page = (name: string) => checkDocument(docFromHtml(fixtureHtml(name)));

describe('the five seeds', () => {
  it.each([
    [
      'seed-000-yiyuan-2021.html',
      [
        ['received', 3],
        ['granted', 2],
      ],
    ],
    [
      'seed-001-yueqing-2021.html',
      [
        ['received', 1],
        ['processed', 1],
      ],
    ],
    ['seed-002-litong-2022.html', [['received', 0]]],
    ['seed-003-yuanzhou-2020.html', [['received', 0]]],
    ['seed-004-leshan-2021.html', [['received', 0]]],
  ])('%s: its statements agree with its tables', (name, statements) => {
    const result = page(name);
    expect(result.reading.report!.narrative!.statements.map((s) => [s.kind, s.value])).toEqual(statements);
    const n = narrative(result);
    expect(n.findings).toEqual([]);
    expect(n.incomplete).toEqual([]);
    expect(n.passed).toHaveLength(statements.length);
  });

  it('seed 000: “较去年减少4件” is no statement (there is no previous report to compare with)', () => {
    const statements = page('seed-000-yiyuan-2021.html').reading.report!.narrative!.statements;
    expect(statements.some((s) => s.value === 4)).toBe(false);
    expect(statements[0]!.text).toBe('2021年，通过各种渠道收到有关政府信息公开申请3件，较去年减少4件。');
  });

  it('seed 000: the 政协提案 sentence in part 六 and 无相关政府信息1件 are not read', () => {
    const statements = page('seed-000-yiyuan-2021.html').reading.report!.narrative!.statements;
    expect(statements.map((s) => s.text).join('')).not.toMatch(/提案|无相关政府信息1件，/);
  });
});

describe('Pingtan 2023 and 2024 (real TRS pages)', () => {
  it.each(['pingtan-2023.html', 'pingtan-2024.html'])('%s raises no narrative finding', (name) => {
    const n = narrative(page(name));
    expect(n.findings).toEqual([]);
    expect(n.incomplete).toEqual([]);
    expect(n.passed.length).toBeGreaterThan(0);
  });

  it('2023: reads all ten statements of its 依申请公开 paragraph', () => {
    const statements = page('pingtan-2023.html').reading.report!.narrative!.statements;
    expect(statements.map((s) => [s.kind, s.value])).toEqual([
      ['received', 81],
      ['naturalPerson', 80],
      ['processed', 81],
      ['grantedOrPartial', 42],
      ['denied', 5],
      ['unavailable', 31],
      ['notProcessed', 1],
      ['otherProcessed', 2],
      ['review', 2],
      ['litigation', 7],
    ]);
  });

  it('a changed 总计 whose parts still agree with the text is not a narrative finding (the arithmetic rules flag it)', () => {
    for (const name of ['pingtan-2023-changed-total.html', 'pingtan-2023-changed-review.html']) expect(narrative(page(name)).findings).toEqual([]);
  });
});

describe('Shanghai 2019 style: 予以公开及部分公开258件 against 272 + 3', () => {
  const result = page('shanghai-2019-style.html');
  const n = narrative(result);
  const sentence = '其中，予以公开及部分公开258件，无法提供265件，不予公开65件，不予处理99件，其他处理29件。';

  it('is flagged, pointing at （一）予以公开 / 总计, quoting the sentence with both numbers', () => {
    const f = n.findings.find((x) => x.id.startsWith('narrative.category:grantedOrPartial'));
    expect(f).toBeDefined();
    expect(f).toMatchObject({ severity: 'warning', expected: 258, actual: 275, equation: '258 ≠ 272 + 3 = 275' });
    expect(f!.cells.slice(0, 2)).toEqual([K('granted', 'total'), K('partiallyGranted', 'total')]);
    expect(f!.message).toContain(`“${sentence}”`);
    expect(f!.message).toContain('予以公开及部分公开258件');
    expect(f!.message).toContain('272 + 3 = 275');
    expect(f!.messageEn).toContain('258');
    expect(f!.messageEn).toContain('275');
  });

  it('also flags 无法提供265件 (Σ（四） = 337) and nothing else: 新收 859, 答复 805, 结转 18 and 72, the other categories and 复议 7 / 诉讼 9 agree', () => {
    expect(n.findings.map((f) => [f.ruleId, f.id.split(':')[1]!.split('@')[0], f.expected, f.actual])).toEqual([
      ['narrative.category', 'grantedOrPartial', 258, 275],
      ['narrative.category', 'unavailable', 265, 337],
    ]);
    expect(n.passed.map((p) => p.scope.split('@')[0])).toEqual([
      'received',
      'processed',
      'carriedOver',
      'carriedForward',
      'denied',
      'notProcessed',
      'otherProcessed',
      'review',
      'litigation',
    ]);
    expect(n.incomplete).toEqual([]);
  });
});

describe('受理 / 收办 as 新收 + 上年结转', () => {
  it('Suqian 2023 (3511 new + 96 carried over): 共收办3607件, 自然人 3493 and 法人 114 (new + carried), 转下年度121件 and the six categories raise nothing', () => {
    const text = [
      '（二）依申请公开',
      '2023年，共收办政府信息公开申请3607件，其中新收3511件，上年结转96件。',
      '自然人申请 3493 件，法人或其他组织申请 114 件。',
      '全年办结政府信息公开申请3486件，转下年度办理121件。',
      '其中，予以公开1191件，部分公开328件，不予公开142件，无法提供1078件，不予处理406件，其他处理341件。',
    ].join('\n');
    const report = withText(realistic('2021', {}, { year: 2023 }), text);
    expect(report.narrative!.statements.map((s) => s.kind)).toEqual([
      'handled',
      'carriedOver',
      'naturalPerson',
      'legalPerson',
      'processed',
      'carriedForward',
      'granted',
      'partiallyGranted',
      'denied',
      'unavailable',
      'notProcessed',
      'otherProcessed',
    ]);
    const n = narrative(runRules(report));
    expect(n.findings).toEqual([]);
    expect(n.passed).toHaveLength(12);
  });

  it('受理 749件 with 713 new and 36 carried over raises nothing; 750 is flagged with both readings', () => {
    const report = (text: string) =>
      withText(
        makeReport({
          year: 2022,
          cells: { [K('newReceived', 'total')]: 713, [K('carriedOver', 'total')]: 36, [K('totalProcessed', 'total')]: 740, [K('carriedForward', 'total')]: 9 },
        }),
        text,
      );
    expect(narrative(runRules(report('本年度共受理政府信息公开申请749件。'))).findings).toEqual([]);
    const [f] = narrative(runRules(report('本年度共受理政府信息公开申请750件。'))).findings;
    expect(f?.ruleId).toBe('narrative.received');
    expect(f?.cells[0]).toBe(K('newReceived', 'total'));
    expect(f?.equation).toBe('750 ≠ 713 / 713 + 36 = 749 / 740');
  });
});

describe('consistent random pages (toolkit/render.ts narrative)', () => {
  it('raise no narrative finding and no incomplete narrative check', () => {
    fc.assert(
      fc.property(arbReportPage(), ({ html }) => {
        const result = checkDocument(docFromHtml(html));
        const n = narrative(result);
        expect(n.findings).toEqual([]);
        expect(n.incomplete).toEqual([]);
        // 收到 or 未收到, and 行政复议/诉讼 or 未发生
        expect(n.passed.length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });
});

describe('a count in 份 on a real page (平潭 2023, 81件 written 81份)', () => {
  const changed = (to: string) => checkDocument(docFromHtml(fixtureHtml('pingtan-2023.html').replace('政府信息公开申请共计81件', `政府信息公开申请共计${to}`)));

  it('is read like 件 and agrees with the table', () => {
    const result = changed('81份');
    expect(result.reading.report!.narrative!.statements.filter((s) => s.kind === 'received').map((s) => [s.value, s.phrase])).toEqual([
      [81, '接收通过邮寄、网络提交的各类政府信息公开申请共计81份'],
    ]);
    expect(narrative(result).findings).toEqual([]);
  });

  it('is flagged when it disagrees with the table', () => {
    const [f, ...rest] = narrative(changed('82份')).findings;
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ruleId: 'narrative.received', severity: 'warning', expected: 82, actual: 81 });
  });
});
