import type { Statement } from '../schema';
import { compareStatements, rowTerm, type Comparison, type Reading } from './support/narrative';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

const NEW: Reading = { zh: '一、本年新收', en: 'new applications (一)', terms: [rowTerm('newReceived')] };
const NEW_AND_CARRIED: Reading = { zh: '新收加上年结转', en: 'new + carried over (一 + 二)', terms: [rowTerm('newReceived'), rowTerm('carriedOver')] };

const COMPARED: Partial<Record<Statement['kind'], Comparison>> = {
  // 收到/新收/接收 … 申请 N 件 is 新收; with 结转 in the sentence (收到…申请10件（含上年结转2件）) also 新收 + 上年结转
  received: { table: '三', readings: (st) => [NEW, ...(/结转/.test(st.text) ? [NEW_AND_CARRIED] : [])] },
  // 受理/收办/共办理 N 件: 新收, 新收 + 上年结转 or everything answered
  handled: { table: '三', readings: () => [NEW, NEW_AND_CARRIED, { zh: '（七）总计', en: 'total processed (七)', terms: [rowTerm('totalProcessed')] }] },
};

/** 收到/新收/接收 … 申请 N 件 = 新收; 受理/收办/共办理 N 件 = 新收, 新收 + 上年结转 or （七）总计; 未收到…申请 = 0 (§2.6). */
export const narrativeReceived: Rule = {
  id: 'narrative.received',
  severity: 'warning',
  tags: ['narrative', 'applications'],
  description: {
    zh: '正文所述收到（新收、接收）或受理（收办、办理）的政府信息公开申请件数应与表三一致（受理可指新收，也可指新收加上年结转）',
    en: 'The number of applications the text says were received (or handled) must match table 三 (handled may mean new, or new + carried over)',
  },
  check: (report, context) => compareStatements(preparedOf(report, context), COMPARED),
  message: {
    zh: (o) => `正文“${o.data.phrase}”与表三不一致：表中${o.data.readingsZh}，${o.data.several ? '都' : ''}不是 ${o.data.said}。原句：“${o.data.text}”`,
    en: (o) => `The text says “${o.data.phrase}” (${o.data.said}), but in table 三 ${o.data.readingsEn}. Sentence: “${o.data.text}”`,
  },
};
