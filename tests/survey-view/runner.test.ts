// @vitest-environment happy-dom
// The survey's run (entrypoints/survey/runner.ts) against a fake site and a fake clock:
// the pagination read first, one request at a time with the pause between them, 429/503
// waited out (Retry-After honoured, bounded), every failure a reason and the run going
// on, a stop after repeated failures of the server (the rest "stopped", tried again on
// resume), a cancel that keeps the item under way queued, and the run saved at every step.

import { describe, expect, it } from 'vitest';
import { readListPage } from '../../lib/survey/list-page';
import { surveyRetryAfterMs as retryAfterMs } from '../../entrypoints/survey/fetch';
import { RETRY, runSurvey, type Fetched, type RunnerDeps } from '../../entrypoints/survey/runner';
import type { SurveyRun } from '../../utils/survey';

const O = 'http://www.qinghe.gov.cn';
const doc = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const link = (path: string, text: string) => `<li><a href="${path}">${text}</a></li>`;

function newRun(over: Partial<SurveyRun> = {}): SurveyRun {
  return {
    id: 't1',
    listUrl: `${O}/gknb/index.html`,
    listTitle: '年报',
    origin: O,
    tabId: null,
    year: null,
    createdAt: '2026-12-06T07:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    status: 'queued',
    lists: [{ url: `${O}/gknb/index.html`, status: 'read', found: 0 }],
    items: [],
    current: null,
    ...over,
  };
}

type Answer = Fetched | ((attempt: number) => Fetched);

/** A fake site: answers by address (a function gets the attempt number), a clock that sleeping moves, and a log. */
function fakeSite(answers: Record<string, Answer>, pauseMs = 1000) {
  let now = 0;
  const requests: { url: string; at: number }[] = [];
  const sleeps: number[] = [];
  const saves: SurveyRun['status'][] = [];
  const checked: string[] = [];
  const seen = new Map<string, number>();
  const deps: RunnerDeps = {
    fetchPage: async (url) => {
      requests.push({ url, at: now });
      const n = seen.get(url) ?? 0;
      seen.set(url, n + 1);
      const a = answers[url.slice(O.length)];
      if (!a) return { ok: false, reason: 'http', status: 404, detail: 'HTTP 404' };
      return typeof a === 'function' ? a(n) : a;
    },
    readList: readListPage,
    check: async (url, d) => {
      checked.push(url);
      return d.title.includes('年度报告') ? { ok: true, keys: [url] } : { ok: false, reason: 'notReport', detail: 'news' };
    },
    save: async (r) => void saves.push(r.status),
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    now: () => now,
    pauseMs,
  };
  return { deps, requests, sleeps, saves, checked };
}

const report = (title: string): Fetched => ({ ok: true, doc: doc(`<title>${title}</title><p>表</p>`), encoding: 'utf-8' });

describe('the survey run', () => {
  it('reads the pagination first, then each report once, one at a time, the pause between requests', async () => {
    const site = fakeSite({
      '/gknb/index_1.html': {
        ok: true,
        encoding: 'utf-8',
        doc: doc(
          `<ul>${link('/gknb/c.html', '清河县司法局2023年政府信息公开工作年度报告')}${link('/gknb/a.html', '重复')}${link('/gknb/index_2.html', '下一页')}</ul>`,
        ),
      },
      '/gknb/index_2.html': { ok: true, encoding: 'utf-8', doc: doc(`<ul>${link('/gknb/d.html', '清河县民政局2022年政府信息公开工作年度报告')}</ul>`) },
      '/gknb/a.html': report('清河县财政局2023年政府信息公开工作年度报告'),
      '/gknb/b.html': { ok: true, encoding: 'gbk', doc: doc('<title>清河县教育局2023年政府信息公开工作年度报告</title>') },
      '/gknb/c.html': report('清河县司法局2023年政府信息公开工作年度报告'),
      '/gknb/d.html': report('清河县民政局2022年政府信息公开工作年度报告'),
      '/gknb/news.html': report('通知'),
    });
    const run = newRun({
      lists: [
        { url: `${O}/gknb/index.html`, status: 'read', found: 4 },
        { url: `${O}/gknb/index_1.html`, status: 'queued' },
      ],
      items: ['a', 'b', 'gone', 'news'].map((n) => ({
        url: `${O}/gknb/${n}.html`,
        text: n,
        agency: null,
        year: 2023,
        format: 'html' as const,
        status: 'queued' as const,
      })),
    });
    await runSurvey(run, site.deps, new AbortController().signal);
    expect(site.requests.map((r) => r.url.slice(O.length))).toEqual([
      '/gknb/index_1.html',
      '/gknb/index_2.html',
      '/gknb/a.html',
      '/gknb/b.html',
      '/gknb/gone.html',
      '/gknb/news.html',
      '/gknb/c.html',
      '/gknb/d.html',
    ]);
    // a pause of 1 s between every two requests, none before the first
    const gaps = site.requests.slice(1).map((r, i) => r.at - site.requests[i]!.at);
    expect(gaps.every((g) => g >= 1000)).toBe(true);
    expect(site.requests[0]!.at).toBe(0);
    expect(run.status).toBe('done');
    expect(run.lists.map((l) => [l.url.slice(O.length), l.status])).toEqual([
      ['/gknb/index.html', 'read'],
      ['/gknb/index_1.html', 'read'],
      ['/gknb/index_2.html', 'read'],
    ]);
    expect(run.items.map((i) => [i.url.slice(O.length), i.status, i.reason ?? '', i.encoding ?? ''])).toEqual([
      ['/gknb/a.html', 'checked', '', ''],
      ['/gknb/b.html', 'checked', '', 'gbk'],
      ['/gknb/gone.html', 'failed', 'http', ''],
      ['/gknb/news.html', 'failed', 'notReport', ''],
      ['/gknb/c.html', 'checked', '', ''],
      ['/gknb/d.html', 'checked', '', ''],
    ]);
    expect(run.current).toBeNull();
    expect(site.saves.at(-1)).toBe('done');
    expect(site.saves.length).toBeGreaterThanOrEqual(run.items.length);
  });

  it('keeps to the run’s year, and never fetches another origin or an attachment', async () => {
    const site = fakeSite({
      '/gknb/index_1.html': {
        ok: true,
        encoding: 'utf-8',
        doc: doc(
          `<ul>${link('/gknb/x.html', '清河县财政局2022年政府信息公开工作年度报告')}${link('/gknb/y.html', '清河县财政局2023年政府信息公开工作年度报告')}</ul>`,
        ),
      },
      '/gknb/y.html': report('清河县财政局2023年政府信息公开工作年度报告'),
    });
    const run = newRun({
      year: 2023,
      lists: [
        { url: `${O}/gknb/index.html`, status: 'read' },
        { url: `${O}/gknb/index_1.html`, status: 'queued' },
      ],
      items: [
        { url: 'http://xxgk.qinghe.gov.cn/gknb/z.html', text: 'z', agency: null, year: 2023, format: 'html', status: 'queued' },
        { url: `${O}/gknb/w.pdf`, text: 'w', agency: null, year: 2023, format: 'pdf', status: 'queued' },
      ],
    });
    await runSurvey(run, site.deps, new AbortController().signal);
    expect(site.requests.map((r) => r.url)).toEqual([`${O}/gknb/index_1.html`, `${O}/gknb/y.html`]);
    expect(run.items.map((i) => [i.url.slice(i.url.lastIndexOf('/')), i.status, i.reason ?? ''])).toEqual([
      ['/z.html', 'failed', 'offSite'],
      ['/w.pdf', 'failed', 'attachment'],
      ['/y.html', 'checked', ''],
    ]);
  });

  it('waits out 429/503 (Retry-After, else doubling the pause), then goes on; gives up after RETRY.attempts', async () => {
    const busy = (status: number, retryAfterMs?: number): Fetched => ({ ok: false, reason: 'http', status, detail: `HTTP ${status}`, retryAfterMs });
    const site = fakeSite({
      '/a.html': (n) => (n === 0 ? busy(503, 5000) : report('清河县财政局2023年政府信息公开工作年度报告')),
      '/b.html': (n) => (n < 2 ? busy(429) : report('清河县教育局2023年政府信息公开工作年度报告')),
      '/c.html': () => busy(503),
    });
    const run = newRun({
      items: ['a', 'b', 'c'].map((n) => ({ url: `${O}/${n}.html`, text: n, agency: null, year: 2023, format: 'html' as const, status: 'queued' as const })),
    });
    await runSurvey(run, site.deps, new AbortController().signal);
    expect(run.items.map((i) => i.status)).toEqual(['checked', 'checked', 'failed']);
    expect(run.items[2]).toMatchObject({ reason: 'http', detail: 'HTTP 503' });
    // Retry-After 5 s; then 2 s and 4 s (twice the pause, doubling); c: 2, 4, 8 s, then no more
    expect(site.sleeps.filter((s) => s !== 1000 && s > 0)).toEqual([5000, 2000, 4000, 2000, 4000, 8000]);
    expect(site.requests.filter((r) => r.url.endsWith('/c.html'))).toHaveLength(RETRY.attempts + 1);
    expect(run.status).toBe('done');
  });

  it('stops after repeated failures of the server; a resumed run tries again what the stop left', async () => {
    let down = true;
    const answers: Record<string, Answer> = {};
    const items = Array.from({ length: 10 }, (_, k) => `/r${k}.html`);
    for (const p of items)
      answers[p] = () => (down ? { ok: false, reason: 'http', status: 500, detail: 'HTTP 500' } : report('清河县财政局2023年政府信息公开工作年度报告'));
    answers['/r0.html'] = () => ({ ok: false, reason: 'http', status: 404, detail: 'HTTP 404' });
    const site = fakeSite(answers);
    const run = newRun({
      items: items.map((p) => ({ url: `${O}${p}`, text: p, agency: null, year: 2023, format: 'html' as const, status: 'queued' as const })),
    });
    await runSurvey(run, site.deps, new AbortController().signal);
    expect(run.status).toBe('stopped');
    expect(run.stopDetail).toBe('http HTTP 500');
    // a 404 is the page's, not the server's: the five 500s in a row after it stop the run
    expect(site.requests).toHaveLength(1 + RETRY.failuresInARow);
    expect(run.items.filter((i) => i.reason === 'stopped')).toHaveLength(10 - 1 - RETRY.failuresInARow);
    down = false;
    await runSurvey(run, site.deps, new AbortController().signal);
    expect(run.status).toBe('done');
    expect(run.items.filter((i) => i.status === 'checked')).toHaveLength(10 - 1 - RETRY.failuresInARow);
  });

  it('a cancel ends the run at once: what was done is kept, the item under way stays queued', async () => {
    const controller = new AbortController();
    const site = fakeSite({ '/a.html': report('清河县财政局2023年政府信息公开工作年度报告'), '/b.html': report('清河县教育局2023年政府信息公开工作年度报告') });
    const inner = site.deps.fetchPage;
    site.deps.fetchPage = async (url, signal) => {
      if (url.endsWith('/b.html')) controller.abort(new DOMException('cancelled', 'AbortError'));
      return inner(url, signal);
    };
    const run = newRun({
      items: ['a', 'b', 'c'].map((n) => ({ url: `${O}/${n}.html`, text: n, agency: null, year: 2023, format: 'html' as const, status: 'queued' as const })),
    });
    await runSurvey(run, site.deps, controller.signal);
    expect(run.status).toBe('cancelled');
    expect(run.items.map((i) => i.status)).toEqual(['checked', 'queued', 'queued']);
    expect(site.checked).toEqual([`${O}/a.html`]);
    expect(site.saves.at(-1)).toBe('cancelled');
  });

  it('PDF and Word reports go through the attachment reader when there is one (asked as attachments), and are listed when there is none', async () => {
    const pdf: Fetched = { ok: true, bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46]) };
    const site = fakeSite({ '/r.pdf': pdf, '/s.docx': pdf, '/t.html': { ok: true, bytes: new Uint8Array([1]) } });
    const asked: [string, boolean | undefined][] = [];
    const inner = site.deps.fetchPage;
    site.deps.fetchPage = async (url, signal, attachment) => {
      asked.push([url.slice(O.length), attachment]);
      return inner(url, signal, attachment);
    };
    const read: string[] = [];
    site.deps.checkAttachment = async (url, bytes) => {
      read.push(`${url.slice(O.length)}:${bytes.length}`);
      return url.endsWith('.docx') ? { ok: false, reason: 'attachment', detail: 'scan' } : { ok: true, keys: [url] };
    };
    const items = [
      ['r.pdf', 'pdf'],
      ['s.docx', 'docx'],
      ['t.html', 'html'],
    ] as const;
    const run = newRun({ items: items.map(([n, format]) => ({ url: `${O}/${n}`, text: n, agency: null, year: 2023, format, status: 'queued' as const })) });
    await runSurvey(run, site.deps, new AbortController().signal);
    // (t.html answered with a file: read as one too)
    expect(asked).toEqual([
      ['/r.pdf', true],
      ['/s.docx', true],
      ['/t.html', false],
    ]);
    expect(read).toEqual(['/r.pdf:4', '/s.docx:4', '/t.html:1']);
    expect(run.items.map((i) => [i.status, i.reason ?? '', i.detail ?? ''])).toEqual([
      ['checked', '', ''],
      ['failed', 'attachment', 'scan'],
      ['checked', '', ''],
    ]);
    // without a reader: listed, never fetched
    const bare = fakeSite({});
    const listed = newRun({ items: [{ url: `${O}/r.pdf`, text: 'r', agency: null, year: 2023, format: 'pdf', status: 'queued' }] });
    await runSurvey(listed, bare.deps, new AbortController().signal);
    expect(bare.requests).toEqual([]);
    expect(listed.items[0]).toMatchObject({ status: 'failed', reason: 'attachment' });
  });

  it('a check that throws is that item’s internal error; the run goes on', async () => {
    const site = fakeSite({ '/a.html': report('甲2023年政府信息公开工作年度报告'), '/b.html': report('乙2023年政府信息公开工作年度报告') });
    site.deps.check = async (url) => {
      if (url.endsWith('/a.html')) throw new Error('boom');
      return { ok: true, keys: [url] };
    };
    const run = newRun({
      items: ['a', 'b'].map((n) => ({ url: `${O}/${n}.html`, text: n, agency: null, year: 2023, format: 'html' as const, status: 'queued' as const })),
    });
    await runSurvey(run, site.deps, new AbortController().signal);
    expect(run.items.map((i) => [i.status, i.reason ?? '', i.detail ?? ''])).toEqual([
      ['failed', 'error', 'boom'],
      ['checked', '', ''],
    ]);
  });
});

describe('Retry-After', () => {
  it('reads seconds or an HTTP date, bounded; nothing for what it cannot read', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('100000')).toBe(RETRY.maxWaitMs);
    expect(retryAfterMs(new Date(Date.UTC(2026, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(10_000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:00 GMT')).toBe(0);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
