// @vitest-environment happy-dom
// The popup fed a real reading of a hostile page (HTML and script as text, formulae,
// bidi overrides, terminal escapes, very long strings) plus hostile text in every other
// page-derived field: everything is rendered as text; nothing becomes markup, a
// handler or a link the page chose.

import { describe, expect, it } from 'vitest';
import { runRules } from '../../lib/check';
import { readPage } from '../../lib/read';
import { type PageState } from '../../utils/page-state';
import { countBySeverity } from '../../lib/severity';
import { docFromHtml } from '../../toolkit/dom';
import { BIDI, FORMULA, HOSTILE_CELLS, IMG, LONG, SCRIPT, hostileReportHtml } from '../support/hostile';
import { $, fakeBackground, mountPopup, text, usePopupTestSetup } from './harness';

usePopupTestSetup();

const HUGE = `${SCRIPT}${'很长'.repeat(50_000)}`;

function hostileState(): PageState {
  const reading = readPage(docFromHtml(hostileReportHtml()));
  const result = runRules(reading.report!);
  const findings = [
    ...result.findings,
    { id: 'cell.note:x', ruleId: 'cell.note', severity: 'info' as const, cells: [], message: HUGE, messageEn: HUGE, equation: `${IMG} = ${FORMULA}` },
  ];
  return {
    url: `http://www.evil.gov.cn/${encodeURIComponent(SCRIPT)}?q=${encodeURIComponent(IMG)}`,
    title: `${SCRIPT}${BIDI}`,
    detected: true,
    kind: 'report',
    report: reading.report,
    findings,
    passed: result.passed.map((p, i) => (i === 0 ? { ...p, scope: SCRIPT } : p)),
    incomplete: result.incomplete.map((c, i) => (i === 0 ? { ...c, reason: `${IMG}${BIDI}` } : c)),
    counts: countBySeverity(findings),
    attachments: [],
    trigger: 'auto',
    checkedAt: '2026-01-01T00:00:00.000Z',
    elapsedMs: 1,
  };
}

/** Nothing the page wrote became an element, an event handler or a script URL. */
function expectNoInjectedMarkup(): void {
  expect(document.querySelectorAll('script, img, svg, iframe, object, embed, math, style')).toHaveLength(0);
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name.startsWith('on'), `${el.tagName} ${attr.name}`).toBe(false);
      if (['href', 'src', 'action', 'formaction'].includes(attr.name)) expect(attr.value).not.toMatch(/^\s*javascript:/i);
    }
  }
}

describe('popup: hostile page text', () => {
  it('a real reading of a hostile page: every cell text shown as text, nothing injected', async () => {
    const state = hostileState();
    fakeBackground(state);
    const root = await mountPopup();
    expectNoInjectedMarkup();
    const shown = root.textContent ?? '';
    for (const h of HOSTILE_CELLS) expect(shown).toContain(h);
    expect(shown).toContain(SCRIPT);
    expect(text($(root, '[data-testid=agency]'))).toBe(state.report!.agency);
    expect(state.report!.agency).toContain(IMG.replace(/\s/g, ''));
    // every finding is listed, the very long ones whole
    expect(root.querySelectorAll('[data-finding-id]')).toHaveLength(state.findings.length);
    expect(shown).toContain(HUGE);
    expect(shown).toContain(LONG);
    expect(shown).toContain(`${IMG} = ${FORMULA}`);
  });

  it('the checks that passed and could not be decided show hostile scopes and reasons as text', async () => {
    const state = hostileState();
    fakeBackground(state);
    const root = await mountPopup();
    const details = $<HTMLDetailsElement>(root, 'details[data-testid=checks]');
    details.open = true;
    expectNoInjectedMarkup();
    expect(details.textContent).toContain(SCRIPT);
  });

  it('an internal error whose diagnostic and address carry markup shows them in the read-only field only', async () => {
    const state: PageState = {
      ...hostileState(),
      detected: false,
      kind: 'unreadable',
      report: null,
      findings: [],
      passed: [],
      incomplete: [],
      internalError: `TypeError: ${SCRIPT}${IMG}${BIDI}\n${LONG}`,
    };
    fakeBackground(state);
    const root = await mountPopup();
    expectNoInjectedMarkup();
    const area = $<HTMLTextAreaElement>(root, '[data-testid=internal-error] textarea');
    expect(area.value).toContain(`TypeError: ${SCRIPT}${IMG}${BIDI}`);
    expect(area.value).toContain(LONG);
  });

  it('attachment links the page offers: only http(s), the text as text', async () => {
    const base = hostileState();
    const state: PageState = {
      ...base,
      report: { ...base.report!, structure: [{ code: 'tablesAsImages', severity: 'warning', table: 'document', cells: [] }] },
      attachments: [
        { text: `${IMG}.pdf`, href: 'http://www.evil.gov.cn/a.pdf' },
        { text: 'data', href: 'data:text/html,<script>alert(1)</script>' },
        { text: 'js', href: ' JaVaScRiPt:alert(1)' },
        { text: 'vb', href: 'vbscript:msgbox(1)' },
      ],
    };
    fakeBackground(state);
    const root = await mountPopup();
    expectNoInjectedMarkup();
    const links = [...root.querySelectorAll('a')].map((a) => [text(a), a.getAttribute('href')]);
    expect(links).toEqual([[`${IMG}.pdf`, 'http://www.evil.gov.cn/a.pdf']]);
  });
});
