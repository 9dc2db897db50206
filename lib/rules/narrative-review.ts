import type { Statement } from '../schema';
import { compareStatements, type Comparison, type Reading } from './support/narrative';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

const one = (reading: Reading): Comparison => ({ table: '四', readings: () => [reading] });

const COMPARED: Partial<Record<Statement['kind'], Comparison>> = {
  review: one({ zh: '行政复议总计', en: 'the 行政复议 总计', terms: [{ review: 'review' }] }),
  litigation: one({
    zh: '行政诉讼（未经复议直接起诉与复议后起诉）总计之和',
    en: 'the 行政诉讼 总计 (direct + after review)',
    terms: [{ review: 'litigationDirect' }, { review: 'litigationAfterReview' }],
  }),
  reviewAndLitigation: one({
    zh: '行政复议与行政诉讼总计之和',
    en: 'the 行政复议 and 行政诉讼 总计 together',
    terms: [{ review: 'review' }, { review: 'litigationDirect' }, { review: 'litigationAfterReview' }],
  }),
};

/** 行政复议 X 件 = 行政复议总计; (行政)诉讼 Y 件 = 直接起诉 + 复议后起诉总计; 未发生… = 0 (§2.6). */
export const narrativeReview: Rule = {
  id: 'narrative.review',
  severity: 'warning',
  tags: ['narrative', 'review'],
  description: {
    zh: '正文所述因政府信息公开引起的行政复议、行政诉讼件数应与表四总计一致',
    en: 'The administrative reviews and lawsuits the text counts must match the 总计 of table 四',
  },
  check: (report, context) => compareStatements(preparedOf(report, context), COMPARED),
  message: {
    zh: (o) => `正文“${o.data.phrase}”与表四不一致：表中${o.data.readingsZh}，${o.data.several ? '都' : ''}不是 ${o.data.said}。原句：“${o.data.text}”`,
    en: (o) => `The text says “${o.data.phrase}” (${o.data.said}), but in table 四 ${o.data.readingsEn}. Sentence: “${o.data.text}”`,
  },
};
