// Consolidated pages: one article holding several reports, as districts and cities
// publish all their departments' reports together ("各部门政府信息公开工作年度报告"),
// each under its own heading with its own tables 二/三/四.
//
// Built from real figures (the fixture pages' .expected.json cells: 平潭 2023/2024 and
// the five seeds) rendered by toolkit/render.ts in varied CMS markup (Word export,
// tables split at page breaks, flattened converter output, rows that lost their leading
// columns …) under varied headings (<h2>, <p><strong>, a Word MsoNormal title, the body's
// name on a line of its own). A section may carry one deliberately changed count, so a
// test can prove that findings land in the right report. Deterministic.
//
// As a script it writes a page: npx tsx toolkit/consolidated.ts N OUT.html [BROKEN,…]

import fs from 'node:fs';
import path from 'node:path';
import { applicationKey, type Format } from '../lib/keys';
import { renderReportArticle, type Markup, type ReportData, type ZeroStyle } from './render';

const PAGES = path.resolve(import.meta.dirname, '../tests/fixtures/pages');

/** Real figures: each fixture page's cells (every key of its format; all identities hold). */
const FIGURES = [
  'pingtan-2023',
  'pingtan-2024',
  'seed-001-yueqing-2021',
  'seed-002-litong-2022',
  'seed-000-yiyuan-2021',
  'seed-004-leshan-2021',
  'seed-003-yuanzhou-2020',
] as const;

export interface Figures {
  name: string;
  year: number;
  format: Format;
  values: Record<string, number>;
}

let figuresCache: Figures[] | null = null;
/** The fixture pages' real figures (also the survey site's, toolkit/survey-site.ts). */
export function figures(): Figures[] {
  figuresCache ??= FIGURES.map((name) => {
    const e = JSON.parse(fs.readFileSync(path.join(PAGES, `${name}.expected.json`), 'utf8')) as { year: number; format: Format; cells: Record<string, number> };
    return { name, year: e.year, format: e.format, values: e.cells };
  });
  return figuresCache;
}

const REGIONS = ['平潭综合实验区', '乐清市', '利通区', '固原市原州区', '沂源县', '乐山市'] as const;
export const DEPARTMENTS = [
  '财政局',
  '教育局',
  '司法局',
  '自然资源局',
  '卫生健康委员会',
  '交通运输局',
  '市场监督管理局',
  '住房和城乡建设局',
  '文化和旅游局',
  '农业农村局',
  '生态环境局',
  '民政局',
  '人力资源和社会保障局',
  '应急管理局',
  '水利局',
  '审计局',
  '统计局',
  '退役军人事务局',
  '医疗保障局',
  '城市管理局',
] as const;
/** Markups that change the tables of an article (the page-level 'nested' layout table does not apply here). */
const SECTION_MARKUPS: readonly Markup[] = ['word', 'split', 'trs', 'flat', 'continuation', 'th', 'spaced'];

export type HeadingStyle = 'word' | 'h2' | 'strong' | 'twoLines';
const HEADINGS: readonly HeadingStyle[] = ['word', 'h2', 'strong', 'twoLines'];

export interface SectionSpec {
  agency: string;
  year: number;
  format: Format;
  markup: Markup;
  heading: HeadingStyle;
  zeros: ZeroStyle;
  /** where the figures come from (a fixture page name) */
  figures: string;
  /** the values as printed (with the changed count, if any) */
  values: Record<string, number>;
  /** the count changed on purpose, if any */
  changed?: { key: string; from: number; to: number };
}

export interface ConsolidatedOptions {
  /** how many reports */
  n: number;
  /** 0-based sections with one deliberately changed count (（一）予以公开 / 自然人 + 3) */
  broken?: readonly number[];
  /** per-section overrides (e.g. the same agency twice, for cross-year pairs on one page) */
  overrides?: readonly (Partial<Pick<SectionSpec, 'agency' | 'markup' | 'heading' | 'zeros' | 'figures'>> | undefined)[];
}

export const CHANGED_KEY = applicationKey('granted', 'naturalPerson');

/** The sections a page of `n` reports holds, before rendering. */
export function consolidatedSections(opts: ConsolidatedOptions): SectionSpec[] {
  const pool = figures();
  return Array.from({ length: opts.n }, (_, i): SectionSpec => {
    const o = opts.overrides?.[i] ?? {};
    const fig = (o.figures && pool.find((f) => f.name === o.figures)) || pool[i % pool.length]!;
    const agency = o.agency ?? `${REGIONS[Math.floor(i / DEPARTMENTS.length) % REGIONS.length]}${DEPARTMENTS[i % DEPARTMENTS.length]}`;
    const values = { ...fig.values };
    let changed: SectionSpec['changed'];
    if (opts.broken?.includes(i)) {
      const from = values[CHANGED_KEY]!;
      changed = { key: CHANGED_KEY, from, to: from + 3 };
      values[CHANGED_KEY] = from + 3;
    }
    return {
      agency,
      year: fig.year,
      format: fig.format,
      markup: o.markup ?? SECTION_MARKUPS[i % SECTION_MARKUPS.length]!,
      heading: o.heading ?? HEADINGS[i % HEADINGS.length]!,
      // most pages print 0; some leave zeros blank or write 无
      zeros: o.zeros ?? (i % 9 === 5 ? 'blank' : i % 9 === 7 ? 'wu' : 'digit'),
      figures: fig.name,
      values,
      ...(changed && { changed }),
    };
  });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const sectionTitle = (s: SectionSpec, i: number) => `${s.agency}${s.year}${i % 2 ? '年度' : '年'}政府信息公开工作年度报告`;

function heading(s: SectionSpec, i: number): string {
  const title = esc(sectionTitle(s, i));
  switch (s.heading) {
    case 'word':
      return `<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt;mso-line-height-rule:exactly'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>${title}<span lang=EN-US><o:p></o:p></span></span></b></p>`;
    case 'h2':
      return `<h2 style="text-align: center;">${title}</h2>`;
    case 'strong':
      return `<p style="text-align: center;"><strong><span style="font-size: 24px;">${title}</span></strong></p>`;
    case 'twoLines':
      return `<p align="center"><strong>${esc(s.agency)}</strong></p>\n<p align="center"><strong>${esc(title.slice(s.agency.length))}</strong></p>`;
  }
}

/** A consolidated page: the region's portal chrome, a table of contents, then each report under its heading. */
export function consolidatedPage(opts: ConsolidatedOptions): { html: string; sections: SectionSpec[] } {
  const sections = consolidatedSections(opts);
  const first = sections[0];
  const region = first ? (REGIONS.find((r) => first.agency.startsWith(r)) ?? '') : '';
  const year = first?.year ?? 2023;
  const pageTitle = `${region}各部门${year}年度政府信息公开工作年度报告汇编`;
  const toc = sections.map((s, i) => `<li><a href="#report-${i + 1}">${i + 1}. ${esc(sectionTitle(s, i))}</a></li>`).join('');
  const body = sections
    .map((s, i) => {
      const data: ReportData = { format: s.format, year: s.year, agency: s.agency, values: s.values };
      const article = renderReportArticle(data, { markup: s.markup, zeros: s.zeros, seed: i + 1 });
      return `<a name="report-${i + 1}" id="report-${i + 1}"></a>\n${heading(s, i)}\n${article}\n<p>&nbsp;</p>`;
    })
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="${esc(region)}人民政府">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="${esc(pageTitle)}">
<meta name="PubDate" content="${year + 1}-01-31 17:30">
<meta name="ContentSource" content="${esc(region)}人民政府办公室">
<title>${esc(pageTitle)}_政府信息公开年报_${esc(region)}人民政府</title>
</head>
<body>
<div class="header"><div class="logo"><a href="/">${esc(region)}人民政府</a></div></div>
<div class="main">
<div class="breadcrumb"><span>当前位置：</span><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="../">政府信息公开年报</a></div>
<div class="article_area">
<div class="article_title">${esc(pageTitle)}</div>
<div class="article_extend"><span class="article_source">来源：${esc(region)}人民政府办公室</span> <span class="article_time">发布时间：${year + 1}-01-31 17:30</span></div>
<div class="article_content"><div class="TRS_Editor">
<p style="text-indent: 2em;">根据《中华人民共和国政府信息公开条例》规定，现将本级各部门${year}年度政府信息公开工作年度报告汇总发布如下。</p>
<ul class="report-toc">${toc}</ul>
${body}
</div></div>
</div>
</div>
<div class="footer"><p>主办：${esc(region)}人民政府办公室</p></div>
</body>
</html>
`;
  return { html, sections };
}

/** Just the HTML, e.g. for an end-to-end fixture: consolidatedHtml(100). */
export const consolidatedHtml = (n: number, broken: readonly number[] = []) => consolidatedPage({ n, broken }).html;

/**
 * The saved fixture tests/fixtures/pages/consolidated-3.html: 平潭's real 2023 and 2024
 * figures as one bureau's two years (a cross-year pair on one page), then 乐清's 2021
 * figures as another bureau's report with （一）予以公开 / 自然人 changed (+3).
 */
export const FIXTURE_3: ConsolidatedOptions = {
  n: 3,
  broken: [2],
  overrides: [
    { agency: '平潭综合实验区财政局', figures: 'pingtan-2023', markup: 'word', heading: 'word' },
    { agency: '平潭综合实验区财政局', figures: 'pingtan-2024', markup: 'split', heading: 'h2' },
    { agency: '平潭综合实验区司法局', figures: 'seed-001-yueqing-2021', markup: 'continuation', heading: 'twoLines' },
  ],
};

/** The sidecar of a consolidated fixture: the first report as usual, and every report under `reports`. */
export function consolidatedExpected(sections: readonly SectionSpec[]) {
  const one = (s: SectionSpec) => ({
    detected: true,
    kind: 'report',
    year: s.year,
    format: s.format,
    agency: s.agency,
    cells: s.values,
    expectedFindings: s.changed
      ? [
          { ruleId: 'applications.rowSum', severity: 'error', firstCell: s.changed.key },
          { ruleId: 'applications.outcomeTotal', severity: 'error', firstCell: s.changed.key },
        ]
      : [],
  });
  return { ...one(sections[0]!), constructed: true, reports: sections.map(one) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  const args = process.argv.slice(2);
  if (args[0] === '--fixture') {
    // npx tsx toolkit/consolidated.ts --fixture: (re)writes consolidated-3.html and its sidecar
    const { html, sections } = consolidatedPage(FIXTURE_3);
    fs.writeFileSync(path.join(PAGES, 'consolidated-3.html'), html);
    fs.writeFileSync(path.join(PAGES, 'consolidated-3.expected.json'), JSON.stringify(consolidatedExpected(sections), null, 2) + '\n');
  } else {
    const [n = '100', out, broken = ''] = args;
    const html = consolidatedHtml(Number(n), broken ? broken.split(',').map(Number) : []);
    if (out) fs.writeFileSync(out, html);
    else process.stdout.write(html);
  }
}
