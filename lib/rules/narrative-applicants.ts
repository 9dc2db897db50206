import { narrativeRule } from './support/narrative';

/** 自然人申请 X 件，法人或其他组织申请 Y 件 = the applicant columns of 新收 (or of 新收 + 上年结转) (§2.6). */
export const narrativeApplicants = narrativeRule({
  id: 'narrative.applicants',
  kinds: ['naturalPerson', 'legalPerson'],
  tags: ['narrative', 'applications'],
  description: {
    zh: '正文所述自然人、法人或其他组织的申请件数应与表三新收（或新收加上年结转）的对应列一致',
    en: 'The applications the text attributes to natural persons and to organisations must match those columns of table 三 (new, or new + carried over)',
  },
});
