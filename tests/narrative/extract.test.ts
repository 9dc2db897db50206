// The extractor alone: every phrase kind of report-format.md §2.6 is read with its
// number (Chinese numerals, full-width digits and thousands separators too), and the
// traps that would make false alarms (parts, comparisons, other years, other matters,
// approximations, part 六) are left out.

import { describe, expect, it } from 'vitest';
import { extractStatements, narrativeText, parseChineseNumber, parseCount } from '../../lib/narrative/extract';
import { MAX_STATEMENT_TEXT } from '../../lib/narrative/kinds';
import { StatementSchema } from '../../lib/schema';
import { said } from './support';

describe('numbers', () => {
  it.each([
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十五', 25],
    ['一百零五', 105],
    ['三千六百零七', 3607],
    ['一万二千', 12000],
  ])('reads %s as %i', (s, n) => expect(parseChineseNumber(s)).toBe(n));

  it.each(['二〇二一', '一二', '百', '万'])('does not read the digit string or fragment %s as a count', (s) => expect(parseChineseNumber(s)).toBeNull());

  it.each([
    ['12', 12],
    ['１２', 12],
    ['3,607', 3607],
    ['十二', 12],
  ])('parseCount(%s) = %i', (s, n) => expect(parseCount(s)).toBe(n));
});

describe('phrase kinds', () => {
  it.each([
    // 收到 / 新收 / 接收
    ['2021年，通过各种渠道收到有关政府信息公开申请3件，较去年减少4件。', [['received', 3]]],
    ['全年新收政府信息公开申请859件。', [['received', 859]]],
    [
      '2021年，本单位共接收政府信息公开申请1件，办结1件，均在规定期限内办理、答复。',
      [
        ['received', 1],
        ['processed', 1],
      ],
    ],
    ['全年共收到3件政府信息公开申请。', [['received', 3]]],
    ['依申请公开：收到公民、法人或其他组织提出的政府信息公开申请8件。', [['received', 8]]],
    // 受理 / 收办 / 共办理
    [
      '2021年，共收办政府信息公开申请3607件，其中上年结转96件。',
      [
        ['handled', 3607],
        ['carriedOver', 96],
      ],
    ],
    ['本年度共受理政府信息公开申请749件。', [['handled', 749]]],
    ['全年办理政府信息公开申请218件。', [['handled', 218]]],
    // 办结 / 答复
    [
      '全年新收政府信息公开申请859件，答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请因答复期限跨年度，顺延到下年度答复）。',
      [
        ['received', 859],
        ['processed', 805],
        ['carriedOver', 18],
        ['carriedForward', 72],
      ],
    ],
    [
      '办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%。',
      [
        ['processed', 81],
        ['grantedOrPartial', 42],
        ['denied', 5],
      ],
    ],
    // outcome categories
    [
      '收到政府信息公开申请12件。其中，予以公开5件，部分公开2件，不予公开1件（属于国家秘密），无法提供3件，不予处理0件，其他处理1件。',
      [
        ['received', 12],
        ['granted', 5],
        ['partiallyGranted', 2],
        ['denied', 1],
        ['unavailable', 3],
        ['notProcessed', 0],
        ['otherProcessed', 1],
      ],
    ],
    [
      '其中，予以公开及部分公开258件，无法提供265件，不予公开65件，不予处理99件，其他处理29件。依申请公开。',
      [
        ['grantedOrPartial', 258],
        ['unavailable', 265],
        ['denied', 65],
        ['notProcessed', 99],
        ['otherProcessed', 29],
      ],
    ],
    ['依申请公开：予以公开（含部分公开）8件。', [['grantedOrPartial', 8]]],
    ['依申请公开：予以公开2件（含部分公开1件）。', [['granted', 2]]],
    // 结转
    [
      '全年办结政府信息公开申请3486件，转下年度办理121件。',
      [
        ['processed', 3486],
        ['carriedForward', 121],
      ],
    ],
    [
      '2022年共收到政府信息公开申请10件，2021年结转政府信息公开申请2件，共办结10件，结转2023年度继续办理2件。',
      [
        ['received', 10],
        ['carriedOver', 2],
        ['processed', 10],
        ['carriedForward', 2],
      ],
      2022,
    ],
    [
      '共收到政府信息公开申请3件，另有2件结转下年度办理。',
      [
        ['received', 3],
        ['carriedForward', 2],
      ],
    ],
    [
      '共收到政府信息公开申请3件，1件结转下年度办理。',
      [
        ['received', 3],
        ['carriedForward', 1],
      ],
    ],
    [
      '全年收到政府信息公开申请14件，办结14件，无结转下年度办理的申请。',
      [
        ['received', 14],
        ['processed', 14],
        ['carriedForward', 0],
      ],
    ],
    ['政府信息公开申请均已办结，无结转。', [['carried', 0]]],
    ['上年结转的2件政府信息公开申请已全部办结。', [['carriedOver', 2]]],
    // 自然人 / 法人
    [
      '2023年，全市收到政府信息公开申请3511件，其中自然人申请 3493 件，法人或其他组织申请 114 件。',
      [
        ['received', 3511],
        ['naturalPerson', 3493],
        ['legalPerson', 114],
      ],
      2023,
    ],
    [
      '共收到政府信息公开申请5件（其中自然人申请4件，法人申请1件），均已按时答复。',
      [
        ['received', 5],
        ['naturalPerson', 4],
        ['legalPerson', 1],
      ],
    ],
    [
      '2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。',
      [
        ['received', 81],
        ['naturalPerson', 80],
      ],
      2023,
    ],
    // 行政复议 / 行政诉讼
    [
      '全年因政府信息公开工作被行政复议7件，诉讼9件，均获维持，未发生因政府信息公开工作被追究责任的情况。',
      [
        ['review', 7],
        ['litigation', 9],
      ],
    ],
    [
      '因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。',
      [
        ['review', 2],
        ['litigation', 7],
      ],
    ],
    [
      '本年度因政府信息公开申请被提起行政复议1件，未发生行政诉讼。',
      [
        ['review', 1],
        ['litigation', 0],
      ],
    ],
    ['本年度发生政府信息公开行政复议案件1起。', [['review', 1]]],
    [
      '全年因政府信息公开被申请行政复议、提起行政诉讼各1件。',
      [
        ['review', 1],
        ['litigation', 1],
      ],
    ],
    ['全年因政府信息公开被申请行政复议和行政诉讼共3件。', [['reviewAndLitigation', 3]]],
    [
      '本年度未发生政府信息公开行政复议、行政诉讼案件。',
      [
        ['review', 0],
        ['litigation', 0],
      ],
    ],
    // 未收到 … 申请
    ['2022 年,我局未收到依申请公开申请。', [['received', 0]], 2022],
    ['2020 年司法局未收到政府信息公开申请。', [['received', 0]], 2020],
    ['（二）依申请公开情况。本年度无。', [['received', 0]]],
    [
      '未收到政府信息公开申请，也未发生行政复议、行政诉讼。',
      [
        ['received', 0],
        ['review', 0],
        ['litigation', 0],
      ],
    ],
    ['依申请公开：收到法人申请3件。', [['legalPerson', 3]]],
    [
      '2022年，共收到政府信息公开申请56件（其中，网上申请38件，信函申请18件），上年结转2件。本年度办结55件，结转下年度3件。',
      [
        ['received', 56],
        ['carriedOver', 2],
        ['processed', 55],
        ['carriedForward', 3],
      ],
      2022,
    ],
    [
      '截至2022年12月31日，政府信息公开申请已办结62件，3件结转至2023年继续办理。',
      [
        ['processed', 62],
        ['carriedForward', 3],
      ],
      2022,
    ],
    [
      '被申请行政复议2件（维持1件，纠正1件），涉及政府信息公开的行政诉讼案件3件，其中一审判决驳回原告诉讼请求2件。',
      [
        ['review', 2],
        ['litigation', 3],
      ],
    ],
    ['政府信息公开行政复议和行政诉讼均为0件。', [['reviewAndLitigation', 0]]],
  ] as [string, [string, number][], number?][])('%s', (text, expected, year = 2021) => expect(said(text, year)).toEqual(expected));

  it.each([
    [
      '收到政府信息公开申请十二件，办结十二件。',
      [
        ['received', 12],
        ['processed', 12],
      ],
    ],
    ['本年度收到政府信息公开申请两件。', [['received', 2]]],
    [
      '本年度收到政府信息公开申请一件，予以公开一件。',
      [
        ['received', 1],
        ['granted', 1],
      ],
    ],
    ['共收到政府信息公开申请一百零五件。', [['received', 105]]],
    ['收到政府信息公开申请１２件。', [['received', 12]]],
    ['共收到政府信息公开申请3,607件。', [['received', 3607]]],
  ] as [string, [string, number][]][])('reads the number in %s', (text, expected) => expect(said(text)).toEqual(expected));
});

describe('traps: nothing is read', () => {
  it.each([
    ['较去年 (seed 000)', '本机关收到的政府信息公开申请较去年减少4件。'],
    ['another year', '2020年收到政府信息公开申请5件。'],
    ['another year, compared', '比2020年多收到政府信息公开申请3件。'],
    ['去年同期', '去年同期收到政府信息公开申请5件。'],
    ['part of the year', '2021年1月至6月收到政府信息公开申请8件。'],
    ['约', '全年收到政府信息公开申请约30件。'],
    ['余', '全年收到政府信息公开申请30余件。'],
    ['以上', '全年收到政府信息公开申请30件以上。'],
    ['数十', '全年收到政府信息公开申请数十件。'],
    ['negative number', '收到政府信息公开申请-3件。'],
    ['decimal', '收到政府信息公开申请3.5件。'],
    ['a part after 其中', '其中，通过网络平台收到政府信息公开申请30件，信函申请5件。'],
    ['all applicants named, no verb', '公民、法人或其他组织提出政府信息公开申请8件。'],
    ['a reason row, not the group', '依申请公开：因涉及第三方合法权益不予公开1件。'],
    ['an applicant’s part', '政府信息公开申请中自然人申请中予以公开2件。'],
    ['timed answers', '政府信息公开申请已在法定期限内答复12件，延期答复2件。'],
    ['another kind of application', '全年共受理行政复议申请56件，办结52件。'],
    ['信访, no disclosure topic', '本年度收到信访件12件，办结12件。'],
    ['the body as 复议机关', '全年共备案审查政府信息公开类行政复议案件 134 件，行政诉讼案件 57 件。'],
    ['未收到 a review application', '本年度未收到行政复议申请。'],
    ['review outcomes', '因政府信息公开被行政复议的案件中，行政复议结果维持1件。'],
    ['aggregated levels', '全市各级行政机关共收到政府信息公开申请5000件。'],
    ['本级', '市本级收到政府信息公开申请50件。'],
    ['政协提案 (seed 000)', '2021年，沂源县司法局未收到相关人大建议，收到政协提案1件，其中依申请公开1件，主动公开0件。'],
    ['主动公开 counts', '在政府网站主动公开政府信息100条，其中政策法规类24件。'],
    ['信息处理费', '本机关2022年未收到政府信息公开申请，未收取信息处理费。'],
    ['申请人', '收到申请人补正材料3件，依申请公开。'],
    ['无相关政府信息 (old category, seed 000)', '其中，无相关政府信息1件。依申请公开。'],
    ['办结率', '依申请公开办结率100%。'],
    ['办结 of another matter, next to a sentence on applications', '依申请公开工作有序开展。全年办结群众诉求300件。'],
    ['予以公开 of documents', '依申请公开：对重要文件予以公开文件12件。'],
    ['a comparison after the subject', '今年收到的政府信息公开申请数量增加了12件。'],
    ['a breakdown stated twice with different numbers', '依申请公开：网上收到政府信息公开申请3件，信函收到政府信息公开申请2件。'],
  ])('%s', (_, text) => expect(said(text)).toEqual([]));

  it('stops at part 六 (fees, suggestions)', () => {
    const text = [
      '一、总体情况',
      '全年收到政府信息公开申请3件。',
      '六、其他需要报告的事项',
      '本年度收到政府信息公开申请的信息处理费0件，收到政府信息公开申请9件。',
    ].join('\n');
    expect(said(text)).toEqual([['received', 3]]);
  });

  it('stops at an unnumbered 其他需要报告的事项 heading (seed 000), or one numbered as a sub-heading', () => {
    expect(said('全年收到政府信息公开申请3件。\n其他需要报告的事项\n收到政府信息公开申请9件。')).toEqual([['received', 3]]);
    expect(said('全年收到政府信息公开申请3件。\n（六）其他需要报告的事项\n收到政府信息公开申请9件。')).toEqual([['received', 3]]);
  });

  it('reads a sentence under the 依申请公开 sub-heading without the words 信息公开', () => {
    expect(said('（二）依申请公开情况\n全年共收到申请8件，办结8件。')).toEqual([
      ['received', 8],
      ['processed', 8],
    ]);
    expect(said('（一）主动公开情况\n全年共收到申请8件，办结8件。')).toEqual([]);
  });
});

describe('statements', () => {
  const lines = ['一、总体情况', '（二）依申请公开', '全年新收政府信息公开申请859件，答复政府信息公开申请805件（含上年度结转申请18件）。'];
  const statements = extractStatements(lines, { year: 2019 });

  it('carry their sentence, their words and their place in the narrative text', () => {
    const text = narrativeText(lines);
    for (const s of statements) {
      expect(StatementSchema.parse(s)).toEqual(s);
      expect(text.slice(s.start, s.end)).toBe(s.phrase);
      expect(s.text).toBe(lines[2]);
    }
    expect(statements.map((s) => s.phrase)).toEqual(['新收政府信息公开申请859件', '答复政府信息公开申请805件', '上年度结转申请18件']);
  });

  it('keep at most 200 characters of a long sentence, around the statement', () => {
    const long = `${'依申请公开工作持续规范，'.repeat(20)}全年收到政府信息公开申请7件${'，答复规范及时'.repeat(20)}。`;
    const [s] = extractStatements([long], { year: 2021 });
    expect(s!.text.length).toBeLessThanOrEqual(MAX_STATEMENT_TEXT);
    expect(s!.text).toContain('全年收到政府信息公开申请7件');
  });

  it('without a year, read any year', () => expect(said('2020年收到政府信息公开申请5件。', null)).toEqual([['received', 5]]));
});

describe('units: 份, 条, 人次 and 个 are read like 件 where the sentence counts applications', () => {
  it.each([
    ['全年共收到政府信息公开申请15份，均按时办结。', [['received', 15]]],
    [
      '本年度收到政府信息公开申请3条，办结3条。',
      [
        ['received', 3],
        ['processed', 3],
      ],
    ],
    [
      '全年受理政府信息公开申请12人次，其中自然人申请10人次。',
      [
        ['handled', 12],
        ['naturalPerson', 10],
      ],
    ],
    [
      '全年共收到政府信息公开申请2个，予以公开2个。',
      [
        ['received', 2],
        ['granted', 2],
      ],
    ],
    ['全年共收到政府信息公开申请十五份。', [['received', 15]]],
  ])('%s', (text, expected) => expect(said(text)).toEqual(expected));

  it.each([
    ['working days', '收到政府信息公开申请后均在15个工作日内答复。'],
    ['months', '依申请公开：全年收到政府信息公开申请的办理期限为3个月。'],
    ['bodies', '依申请公开：全县12个部门均收到政府信息公开申请。'],
    ['an article of the 条例', '依申请公开：按照《条例》第三十三条答复。'],
    ['主动公开 items', '在政府网站主动公开政府信息100条，其中政策法规类24条。'],
  ])('reads nothing from %s', (_, text) => expect(said(text)).toEqual([]));
});
