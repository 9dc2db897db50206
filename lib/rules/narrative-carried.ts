import { narrativeRule } from './support/narrative';

/** 结转下年度 / 转下年度办理 N 件, 无结转 = 四、结转下年度继续办理; 上年结转 N 件 = 二、上年结转 (§2.6). */
export const narrativeCarried = narrativeRule({
  id: 'narrative.carried',
  kinds: ['carriedForward', 'carriedOver', 'carried'],
  tags: ['narrative', 'applications'],
  description: {
    zh: '正文所述结转下年度（或上年结转）的申请件数应与表三一致',
    en: 'The number of applications the text says were carried forward (or over) must match table 三',
  },
});
