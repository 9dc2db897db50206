import type { Statement } from '../schema';
import { compareStatements, rowTerm, type Comparison, type Reading } from './support/narrative';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

const FORWARD: Reading = { zh: '四、结转下年度继续办理', en: 'carried forward (四)', terms: [rowTerm('carriedForward')] };
const OVER: Reading = { zh: '二、上年结转', en: 'carried over (二)', terms: [rowTerm('carriedOver')] };

const COMPARED: Partial<Record<Statement['kind'], Comparison>> = {
  carriedForward: { table: '三', readings: () => [FORWARD] },
  carriedOver: { table: '三', readings: () => [OVER] },
  // 结转 N 件 / 无结转, the direction not said: either
  carried: { table: '三', readings: () => [FORWARD, OVER] },
};

/** 结转下年度 / 转下年度办理 N 件, 无结转 = 四、结转下年度继续办理; 上年结转 N 件 = 二、上年结转 (§2.6). */
export const narrativeCarried: Rule = {
  id: 'narrative.carried',
  severity: 'warning',
  tags: ['narrative', 'applications'],
  description: {
    zh: '正文所述结转下年度（或上年结转）的申请件数应与表三一致',
    en: 'The number of applications the text says were carried forward (or over) must match table 三',
  },
  check: (report, context) => compareStatements(preparedOf(report, context), COMPARED),
  message: {
    zh: (o) => `正文“${o.data.phrase}”与表三不一致：表中${o.data.readingsZh}，${o.data.several ? '都' : ''}不是 ${o.data.said}。原句：“${o.data.text}”`,
    en: (o) => `The text says “${o.data.phrase}” (${o.data.said}), but in table 三 ${o.data.readingsEn}. Sentence: “${o.data.text}”`,
  },
};
