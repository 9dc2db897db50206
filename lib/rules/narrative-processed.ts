import { narrativeRule } from './support/narrative';

/** 办结/答复 N 件 = （七）总计 (with 结转 in the sentence, also （七）总计 + 结转下年度) (§2.6). */
export const narrativeProcessed = narrativeRule({
  id: 'narrative.processed',
  kinds: ['processed'],
  tags: ['narrative', 'applications'],
  description: {
    zh: '正文所述办结（答复）的申请件数应等于表三“（七）总计”',
    en: 'The number of applications the text says were answered must match table 三 （七）总计',
  },
});
