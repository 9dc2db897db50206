import type { Statement } from '../schema';
import { compareStatements, rowTerm, type Comparison } from './support/narrative';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

const COMPARED: Partial<Record<Statement['kind'], Comparison>> = {
  processed: {
    table: '三',
    readings: (st) => [
      { zh: '（七）总计', en: 'total processed (七)', terms: [rowTerm('totalProcessed')] },
      // 办理…N件，其中结转下年度M件: the author counted what is still open in
      ...(/结转|顺延/.test(st.text)
        ? [{ zh: '（七）总计加结转下年度', en: 'processed + carried forward (七 + 四)', terms: [rowTerm('totalProcessed'), rowTerm('carriedForward')] }]
        : []),
    ],
  },
};

/** 办结/答复 N 件 = （七）总计 (with 结转 in the sentence, also （七）总计 + 结转下年度) (§2.6). */
export const narrativeProcessed: Rule = {
  id: 'narrative.processed',
  severity: 'warning',
  tags: ['narrative', 'applications'],
  description: {
    zh: '正文所述办结（答复）的申请件数应等于表三“（七）总计”',
    en: 'The number of applications the text says were answered must match table 三 （七）总计',
  },
  check: (report, context) => compareStatements(preparedOf(report, context), COMPARED),
  message: {
    zh: (o) => `正文“${o.data.phrase}”与表三不一致：表中${o.data.readingsZh}，${o.data.several ? '都' : ''}不是 ${o.data.said}。原句：“${o.data.text}”`,
    en: (o) => `The text says “${o.data.phrase}” (${o.data.said}), but in table 三 ${o.data.readingsEn}. Sentence: “${o.data.text}”`,
  },
};
