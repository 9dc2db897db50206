import type { Statement } from '../schema';
import { compareStatements, type Comparison } from './support/narrative';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

/** An applicant column (自然人, or the five 法人或其他组织 columns) of 新收, or of 新收 + 上年结转. */
const applicants = (column: 'naturalPerson' | 'orgs', zh: string, en: string): Comparison => ({
  table: '三',
  readings: () => [
    { zh: `新收的${zh}`, en: `${en} of new applications`, terms: [{ row: 'newReceived', column }] },
    {
      zh: `新收加上年结转的${zh}`,
      en: `${en} of new + carried over`,
      terms: [
        { row: 'newReceived', column },
        { row: 'carriedOver', column },
      ],
    },
  ],
});

const COMPARED: Partial<Record<Statement['kind'], Comparison>> = {
  naturalPerson: applicants('naturalPerson', '自然人列', 'the 自然人 column'),
  legalPerson: applicants('orgs', '法人或其他组织各列之和', 'the 法人或其他组织 columns'),
};

/** 自然人申请 X 件，法人或其他组织申请 Y 件 = the applicant columns of 新收 (or of 新收 + 上年结转) (§2.6). */
export const narrativeApplicants: Rule = {
  id: 'narrative.applicants',
  severity: 'warning',
  tags: ['narrative', 'applications'],
  description: {
    zh: '正文所述自然人、法人或其他组织的申请件数应与表三新收（或新收加上年结转）的对应列一致',
    en: 'The applications the text attributes to natural persons and to organisations must match those columns of table 三 (new, or new + carried over)',
  },
  check: (report, context) => compareStatements(preparedOf(report, context), COMPARED),
  message: {
    zh: (o) => `正文“${o.data.phrase}”与表三不一致：表中${o.data.readingsZh}，${o.data.several ? '都' : ''}不是 ${o.data.said}。原句：“${o.data.text}”`,
    en: (o) => `The text says “${o.data.phrase}” (${o.data.said}), but in table 三 ${o.data.readingsEn}. Sentence: “${o.data.text}”`,
  },
};
