// robots.txt as RFC 9309 reads it (cli/robots.ts): groups by product token, the longest
// rule wins and allow on a tie, `*` and `$`, non-ASCII paths, and a hostile file that would
// make a RegExp-compiling parser backtrack.

import { describe, expect, it } from 'vitest';
import { parseRobots } from '../../cli/robots';

const U = (p: string) => `http://www.mx.gov.cn${p}`;
const AGENT = 'GIPReportChecker';

describe('robots.txt', () => {
  it('takes the group naming the crawler, else *, and merges groups of one agent', () => {
    const txt = `User-agent: *\nDisallow: /\n\nUser-agent: gipreportchecker/2.0\nDisallow: /private/\n\nUser-agent: Other\nUser-agent: GIPReportChecker\nDisallow: /tmp/\n`;
    const r = parseRobots(txt, AGENT);
    expect(r.allowed(U('/gknb/index.html'))).toBe(true);
    expect(r.allowed(U('/private/a.html'))).toBe(false);
    expect(r.allowed(U('/tmp/a.html'))).toBe(false);
    expect(parseRobots(txt, 'SomeBot').allowed(U('/gknb/'))).toBe(false);
  });

  it('the longest match wins; allow on a tie; an empty Disallow disallows nothing', () => {
    const r = parseRobots('User-agent: *\nDisallow: /gknb/\nAllow: /gknb/2024/\nDisallow: /a\nAllow: /a\nDisallow:\n', AGENT);
    expect(r.allowed(U('/gknb/2023/t1.html'))).toBe(false);
    expect(r.allowed(U('/gknb/2024/t1.html'))).toBe(true);
    expect(r.allowed(U('/a.html'))).toBe(true);
    expect(r.allowed(U('/other.html'))).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow:\n', AGENT).allowed(U('/x'))).toBe(true);
  });

  it('wildcards and end anchors, on the path with its query', () => {
    const r = parseRobots('User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*q=\nDisallow: /*/print/\nAllow: /$\n', AGENT);
    expect(r.allowed(U('/files/a.pdf'))).toBe(false);
    expect(r.allowed(U('/files/a.pdf?x=1'))).toBe(true);
    expect(r.allowed(U('/search.jsp?q=1'))).toBe(false);
    expect(r.allowed(U('/search.jsp?p=1'))).toBe(true);
    expect(r.allowed(U('/gknb/print/t1.html'))).toBe(false);
    expect(r.allowed(U('/'))).toBe(true);
  });

  it('compares non-ASCII paths as URLs write them, and always allows /robots.txt', () => {
    const r = parseRobots('User-agent: *\nDisallow: /附件/\n', AGENT);
    expect(r.allowed(U('/附件/a.html'))).toBe(false);
    expect(r.allowed(U('/%E9%99%84%E4%BB%B6/a.html'))).toBe(false);
    expect(r.allowed(U('/gknb/a.html'))).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow: /\n', AGENT).allowed(U('/robots.txt'))).toBe(true);
  });

  it('ignores comments, rules before any group, unknown lines; reads Crawl-delay', () => {
    const r = parseRobots(
      'Disallow: /all\n# comment\nSitemap: http://x/s.xml\nUser-agent: * # everyone\nCrawl-delay: 5\nDisallow: /x # not /x/y?\nfoo bar\n',
      AGENT,
    );
    expect(r.allowed(U('/all'))).toBe(true);
    expect(r.allowed(U('/x/y'))).toBe(false);
    expect(r.crawlDelay).toBe(5);
  });

  it('a rule of many wildcards against a long address takes no time (no backtracking)', () => {
    const rule = `/${'*a'.repeat(40)}b`;
    const r = parseRobots(`User-agent: *\nDisallow: ${rule}\n`, AGENT);
    const started = performance.now();
    expect(r.allowed(U(`/${'a'.repeat(4_000)}`))).toBe(true);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
