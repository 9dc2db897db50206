// Canonical cell keys (../shared/domain/schema-keys.md) and the official labels of
// both national formats. Everything that names a cell goes through this module.

export type Format = '2021' | '2019';

/** A report's three tables (二, 三, 四), in the template's order: the first part of every canonical key. */
export const REPORT_TABLES = ['active', 'applications', 'review'] as const;
export type TableName = (typeof REPORT_TABLES)[number];

export const APPLICANT_COLUMNS = ['naturalPerson', 'commercial', 'research', 'social', 'legalService', 'otherOrg'] as const;
export const APPLICATION_COLUMNS = [...APPLICANT_COLUMNS, 'total'] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];
export type ApplicationColumn = (typeof APPLICATION_COLUMNS)[number];

/** The five 法人或其他组织 columns, which a non-standard 小计 column sums. */
export const ORG_COLUMNS = ['commercial', 'research', 'social', 'legalService', 'otherOrg'] as const;

export const COLUMN_LABELS: Record<ApplicationColumn | 'orgSubtotal', string> = {
  naturalPerson: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  social: '社会公益组织',
  legalService: '法律服务机构',
  otherOrg: '其他',
  total: '总计',
  orgSubtotal: '法人或其他组织小计',
};

const DENIED = [
  'denied.stateSecret',
  'denied.lawForbidden',
  'denied.safetyStability',
  'denied.thirdParty',
  'denied.internalAffairs',
  'denied.processInfo',
  'denied.enforcementFile',
  'denied.queryItem',
] as const;
const UNAVAILABLE = ['unavailable.notHeld', 'unavailable.needsCreation', 'unavailable.unclear'] as const;
const NOT_PROCESSED = [
  'notProcessed.petition',
  'notProcessed.duplicate',
  'notProcessed.publication',
  'notProcessed.massive',
  'notProcessed.confirmation',
] as const;

const OTHER_2021 = ['other.noCorrection', 'other.noFee', 'other.misc'] as const;
const OUTCOMES_SHARED = ['granted', 'partiallyGranted', ...DENIED, ...UNAVAILABLE, ...NOT_PROCESSED] as const;

export const ALL_APPLICATION_ROWS = ['newReceived', 'carriedOver', ...OUTCOMES_SHARED, ...OTHER_2021, 'other', 'totalProcessed', 'carriedForward'] as const;
export type ApplicationRow = (typeof ALL_APPLICATION_ROWS)[number];

/** The outcome leaf rows that （七）总计 sums: 21 in 2021, 19 in 2019 (the 22/20 rowspan of 三、本年度办理结果 also covers （七）). */
export const OUTCOME_ROWS: Record<Format, readonly ApplicationRow[]> = {
  '2021': [...OUTCOMES_SHARED, ...OTHER_2021],
  '2019': [...OUTCOMES_SHARED, 'other'],
};

/** Data rows of table 三 in table order: 25 in 2021, 23 in 2019. */
export const APPLICATION_ROWS: Record<Format, readonly ApplicationRow[]> = {
  '2021': ['newReceived', 'carriedOver', ...OUTCOME_ROWS['2021'], 'totalProcessed', 'carriedForward'],
  '2019': ['newReceived', 'carriedOver', ...OUTCOME_ROWS['2019'], 'totalProcessed', 'carriedForward'],
};

/** Outcome groups （三）–（六）, used for optional subtotal rows and for explanations. */
export const OUTCOME_GROUPS = {
  denied: { label: '（三）不予公开', rows: DENIED },
  unavailable: { label: '（四）无法提供', rows: UNAVAILABLE },
  notProcessed: { label: '（五）不予处理', rows: NOT_PROCESSED },
  other: { label: '（六）其他处理', rows: OTHER_2021 },
} as const;
export type OutcomeGroup = keyof typeof OUTCOME_GROUPS;

/** Official row labels (2021 wording; the 2019 wording is identical for shared rows). */
export const ROW_LABELS: Record<ApplicationRow, string> = {
  newReceived: '一、本年新收政府信息公开申请数量',
  carriedOver: '二、上年结转政府信息公开申请数量',
  granted: '（一）予以公开',
  partiallyGranted: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  'denied.stateSecret': '1.属于国家秘密',
  'denied.lawForbidden': '2.其他法律行政法规禁止公开',
  'denied.safetyStability': '3.危及“三安全一稳定”',
  'denied.thirdParty': '4.保护第三方合法权益',
  'denied.internalAffairs': '5.属于三类内部事务信息',
  'denied.processInfo': '6.属于四类过程性信息',
  'denied.enforcementFile': '7.属于行政执法案卷',
  'denied.queryItem': '8.属于行政查询事项',
  'unavailable.notHeld': '1.本机关不掌握相关政府信息',
  'unavailable.needsCreation': '2.没有现成信息需要另行制作',
  'unavailable.unclear': '3.补正后申请内容仍不明确',
  'notProcessed.petition': '1.信访举报投诉类申请',
  'notProcessed.duplicate': '2.重复申请',
  'notProcessed.publication': '3.要求提供公开出版物',
  'notProcessed.massive': '4.无正当理由大量反复申请',
  'notProcessed.confirmation': '5.要求行政机关确认或重新出具已获取信息',
  'other.noCorrection': '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  'other.noFee': '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  'other.misc': '3.其他',
  other: '（六）其他处理',
  totalProcessed: '（七）总计',
  carriedForward: '四、结转下年度继续办理',
};

/** A short label that names a row unambiguously in messages, with its group. */
export function rowDisplayLabel(row: ApplicationRow): string {
  const group = Object.values(OUTCOME_GROUPS).find((g) => (g.rows as readonly string[]).includes(row));
  return group ? `${group.label}${ROW_LABELS[row]}` : ROW_LABELS[row];
}

// ---- Table 四 -------------------------------------------------------------------

export const REVIEW_GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
export const REVIEW_FIELDS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];
export type ReviewField = (typeof REVIEW_FIELDS)[number];
export const REVIEW_GROUP_LABELS: Record<ReviewGroup, string> = {
  review: '行政复议',
  litigationDirect: '行政诉讼·未经复议直接起诉',
  litigationAfterReview: '行政诉讼·复议后起诉',
};
export const REVIEW_FIELD_LABELS: Record<ReviewField, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

// ---- Table 二 -------------------------------------------------------------------

export interface ActiveRowDef {
  key: string;
  label: string;
  /** column keys in table order, with their official header labels */
  columns: readonly (readonly [string, string])[];
  /** the 第二十条 item the block heading names */
  item: string;
}

const COLS_2021_DOCS = [
  ['issued', '本年制发件数'],
  ['repealed', '本年废止件数'],
  ['inForce', '现行有效件数'],
] as const;
const COLS_2021_DECISIONS = [['decisions', '本年处理决定数量']] as const;
const COLS_2019_DOCS = [
  ['made', '本年新制作数量'],
  ['published', '本年新公开数量'],
  ['totalPublished', '对外公开总数量'],
] as const;
const COLS_2019_ITEMS = [
  ['previous', '上一年项目数量'],
  ['change', '本年增/减'],
  ['decisions', '处理决定数量'],
] as const;

export const ACTIVE_ROWS: Record<Format, readonly ActiveRowDef[]> = {
  '2021': [
    { key: 'regulations', label: '规章', columns: COLS_2021_DOCS, item: '（一）' },
    { key: 'normativeDocs', label: '行政规范性文件', columns: COLS_2021_DOCS, item: '（一）' },
    { key: 'licensing', label: '行政许可', columns: COLS_2021_DECISIONS, item: '（五）' },
    { key: 'punishment', label: '行政处罚', columns: COLS_2021_DECISIONS, item: '（六）' },
    { key: 'coercion', label: '行政强制', columns: COLS_2021_DECISIONS, item: '（六）' },
    { key: 'fees', label: '行政事业性收费', columns: [['amount', '本年收费金额（单位：万元）']], item: '（八）' },
  ],
  '2019': [
    { key: 'regulations', label: '规章', columns: COLS_2019_DOCS, item: '（一）' },
    { key: 'normativeDocs', label: '规范性文件', columns: COLS_2019_DOCS, item: '（一）' },
    { key: 'licensing', label: '行政许可', columns: COLS_2019_ITEMS, item: '（五）' },
    { key: 'otherServices', label: '其他对外管理服务事项', columns: COLS_2019_ITEMS, item: '（五）' },
    { key: 'punishment', label: '行政处罚', columns: COLS_2019_ITEMS, item: '（六）' },
    { key: 'coercion', label: '行政强制', columns: COLS_2019_ITEMS, item: '（六）' },
    {
      key: 'fees',
      label: '行政事业性收费',
      columns: [
        ['previous', '上一年项目数量'],
        ['change', '本年增/减'],
      ],
      item: '（八）',
    },
    {
      key: 'procurement',
      label: '政府集中采购',
      columns: [
        ['projects', '采购项目数量'],
        ['amount', '采购总金额'],
      ],
      item: '（九）',
    },
  ],
};

// ---- Key helpers ------------------------------------------------------------------

// Keys are built per row and column thousands of times (every identity of every report),
// and each lookup of a freshly built string in a report's cells hashes it anew: one
// string per key, built once, makes those lookups cheap (a page of 100 reports).
function internedKeys(table: string): (row: string, col: string) => string {
  const rows = new Map<string, Map<string, string>>();
  return (row, col) => {
    let cols = rows.get(row);
    if (!cols) rows.set(row, (cols = new Map()));
    let key = cols.get(col);
    if (key === undefined) cols.set(col, (key = `${table}.${row}.${col}`));
    return key;
  };
}
export const applicationKey: (row: ApplicationRow, col: ApplicationColumn | 'orgSubtotal') => string = internedKeys('applications');
export const reviewKey: (group: ReviewGroup, field: ReviewField) => string = internedKeys('review');
export const activeKey: (row: string, col: string) => string = internedKeys('active');

/** Every canonical key a complete report of the given format has, in table order. */
export function expectedKeys(format: Format): string[] {
  const keys: string[] = [];
  for (const row of ACTIVE_ROWS[format]) for (const [col] of row.columns) keys.push(activeKey(row.key, col));
  for (const row of APPLICATION_ROWS[format]) for (const col of APPLICATION_COLUMNS) keys.push(applicationKey(row, col));
  for (const g of REVIEW_GROUPS) for (const f of REVIEW_FIELDS) keys.push(reviewKey(g, f));
  return keys;
}

/** A human label for any canonical key, e.g. "（三）不予公开1.属于国家秘密 / 自然人"; table 二 headers follow the format. */
export function keyLabel(key: string, format: Format = '2021'): string {
  const [table, ...rest] = key.split('.');
  const col = rest.pop() ?? '';
  const row = rest.join('.');
  if (table === 'applications') {
    const rowLabel = row.startsWith('subtotal.') ? `${OUTCOME_GROUPS[row.slice(9) as OutcomeGroup]?.label ?? row}小计` : rowDisplayLabel(row as ApplicationRow);
    return `${rowLabel} / ${COLUMN_LABELS[col as ApplicationColumn] ?? col}`;
  }
  if (table === 'review') return `${REVIEW_GROUP_LABELS[row as ReviewGroup] ?? row} / ${REVIEW_FIELD_LABELS[col as ReviewField] ?? col}`;
  if (table === 'active') {
    for (const f of format === '2021' ? (['2021', '2019'] as const) : (['2019', '2021'] as const)) {
      const def = ACTIVE_ROWS[f].find((r) => r.key === row);
      const colLabel = def?.columns.find(([c]) => c === col)?.[1];
      if (def && colLabel) return `${def.label} / ${colLabel}`;
    }
  }
  return key;
}
