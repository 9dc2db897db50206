// Test support: a real report page whose text is hostile — spreadsheet formulae, HTML
// and script as text, bidi controls, terminal escapes, very long strings — in cells, in
// the title and in the agency name, as a government CMS would show them.

import { fixtureHtml } from '../../toolkit/dom';

export const FORMULA = `=cmd|' /C calc'!A0`;
export const IMG = '<img src=x onerror=alert(1)>';
export const SCRIPT = '<script>alert(1)</script>';
/** right-to-left override: "txt.exe" shown as "exe.txt" */
export const BIDI = '\u202etxt.exe';
export const LONG = 'W'.repeat(3_000) + FORMULA;

/** Cell texts (as the page shows them), each put into one zero cell of table 三. */
export const HOSTILE_CELLS = [
  FORMULA,
  '+cmd|x',
  `-2+3+cmd|' /C calc'!A0`,
  '@SUM(1+1)*cmd|x',
  `${IMG}${SCRIPT}${BIDI}`,
  `\u001b[31m\u001b]0;pwned\u0007${FORMULA}`,
  LONG,
] as const;

export const HOSTILE_AGENCY_PREFIX = `=HYPERLINK(x)${IMG}`;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * pingtan-2023-changed-granted.html (one wrong cell: an error finding) with the hostile
 * texts in the zero cells after 二、上年结转政府信息公开申请数量 (each an unreadable cell),
 * and a hostile prefix on the article title (so the agency read from it is hostile too).
 */
export function hostileReportHtml(): string {
  let html = fixtureHtml('pingtan-2023-changed-granted.html');
  const label = html.indexOf('二、上年结转政府信息公开申请数量');
  if (label < 0) throw new Error('hostileReportHtml: label not found');
  const zeros: number[] = [];
  for (let i = html.indexOf('>0</p>', label); i >= 0 && zeros.length < HOSTILE_CELLS.length; i = html.indexOf('>0</p>', i + 1)) zeros.push(i);
  if (zeros.length < HOSTILE_CELLS.length) throw new Error(`hostileReportHtml: only ${zeros.length} zero cells`);
  // replace from the end so earlier offsets stay valid
  for (let k = zeros.length - 1; k >= 0; k--) html = html.slice(0, zeros[k]) + `>${escapeHtml(HOSTILE_CELLS[k]!)}</p>` + html.slice(zeros[k]! + 6);
  return html
    .replace('<meta name="ArticleTitle" content="', `<meta name="ArticleTitle" content="${escapeHtml(HOSTILE_AGENCY_PREFIX)}`)
    .replace('<title>', `<title>${escapeHtml(`${SCRIPT}${BIDI}`)}`);
}
