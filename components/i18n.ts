// The popup's words, zh-CN first and English for browsers not set to Chinese. A tiny
// typed dictionary: `en` must have every key `zh` has (the type says so, and a test
// checks it at run time too).

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PageKind, Severity } from '../lib/schema';

export type Lang = 'zh' | 'en';

/** zh for any Chinese locale (zh, zh-CN, zh-TW, …), English otherwise. */
export const pickLang = (language: string | undefined): Lang => ((language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en');

export type TableId = 'active' | 'applications' | 'review' | 'other';

const zh = {
  appTitle: '年报核对',
  loading: '正在读取…',
  noTab: '找不到当前标签页。',
  notChecked: '此页面尚未检查。',
  checkPage: '检查此页',
  checking: '正在检查…',
  checkFailed: (error: string) => `无法检查此页：${error}`,
  checkNoResult: '检查完成，但此页没有结果（可能不是年报）。',
  notReport: '此页面不是政府信息公开工作年度报告',
  kindIs: (kind: string) => `页面类型：${kind}`,
  kinds: { report: '年度报告', template: '空白模板', list: '年报列表页', numeric: '其他数据表格', news: '新闻或通知', unreadable: '无法读取' } as Record<PageKind, string>,
  imagesOnly: '表格为图片或附件，无法核对',
  attachmentsHeading: '附件（在新标签页打开）',
  noAttachments: '页面上没有找到附件链接。',
  internalError: '检查时出现内部错误。请复制下面的诊断信息反馈给开发者。',
  diagnostic: '诊断信息',
  copy: '复制诊断信息',
  copied: '已复制',
  copyFailed: '复制失败，请手动选择文本',
  identity: '报告信息',
  agency: '机关',
  year: '年度',
  format: '格式',
  url: '网址',
  unknown: '未识别',
  formats: { '2021': '2021 格式', '2019': '2019 试行格式' } as Record<'2021' | '2019', string>,
  severities: { error: '错误', warning: '警告', info: '提示' } as Record<Severity, string>,
  countsLabel: '待处理的发现（不含已标记的）',
  filterLegend: '显示',
  highlights: '显示标记',
  autoCheckSite: '在此网站自动检查',
  notAutoSite: '此网站不在自动检查范围内（可在设置中添加）。',
  openOptions: '打开设置',
  findingsHeading: '发现',
  noFindings: '未发现问题。',
  allFiltered: '所选类别中没有发现。',
  tables: { active: '表二 主动公开', applications: '表三 依申请公开', review: '表四 复议诉讼', other: '其他' } as Record<TableId, string>,
  keyboardHint: 'J/K 或 ↑/↓ 选择，Enter 在页面上定位',
  internalRule: '内部错误',
  groupedUnder: '由上一项的同一单元格引起',
  likelyCause: (cell: string) => `最可能出错的单元格：${cell}`,
  markAs: (status: string) => `标为${status}`,
  note: '备注（可选）',
  notePrefix: '备注：',
  save: '保存',
  cancel: '取消',
  reopen: '重新打开',
  passedSummary: (n: number) => `${n} 项校验通过`,
  incompleteSummary: (n: number) => `${n} 项待人工核对`,
  passedHeading: '校验通过',
  incompleteHeading: '待人工核对',
  exportHeading: '导出',
  exportFindings: '导出发现',
  exportTables: '导出表格',
  exportJson: '导出 JSON',
  filePrefix: '年报核对',
  fileFindings: '发现',
  fileTables: '表格',
  fileJson: '结果',
  history: (n: number) => `已记住 ${n} 份年报`,
  clearHistory: '清除记录',
  confirmClear: '确定清除所有已记住的年报记录吗？（不影响误报/已核实标记）',
};

export type Messages = typeof zh;

const en: Messages = {
  appTitle: 'GIP Report Checker',
  loading: 'Loading…',
  noTab: 'No active tab found.',
  notChecked: 'This page has not been checked.',
  checkPage: 'Check this page',
  checking: 'Checking…',
  checkFailed: (error) => `Could not check this page: ${error}`,
  checkNoResult: 'Checked, but the page gave no result (it may not be a report).',
  notReport: 'This page is not a government information-disclosure annual report',
  kindIs: (kind) => `Page type: ${kind}`,
  kinds: { report: 'annual report', template: 'blank template', list: 'list of reports', numeric: 'other statistics table', news: 'news or notice', unreadable: 'unreadable' },
  imagesOnly: 'The tables are images or attachments; they cannot be checked',
  attachmentsHeading: 'Attachments (open in a new tab)',
  noAttachments: 'No attachment links were found on the page.',
  internalError: 'An internal error occurred during the check. Please copy the diagnostic below and send it to the developers.',
  diagnostic: 'Diagnostic',
  copy: 'Copy diagnostic',
  copied: 'Copied',
  copyFailed: 'Copy failed; select the text by hand',
  identity: 'Report',
  agency: 'Agency',
  year: 'Year',
  format: 'Format',
  url: 'URL',
  unknown: 'not recognised',
  formats: { '2021': '2021 format', '2019': '2019 trial format' },
  severities: { error: 'Errors', warning: 'Warnings', info: 'Notes' },
  countsLabel: 'Open findings (excluding marked ones)',
  filterLegend: 'Show',
  highlights: 'Show highlights',
  autoCheckSite: 'Check this site automatically',
  notAutoSite: 'This site is not checked automatically (add it in the settings).',
  openOptions: 'Open settings',
  findingsHeading: 'Findings',
  noFindings: 'No problems found.',
  allFiltered: 'No findings in the selected categories.',
  tables: { active: 'Table 二 · proactive disclosure', applications: 'Table 三 · applications', review: 'Table 四 · review and litigation', other: 'Other' },
  keyboardHint: 'J/K or ↑/↓ to move, Enter to show on the page',
  internalRule: 'Internal error',
  groupedUnder: 'follows from the same cell as the finding above',
  likelyCause: (cell) => `Most likely wrong cell: ${cell}`,
  markAs: (status) => `Mark as ${status}`,
  note: 'Note (optional)',
  notePrefix: 'Note: ',
  save: 'Save',
  cancel: 'Cancel',
  reopen: 'Reopen',
  passedSummary: (n) => `${n} checks passed`,
  incompleteSummary: (n) => `${n} need manual review`,
  passedHeading: 'Passed',
  incompleteHeading: 'Needs manual review',
  exportHeading: 'Export',
  exportFindings: 'Export findings',
  exportTables: 'Export tables',
  exportJson: 'Export JSON',
  filePrefix: 'gip-report',
  fileFindings: 'findings',
  fileTables: 'tables',
  fileJson: 'result',
  history: (n) => `${n} reports remembered`,
  clearHistory: 'Clear history',
  confirmClear: 'Clear every remembered report? (Your false-positive/verified marks are kept.)',
};

export const MESSAGES: Record<Lang, Messages> = { zh, en };

export interface I18n {
  lang: Lang;
  t: Messages;
}

export const I18nContext = createContext<I18n>({ lang: 'zh', t: zh });
export const useI18n = () => useContext(I18nContext);
