// robots.txt for the crawler (RFC 9309). Written here rather than taken from npm: the
// common parsers compile each rule into a RegExp (`*` → `.*`), and a rule with many
// wildcards then backtracks on a long address — a site's own file could stall the run.
// This matcher walks a rule's literal pieces left to right (a glob of `*` alone needs no
// backtracking), so a check costs at most the rule's length times the address's. The rest
// of the RFC is small: groups by product token (merged when several match, `*` otherwise),
// the longest matching rule wins, allow on a tie, /robots.txt always allowed, the first
// 500 KiB read. Crawl-delay (not in the RFC, honoured by most crawlers) is kept.

/** What the file says for one user agent. */
export interface Robots {
  /** whether the address (its path and query) may be fetched */
  allowed(url: string): boolean;
  /** the group's Crawl-delay in seconds, if it gives one */
  crawlDelay: number | null;
}

interface Rule {
  allow: boolean;
  /** the pattern's pieces between `*`s */
  pieces: string[];
  /** ends with `$`: the last piece must end the path */
  anchored: boolean;
  /** for "longest match wins": the pattern's length as written */
  length: number;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay: number | null;
}

/** RFC 9309 §2.5: at least 500 KiB must be parsed; what follows is ignored. */
export const MAX_ROBOTS_BYTES = 500 * 1024;

/** Non-ASCII characters percent-encoded (UTF-8), the rest left as written: a path as URL serialises it. */
function encodePath(s: string): string {
  let out = '';
  for (const ch of s) out += ch.charCodeAt(0) < 0x80 ? ch : encodeURIComponent(ch);
  return out;
}

function rule(allow: boolean, value: string): Rule | null {
  if (!value) return null; // "Disallow:" with no path disallows nothing
  const anchored = value.endsWith('$');
  const body = encodePath(anchored ? value.slice(0, -1) : value);
  return { allow, pieces: body.split('*'), anchored, length: value.length };
}

/** Whether a glob of `*` (pieces between them) matches `path` from its start: each piece at its leftmost place. */
function matches(r: Rule, path: string): boolean {
  const { pieces } = r;
  if (!path.startsWith(pieces[0]!)) return false;
  let at = pieces[0]!.length;
  if (pieces.length === 1) return !r.anchored || at === path.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const found = path.indexOf(pieces[i]!, at);
    if (found < 0) return false;
    at = found + pieces[i]!.length;
  }
  const last = pieces[pieces.length - 1]!;
  if (r.anchored) return path.length - last.length >= at && path.endsWith(last);
  return path.indexOf(last, at) >= 0;
}

const LINE = /\r\n|\r|\n/;
const PRODUCT = /^[A-Za-z_-]+/;

/** Parse a robots.txt for the crawler whose product token is `agent` (e.g. GIPReportChecker). */
export function parseRobots(text: string, agent: string): Robots {
  const groups: Group[] = [];
  let current: Group | null = null;
  let inAgents = false;
  for (const raw of text.slice(0, MAX_ROBOTS_BYTES).split(LINE)) {
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!inAgents || !current) {
        current = { agents: [], rules: [], crawlDelay: null };
        groups.push(current);
      }
      current.agents.push(value === '*' ? '*' : (PRODUCT.exec(value)?.[0] ?? value).toLowerCase());
      inAgents = true;
      continue;
    }
    inAgents = false;
    if (!current) continue; // rules before any user-agent line belong to no group
    if (key === 'allow' || key === 'disallow') {
      const r = rule(key === 'allow', value);
      if (r) current.rules.push(r);
    } else if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.crawlDelay = n;
    }
  }
  const token = agent.toLowerCase();
  let chosen = groups.filter((g) => g.agents.includes(token));
  if (chosen.length === 0) chosen = groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const delays = chosen.map((g) => g.crawlDelay).filter((d): d is number => d !== null);
  return {
    crawlDelay: delays.length ? Math.max(...delays) : null,
    allowed(url: string): boolean {
      let path: string;
      try {
        const u = new URL(url);
        path = u.pathname + u.search;
      } catch {
        return false;
      }
      if (path === '/robots.txt') return true;
      let best: Rule | null = null;
      for (const r of rules) {
        if (!matches(r, path)) continue;
        if (!best || r.length > best.length || (r.length === best.length && r.allow && !best.allow)) best = r;
      }
      return !best || best.allow;
    },
  };
}

/** Everything allowed: no robots.txt (a 4xx answer), as RFC 9309 §2.3.1.3 says. */
export const ALLOW_ALL: Robots = { allowed: () => true, crawlDelay: null };
/** Nothing allowed: robots.txt unreachable (5xx, no answer), as RFC 9309 §2.3.1.4 says. */
export const DISALLOW_ALL: Robots = { allowed: (url) => url.endsWith('/robots.txt'), crawlDelay: null };
