import { narrativeRule } from './support/narrative';

/** 予以公开 / 部分公开 / 予以公开及部分公开 / 不予公开 / 无法提供 / 不予处理 / 其他处理 N 件 = the rows (groups summed) of table 三 (§2.6). */
export const narrativeCategory = narrativeRule({
  id: 'narrative.category',
  kinds: ['granted', 'partiallyGranted', 'grantedOrPartial', 'denied', 'unavailable', 'notProcessed', 'otherProcessed'],
  tags: ['narrative', 'applications'],
  description: {
    zh: '正文所述予以公开、部分公开、不予公开、无法提供、不予处理、其他处理的件数应与表三对应各项（各类之和）一致',
    en: 'The outcome counts the text gives (granted, partially granted, refused, unavailable, not processed, other) must match table 三',
  },
});
