// The one vocabulary: every word the extension and the CLI show, zh-CN first and English
// second, in one place (issue 19/20): the terms every surface shares (severities, tables,
// verdicts, how a cell was read), then each surface's own words — the popup, the tooltip,
// the options page, the CLI listing. Rule messages stay in their rule files. The browser's
// own strings (name, description, toolbar title, commands) are in public/_locales.
// `en` must have every key `zh` has (the type says so; tests/vocabulary.test.ts checks it
// at run time too, and that every key is used).

import type { PageKind, ReadAs, Severity } from './schema';

export type Lang = 'zh' | 'en';

/** zh for any Chinese locale (zh, zh-CN, zh-TW, …), English otherwise. */
export const pickLang = (language: string | undefined): Lang => ((language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en');

export type TableId = 'active' | 'applications' | 'review' | 'other';
export type VerdictId = 'open' | 'falsePositive' | 'verified';

// ---- terms shared by every surface

const ZH_SEVERITIES: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
/** (English counts are plural; one finding's tag is `severity`) */
const EN_SEVERITIES: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Notes' };
const ZH_TABLES: Record<TableId, string> = { active: '表二 主动公开', applications: '表三 依申请公开', review: '表四 复议诉讼', other: '其他' };
const EN_TABLES: Record<TableId, string> = { active: 'Table 2 · proactive disclosure', applications: 'Table 3 · applications', review: 'Table 4 · review and litigation', other: 'Other' };

/** How a cell's number was read, said to the reader (lib/table/cell-value.ts; plain numbers say nothing). */
type ReadAsWords = Partial<Record<ReadAs, string>>;

// ---- the popup (components/)

const zhPopup = {
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
  pubDate: '发布日期',
  reportPicker: (n: number) => `本页共有 ${n} 份年报，选择要查看和标记的一份：`,
  reportOption: (i: number, name: string, year: string, errors: number, warnings: number) => `${i}. ${name} ${year}（错误 ${errors}，警告 ${warnings}）`,
  pubDateSources: { meta: '页面元数据', page: '页面显示' } as Record<'meta' | 'page', string>,
  unknown: '未识别',
  formats: { '2021': '2021 格式', '2019': '2019 试行格式' } as Record<'2021' | '2019', string>,
  severities: ZH_SEVERITIES,
  countsLabel: '待处理的发现（不含已标记的）',
  filterLegend: '显示',
  highlights: '显示标记',
  autoCheckSite: '在此网站自动检查',
  notAutoSite: '此网站不在自动检查范围内（可在设置中添加）。',
  openOptions: '打开设置',
  findingsHeading: '发现',
  noFindings: '未发现问题。',
  allFiltered: '所选类别中没有发现。',
  tables: ZH_TABLES,
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
  confirmClear: '确定清除所有已记住的年报记录吗？',
  clearReports: '仅清除年报记录',
  clearEverything: '清除全部数据（含误报/已核实标记和备注）',
  clearCancel: '取消',
  clearExplained: '“仅清除年报记录”保留你的误报/已核实标记和备注；“清除全部数据”一并删除。设置保留。',
  memoryEvicted: (n: number, reports: number) => `为保持在上限（${reports} 份）以内，已自动删除最早核对的 ${n} 份年报记录。`,
  memoryDropped: (n: number) => `${n} 条已保存的记录未通过校验（可能已损坏或被篡改），已删除，未用于核对。`,
  memoryWriteFailed: (error: string) => `年报记录未能保存：${error}`,
  verdictFailed: (error: string) => `标记未能保存：${error}`,
  suggestion: (year: number | null, agency: string) => `其他网站上有同名机关“${agency}”的 ${year ?? ''} 年度报告，未自动比对（可能不是同一机关）：`,
  useSuggestion: '用它比对',
  undoChoice: '取消此比对',
  chosenPrevious: '（你选择的其他网站报告）',
  frameOrigin: (origin: string) => `此报告位于页面内嵌的框架中，来自：${origin}`,
  reportsOmitted: (n: number, max: number) => `本页报告过多，仅核对前 ${max} 份，另有 ${n} 份未核对。`,
  slimState: '报告较大，单元格数据只保存在页面中；页面没有响应，部分信息无法显示。请刷新页面后重试。',
  showHistory: '历史记录',
  historyHeading: '已核对的年报',
  back: '返回',
  openInTab: '在新标签页中打开',
  historyFilter: '筛选（机关、年度、网址）',
  errorsOnly: '只看有错误的',
  historyShown: (shown: number, total: number) => (shown === total ? `共 ${total} 份` : `显示 ${shown} 份，共 ${total} 份`),
  historyEmpty: '还没有核对过年报。打开年报页面后会自动记录在这里。',
  historyNoMatch: '没有符合筛选条件的年报。',
  yearSuffix: (y: number) => `${y} 年度`,
  checkedOn: (d: string) => `核对于 ${d}`,
  exportAllFindings: '导出发现（CSV）',
  exportAllTables: '导出表格（CSV）',
  exportList: '导出清单（CSV）',
  fileHistory: (n: number) => `历史_${n}份`,
  fileList: '清单',
  previousHeading: '跨年度核对',
  previousUsed: (year: number | null) => `已与 ${year ?? '上一'} 年度报告比对：`,
  previousUnknown: (year: number) => `尚未核对同一机关的 ${year} 年度报告，上年结转等跨年数据无法比对。`,
  fetchPrevious: '获取上一年度报告',
  fetchingPrevious: '正在查找…',
  fetchPreviousHint: '只在点击后访问本网站的页面（同源，最多 6 个），不向其他网站发送任何内容。',
  previousFound: (year: number | null, tried: number) => `已获取并核对 ${year ?? ''} 年度报告（查看了 ${tried} 个页面），跨年度结果已加入下方。`,
  previousReasons: {
    noReport: '此页没有可核对的报告。',
    noYear: '未识别本报告的年度，无法查找上一年度报告。',
    noAgency: '未识别本报告的机关，无法查找上一年度报告。',
    noLinks: '页面上没有找到上一年度报告或年报栏目的链接。',
  } as Record<'noReport' | 'noYear' | 'noAgency' | 'noLinks', string>,
  previousNotFound: (year: number, tried: number) => `查看了 ${tried} 个页面，未找到同一机关的 ${year} 年度报告。可先打开该报告页面，再回到此页重新检查。`,
  previousError: (error: string) => `获取失败：${error}`,
  previousNoAnswer: '页面没有响应，请刷新页面后重试。',
};

export type PopupWords = typeof zhPopup;

const enPopup: PopupWords = {
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
  pubDate: 'Published',
  reportPicker: (n) => `This page holds ${n} reports; choose the one to show and mark:`,
  reportOption: (i, name, year, errors, warnings) => `${i}. ${name} ${year} (${errors} errors, ${warnings} warnings)`,
  pubDateSources: { meta: 'page metadata', page: 'shown on the page' },
  unknown: 'not recognised',
  formats: { '2021': '2021 format', '2019': '2019 trial format' },
  severities: EN_SEVERITIES,
  countsLabel: 'Open findings (excluding marked ones)',
  filterLegend: 'Show',
  highlights: 'Show highlights',
  autoCheckSite: 'Check this site automatically',
  notAutoSite: 'This site is not checked automatically (add it in the settings).',
  openOptions: 'Open settings',
  findingsHeading: 'Findings',
  noFindings: 'No problems found.',
  allFiltered: 'No findings in the selected categories.',
  tables: EN_TABLES,
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
  confirmClear: 'Clear every remembered report?',
  clearReports: 'Clear reports only',
  clearEverything: 'Clear all data (with your verdicts and notes)',
  clearCancel: 'Cancel',
  clearExplained: '“Clear reports only” keeps your false-positive/verified marks and notes; “Clear all data” deletes them too. Settings are kept.',
  memoryEvicted: (n, reports) => `To stay within the cap (${reports} reports), the ${n} reports checked longest ago were removed.`,
  memoryDropped: (n) => `${n} stored records failed validation (damaged or tampered with); they were removed and not used.`,
  memoryWriteFailed: (error) => `The report could not be remembered: ${error}`,
  verdictFailed: (error) => `The verdict could not be saved: ${error}`,
  suggestion: (year, agency) => `Another site has a ${year ?? ''} report of an agency named “${agency}”; it was not compared automatically (it may be another body): `,
  useSuggestion: 'Compare with it',
  undoChoice: 'Undo this comparison',
  chosenPrevious: ' (another site’s report, chosen by you)',
  frameOrigin: (origin) => `This report is in a frame embedded in the page, from: ${origin}`,
  reportsOmitted: (n, max) => `Too many reports on this page: the first ${max} were checked, ${n} more were not.`,
  slimState: 'A large report: its cells are kept in the page only, and the page did not answer, so some details cannot be shown. Reload the page and try again.',
  showHistory: 'History',
  historyHeading: 'Reports checked',
  back: 'Back',
  openInTab: 'Open in a new tab',
  historyFilter: 'Filter (agency, year, address)',
  errorsOnly: 'Only reports with errors',
  historyShown: (shown, total) => (shown === total ? `${total} reports` : `${shown} of ${total} reports`),
  historyEmpty: 'No report checked yet. Reports you open are listed here.',
  historyNoMatch: 'No report matches the filter.',
  yearSuffix: (y) => `${y}`,
  checkedOn: (d) => `checked ${d}`,
  exportAllFindings: 'Export findings (CSV)',
  exportAllTables: 'Export tables (CSV)',
  exportList: 'Export list (CSV)',
  fileHistory: (n) => `history_${n}`,
  fileList: 'list',
  previousHeading: 'Across years',
  previousUsed: (year) => `Compared with the ${year ?? 'previous'} report: `,
  previousUnknown: (year) => `The same agency's ${year} report has not been checked yet; the carry-over and other cross-year figures cannot be compared.`,
  fetchPrevious: "Fetch last year's report",
  fetchingPrevious: 'Looking…',
  fetchPreviousHint: 'Only after you click, and only pages of this site (same origin, at most 6); nothing is sent anywhere else.',
  previousFound: (year, tried) => `Fetched and checked the ${year ?? ''} report (${tried} pages looked at); the cross-year results are added below.`,
  previousReasons: {
    noReport: 'There is no report on this page to check.',
    noYear: "The report's year was not recognised; last year's report cannot be looked for.",
    noAgency: "The report's agency was not recognised; last year's report cannot be looked for.",
    noLinks: "No link to last year's report or to the site's list of reports was found on the page.",
  },
  previousNotFound: (year, tried) => `Looked at ${tried} pages; the same agency's ${year} report was not found. Open that report's page first, then check this page again.`,
  previousError: (error) => `Could not fetch: ${error}`,
  previousNoAnswer: 'The page did not answer; reload it and try again.',
};

const zhTerms = {
  /** one finding's severity, as its tag says it */
  severity: ZH_SEVERITIES,
  /** the counts by severity */
  severities: ZH_SEVERITIES,
  tables: ZH_TABLES,
  verdicts: { open: '待处理', falsePositive: '误报', verified: '已核实' } as Record<VerdictId, string>,
  readAs: {
    blank: '空白按 0 计',
    dash: '“—”按 0 计',
    none: '“无”按 0 计',
    notApplicable: '“不适用”按 0 计',
    fullWidth: '全角数字',
    thousands: '千分位',
    signed: '带正负号',
    decimal: '小数',
    note: '附注',
    unit: '单位',
    unreadable: '无法读取',
    hidden: '页面隐藏的文字未计入',
  } as ReadAsWords,
};

export type Terms = typeof zhTerms;

const enTerms: Terms = {
  severity: { error: 'error', warning: 'warning', info: 'note' },
  severities: EN_SEVERITIES,
  tables: EN_TABLES,
  verdicts: { open: 'open', falsePositive: 'false positive', verified: 'verified' },
  readAs: {
    blank: 'blank, counted as 0',
    dash: '“—” counted as 0',
    none: '“无” counted as 0',
    notApplicable: '“N/A” counted as 0',
    fullWidth: 'full-width digits',
    thousands: 'thousands separator',
    signed: 'signed',
    decimal: 'decimal',
    note: 'note',
    unit: 'unit',
    unreadable: 'unreadable',
    hidden: 'text the page hides left out',
  },
};

/** The words every surface shares: severities, tables, verdicts, how a cell was read. */
export const TERMS: Record<Lang, Terms> = { zh: zhTerms, en: enTerms };

/** The popup's words (components/). */
export const POPUP_WORDS: Record<Lang, PopupWords> = { zh: zhPopup, en: enPopup };

const zhTooltip = { expected: '期望', shown: '页面显示', cell: '单元格', readAs: '读作', sameCause: '同一原因', sep: '、', toCell: '跳到表格单元格（Enter）', toSentence: '跳到正文语句（Enter）' };
/** The tooltip on a marked cell (entrypoints/checker/highlighter.ts). */
export const TOOLTIP_WORDS: Record<Lang, typeof zhTooltip> = {
  zh: zhTooltip,
  en: { expected: 'expected', shown: 'shown', cell: 'Cell', readAs: 'read as', sameCause: 'same cause', sep: ', ', toCell: 'Go to the table cell (Enter)', toSentence: 'Go to the sentence (Enter)' },
};

const zhOptions = {
    title: '年报核对 · 设置',
    autoSites: '自动检查的网站',
    autoSitesHelp: '政府网站（*.gov.cn）默认自动检查。转载年报的其他网站可在此添加，浏览器会请求该网站的访问权限。',
    remove: '移除',
    removeSite: (host: string) => `移除 ${host}`,
    addSite: '添加网站',
    add: '添加',
    badSite: '请输入网站域名，例如 example.com 或 *.example.com',
    notGranted: '未获授权，未添加',
    added: (host: string) => `已添加 ${host}`,
    offSites: '已关闭自动检查的网站',
    none: '无',
    checkAgain: '恢复自动检查',
  };
/** The options page (entrypoints/options/). */
export const OPTIONS_WORDS: Record<Lang, typeof zhOptions> = {
  zh: zhOptions,
  en: {
      title: 'GIP Report Checker · Settings',
      autoSites: 'Sites checked automatically',
      autoSitesHelp: 'Government sites (*.gov.cn) are checked automatically. Add other sites that republish reports; the browser asks for access to each.',
      remove: 'Remove',
      removeSite: (host) => `Remove ${host}`,
      addSite: 'Add a site',
      add: 'Add',
      badSite: 'Enter a site name such as example.com or *.example.com',
      notGranted: 'Permission not granted; nothing added',
      added: (host) => `Added ${host}`,
      offSites: 'Sites with automatic checking switched off',
      none: 'None',
      checkAgain: 'Check automatically again',
    },
};

/** the CLI's readable listing (cli/output.ts), which prints zh and en together */
const zhListing = {
    unreadable: '无法读取',
    notReport: '非年报页面',
    agencyUnknown: '（机关不详）',
    report: (agency: string, year: string, format: string, errors: number, warnings: number, infos: number, passed: number, incomplete: number) =>
      `${agency} ${year} 年度报告 · ${format} 格式 · 错误 ${errors} · 警告 ${warnings} · 提示 ${infos} · 通过 ${passed} 项校验${incomplete ? ` · 待人工核对 ${incomplete} 项` : ''}`,
    summary: (files: number, reports: number, withErrors: number, others: number, unreadable: number) =>
      `共 ${files} 个文件：年报 ${reports} 份，其中有错误 ${withErrors} 份；非年报 ${others} 个；无法读取 ${unreadable} 个。`,
  };
export const LISTING_WORDS: Record<Lang, typeof zhListing> = {
  zh: zhListing,
  en: {
      unreadable: 'unreadable',
      notReport: 'not an annual report',
      agencyUnknown: '(agency unknown)',
      report: (agency, year, format, errors, warnings, infos, passed, incomplete) =>
        `${agency} ${year} report · ${format} format · ${errors} errors · ${warnings} warnings · ${infos} notes · ${passed} checks passed${incomplete ? ` · ${incomplete} to review by hand` : ''}`,
      summary: (files, reports, withErrors, others, unreadable) => `${files} files: ${reports} reports (${withErrors} with errors), ${others} not reports, ${unreadable} unreadable.`,
    },
};

/**
 * The whole vocabulary, by language (what the tests walk). Each surface imports only its
 * own sections above, so the checker does not carry the popup's words.
 */
export const VOCABULARY = {
  zh: { ...zhTerms, popup: zhPopup, tooltip: TOOLTIP_WORDS.zh, options: OPTIONS_WORDS.zh, listing: LISTING_WORDS.zh },
  en: { ...enTerms, popup: enPopup, tooltip: TOOLTIP_WORDS.en, options: OPTIONS_WORDS.en, listing: LISTING_WORDS.en },
};
