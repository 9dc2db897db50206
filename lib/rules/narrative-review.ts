import { narrativeRule } from './support/narrative';

/** 行政复议 X 件 = 行政复议总计; (行政)诉讼 Y 件 = 直接起诉 + 复议后起诉总计; 未发生… = 0 (§2.6). */
export const narrativeReview = narrativeRule({
  id: 'narrative.review',
  kinds: ['review', 'litigation', 'reviewAndLitigation'],
  tags: ['narrative', 'review'],
  description: {
    zh: '正文所述因政府信息公开引起的行政复议、行政诉讼件数应与表四总计一致',
    en: 'The administrative reviews and lawsuits the text counts must match the 总计 of table 四',
  },
});
