// The report memory under attack (issue 16, review SEC-1/3/4, DS-1/2): pairing stays on
// the report's own site and is ranked explicitly, another site's page never rewrites
// stored findings, what is stored is bounded and capped, and what is read back is
// validated (a forged record is dropped, never used).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runRules } from '../../lib/check';
import { previousReports } from '../../lib/pairing';
import { readPage } from '../../lib/read';
import { siteOf } from '../../lib/site';
import { pairFor, rememberEntries, reportMemory } from '../../utils/memory';
import { rememberedEntries } from '../../utils/remembered';
import { type PageState } from '../../utils/page-state';
import { countBySeverity } from '../../lib/severity';
import { MEMORY_CAP } from '../../utils/storage';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';
import { makeReport } from '../support/report';

const REAL_2023 = 'https://www.pingtan.gov.cn/zwgk/gknb/2023.html';
const REAL_2024 = 'https://www.pingtan.gov.cn/zwgk/gknb/2024.html';
const FAKE_2023 = 'http://a.attacker.gov.cn/evil/fake-2023.html';

function checked(fixture: string, url: string, change?: (html: string) => string, checkedAt = '2026-11-01T00:00:00.000Z'): PageState {
  const html = fixtureHtml(fixture);
  const report = readPage(docFromHtml(change ? change(html) : html)).report!;
  const result = runRules(report);
  return {
    url,
    title: report.title,
    detected: true,
    kind: 'report',
    report,
    ...result,
    counts: countBySeverity(result.findings),
    attachments: [],
    trigger: 'auto',
    checkedAt,
    elapsedMs: 1,
  };
}
const remember = (s: PageState, opts?: { fetched?: boolean }) => rememberEntries(s.url, rememberedEntries([s]), opts);
const ask = async (s: PageState) => (await pairFor(s.url, [{ source: s.url, agency: s.report!.agency, year: s.report!.year, borrowed: false }])).answers[0]!;
const stockFinding = (findings: readonly { ruleId: string; equation?: string }[]) =>
  findings.find((f) => f.ruleId === 'crossYear.inForceStock')?.equation ?? null;
/** the 2023 fixture with its stock of 行政规范性文件 (470) changed: what a fake page would claim */
const forged = (value: string) => (html: string) => html.replace('>470<', `>${value}<`);

describe('pairing stays on the report’s own site', () => {
  beforeEach(() => fakeBrowser.reset());

  it('does not pair the real 2024 report with a same-name 2023 report on another gov.cn host, and offers it only as a suggestion', async () => {
    expect(fixtureHtml('pingtan-2023.html')).toContain('>470<');
    await remember(checked('pingtan-2023.html', FAKE_2023, forged('9000')));
    const answer = await ask(checked('pingtan-2024.html', REAL_2024));
    expect(answer.previous).toBeNull();
    expect(answer.suggestion).toMatchObject({ source: FAKE_2023, year: 2023 });
  });

  it('prefers the same site’s report whatever the storage order (http://a… sorts before https://www…)', async () => {
    await remember(checked('pingtan-2023.html', REAL_2023));
    await remember(checked('pingtan-2023.html', FAKE_2023, forged('9000')));
    const answer = await ask(checked('pingtan-2024.html', REAL_2024));
    expect(answer.previous?.source).toBe(REAL_2023);
    expect(answer.suggestion).toBeNull();
  });

  it('pairs across hosts of one registrable domain (xxgk.pingtan.gov.cn with www.pingtan.gov.cn)', async () => {
    const other = 'https://xxgk.pingtan.gov.cn/nb/2023.html';
    await remember(checked('pingtan-2023.html', other));
    expect((await ask(checked('pingtan-2024.html', REAL_2024))).previous?.source).toBe(other);
  });

  it('ranks same host > same domain > fetched on a click > most recent, never by key order', () => {
    const item = (source: string, year: number, extra: object = {}) => ({
      report: { agency: '平潭综合实验区司法局', year, url: null },
      source,
      site: siteOf(source),
      ...extra,
    });
    const now = item('https://www.pingtan.gov.cn/2024.html', 2024);
    const sameDomain = item('https://xxgk.pingtan.gov.cn/a.html', 2023, { checkedAt: '2026-12-01' });
    const sameHostOld = item('https://www.pingtan.gov.cn/old.html', 2023, { checkedAt: '2026-01-01' });
    const sameHostNew = item('https://www.pingtan.gov.cn/new.html', 2023, { checkedAt: '2026-06-01' });
    const sameHostFetched = item('https://www.pingtan.gov.cn/fetched.html', 2023, { checkedAt: '2025-01-01', fetched: true });
    const pick = (...candidates: object[]) => previousReports([now, ...candidates] as never[], { sameSiteOnly: true }).get(now as never)?.source;
    expect(pick(sameDomain, sameHostOld)).toBe(sameHostOld.source);
    expect(pick(sameHostOld, sameHostNew)).toBe(sameHostNew.source);
    expect(pick(sameHostNew, sameHostOld)).toBe(sameHostNew.source);
    expect(pick(sameHostNew, sameHostFetched)).toBe(sameHostFetched.source);
    expect(pick(sameDomain)).toBe(sameDomain.source);
  });

  it('never takes a report’s site from its <meta name="Url"> (the page’s own claim)', async () => {
    // the fake page claims to live on www.pingtan.gov.cn
    await remember(
      checked('pingtan-2023.html', FAKE_2023, (h) =>
        forged('9000')(h).replace('<head>', '<head><meta name="Url" content="https://www.pingtan.gov.cn/zwgk/gknb/2023.html">'),
      ),
    );
    expect((await ask(checked('pingtan-2024.html', REAL_2024))).previous).toBeNull();
  });

  it('remembering a page of another site never rewrites the stored findings of a real report', async () => {
    // (2024 first: remembering 2023 then rechecks the stored 2024 against it)
    await remember(checked('pingtan-2024.html', REAL_2024));
    await remember(checked('pingtan-2023.html', REAL_2023));
    const before = (await reportMemory.all())[REAL_2024]!;
    expect(stockFinding(before.findings)).toContain('470 + 62 − 33 = 499');
    await remember(checked('pingtan-2023.html', FAKE_2023, forged('9000')));
    await remember(checked('pingtan-2023.html', 'http://a.attacker.gov.cn/evil/cover-2023.html', forged('411')));
    expect((await reportMemory.all())[REAL_2024]).toEqual(before);
  });

  it('uses another site’s report only when the reviewer chose it, and undoes the choice', async () => {
    await remember(checked('pingtan-2023.html', FAKE_2023));
    await reportMemory.choose(REAL_2024, FAKE_2023);
    expect((await ask(checked('pingtan-2024.html', REAL_2024))).previous?.source).toBe(FAKE_2023);
    await reportMemory.choose(REAL_2024, null);
    expect((await ask(checked('pingtan-2024.html', REAL_2024))).previous).toBeNull();
  });
});

describe('what is read back is validated', () => {
  beforeEach(() => fakeBrowser.reset());

  it('drops a forged record whose cell value is a string ("470" would have made 470 + 62 − 33 into 47029), and counts it', async () => {
    const y23 = checked('pingtan-2023.html', REAL_2023);
    await remember(y23);
    const key = `report:${REAL_2023}`;
    const record = (await browser.storage.local.get(key))[key] as { report: { cells: Record<string, { value: unknown }> } };
    const stock = Object.entries(record.report.cells).find(([, c]) => c.value === 470)!;
    stock[1].value = '470';
    await browser.storage.local.set({ [key]: record });
    const { answers, invalid } = await pairFor(REAL_2024, [{ source: REAL_2024, agency: y23.report!.agency, year: 2024, borrowed: false }]);
    expect(answers[0]!.previous).toBeNull();
    expect(invalid).toEqual([REAL_2023]);
    await reportMemory.forgetInvalid(invalid);
    expect(await reportMemory.index()).toEqual({});
    expect((await reportMemory.status()).dropped).toBe(1);
  });

  it('leaves out index entries that fail (a 1 MB title, counts as strings) and sweeps them away on start', async () => {
    await remember(checked('pingtan-2023.html', REAL_2023));
    const { reportIndex } = (await browser.storage.local.get('reportIndex')) as { reportIndex: Record<string, Record<string, unknown>> };
    const good = reportIndex[REAL_2023]!;
    await browser.storage.local.set({
      reportIndex: {
        ...reportIndex,
        'http://x.gov.cn/a': { ...good, url: 'http://x.gov.cn/a', title: 'x'.repeat(1_000_000) },
        'http://x.gov.cn/b': { ...good, url: 'http://x.gov.cn/b', counts: { error: '3', warning: 0, info: 0 } },
      },
    });
    expect(Object.keys(await reportMemory.index())).toEqual([REAL_2023]);
    await reportMemory.migrate(); // on start: the version is current, so it only sweeps
    expect(Object.keys(((await browser.storage.local.get('reportIndex')) as { reportIndex: object }).reportIndex)).toEqual([REAL_2023]);
    expect((await reportMemory.status()).dropped).toBe(2);
  });

  it('refuses to write a report that was not bounded (a title of 100,000 characters)', async () => {
    const s = checked('pingtan-2023.html', REAL_2023);
    const [entry] = rememberedEntries([s]);
    await expect(reportMemory.put([{ ...entry!, title: 't'.repeat(100_000) }])).rejects.toThrow(/refused/);
    expect(await reportMemory.index()).toEqual({});
  });

  it('migrates version 1 (findings in the index, bare reports as records) to version 2, dropping what does not validate', async () => {
    const s = checked('pingtan-2024.html', REAL_2024);
    const v1 = {
      url: REAL_2024,
      title: s.title,
      agency: s.report!.agency,
      year: 2024,
      format: '2021',
      counts: s.counts,
      checkedAt: s.checkedAt,
      findings: s.findings,
      reportUrl: null,
      borrowed: false,
    };
    const broken = { ...v1, url: 'http://x.gov.cn/b', findings: 'nope' };
    await browser.storage.local.set({
      reportIndex: { [REAL_2024]: v1, 'http://x.gov.cn/b': broken },
      [`report:${REAL_2024}`]: s.report,
      'report:http://x.gov.cn/b': s.report,
    });
    await reportMemory.migrate();
    const all = await reportMemory.all();
    expect(Object.keys(all)).toEqual([REAL_2024]);
    expect(all[REAL_2024]!.findings).toEqual(s.findings);
    expect(all[REAL_2024]!.report).toEqual(s.report);
    const index = await reportMemory.index();
    expect(index[REAL_2024]).not.toHaveProperty('findings');
    expect(Object.keys(index[REAL_2024]!.findingIds).sort()).toEqual(s.findings.map((f) => f.id).sort());
    expect((await browser.storage.local.get(null)).storageVersion).toBe(2);
    expect((await reportMemory.status()).dropped).toBe(1);
    expect(await browser.storage.local.get('report:http://x.gov.cn/b')).toEqual({});
  });
});

describe('bounds and the cap', () => {
  const cap = { ...MEMORY_CAP };
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => Object.assign(MEMORY_CAP, cap));

  it('bounds what a page supplies before it is stored: title, cell text, labels', () => {
    const report = makeReport({ year: 2023, cells: { 'applications.received.natural': `1${' '.repeat(5000)}` } });
    const [entry] = rememberedEntries([
      {
        url: REAL_2023,
        title: '标'.repeat(1_000_000),
        detected: true,
        kind: 'report',
        report: { ...report, title: 'x'.repeat(50_000), agency: '局'.repeat(10_000) },
        findings: [],
        passed: [],
        incomplete: [],
        counts: { error: 0, warning: 0, info: 0 },
        attachments: [],
        trigger: 'auto',
        checkedAt: '2026-01-01',
        elapsedMs: 0,
      },
    ]);
    expect(entry!.title.length).toBeLessThanOrEqual(300);
    expect(entry!.report.title.length).toBeLessThanOrEqual(300);
    expect(entry!.report.agency!.length).toBeLessThanOrEqual(200);
    expect(entry!.report.cells['applications.received.natural']!.raw.length).toBeLessThanOrEqual(200);
    expect(JSON.stringify(entry).length).toBeLessThan(100_000);
  });

  it('keeps the index to counts and finding ids, not findings', async () => {
    await remember(checked('pingtan-2023-changed-granted.html', REAL_2023));
    const { reportIndex } = (await browser.storage.local.get('reportIndex')) as { reportIndex: Record<string, object> };
    const entry = reportIndex[REAL_2023]!;
    expect(entry).not.toHaveProperty('findings');
    expect(entry).toHaveProperty('findingIds');
    expect(JSON.stringify(entry)).not.toContain('message');
  });

  it('drops the oldest reports beyond the cap, never the one being written, and says so', async () => {
    MEMORY_CAP.reports = 3;
    for (let i = 1; i <= 5; i++) await remember(checked('pingtan-2023.html', `https://www.s${i}.gov.cn/2023.html`, undefined, `2026-0${i}-01T00:00:00.000Z`));
    expect(Object.keys(await reportMemory.index()).sort()).toEqual([3, 4, 5].map((i) => `https://www.s${i}.gov.cn/2023.html`));
    expect(await browser.storage.local.get('report:https://www.s1.gov.cn/2023.html')).toEqual({});
    expect((await reportMemory.status()).evicted).toBe(2);
  });

  it('caps the memory’s bytes too', async () => {
    await remember(checked('pingtan-2023.html', 'https://www.s1.gov.cn/2023.html'));
    const one = Object.values(await reportMemory.index())[0]!.bytes;
    MEMORY_CAP.bytes = one * 2 + 10;
    for (let i = 2; i <= 4; i++) await remember(checked('pingtan-2023.html', `https://www.s${i}.gov.cn/2023.html`, undefined, `2026-0${i}-01T00:00:00.000Z`));
    expect(Object.keys(await reportMemory.index())).toHaveLength(2);
  });
});
