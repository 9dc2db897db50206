// A government portal's 政府信息公开年报 column on the loopback address, for the survey
// tests (issue 18): the CLI's --crawl (tests/crawl/) and the extension's survey in Chromium
// (the same site under a gov.cn host name: every link is relative, so any host name served
// by this server works).
//
// Three TRS-style list pages (/gknb/index.html, index_1.html, index_2.html; the first
// paginated only by its createPageHTML(3, 0, "index", "html") script, as TRS lists are, the
// others by 首页/上一页/下一页/尾页 links) list 60 report pages rendered from the fixtures'
// real figures (toolkit/render.ts, in every CMS markup): 8 agencies with three consecutive
// years (2022–2024) whose carry-over holds except at one break, and 36 single reports; four
// reports carry one changed count. Besides them: a 404, a 500, a redirect to another site,
// a very slow page (its body trickles for `slowMs`), a page above 20 MB, a report encoded in
// GBK (declared only by its <meta>), a link named as a report whose page is news, a PDF, a
// report that answers 503 with Retry-After: 1 once before it answers, and robots.txt
// disallowing /gknb/internal/ (one report is listed there). `expected` says what a checker
// must find; `log` records every request (path, User-Agent, times) and `maxConcurrency`
// the most requests the server was answering at once.
//
// Run alone: npx tsx toolkit/survey-site.ts [PORT]  (prints the list's address)

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { APPLICANT_COLUMNS, applicationKey, type ApplicationRow } from '../lib/keys';
import { CHANGED_KEY, DEPARTMENTS as CONSOLIDATED_DEPARTMENTS, figures, type Figures } from './consolidated';
import { fixtureHtml } from './dom';
import fs from 'node:fs';
import { MARKUPS, renderReportPage, type ReportData } from './render';

export interface ExpectedFinding {
  ruleId: string;
  firstCell: string;
}

export interface ExpectedReport {
  path: string;
  agency: string;
  year: number;
  /** the error findings a checker must report, and no others */
  errors: ExpectedFinding[];
  changed?: { key: string; from: number; to: number };
  /** this report's carry-over does not match its year before's */
  carryOverBreak?: boolean;
  /** encoded in GBK */
  gbk?: boolean;
  /** answers 503 (Retry-After: 1) once before answering */
  flaky?: boolean;
  /** a report published as a file (only with `attachments`) */
  format?: 'pdf' | 'docx';
}

export type FailureKind = 'notFound' | 'serverError' | 'offsite' | 'slow' | 'huge' | 'notReport' | 'robots' | 'pdf';

export interface ExpectedFailure {
  path: string;
  kind: FailureKind;
  /** for the off-site redirect: where it points (never to be requested) */
  location?: string;
}

export interface SurveyExpected {
  listPaths: string[];
  /** a page of the site that links no report */
  emptyListPath: string;
  /** every report page that a checker must read and check: the 60, the GBK one */
  reports: ExpectedReport[];
  failures: ExpectedFailure[];
  /** paths robots.txt disallows for every agent */
  disallowed: string[];
}

export interface RequestRecord {
  path: string;
  userAgent: string;
  start: number;
  /** when the response's last byte was handed to the system, or the client went away */
  end: number;
  /** the client went away before the response was finished (a timeout, a size cap, an error page left unread) */
  cut: boolean;
}

export interface SurveySite {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** the first list page */
  listUrl: string;
  expected: SurveyExpected;
  /** every request, in order of arrival */
  log: RequestRecord[];
  /** the most requests answered at once */
  readonly maxConcurrency: number;
  /** forget the log, the concurrency and the flaky page's state */
  reset(): void;
  close(): Promise<void>;
}

export interface SurveySiteOptions {
  port?: number;
  /** how long the slow page keeps its body coming (ms; default 10 s) */
  slowMs?: number;
  /** the huge page's size (default 21 MB: above the CLI's 20 MB cap) */
  hugeBytes?: number;
  /**
   * Reports as files too: the PDF link serves a real PDF of 平潭 2023 with one changed cell
   * (tests/fixtures/attachments/produced), and a DOCX of 平潭 2024 is listed, the two a
   * cross-year pair; both are then `reports` (with `format`), no longer the 'pdf' failure.
   * Off by default: a checker without an attachment reader lists the PDF as a failure.
   */
  attachments?: boolean;
  /** only the reports (no failure, no 503 first): for measuring throughput (scripts/bench/crawl.ts) */
  clean?: boolean;
}

const OFFSITE = 'http://www.another-site.example/gknb/202401/t20240120_1.html';
const LIST_DIR = '/gknb/';

// ---- The reports ----------------------------------------------------------------

const REGIONS = ['清河县', '临江市', '东山区', '南湖县', '西岭市'];
/** the first twelve departments of the consolidated pages (the site's agencies cycle through them) */
const DEPARTMENTS = CONSOLIDATED_DEPARTMENTS.slice(0, 12);
const agencyName = (i: number) => `${REGIONS[Math.floor(i / DEPARTMENTS.length) % REGIONS.length]}${DEPARTMENTS[i % DEPARTMENTS.length]}`;

const sum = (values: Record<string, number>, row: ApplicationRow) => APPLICANT_COLUMNS.reduce((s, c) => s + values[applicationKey(row, c)]!, 0);

/**
 * The figures of `fig` as the year after `prev`: this year's 上年结转 set to last year's
 * 结转下年度继续办理 (the difference taken up by 结转下年度 or 新收, so every identity of the
 * report still holds), and the stock of 规章 / 规范性文件 carried on.
 */
function following(prev: Record<string, number>, fig: Figures, breakBy = 0): Record<string, number> {
  const v = { ...fig.values };
  for (const c of APPLICANT_COLUMNS) {
    const over = applicationKey('carriedOver', c);
    const want = prev[applicationKey('carriedForward', c)]! + (c === 'naturalPerson' ? breakBy : 0);
    const d = want - v[over]!;
    v[over] = want;
    if (d >= 0) v[applicationKey('carriedForward', c)]! += d;
    else v[applicationKey('newReceived', c)]! -= d;
  }
  for (const row of ['carriedOver', 'carriedForward', 'newReceived'] as const) v[applicationKey(row, 'total')] = sum(v, row);
  for (const row of ['regulations', 'normativeDocs']) {
    const k = (col: string) => `active.${row}.${col}`;
    if (prev[k('inForce')]! + v[k('issued')]! - v[k('repealed')]! < 0) v[k('repealed')] = 0;
    v[k('inForce')] = prev[k('inForce')]! + v[k('issued')]! - v[k('repealed')]!;
  }
  return v;
}

/**
 * Every CMS markup but 'flat' (converter output that lost the table's header structure:
 * the reader's notes on it would add warnings to the counts the survey tests compare).
 */
const SITE_MARKUPS = MARKUPS.filter((m) => m !== 'flat');

interface Planned {
  data: ReportData;
  expected: ExpectedReport;
}

/** The 60 reports: 8 agencies × 2022–2024 (agency 2's 2024 breaks the carry-over), then 36 single reports. */
function planReports(): Planned[] {
  const pool = figures().filter((f) => f.format === '2021');
  const out: Planned[] = [];
  let serial = 0;
  const add = (agency: string, year: number, values: Record<string, number>, extra: Partial<ExpectedReport> = {}) => {
    const n = serial++;
    const day = String(10 + (n % 18)).padStart(2, '0');
    const p = `${LIST_DIR}${year + 1}01/t${year + 1}01${day}_${4100 + n}.html`;
    const errors: ExpectedFinding[] = [];
    if (extra.carryOverBreak)
      errors.push(
        { ruleId: 'crossYear.carryOver', firstCell: applicationKey('carriedOver', 'naturalPerson') },
        { ruleId: 'crossYear.carryOver', firstCell: applicationKey('carriedOver', 'total') },
      );
    out.push({ data: { format: '2021', year, agency, values }, expected: { path: p, agency, year, errors, ...extra } });
  };
  for (let a = 0; a < 8; a++) {
    let prev: Record<string, number> | null = null;
    for (const year of [2022, 2023, 2024]) {
      const fig = pool[(a + year) % pool.length]!;
      const breaks = a === 2 && year === 2024;
      const values: Record<string, number> = prev ? following(prev, fig, breaks ? 2 : 0) : { ...fig.values };
      add(agencyName(a), year, values, breaks ? { carryOverBreak: true } : {});
      prev = values;
    }
  }
  for (let s = 0; s < 36; s++) {
    const fig = pool[s % pool.length]!;
    add(agencyName(8 + s), 2021 + (s % 4), { ...fig.values });
  }
  // one changed count (（一）予以公开 / 自然人 + 3) in two single reports and two chain members
  for (const i of [4, 13, 30, 51]) {
    const r = out[i]!;
    const from = r.data.values[CHANGED_KEY]!;
    r.data.values = { ...r.data.values, [CHANGED_KEY]: from + 3 };
    r.expected.changed = { key: CHANGED_KEY, from, to: from + 3 };
    r.expected.errors.push({ ruleId: 'applications.rowSum', firstCell: CHANGED_KEY }, { ruleId: 'applications.outcomeTotal', firstCell: CHANGED_KEY });
  }
  out[37]!.expected.flaky = true;
  return out;
}

// ---- GBK --------------------------------------------------------------------------

let gbkTable: Map<string, number[]> | null = null;
/** Text in GBK, through a table built from the runtime's own GBK decoder (Node has no GBK encoder). */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let hi = 0x81; hi <= 0xfe; hi++)
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [hi, lo]);
      }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`encodeGbk: no GBK code for U+${code.toString(16)}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}

// ---- Pages ------------------------------------------------------------------------

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Link {
  path: string;
  title: string;
  date: string;
}

const TRS_PAGER = `<script type="text/javascript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
  if(_nPageCount == null || _nPageCount<=1){ return; }
  var html = "共" + _nPageCount + "页 ";
  for(var i=0; i<_nPageCount; i++){
    var href = i == 0 ? _sPageName + "." + _sPageExt : _sPageName + "_" + i + "." + _sPageExt;
    html += i == _nCurrIndex ? "<span class=\\"cur\\">" + (i+1) + "</span> " : "<a href=\\"" + href + "\\">" + (i+1) + "</a> ";
  }
  if(_nCurrIndex < _nPageCount-1){ html += "<a href=\\"" + _sPageName + "_" + (_nCurrIndex+1) + "." + _sPageExt + "\\">下一页</a>"; }
  document.write(html);
}
var currentPage = 0;//所在页从0开始
var countPage = 3//共多少页
createPageHTML(countPage, currentPage, "index", "html");
</script>`;

function listPage(index: number, count: number, links: readonly Link[]): string {
  const items = links
    .map((l) => {
      // a long title is cut in the column, the whole one kept in title=""
      const shown = l.title.length > 28 ? `${l.title.slice(0, 26)}...` : l.title;
      return `<li><a href="${esc(l.path.slice(LIST_DIR.length))}" target="_blank" title="${esc(l.title)}">${esc(shown)}</a><span class="date">${l.date}</span></li>`;
    })
    .join('\n');
  const name = (i: number) => (i === 0 ? 'index.html' : `index_${i}.html`);
  const pager =
    index === 0
      ? TRS_PAGER
      : `<span>共${count}页</span> <a href="index.html">首页</a> <a href="${name(index - 1)}">上一页</a> ${index < count - 1 ? `<a href="${name(index + 1)}">下一页</a> ` : ''}<a href="${name(count - 1)}">尾页</a>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="清河县人民政府">
<meta name="ColumnName" content="政府信息公开年报">
<title>政府信息公开年报_清河县人民政府</title>
</head>
<body>
<div class="header"><div class="logo"><a href="/">清河县人民政府</a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="http://www.gov.cn/">中国政府网</a></li></ul></div>
<div class="main">
<div class="left"><h3>政府信息公开</h3><ul><li><a href="/zwgk/zfxxgkzn/">政府信息公开指南</a></li><li class="on"><a href="./">政府信息公开年报</a></li></ul></div>
<div class="right">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; 政府信息公开年报</div>
<ul class="list">
${items}
</ul>
<div class="page">${pager}</div>
<div class="links">相关链接：<a href="http://www.other.gov.cn/gknb/t1.html">某市2023年政府信息公开工作年度报告</a></div>
</div>
</div>
<div class="footer">主办：清河县人民政府办公室</div>
</body>
</html>
`;
}

/** A page the server answers: bytes with a content type, or a behaviour. */
type Route = { body: Buffer; type: string } | { status: 404 | 500 } | { redirect: string } | { slow: true } | { huge: true } | { flaky: Buffer };

const HTML = 'text/html; charset=utf-8';

const PRODUCED = path.resolve(import.meta.dirname, '../tests/fixtures/attachments/produced');

function buildSite(attachments: boolean, clean: boolean): { routes: Map<string, Route>; expected: SurveyExpected } {
  const planned = planReports();
  if (clean) for (const p of planned) delete p.expected.flaky;
  const routes = new Map<string, Route>();
  const reports = planned.map((p, i) => {
    const html = renderReportPage(p.data, { markup: SITE_MARKUPS[i % SITE_MARKUPS.length]!, zeros: i % 7 === 3 ? 'blank' : 'digit', seed: i + 1 });
    routes.set(p.expected.path, p.expected.flaky ? { flaky: Buffer.from(html) } : { body: Buffer.from(html), type: HTML });
    return p.expected;
  });
  // the GBK report: declared by its <meta> only (the server names no charset)
  const gbkData: ReportData = {
    format: '2021',
    year: 2023,
    agency: '清河县统计局',
    values: { ...figures().find((f) => f.name === 'seed-002-litong-2022')!.values },
  };
  const gbkPath = `${LIST_DIR}202401/t20240118_9936.html`;
  const gbkHtml = renderReportPage(gbkData, { markup: 'word', seed: 99 }).replace(
    '<meta charset="utf-8">',
    '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
  );
  routes.set(gbkPath, { body: encodeGbk(gbkHtml), type: 'text/html' });
  reports.push({ path: gbkPath, agency: gbkData.agency, year: 2023, errors: [], gbk: true });
  const pdfPath = `${LIST_DIR}202401/W020240120_9100.pdf`;
  if (attachments) {
    routes.set(pdfPath, { body: fs.readFileSync(path.join(PRODUCED, 'libreoffice-pingtan-2023-changed-granted.pdf')), type: 'application/pdf' });
    reports.push({
      path: pdfPath,
      agency: '平潭综合实验区',
      year: 2023,
      format: 'pdf',
      errors: [
        { ruleId: 'applications.rowSum', firstCell: CHANGED_KEY },
        { ruleId: 'applications.outcomeTotal', firstCell: CHANGED_KEY },
      ],
      changed: { key: CHANGED_KEY, from: 22, to: 25 },
    });
    const docxPath = `${LIST_DIR}202501/W020250120_9101.docx`;
    routes.set(docxPath, {
      body: fs.readFileSync(path.join(PRODUCED, 'libreoffice-pingtan-2024.docx')),
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    reports.push({ path: docxPath, agency: '平潭综合实验区', year: 2024, format: 'docx', errors: [] });
  }

  const failures: ExpectedFailure[] = clean
    ? []
    : [
        { path: `${LIST_DIR}202401/t20240120_9404.html`, kind: 'notFound' },
        { path: `${LIST_DIR}202401/t20240120_9500.html`, kind: 'serverError' },
        { path: `${LIST_DIR}202401/t20240120_9302.html`, kind: 'offsite', location: OFFSITE },
        { path: `${LIST_DIR}202401/t20240120_9408.html`, kind: 'slow' },
        { path: `${LIST_DIR}202401/t20240120_9413.html`, kind: 'huge' },
        { path: `${LIST_DIR}202401/t20240120_9200.html`, kind: 'notReport' },
        { path: `${LIST_DIR}internal/t20240120_9999.html`, kind: 'robots' },
        ...(attachments ? [] : [{ path: pdfPath, kind: 'pdf' as const }]),
      ];
  const failureTitle: Record<FailureKind, string> = {
    notFound: '清河县档案局2023年政府信息公开工作年度报告',
    serverError: '清河县气象局2023年政府信息公开工作年度报告',
    offsite: '清河县税务局2023年政府信息公开工作年度报告',
    slow: '清河县供销合作社2023年政府信息公开工作年度报告',
    huge: '清河县林业局2023年政府信息公开工作年度报告',
    notReport: '清河县人民政府2023年政府信息公开工作年度报告',
    robots: '清河县机关事务管理局2023年政府信息公开工作年度报告',
    pdf: '清河县审计局2023年政府信息公开工作年度报告',
  };
  for (const f of failures) {
    if (f.kind === 'notFound') routes.set(f.path, { status: 404 });
    else if (f.kind === 'serverError') routes.set(f.path, { status: 500 });
    else if (f.kind === 'offsite') routes.set(f.path, { redirect: OFFSITE });
    else if (f.kind === 'slow') routes.set(f.path, { slow: true });
    else if (f.kind === 'huge') routes.set(f.path, { huge: true });
    else if (f.kind === 'notReport') routes.set(f.path, { body: Buffer.from(fixtureHtml('negative-news.html')), type: HTML });
    else if (f.kind === 'robots') routes.set(f.path, { body: Buffer.from(renderReportPage(planned[0]!.data, { markup: 'trs' })), type: HTML });
    else if (f.kind === 'pdf') routes.set(f.path, { body: Buffer.from('%PDF-1.4\n% not a readable report\n%%EOF\n'), type: 'application/pdf' });
  }

  // the list: every link in date order, newest first, cut into three pages; the failures spread over them
  const links: Link[] = reports.map((r, i) => ({
    path: r.path,
    title: `${r.agency}${r.year}${i % 3 === 1 ? '年度' : '年'}政府信息公开工作年度报告`,
    date: `${r.year + 1}-01-${String(10 + (i % 18)).padStart(2, '0')}`,
  }));
  failures.forEach((f, k) => links.splice(5 + k * 8, 0, { path: f.path, title: failureTitle[f.kind], date: '2024-01-20' }));
  const perPage = Math.ceil(links.length / 3);
  const listPaths = [0, 1, 2].map((i) => `${LIST_DIR}${i === 0 ? 'index.html' : `index_${i}.html`}`);
  listPaths.forEach((p, i) => routes.set(p, { body: Buffer.from(listPage(i, 3, links.slice(i * perPage, (i + 1) * perPage))), type: HTML }));
  routes.set(LIST_DIR, routes.get(listPaths[0]!)!);
  // a column index with no report link (a list that lists no report)
  routes.set('/zwgk/', { body: Buffer.from(listPage(0, 1, []).replace(TRS_PAGER, '')), type: HTML });
  routes.set('/robots.txt', {
    body: Buffer.from('# 清河县人民政府\nUser-agent: *\nDisallow: /gknb/internal/\nDisallow: /search/\n\nUser-agent: BadBot\nDisallow: /\n'),
    type: 'text/plain; charset=utf-8',
  });
  return { routes, expected: { listPaths, emptyListPath: '/zwgk/', reports, failures, disallowed: ['/gknb/internal/', '/search/'] } };
}

const built = new Map<string, ReturnType<typeof buildSite>>();
let huge: Buffer | null = null;
/** A page of `bytes` bytes (made once): a report's title over a long appendix. */
function hugePage(bytes: number): Buffer {
  if (huge?.length !== bytes) {
    const head = Buffer.from('<!DOCTYPE html><html><head><meta charset="utf-8"><title>清河县林业局2023年政府信息公开工作年度报告</title></head><body>');
    const line = Buffer.from(`<p>${'清河县林业局政府信息公开工作年度报告附表。'.repeat(100)}</p>\n`);
    huge = Buffer.alloc(bytes);
    head.copy(huge);
    for (let at = head.length; at < bytes; at += line.length) line.copy(huge, at);
  }
  return huge;
}

/** Start the site on 127.0.0.1 (a free port unless `port`). */
export async function startSurveySite(opts: SurveySiteOptions = {}): Promise<SurveySite> {
  const key = `${!!opts.attachments}:${!!opts.clean}`;
  if (!built.has(key)) built.set(key, buildSite(!!opts.attachments, !!opts.clean));
  const { routes, expected } = built.get(key)!;
  const slowMs = opts.slowMs ?? 10_000;
  const hugeBytes = opts.hugeBytes ?? 21 * 1024 * 1024;
  const log: RequestRecord[] = [];
  let inFlight = 0;
  let maxConcurrency = 0;
  let flakyServed = new Set<string>();
  const sockets = new Set<import('node:net').Socket>();

  const server = http.createServer((req, res) => {
    const record: RequestRecord = {
      path: (req.url ?? '/').split('?')[0]!,
      userAgent: String(req.headers['user-agent'] ?? ''),
      start: Date.now(),
      end: 0,
      cut: false,
    };
    log.push(record);
    inFlight++;
    maxConcurrency = Math.max(maxConcurrency, inFlight);
    // done when the last byte is handed to the system ('finish': never later than the client has it), or when the client went away
    let done = false;
    const finish = (cut: boolean) => {
      if (done) return;
      done = true;
      inFlight--;
      record.end = Date.now();
      record.cut = cut;
    };
    res.on('finish', () => finish(false));
    res.on('close', () => finish(true));
    let p = record.path;
    try {
      p = decodeURIComponent(p);
    } catch {
      // kept as sent
    }
    const route = routes.get(p);
    if (!route || ('status' in route && route.status === 404)) {
      res.writeHead(404, { 'content-type': HTML });
      return res.end('<html><head><title>404 页面不存在</title></head><body><h1>404</h1><p>您访问的页面不存在</p></body></html>');
    }
    if ('status' in route) {
      res.writeHead(route.status, { 'content-type': HTML });
      return res.end('<html><body><h1>500 Internal Server Error</h1></body></html>');
    }
    if ('redirect' in route) {
      res.writeHead(302, { location: route.redirect, 'content-type': HTML });
      return res.end();
    }
    if ('flaky' in route) {
      if (!flakyServed.has(p)) {
        flakyServed.add(p);
        res.writeHead(503, { 'retry-after': '1', 'content-type': HTML });
        return res.end('<html><body>服务器繁忙，请稍后再试</body></html>');
      }
      res.writeHead(200, { 'content-type': HTML });
      return res.end(route.flaky);
    }
    if ('slow' in route) {
      // headers at once, then a trickle of bytes until slowMs has passed
      res.writeHead(200, { 'content-type': HTML });
      res.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>清河县供销合作社2023年政府信息公开工作年度报告</title></head><body>');
      const end = Date.now() + slowMs;
      const timer = setInterval(() => {
        if (Date.now() >= end) {
          clearInterval(timer);
          res.end('</body></html>');
        } else res.write('<p>…</p>');
      }, 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if ('huge' in route) {
      // chunked, no Content-Length: the reader must stop counting by itself
      res.writeHead(200, { 'content-type': HTML });
      return res.end(hugePage(hugeBytes));
    }
    res.writeHead(200, { 'content-type': route.type, 'content-length': route.body.length });
    res.end(route.body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    listUrl: `${origin}${expected.listPaths[0]}`,
    expected,
    log,
    get maxConcurrency() {
      return maxConcurrency;
    },
    reset() {
      log.length = 0;
      maxConcurrency = inFlight;
      flakyServed = new Set();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  const site = await startSurveySite({ port: Number(process.argv[2] ?? 0) || undefined });
  process.stdout.write(`${site.listUrl}\n`);
}
