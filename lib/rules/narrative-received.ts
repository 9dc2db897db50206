import { narrativeRule } from './support/narrative';

/** 收到/新收/接收 … 申请 N 件 = 新收; 受理/收办/共办理 N 件 = 新收, 新收 + 上年结转 or （七）总计; 未收到…申请 = 0 (§2.6). */
export const narrativeReceived = narrativeRule({
  id: 'narrative.received',
  kinds: ['received', 'handled'],
  tags: ['narrative', 'applications'],
  description: {
    zh: '正文所述收到（新收、接收）或受理（收办、办理）的政府信息公开申请件数应与表三一致（受理可指新收，也可指新收加上年结转）',
    en: 'The number of applications the text says were received (or handled) must match table 三 (handled may mean new, or new + carried over)',
  },
});
