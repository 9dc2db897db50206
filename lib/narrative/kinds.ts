// What a narrative statement can say (report-format.md §2.6). Plain data, so that
// lib/schema.ts (zod) and the zod-free extractor and rules share one list.

export const STATEMENT_KINDS = [
  /** 收到/新收/接收 … 申请 N 件; 未收到…申请 (0) */
  'received',
  /** 受理/收办/共办理 … 申请 N 件: 新收, or 新收 + 上年结转 */
  'handled',
  /** 办结/答复 N 件 */
  'processed',
  /** 予以公开 N 件 */
  'granted',
  /** 部分公开 N 件 */
  'partiallyGranted',
  /** 予以公开及部分公开 N 件 */
  'grantedOrPartial',
  /** 不予公开 N 件 (Σ of its eight rows) */
  'denied',
  /** 无法提供 N 件 */
  'unavailable',
  /** 不予处理 N 件 */
  'notProcessed',
  /** 其他处理 N 件 */
  'otherProcessed',
  /** 结转下年度 / 转下年度办理 N 件; 无结转下年度 (0) */
  'carriedForward',
  /** 上年结转 N 件 */
  'carriedOver',
  /** 结转 N 件 / 无结转, direction not said */
  'carried',
  /** 自然人申请 N 件 */
  'naturalPerson',
  /** 法人或其他组织申请 N 件 */
  'legalPerson',
  /** 行政复议 N 件; 未发生行政复议 (0) */
  'review',
  /** (行政)诉讼 N 件; 未发生行政诉讼 (0) */
  'litigation',
  /** 行政复议和行政诉讼(共) N 件 */
  'reviewAndLitigation',
] as const;

export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** The longest sentence kept on a statement; longer ones are cut around the statement. */
export const MAX_STATEMENT_TEXT = 200;
