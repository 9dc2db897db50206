import { describe, expect, it } from 'vitest';
import { isMessage } from '../../utils/messages';
import { badgeFor, dismissalKey, pageKey, reportKey } from '../../utils/page-state';
import { countBySeverity } from '../../lib/severity';
import { isAutoHost, patternHost, sitePattern } from '../../utils/storage';

describe('badge', () => {
  const counts = (error: number, warning: number, info = 0) => ({ detected: true, counts: { error, warning, info } });
  it.each([
    [null, ''],
    [{ detected: false, counts: { error: 0, warning: 0, info: 0 } }, ''],
    [counts(3, 2), '3'],
    [counts(0, 2, 5), '2'],
    [counts(0, 0, 7), '✓'],
    [counts(1500, 0), '999'],
  ])('%j → %j', (state, text) => expect(badgeFor(state).text).toBe(text));
  it('sums the reports of a page holding several', () => {
    const section = (index: number, error: number, warning: number) => ({ index, title: '', agency: null, year: null, counts: { error, warning, info: 0 } });
    expect(badgeFor({ ...counts(0, 0), sections: [section(0, 0, 1), section(1, 2, 0), section(2, 1, 0)] }).text).toBe('3');
    expect(badgeFor({ ...counts(0, 0), sections: [section(0, 0, 1), section(1, 0, 4)] }).text).toBe('5');
  });
  it('is red for errors, amber for warnings, green when clean', () => {
    expect([badgeFor(counts(1, 0)).color, badgeFor(counts(0, 1)).color, badgeFor(counts(0, 0)).color]).toEqual(['#d93025', '#e37400', '#188038']);
    // and by shape, not colour alone: the toolbar icon
    expect([badgeFor(counts(1, 0)).icon, badgeFor(counts(0, 1)).icon, badgeFor(counts(0, 0)).icon, badgeFor(null).icon]).toEqual([
      'issues',
      'issues',
      'ok',
      'plain',
    ]);
  });
});

describe('state helpers', () => {
  it('counts findings by severity', () => {
    const f = (severity: 'error' | 'warning' | 'info') => ({ id: severity, ruleId: 'x', severity, cells: [], message: '', messageEn: '' });
    expect(countBySeverity([f('error'), f('error'), f('info')])).toEqual({ error: 2, warning: 0, info: 1 });
  });
  it('keys reports by URL without the fragment, plus #k for the k-th of several on one page; verdicts by report and finding', () => {
    expect(pageKey('https://a.gov.cn/x.html#t3')).toBe('https://a.gov.cn/x.html');
    expect(reportKey({ url: 'https://a.gov.cn/x.html#top' })).toBe('https://a.gov.cn/x.html');
    expect(reportKey({ url: 'https://a.gov.cn/x.html#top', section: { index: 1, count: 3 } })).toBe('https://a.gov.cn/x.html#2');
    expect(dismissalKey(reportKey({ url: 'https://a.gov.cn/x.html#top' }), 'applications.rowSum:granted')).toBe(
      'https://a.gov.cn/x.html#applications.rowSum:granted',
    );
    expect(dismissalKey('https://a.gov.cn/x.html#2', 'applications.rowSum:granted')).toBe('https://a.gov.cn/x.html#2#applications.rowSum:granted');
  });
  it('accepts only known message types', () => {
    expect(isMessage({ type: 'get-state', tabId: 1 })).toBe(true);
    expect(isMessage({ type: 'evil' })).toBe(false);
    expect(isMessage(null)).toBe(false);
    expect(isMessage('page-state')).toBe(false);
  });
});

describe('sites', () => {
  it.each([
    ['www.yiyuan.gov.cn', [], true],
    ['gov.cn', [], true],
    ['gov.cn.evil.com', [], false],
    ['mirror.example.org', [], false],
    ['mirror.example.org', ['*://*.example.org/*'], true],
    ['example.org', ['*://*.example.org/*'], true],
    ['badexample.org', ['*://*.example.org/*'], false],
    ['a.example.org', ['*://example.org/*'], false],
  ] as const)('%s with %j is automatic: %s', (host, extra, auto) => expect(isAutoHost(host, extra)).toBe(auto));
  it.each([
    ['example.com', '*://example.com/*'],
    ['https://www.example.com/path?q=1', '*://www.example.com/*'],
    ['*.Example.com', '*://*.example.com/*'],
    ['not a host', null],
    ['<script>', null],
  ])('site pattern of %j is %j', (input, pattern) => expect(sitePattern(input)).toBe(pattern));
  it('reads the host back from a pattern', () => expect(patternHost('*://*.example.com/*')).toBe('*.example.com'));
});
