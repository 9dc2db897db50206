import { describe, expect, it } from 'vitest';
import { narrativeCarried as rule } from '../../lib/rules/narrative-carried';
import { withText } from '../narrative/support';
import { expectMessages, FORMATS, K, onlyFailure, outcomes, realistic } from './support';

// Suqian 2023: 上年结转 96, 结转下年度 121.
const report = (format: (typeof FORMATS)[number], text: string, cells: Record<string, number | string> = {}) =>
  withText(realistic(format, cells, { year: 2023 }), text);

describe.each(FORMATS)('narrative.carried, %s format', (format) => {
  it.each([
    ['转下年度办理 (Suqian 2023)', '全年办结政府信息公开申请3486件，转下年度办理121件。'],
    ['结转下年度继续办理', '政府信息公开申请结转下年度继续办理121件。'],
    ['上年结转', '政府信息公开申请上年结转96件。'],
    ['N 件…顺延到下年度 (Shanghai 2019 wording)', '答复政府信息公开申请3486件（另有121件申请因答复期限跨年度，顺延到下年度答复）。'],
  ])('passes %s', (_, text) => expect(rule.check(report(format, text)).map((o) => o.status)).toEqual(expect.arrayContaining(['passed'])));

  it('fails a wrong 结转下年度 count, pointing at 四、结转下年度继续办理', () => {
    const o = onlyFailure(rule, report(format, '政府信息公开申请结转下年度继续办理12件。'));
    expect(o).toMatchObject({ expected: 12, actual: 121 });
    expect(o.cells[0]).toBe(K('carriedForward', 'total'));
    expectMessages(rule, o, '结转下年度继续办理12件', 12, 121);
  });

  it('takes 无结转 as either direction', () => {
    expect(
      outcomes(
        rule,
        report(format, '政府信息公开申请均已办结，无结转。', {
          [K('carriedForward', 'total')]: 0,
          [K('carriedForward', 'naturalPerson')]: 0,
          [K('carriedForward', 'commercial')]: 0,
        }),
        'passed',
      ),
    ).toHaveLength(1);
    const o = onlyFailure(rule, report(format, '政府信息公开申请均已办结，无结转。'));
    expect(o.equation).toBe('0 ≠ 121 / 96');
  });
});
