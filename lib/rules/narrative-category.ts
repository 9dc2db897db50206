import type { Statement } from '../schema';
import { compareStatements, groupTerms, rowTerm, type Comparison, type Reading } from './support/narrative';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

/** 予以公开 N 件（含部分公开…）: the author counted 部分公开 in. */
const COUNTS_PARTIAL_IN = /(?:含|包括|其中)[^，,。；;]{0,6}部分公开|[（(][^）)]*部分公开/;

const GRANTED_AND_PARTIAL: Reading = {
  zh: '（一）予以公开加（二）部分公开',
  en: 'granted + partially granted (一 + 二)',
  terms: [rowTerm('granted'), rowTerm('partiallyGranted')],
};
const one = (reading: Reading): Comparison => ({ table: '三', readings: () => [reading] });

const COMPARED: Partial<Record<Statement['kind'], Comparison>> = {
  granted: {
    table: '三',
    readings: (st) => [
      { zh: '（一）予以公开', en: 'granted (一)', terms: [rowTerm('granted')] },
      ...(COUNTS_PARTIAL_IN.test(st.text) ? [{ ...GRANTED_AND_PARTIAL, en: 'granted + partially granted' }] : []),
    ],
  },
  partiallyGranted: one({ zh: '（二）部分公开', en: 'partially granted (二)', terms: [rowTerm('partiallyGranted')] }),
  grantedOrPartial: one(GRANTED_AND_PARTIAL),
  denied: one({ zh: '（三）不予公开各项之和', en: 'the sum of （三）不予公开', terms: groupTerms('denied') }),
  unavailable: one({ zh: '（四）无法提供各项之和', en: 'the sum of （四）无法提供', terms: groupTerms('unavailable') }),
  notProcessed: one({ zh: '（五）不予处理各项之和', en: 'the sum of （五）不予处理', terms: groupTerms('notProcessed') }),
  // the 2019 format has one （六）其他处理 row, the 2021 format three
  otherProcessed: {
    table: '三',
    readings: (_, report) => [
      report.format === '2019'
        ? { zh: '（六）其他处理', en: '（六）其他处理', terms: [rowTerm('other')] }
        : { zh: '（六）其他处理各项之和', en: 'the sum of （六）其他处理', terms: groupTerms('other') },
    ],
  },
};

/** 予以公开 / 部分公开 / 予以公开及部分公开 / 不予公开 / 无法提供 / 不予处理 / 其他处理 N 件 = the rows (groups summed) of table 三 (§2.6). */
export const narrativeCategory: Rule = {
  id: 'narrative.category',
  severity: 'warning',
  tags: ['narrative', 'applications'],
  description: {
    zh: '正文所述予以公开、部分公开、不予公开、无法提供、不予处理、其他处理的件数应与表三对应各项（各类之和）一致',
    en: 'The outcome counts the text gives (granted, partially granted, refused, unavailable, not processed, other) must match table 三',
  },
  check: (report, context) => compareStatements(preparedOf(report, context), COMPARED),
  message: {
    zh: (o) => `正文“${o.data.phrase}”与表三不一致：表中${o.data.readingsZh}，${o.data.several ? '都' : ''}不是 ${o.data.said}。原句：“${o.data.text}”`,
    en: (o) => `The text says “${o.data.phrase}” (${o.data.said}), but in table 三 ${o.data.readingsEn}. Sentence: “${o.data.text}”`,
  },
};
