// What the report's own text says in numbers (report-format.md §2.6): 收到…申请 N 件,
// 办结 N 件, 予以公开 N 件, 结转下年度 N 件, 自然人申请 N 件, 行政复议 N 件 …, each
// with its sentence and where it stands. Pure: it takes the article's text lines (the
// report tables left out) and returns statements; the rules compare them with the tables.
//
// It reads conservatively. A statement the checker would misread makes a false alarm,
// one it skips costs nothing, so anything that may be a part rather than the whole
// (其中…, 因…不予公开, 网上答复, 上年/较去年, 本级, one applicant type, 1–6月) or may be
// about something else (行政复议申请 received by a 司法局, 信访, 提案, 信息处理费,
// 主动公开…条, part 六) is left out. Each sentence is scanned once for a fixed set of
// trigger words; a small anchored pattern then reads the number after the trigger.
//
// Its work is linear in the text: no pattern has two whitespace loops side by side (an
// optional word carries the whitespace after it) or a loop that a failing match retries
// from every position of a run (tests/hardening/regex.test.ts); a sentence is read up to
// MAX_SENTENCE characters, and a text up to MAX_READS trigger words (a paragraph of 1 M
// characters of 收到收到… took 10 s, and 333,333 sentences 收到。 on one line 143 s).

import type { Statement } from '../schema';
import { MAX_STATEMENT_TEXT, type StatementKind } from './kinds';

export interface ExtractOptions {
  /** the report's year: a sentence about another year is not compared */
  year?: number | null;
}

// ---- Numbers -------------------------------------------------------------------------

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十二 → 12, 两 → 2, 一百零五 → 105, 三千六百零七 → 3607; 二〇二一 or 百 alone → null. */
export function parseChineseNumber(s: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let prevNonZeroDigit = false;
  for (const ch of s) {
    const d = CN_DIGIT[ch];
    const u = CN_UNIT[ch];
    if (d !== undefined) {
      if (d !== 0 && prevNonZeroDigit) return null; // 二〇二一, 一二: digit strings, not numbers
      if (d === 0 && digit !== null && digit !== 0) return null;
      digit = d;
      prevNonZeroDigit = d !== 0;
    } else if (u !== undefined) {
      if (digit === null) {
        if (u !== 10 || section !== 0 || total !== 0) return null; // only 十 may stand first (十二)
        digit = 1;
      }
      section += digit * u;
      digit = null;
      prevNonZeroDigit = false;
    } else if (ch === '万') {
      if (digit === null && section === 0) return null;
      total += (section + (digit ?? 0)) * 10000;
      section = 0;
      digit = null;
      prevNonZeroDigit = false;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

const DIGITS_ONLY = /^[0-9０-９,]+$/;

/** A count as written: 12, １２, 3,607, 十二. */
export function parseCount(raw: string): number | null {
  if (DIGITS_ONLY.test(raw)) {
    const n = Number(raw.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/,/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  return parseChineseNumber(raw);
}

const NUM = String.raw`(?<num>\d{1,3}(?:,\d{3})+(?!\d)|[0-9０-９]+|[零〇一二两三四五六七八九十百千万]+)`;
/** A count: not the tail of a longer number, a decimal, a signed value or an ordinal (第3件). */
const count = (units: string) => String.raw`(?<![\d０-９.．\-−－+＋第零〇一二两三四五六七八九十百千万])${NUM}\s*(?:(?<approx>余|多)\s*)?(?:${units})`;
/** Characters a gap may hold: no clause or sentence break. */
const G = '[^，,；;：:。！？!?\\n]';
/**
 * What applications are counted in: 件, and as some reports write 份, 条, 人次 or 个. A 个 of
 * working days, months or bodies, and a 条 of the 条例's articles, count nothing the tables do.
 */
const UNITS_APPLICATION = '件|份|人次|条(?![例款])|个(?!工作日|自然日|月|小时|百分点|部门|单位|乡|镇|街道|社区|村|县|区|市|省|方面|渠道|栏目|专栏)';
const UNITS_CASE = '件|起|宗|个';

/** A count that is only approximate: 约3件, 近千件, 超过10件, 十余件, 10件以上. */
const APPROX_BEFORE = /(?:约|近|超过|逾|不足|不到|少于|多于|超|数|上|将近|接近|大约)\s*$/;
const APPROX_AFTER = /^\s*(?:以上|左右|之多|上下)/;

// ---- Words that make a number something other than the statement's whole ------------

/** Comparisons, other periods, parts of the body or of the year. */
const COMPARE =
  /较|同比|相比|比上|比去|比\s*(?:19|20)\d{2}|去年|上一?年|同期|增加|减少|增长|下降|上升|环比|累计|以来|历年|平均|占|率|本级|各级|各(?:部门|单位|镇|乡|街道|县|区|地)|上半年|下半年|季度|月份|(?<!\d)\d+\s*月|其中|分别/;
/** Other things a body receives, answers or handles. */
const OTHER_OBJECT = /复议|诉讼|援助|仲裁|公证|调解|许可|投诉|举报|信访|咨询|留言|来信|来访|热线|工单|登记|鉴定|提案|建议|(?<!复)议案|转来|转办|转交|审批|备案/;
/** The reasons of the outcome rows: a count after one of them is a single row, not the group. */
const REASON =
  /因|由于|属于|属|涉及|系|依据|依照|根据|按照|国家秘密|第三方|三安全|内部事务|过程性|执法案卷|查询|不掌握|另行制作|不明确|信访|重复|出版物|反复|确认|补正|缴纳|逾期|已主动公开|主动公开|网上|当面|书面/;
/** Ways and times of answering: a count after one of them is a part. */
const MANNER = /超期|逾期|延期|延长|按时|按期|期限内|时限内|期内|法定|当场|当日|即时|当天|当年|网上|当面|书面|邮寄|邮件|电话|现场|短信|线上|线下|平均/;
/** Outcome, processing and carrying words: a gap holding one has run into another statement. */
const STATEMENT_WORD = /予以|不予|无法提供|其他处理|部分公开|办结|答复|结转|收到|受理|新收|接收/;
const APPLICANT_NATURAL = /自然人|公民|个人/;
const APPLICANT_ORG = /法人|组织|企业/;
/** Names one applicant type without the other: 收到法人申请 is a part. */
const oneApplicantType = (s: string) => APPLICANT_NATURAL.test(s) !== APPLICANT_ORG.test(s);

// ---- Triggers -----------------------------------------------------------------------

/** Words saying no application was received (未收到…): a negation of receipt. */
const RECEIPT_NEGATION_WORDS = ['未收到', '没有收到', '没收到', '暂未收到', '未接到', '未接收到', '未接收'];
/** The other negations (…未发生, 暂无 …), and 无 (last: the longer words go first in the pattern). */
const NEGATION_WORDS = [...RECEIPT_NEGATION_WORDS, '未发生', '没有发生', '未出现', '不存在', '未被', '未有', '没有', '暂无'];
const TRIGGER_WORDS = [
  ...NEGATION_WORDS,
  '无法提供',
  '无',
  '予以公开',
  '不予以公开',
  '不予公开',
  '部分公开',
  '不予处理',
  '其他处理',
  '办理完毕',
  '办理完成',
  '处理完毕',
  '办结',
  '答复',
  '收到',
  '新收',
  '接收',
  '接到',
  '受理',
  '收办',
  '办理',
  '结转',
  '转下年度',
  '转入下年度',
  '转至下年度',
  '顺延',
  '另有',
  '尚有',
  '还有',
  '剩余',
  '余下',
  '其余',
  '自然人',
  '法人',
  '行政复议',
  '行政诉讼',
  '诉讼',
];
const TRIGGER = new RegExp(TRIGGER_WORDS.join('|'), 'g');
const NEGATION = new Set([...NEGATION_WORDS, '无']);
const RECEIPT_NEGATION = new Set(RECEIPT_NEGATION_WORDS);
const CATEGORY: Record<string, StatementKind> = {
  予以公开: 'granted',
  不予以公开: 'denied',
  不予公开: 'denied',
  部分公开: 'partiallyGranted',
  无法提供: 'unavailable',
  不予处理: 'notProcessed',
  其他处理: 'otherProcessed',
};
const PROCESSED = new Set(['办理完毕', '办理完成', '处理完毕', '办结', '答复']);
const LEADS = new Set(['另有', '尚有', '还有', '剩余', '余下', '其余']);

// ---- Sentences and their context ----------------------------------------------------

/** A part heading of the report: 一、总体情况 … 六、其他需要报告的事项. */
const PART = /^\s*([一二三四五六七八九十]{1,2})\s*[、.．]\s*((?:\S.*)?)$/;
/** A sub-heading: （二）依申请公开, 2、依申请公开方面. */
const SUB = /^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,2}\s*[)）]|\d{1,2}\s*[、.．](?!\d))/;
/** Sentences about other matters, whatever numbers they hold. */
const OFF_TOPIC = /人大|政协|提案|(?<!复)议案|信息处理费|处理费|收费/;
const APP_TOPIC = /信息公开|依申请|公开申请/;
const APP_LINE = /信息公开申请|依申请|公开申请/;

/**
 * A year named in the text (2022年), unless carried from or to (结转2022年, 2022年度结转).
 * The lookbehind stands after the year, so it is tried only where a year is (before it,
 * it was tried at every position, scanning back over whatever whitespace preceded).
 */
const YEAR_NAMED = /((?:19|20)\d{2})(?<!结转(?:至|到|入)?\s*\d{4})\s*年(?!度?\s*(?:的\s*)?结转)/g;

/** How far back sentence-level checks look (其中, another year, other matters): keeps the work per trigger bounded. */
const LOOKBACK = 160;
/** How far a clause is followed forward. */
const LOOKAHEAD = 60;

/** The anchored count patterns, built once per (lead, gap, units). */
const COUNT_AT = new Map<string, RegExp>();
const countPattern = (lead: string, max: number, units: string) => new RegExp(`${lead}(?<gap>${G}{0,${max}}?)${count(units)}`, 'y');
/** The leads the readers give countAt. */
const CATEGORY_LEAD = '[:：]?';
const NATURAL_LEAD = '(?:提出|提交)?(?:的)?';
const ORG_LEAD = '(?:或|和|及|与|、)?(?:其他)?(?:组织)?(?:提出|提交)?(?:的)?';
const REVIEW_LEAD = '(?:案件|申请)?';
const LITIGATION_LEAD = '(?:案件)?';

interface Hit {
  kind: StatementKind;
  value: number;
  at: number;
  end: number;
}

class Sentence {
  readonly hits: Hit[] = [];
  /** the latest 收到/受理 count: a bracket right after it may split it by applicant type */
  lastTotal: Hit | null = null;
  /** an applicant type named without a count (均为自然人申请, 自然人申请中): what follows may be its part */
  applicantContext = false;
  /** a processing or outcome count came first: applicant counts after it are parts of it */
  seenOutcome = false;
  readonly appTopic: boolean;
  readonly looseTopic: boolean;
  readonly reviewTopic: boolean;
  /** 结转 is about applications: the text's topic, or 申请 in the sentence */
  readonly carryTopic: boolean;
  /** 行政复议 or 行政诉讼 is named: a bare 诉讼 is one */
  readonly namesReview: boolean;

  constructor(
    readonly s: string,
    readonly year: number | null,
    context: { app: boolean; review: boolean; lineApp: () => boolean },
  ) {
    const sentenceApp = APP_TOPIC.test(s);
    this.appTopic = sentenceApp || context.app;
    this.looseTopic = this.appTopic || context.lineApp();
    this.reviewTopic = sentenceApp || context.review || context.app;
    this.carryTopic = this.looseTopic || /申请/.test(s);
    this.namesReview = /行政复议|行政诉讼/.test(s);
  }

  /** The sentence before `at` (at most LOOKBACK characters of it). */
  before(at: number): string {
    return this.s.slice(Math.max(0, at - LOOKBACK), at);
  }

  /** The sentence from `from` on (at most LOOKAHEAD characters of it). */
  after(from: number): string {
    return this.s.slice(from, from + LOOKAHEAD);
  }

  /** The clause before `at`: back to the last comma, semicolon, colon or opening bracket. */
  clauseBefore(at: number): string {
    let i = at;
    const stop = Math.max(0, at - LOOKBACK);
    while (i > stop && !'，,；;：:（('.includes(this.s[i - 1]!)) i--;
    return this.s.slice(i, at);
  }

  /** The clause from `from` on, up to the next comma, semicolon, colon or sentence end. */
  clauseAfter(from: number): string {
    let i = from;
    const stop = Math.min(this.s.length, from + LOOKAHEAD);
    while (i < stop && !'，,；;：:。！？!?'.includes(this.s[i]!)) i++;
    return this.s.slice(from, i);
  }

  /** The latest year named before `at` is not the report's. */
  otherYear(at: number): boolean {
    if (this.year === null) return false;
    let last: number | null = null;
    for (const m of this.before(at).matchAll(YEAR_NAMED)) last = Number(m[1]);
    return last !== null && last !== this.year;
  }

  /** The text before `at` back to the last semicolon: the enumeration item it belongs to. */
  segmentBefore(at: number): string {
    const before = this.before(at);
    return before.slice(Math.max(before.lastIndexOf('；'), before.lastIndexOf(';')) + 1);
  }

  inBrackets(at: number): number {
    const from = Math.max(0, at - LOOKBACK);
    const before = this.s.slice(from, at);
    const open = Math.max(before.lastIndexOf('（'), before.lastIndexOf('('));
    const close = Math.max(before.lastIndexOf('）'), before.lastIndexOf(')'));
    return open > close ? from + open : -1;
  }

  /** A count right at `from` after a lazy gap of at most `max` characters (named groups gap, num, approx). */
  countAt(from: number, max: number, units = UNITS_APPLICATION, lead = ''): { gap: string; value: number; end: number } | null {
    const key = `${lead}|${max}|${units}`;
    let re = COUNT_AT.get(key);
    if (!re) COUNT_AT.set(key, (re = countPattern(lead, max, units)));
    re.lastIndex = from;
    const m = re.exec(this.s);
    if (!m?.groups) return null;
    return this.reading(m, m.groups.gap ?? '');
  }

  /** The value of a matched count, or null if it is approximate. */
  reading(m: RegExpExecArray, gapBeforeNumber: string): { gap: string; value: number; end: number } | null {
    const g = m.groups!;
    const end = m.index + m[0].length;
    if (g.approx || APPROX_BEFORE.test(gapBeforeNumber) || APPROX_AFTER.test(this.s.slice(end, end + 3))) return null;
    const value = parseCount(g.num!);
    return value === null ? null : { gap: g.gap ?? '', value, end };
  }

  add(kind: StatementKind, value: number, at: number, end: number): number {
    const hit = { kind, value, at, end };
    this.hits.push(hit);
    if (kind === 'received' || kind === 'handled') this.lastTotal = hit;
    return end;
  }
}

// ---- Readers, one per trigger family; each returns where it stopped, or null --------

/** 收到…申请 N 件 */
const INCOMING_A = new RegExp(`(?<gap>${G}{0,30}?)申请(?!人)(?<gap2>[^，,；;：:。！？!?\\n\\d０-９]{0,8}?)${count(UNITS_APPLICATION)}`, 'y');
/** 收到 N 件…申请 */
const INCOMING_B = new RegExp(`(?<gap>${G}{0,6}?)${count(UNITS_APPLICATION)}(?<gap2>${G}{0,16}?)申请(?!人)`, 'y');
const COUNT_BEFORE = new RegExp(`${count(UNITS_APPLICATION)}(?:申请)?(?:需|需要|将|予以|已|均)?\\s*$`);

function readIncoming(c: Sentence, kw: string, at: number): number | null {
  const { s } = c;
  const kind: StatementKind = kw === '受理' || kw === '收办' || kw === '办理' ? 'handled' : 'received';
  if (/(?:未|没|无|不|不予|尚未|正在|继续|在|多|少)$/.test(s.slice(Math.max(0, at - 2), at))) return null;
  if (kind === 'handled' && /^(?:完毕|完成|结束|结果|情况|时限|期限|流程|程序|工作|方式)/.test(c.after(at + kw.length))) return null;
  if (!c.appTopic || /其中/.test(c.before(at)) || COMPARE.test(c.clauseBefore(at)) || OTHER_OBJECT.test(c.clauseBefore(at)) || c.otherYear(at)) return null;
  const from = at + kw.length;
  const bad = (gap: string) => COMPARE.test(gap) || OTHER_OBJECT.test(gap) || STATEMENT_WORD.test(gap) || oneApplicantType(gap);
  // 收到…申请 N 件
  const a = INCOMING_A;
  a.lastIndex = from;
  const ma = a.exec(s);
  if (ma?.groups) {
    const gap = `${ma.groups.gap}申请${ma.groups.gap2}`;
    const r = c.reading(ma, ma.groups.gap2 ?? '');
    if (!r || bad(gap)) return null;
    return c.add(kind, r.value, at, r.end);
  }
  // 收到 N 件…申请
  const b = INCOMING_B;
  b.lastIndex = from;
  const mb = b.exec(s);
  if (mb?.groups) {
    const r = c.reading(mb, mb.groups.gap ?? '');
    if (!r || bad(`${mb.groups.gap}${mb.groups.gap2}`)) return null;
    return c.add(kind, r.value, at, mb.index + mb[0].length);
  }
  return null;
}

/** What may stand between 办结/答复 and its count: the applications, nothing else (not 群众诉求, 工单 …). */
const PROCESSED_GAP = /^(?:了|完成|完毕)?(?:全部|各类|所有|的)?(?:政府信息公开|信息公开|依申请公开|公开)?(?:申请)?(?:事项)?(?:共计|共|合计|总计|计|为|达)?$/;
/** What may stand between an outcome word and its count. */
const CATEGORY_GAP = /^(?:的)?(?:政府信息公开申请|申请|事项)?(?:共计|共|合计|计|为|有)?$/;

function readProcessed(c: Sentence, kw: string, at: number): number | null {
  const { s } = c;
  if (/(?:未|没|无|尚未|正在|不)$/.test(s.slice(Math.max(0, at - 2), at))) return null;
  const clause = c.clauseBefore(at);
  // the paragraph's topic will do: 办结 is said of applications (other matters are caught by OTHER_OBJECT)
  if (!c.looseTopic || /其中/.test(c.before(at)) || COMPARE.test(clause) || MANNER.test(clause) || APPLICANT_NATURAL.test(clause) || APPLICANT_ORG.test(clause))
    return null;
  if (OTHER_OBJECT.test(c.before(at)) || c.otherYear(at)) return null;
  const r = c.countAt(at + kw.length, 24);
  if (!r || !PROCESSED_GAP.test(r.gap.replace(/\s/g, ''))) return null;
  c.seenOutcome = true;
  return c.add('processed', r.value, at, r.end);
}

/** 予以公开及部分公开, 予以公开和予以部分公开 */
const GRANTED_AND_PARTIAL = /^(?:以及|[及和与、])(?:予以)?部分公开/;
/** 含, 包括, 其中 (予以) just before a word: what follows is a part of the count before */
const INCLUDING_END = /(?:含|包括|其中)\s*(?:予以)?$/;
/** 予以公开（含部分公开）8件 */
const PARTIAL_INCLUDED = /^[（(](?:含|包括)(?:予以)?部分公开[）)]$/;

function readCategory(c: Sentence, kw: string, at: number): number | null {
  let kind = CATEGORY[kw]!;
  let from = at + kw.length;
  if (kind === 'granted') {
    const both = GRANTED_AND_PARTIAL.exec(c.after(from));
    if (both) {
      kind = 'grantedOrPartial';
      from += both[0].length;
    }
  }
  if (!c.looseTopic || c.applicantContext || c.otherYear(at)) return null;
  const clause = c.clauseBefore(at);
  // 予以公开（含部分公开1件）: the bracket's count is a part of the count before it
  if (kind === 'partiallyGranted' && INCLUDING_END.test(clause)) return null;
  if (REASON.test(clause) || COMPARE.test(clause.replace(/^其中/, '')) || APPLICANT_NATURAL.test(clause) || APPLICANT_ORG.test(clause)) return null;
  const r = c.countAt(from, 8, UNITS_APPLICATION, CATEGORY_LEAD);
  if (!r) return null;
  // 予以公开（含部分公开）8件
  if (kind === 'granted' && PARTIAL_INCLUDED.test(r.gap)) kind = 'grantedOrPartial';
  else if (!CATEGORY_GAP.test(r.gap.replace(/\s/g, ''))) return null;
  c.seenOutcome = true;
  return c.add(kind, r.value, at, r.end);
}

/** 上年, 去年, 2022年度 (的) just before 结转 */
const CARRIED_FROM = /(?:上一?年度?|去年|(?<y>(?:19|20)\d{2})\s*年度?)(?:的)?\s*$/;
/** (至) 下年度, 次年, 2024年 just after 结转 */
const CARRIED_TO = /^(?:至|到|入)?\s*(?:下一?年度?|次年|明年|(?<y>(?:19|20)\d{2})\s*年度?)/;

/** 结转下年度 N 件, 转下年度办理 N 件, 上年结转 N 件, N 件结转下年度, 结转 N 件. */
function readCarried(c: Sentence, kw: string, at: number): number | null {
  const { s, year } = c;
  if (!c.carryTopic) return null;
  if (/(?:无|没有|未|不|不需|无需)$/.test(s.slice(Math.max(0, at - 2), at))) return null;
  let kind: StatementKind = kw === '结转' ? 'carried' : 'carriedForward';
  let from = at + kw.length;
  let start = at;
  if (kw === '结转') {
    const back = CARRIED_FROM.exec(s.slice(Math.max(0, at - 9), at));
    const ahead = CARRIED_TO.exec(c.after(from));
    if (ahead) {
      const y = ahead.groups?.y ? Number(ahead.groups.y) : null;
      kind = y === null || year === null || y === year + 1 ? 'carriedForward' : y === year - 1 ? 'carriedOver' : 'carried';
      if (y !== null && year === null) kind = 'carried';
      from += ahead[0].length;
    } else if (back) {
      const y = back.groups?.y ? Number(back.groups.y) : null;
      kind = y === null ? 'carriedOver' : year !== null && y === year - 1 ? 'carriedOver' : 'carried';
      start = at - back[0].length;
    }
  }
  const after = c.countAt(from, 14);
  if (after && !COMPARE.test(after.gap) && !/中|予以|不予|无法|办结|答复|收到|受理|新收/.test(after.gap)) return c.add(kind, after.value, start, after.end);
  if (after || kind === 'carried' || kind === 'carriedOver') return null;
  // N 件(申请)结转下年度: the count just before, in the same clause
  const clause = c.clauseBefore(at);
  const m = COUNT_BEFORE.exec(clause);
  if (!m?.groups) return null;
  const value = m.groups.approx ? null : parseCount(m.groups.num!);
  if (value === null || COMPARE.test(clause.slice(0, m.index))) return null;
  return c.add('carriedForward', value, at - clause.length + m.index, from);
}

/** 另有 N 件…结转/顺延到下年度 */
const LEAD = new RegExp(
  `(?<gap>${G}{0,3}?)${count(UNITS_APPLICATION)}(?<mid>[^。；;！？!?\\n]{0,30}?)(?:结转|顺延|转入|转至|转到|延|转)(?:至|到|入)?\\s*(?:下一?年度?|次年|明年|(?<y>(?:19|20)\\d{2})\\s*年度?)`,
  'y',
);

/** 另有72件申请因答复期限跨年度，顺延到下年度答复 (Shanghai 2019). */
function readLead(c: Sentence, kw: string, at: number): number | null {
  const { s, year } = c;
  if (!c.carryTopic) return null;
  const re = LEAD;
  re.lastIndex = at + kw.length;
  const m = re.exec(s);
  if (!m?.groups) return null;
  const r = c.reading(m, m.groups.gap ?? '');
  if (!r || /予以|不予|无法提供|收到|受理|较|同比|其中/.test(m.groups.mid ?? '')) return null;
  const y = m.groups.y ? Number(m.groups.y) : null;
  if (y !== null && (year === null || y !== year + 1)) return null;
  return c.add('carriedForward', r.value, at, m.index + m[0].length);
}

/** 自然人、法人…: both applicant types named together (all applicants) */
const AND_ORG = /^\s*[、和及与或]\s*法人/;
const NATURAL_AND = /(?:公民|自然人|个人)\s*[、和及与或]\s*$/;

function readApplicant(c: Sentence, kw: string, at: number): number | null {
  const natural = kw === '自然人';
  const after = c.after(at + kw.length);
  // 公民、法人或其他组织 / 自然人、法人: all applicants, not one type
  if (natural ? AND_ORG.test(after) : NATURAL_AND.test(c.before(at))) return null;
  const open = c.inBrackets(at);
  // 收到申请5件（其中自然人4件，法人1件）: the bracket splits the total just stated
  const total = c.lastTotal;
  const partOfTotal = open >= 0 && total !== null && open >= total.end && open - total.end <= LOOKAHEAD && !/[）)]/.test(c.s.slice(total.end, open));
  const clause = c.clauseBefore(at);
  const lead = natural ? NATURAL_LEAD : ORG_LEAD;
  const r = c.countAt(at + kw.length, 12, UNITS_APPLICATION, lead);
  const stop = natural ? /法人|组织|企业|商业|科研/ : /自然人|公民/;
  const ok =
    r !== null &&
    !stop.test(r.gap) &&
    !/中|占|率|予以|不予|无法|处理|办结|答复|结转|上年/.test(r.gap) &&
    !COMPARE.test(r.gap) &&
    !COMPARE.test(clause.replace(/^其中/, '')) &&
    !/结转|办结|答复|予以|不予/.test(clause) &&
    (open < 0 || partOfTotal) &&
    !c.seenOutcome &&
    c.looseTopic &&
    !c.otherYear(at);
  if (!ok || !r) {
    c.applicantContext = true;
    return null;
  }
  return c.add(natural ? 'naturalPerson' : 'legalPerson', r.value, at, r.end);
}

/** The body as 复议机关 or court party (备案审查, 受理, 办理 cases), not as the respondent of its own disclosure cases. */
const REVIEWER_VERB = /备案|受理|审理|办理|收到|接收|接到|审结|办结|复议机关|应诉|出庭/;
const REVIEWER = /受理|办理|审理|收到|接收|接到|备案|审结|办结|作出|复议机关|代理|参与|出庭|应诉|上年|去年|较|同比|本级/;

/** 行政复议和(行政)诉讼(案件): both named together */
const AND_LITIGATION = /^(?:案件)?(?:以及|[和及与、或])(?:被)?(?:提起)?(?:行政)?诉讼(?:案件)?/;

function readReview(c: Sentence, kw: string, at: number): number | null {
  const { s } = c;
  if (!c.reviewTopic || c.otherYear(at)) return null;
  if (REVIEWER.test(c.clauseBefore(at)) || REVIEWER_VERB.test(c.segmentBefore(at)) || /^经/.test(s.slice(Math.max(0, at - 1), at))) return null;
  if (/其中|判决|驳回|原告/.test(c.clauseBefore(at))) return null;
  const from = at + kw.length;
  const both = AND_LITIGATION.exec(c.after(from));
  if (both) {
    const r = c.countAt(from + both[0].length, 8, UNITS_CASE);
    if (!r || /分别|纠|维持|撤销|败诉|审结|尚未|中|占|率/.test(r.gap) || COMPARE.test(r.gap)) return null;
    if (/各/.test(r.gap)) {
      c.add('review', r.value, at, r.end);
      return c.add('litigation', r.value, at, r.end);
    }
    return c.add('reviewAndLitigation', r.value, at, r.end);
  }
  const r = c.countAt(from, 8, UNITS_CASE, REVIEW_LEAD);
  if (!r || /纠|维持|撤销|败诉|胜诉|确认|违法|后|中|决定|结果|审结|尚未|诉讼|起诉/.test(r.gap) || COMPARE.test(r.gap)) return null;
  return c.add('review', r.value, at, r.end);
}

function readLitigation(c: Sentence, kw: string, at: number): number | null {
  const { s } = c;
  if (!c.reviewTopic || c.otherYear(at)) return null;
  if (kw === '诉讼' && !c.namesReview) return null;
  if (/(?:民事|刑事|公益)$/.test(s.slice(Math.max(0, at - 2), at))) return null;
  if (/复议后|经复议|经过复议|未经复议|直接|应诉|出庭|代理|审理|受理|办理|收到|接收|上年|去年|较|同比|败|胜|本级/.test(c.clauseBefore(at))) return null;
  if (REVIEWER_VERB.test(c.segmentBefore(at)) || /其中|判决|驳回|原告|被告/.test(c.clauseBefore(at))) return null;
  const r = c.countAt(at + kw.length, 8, UNITS_CASE, LITIGATION_LEAD);
  if (!r || /败诉|胜诉|维持|纠|撤销|确认|违法|中|判决|请求|结果|审结|尚未|应诉|出庭|复议|占|率/.test(r.gap) || COMPARE.test(r.gap)) return null;
  return c.add('litigation', r.value, at, r.end);
}

/** A count in the clause (years left out): a negation followed by one is not a zero. */
const COUNT_IN_CLAUSE = /\d|[一二两三四五六七八九十]\s*(?:[件起宗个份条]|人次)/;
const YEARS = /(?:19|20)\d{2}\s*年度?/g;
/** 无(上年)结转, 没有转入下年度 */
const NEGATED_CARRY = /^(?<pre>[^，,；;：:。！？!?]{0,6}?)(?:结转|转入下一?年度?|转下一?年度?)/;
const NEXT_YEAR = /下一?年|次年|明年/;
const LAST_YEAR = /上一?年|去年/;
/** 未收到…申请: the words between (a clause at most) */
const NEGATED_APPLICATION = /^(?<between>[^，,；;：:。！？!?]{0,24})申请(?!人)/;
/** What may stand between 无/没有 and 申请 for it to say no applications were received. */
const APPLICATIONS_WORDING = /^(?:任何|相关|新的?|新收的?|本年度?的?|涉及本机关的|有关)?(?:的)?(?:政府信息公开|信息公开|依申请公开|公开)(?:的)?$/;

/** 未收到…申请 (0 received), 未发生…行政复议、行政诉讼 (0 and 0), 无结转 (0 carried). */
function readNegation(c: Sentence, kw: string, at: number): number | null {
  const from = at + kw.length;
  if (kw === '无' && /^(?:论|需|须|关|法|疑|误|偿|私|障碍|纸|缝|人|效)/.test(c.after(from))) return null;
  const rest = c.clauseAfter(from);
  const end = from + rest.length;
  if (COUNT_IN_CLAUSE.test(rest.replace(YEARS, ''))) return null;
  if (/复议|诉讼/.test(rest)) {
    if (RECEIPT_NEGATION.has(kw) && /复议申请/.test(rest)) return null; // 未收到行政复议申请: may be the body as 复议机关
    if (!c.reviewTopic || c.otherYear(at) || /纠|败诉|撤销|违法|追究|责任|维持|审结|确认|后起诉|直接起诉|受理|办理|审理/.test(rest)) return null;
    const nounAt = rest.search(/行政复议|复议|行政诉讼|诉讼/);
    if (nounAt > 30) return null;
    if (/复议/.test(rest)) c.add('review', 0, at, end);
    if (/诉讼/.test(rest)) c.add('litigation', 0, at, end);
    return end;
  }
  const carry = NEGATED_CARRY.exec(rest);
  if (carry) {
    if (!c.carryTopic) return null;
    const text = rest;
    const kind: StatementKind = NEXT_YEAR.test(text) ? 'carriedForward' : LAST_YEAR.test(carry.groups?.pre ?? '') ? 'carriedOver' : 'carried';
    return c.add(kind, 0, at, end);
  }
  // 未收到…政府信息公开申请
  if (!c.appTopic || /其中/.test(c.before(at)) || c.otherYear(at)) return null;
  const m = NEGATED_APPLICATION.exec(rest);
  if (!m?.groups) return null;
  const between = m.groups.between ?? '';
  if (OTHER_OBJECT.test(between) || COMPARE.test(between) || oneApplicantType(between) || /超期|逾期|答复|办理|处理|结转|被/.test(between)) return null;
  if (!RECEIPT_NEGATION.has(kw) && !APPLICATIONS_WORDING.test(between)) return null;
  return c.add('received', 0, at, from + m[0].length);
}

function readAt(c: Sentence, kw: string, at: number): number | null {
  if (NEGATION.has(kw)) return readNegation(c, kw, at);
  if (kw in CATEGORY) return readCategory(c, kw, at);
  if (PROCESSED.has(kw)) return readProcessed(c, kw, at);
  if (LEADS.has(kw)) return readLead(c, kw, at);
  switch (kw) {
    case '结转':
    case '转下年度':
    case '转入下年度':
    case '转至下年度':
      return readCarried(c, kw, at);
    case '顺延':
      return null; // read from its lead (另有 N 件…顺延到下年度)
    case '自然人':
    case '法人':
      return readApplicant(c, kw, at);
    case '行政复议':
      return readReview(c, kw, at);
    case '行政诉讼':
    case '诉讼':
      return readLitigation(c, kw, at);
    default:
      return readIncoming(c, kw, at);
  }
}

/**
 * The statements of one sentence; a kind stated twice with different numbers is a breakdown
 * and dropped. Each trigger word read takes one from `budget.reads` (see MAX_READS).
 */
function scanSentence(c: Sentence, budget: { reads: number }): Hit[] {
  const { s } = c;
  let pos = 0;
  while (pos < s.length && budget.reads > 0) {
    TRIGGER.lastIndex = pos;
    const m = TRIGGER.exec(s);
    if (!m) break;
    budget.reads--;
    const end = readAt(c, m[0], m.index);
    pos = end !== null && end > m.index ? end : m.index + m[0].length;
  }
  const values = new Map<StatementKind, Set<number>>();
  for (const h of c.hits) values.set(h.kind, (values.get(h.kind) ?? new Set()).add(h.value));
  const seen = new Set<StatementKind>();
  return c.hits.filter((h) => {
    if (values.get(h.kind)!.size > 1 || seen.has(h.kind)) return false;
    seen.add(h.kind);
    return true;
  });
}

/** A sentence of a line: cut after 。！？!?. */
const SENTENCE = /[^。！？!?]+[。！？!?]*|[。！？!?]+/g;

/**
 * The longest sentence read. A longer one (a page without sentence punctuation, or a
 * hostile one: 1 M characters of 收到收到… took 10 s) is read up to its last clause break
 * (，；：) within this length, so that no clause is read cut short; with none, not at all.
 */
export const MAX_SENTENCE = 2000;
/**
 * The most trigger words read in one text (a report's text holds under a hundred). Each
 * read looks back up to LOOKBACK characters, so a text dense with triggers (收到收到…
 * in sentences of any length) costs at most this many reads.
 */
export const MAX_READS = 1000;

const CLAUSE_BREAKS = '，,；;：:';

function readablePart(sentence: string): string {
  if (sentence.length <= MAX_SENTENCE) return sentence;
  for (let i = MAX_SENTENCE - 1; i >= 0; i--) if (CLAUSE_BREAKS.includes(sentence[i]!)) return sentence.slice(0, i + 1);
  return '';
}

function clip(sentence: string, at: number, end: number): string {
  const text = sentence.trim();
  if (text.length <= MAX_STATEMENT_TEXT) return text;
  const lead = sentence.length - sentence.trimStart().length;
  const start = Math.max(0, Math.min(at - lead - 60, text.length - MAX_STATEMENT_TEXT, Math.max(0, end - lead - MAX_STATEMENT_TEXT)));
  return text.slice(start, start + MAX_STATEMENT_TEXT);
}

/** The narrative text the offsets refer to: the article's lines joined by \n. */
export const narrativeText = (lines: readonly string[]) => lines.join('\n');

/** 其他需要报告的事项 as a heading of its own: 六、其他需要报告的事项, （六）其他需要报告的事项 */
const OTHER_MATTERS = /^\s*其他需要报告/;
const PART_SIX = /^\s*(?:(?:[（(]\s*)?[六6]\s*[)）、.．]\s*)?其他需要报告的事项/;
/** A sub-heading's whole text: 本年度无。 (the bracket word carries its whitespace: no two loops side by side) */
const NONE_THIS_YEAR = /^\s*(?:(?:本年度?|本年|全年|今年|当年|(?:19|20)\d{2}\s*年度?)[，,]?\s*|[，,]\s*)?(?:无|没有|暂无)[。！!]?\s*$/;

/**
 * Every statement of the article's text lines (report tables left out), in order.
 * Stops at part 六 (其他需要报告的事项: fees and suggestions, not the tables' figures).
 */
export function extractStatements(lines: readonly string[], opts: ExtractOptions = {}): Statement[] {
  const year = opts.year ?? null;
  const out: Statement[] = [];
  let part = '';
  let sub = '';
  let offset = 0;
  const budget = { reads: MAX_READS };
  for (const line of lines) {
    if (budget.reads <= 0) break;
    const lineAt = offset;
    offset += line.length + 1;
    const p = PART.exec(line);
    if (p) {
      if (p[1] === '六' || OTHER_MATTERS.test(p[2] ?? '')) break;
      part = (p[2] ?? '').slice(0, 30);
      sub = '';
    } else if (line.length <= 30 && PART_SIX.test(line)) break;
    let headingBefore = false;
    // whether the line names applications, tested once per line (not once per sentence of a long line)
    let lineApp: boolean | undefined;
    const lineTopic = () => (lineApp ??= APP_LINE.test(line));
    // one sentence at a time (not all of a long line's first): the budget may end the reading early
    for (const sentence of line.matchAll(SENTENCE)) {
      if (budget.reads <= 0) break;
      const at = sentence.index;
      const text = readablePart(sentence[0]);
      if (SUB.test(text)) {
        sub = text.trim().slice(0, 20);
        headingBefore = text.replace(SUB, '').replace(/[。！？!?\s]/g, '').length <= 16;
        if (headingBefore) continue;
      }
      const context = { app: /申请/.test(part + sub), review: /复议|诉讼/.test(part + sub), lineApp: lineTopic };
      const c = new Sentence(text, year, context);
      // （二）依申请公开情况。本年度无。
      if (headingBefore && /依申请|申请/.test(sub) && NONE_THIS_YEAR.test(text)) {
        const start = lineAt + at + (text.length - text.trimStart().length);
        out.push({ kind: 'received', value: 0, text: clip(line, 0, line.length), phrase: text.trim(), start, end: start + text.trim().length });
        headingBefore = false;
        continue;
      }
      headingBefore = false;
      if (OFF_TOPIC.test(text) || (/主动公开/.test(text) && !/申请/.test(text))) continue;
      for (const h of scanSentence(c, budget)) {
        out.push({
          kind: h.kind,
          value: h.value,
          text: clip(text, h.at, h.end),
          phrase: text.slice(h.at, h.end),
          start: lineAt + at + h.at,
          end: lineAt + at + h.end,
        });
      }
    }
  }
  return out;
}

/** What lib/read.ts stores on the report. */
export function readNarrative(lines: readonly string[], opts: ExtractOptions = {}): { statements: Statement[] } {
  return { statements: extractStatements(lines, opts) };
}

/**
 * Every pattern of this module that runs on the report's text (see pageTextPatterns in
 * ../detect.ts), the count patterns as the readers build them.
 */
export const pageTextPatterns = (): RegExp[] => [
  DIGITS_ONLY,
  APPROX_BEFORE,
  APPROX_AFTER,
  COMPARE,
  OTHER_OBJECT,
  REASON,
  MANNER,
  STATEMENT_WORD,
  APPLICANT_NATURAL,
  APPLICANT_ORG,
  TRIGGER,
  PART,
  SUB,
  OFF_TOPIC,
  APP_TOPIC,
  APP_LINE,
  YEAR_NAMED,
  countPattern('', 24, UNITS_APPLICATION),
  countPattern(CATEGORY_LEAD, 8, UNITS_APPLICATION),
  countPattern('', 14, UNITS_APPLICATION),
  countPattern(NATURAL_LEAD, 12, UNITS_APPLICATION),
  countPattern(ORG_LEAD, 12, UNITS_APPLICATION),
  countPattern('', 8, UNITS_CASE),
  countPattern(REVIEW_LEAD, 8, UNITS_CASE),
  countPattern(LITIGATION_LEAD, 8, UNITS_CASE),
  INCOMING_A,
  INCOMING_B,
  COUNT_BEFORE,
  PROCESSED_GAP,
  CATEGORY_GAP,
  GRANTED_AND_PARTIAL,
  INCLUDING_END,
  PARTIAL_INCLUDED,
  CARRIED_FROM,
  CARRIED_TO,
  LEAD,
  AND_ORG,
  NATURAL_AND,
  REVIEWER_VERB,
  REVIEWER,
  AND_LITIGATION,
  COUNT_IN_CLAUSE,
  YEARS,
  NEGATED_CARRY,
  NEXT_YEAR,
  LAST_YEAR,
  NEGATED_APPLICATION,
  APPLICATIONS_WORDING,
  SENTENCE,
  OTHER_MATTERS,
  PART_SIX,
  NONE_THIS_YEAR,
];
