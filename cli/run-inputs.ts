// Running the batch checker's inputs in order (cli/check.ts reads the command line): files
// and directories on the worker pool (./batch.ts), addresses fetched and checked one after
// another (./crawl.ts, ./fetch.ts), each --crawl list's reports after them; every entry
// goes to the output spool as it is made, and a progress line to stderr.

import { eachPrintedFile } from './batch';
import { checkAttachmentBytes } from './attachment';
import type { Options } from './check';
import { checkWebItems, crawlList, type WebItem } from './crawl';
import { PoliteFetcher, userAgent } from './fetch';
import type { Input } from './inputs';
import { printEntries, type OutputSpool } from './output';
import { PageStore } from './save';

/** An address the checker fetches rather than a path it reads. */
export const isUrl = (s: string) => /^https?:\/\//i.test(s);

const duration = (ms: number) =>
  ms < 90_000 ? `${Math.ceil(ms / 1000)} s` : ms < 5_400_000 ? `${Math.ceil(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`;

/** The progress line on stderr (with the time left, for pages fetched): rewritten in place on a terminal, every tenth otherwise. */
function progress(done: number, total: number, etaMs: number | null = null, always = false): void {
  if (total < 20 && !always) return;
  const line = `已检查 / checked ${done}/${total}${etaMs !== null && done < total ? ` · 约剩 / about ${duration(etaMs)} left` : ''}`;
  if (process.stderr.isTTY) {
    process.stderr.write(`\r${line}\x1b[K`);
    if (done === total) process.stderr.write('\n');
  } else if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) {
    process.stderr.write(`${line}\n`);
  }
}

/**
 * Every input in order: files and directories as before, addresses fetched, and each
 * --crawl list's reports after them. Entries go to the spool as they are made.
 */
export async function runInputs(opts: Options, spool: OutputSpool, expanded: readonly (readonly Input[])[]): Promise<{ count: number; stopped: boolean }> {
  const files: { input: Input; at: number }[] = [];
  const web: WebItem[] = [];
  const webAt: number[] = [];
  let count = 0;
  opts.inputs.forEach((p, i) => {
    if (isUrl(p)) {
      web.push({ url: p });
      webAt.push(count++);
    } else for (const input of expanded[i]!) files.push({ input, at: count++ });
  });
  let stopped = false;
  const onInterrupt = () => {
    stopped = true;
    process.stderr.write('\n已中断：正在输出已检查的结果 / interrupted: printing what was checked\n');
  };
  let fetcher: PoliteFetcher | null = null;
  if (web.length > 0 || opts.crawl.length > 0) {
    const w = opts.web;
    fetcher = new PoliteFetcher({
      userAgent: userAgent(),
      delayMs: w.delayMs,
      timeoutMs: w.timeoutMs,
      maxBytes: w.maxBytes,
      store: w.save ? new PageStore(w.save) : undefined,
      offline: w.offline,
    });
    process.once('SIGINT', onInterrupt);
    const seen = new Set<string>();
    for (const list of opts.crawl) {
      if (stopped) break;
      const found = await crawlList(list, fetcher, { maxPages: w.maxPages, maxReports: w.maxReports, seen, stop: () => stopped });
      process.stderr.write(
        `列表 / list ${list}: ${found.pages} 页 / pages, ${found.reports.length} 份年报链接 / report links${found.skippedPages ? `; 超出 --max-pages，${found.skippedPages} 页未读 / ${found.skippedPages} pages left (--max-pages)` : ''}${found.skippedReports ? `; 超出 --max-reports，${found.skippedReports} 份未查 / ${found.skippedReports} reports left (--max-reports)` : ''}\n`,
      );
      if (found.elsewhere.length > 0)
        process.stderr.write(
          `  其他网站上的 ${found.elsewhere.length} 份年报链接未获取（可另行 --crawl 或直接给出地址） / ${found.elsewhere.length} report links to other sites not fetched (give them as addresses or --crawl their list): ${found.elsewhere.slice(0, 3).join(' ')}${found.elsewhere.length > 3 ? ' …' : ''}\n`,
        );
      for (const entry of found.failures) {
        web.push({ entry });
        webAt.push(count++);
      }
      for (const listed of found.reports) {
        web.push({ url: listed.url, listed });
        webAt.push(count++);
      }
    }
  }
  try {
    if (files.length > 0)
      await eachPrintedFile(
        files.map((f) => f.input),
        opts.mode,
        { jobs: opts.jobs, timeoutMs: opts.timeoutMs, onProgress: (d, t) => progress(d, t) },
        (i, printed) => spool.add(files[i]!.at, printed),
      );
    if (fetcher && !stopped)
      await checkWebItems(web, fetcher, (i, entries) => spool.add(webAt[i]!, printEntries(entries, opts.mode)), {
        attachments: checkAttachmentBytes,
        onProgress: (d, t, eta) => progress(d, t, eta, true),
        stop: () => stopped,
      });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  if (fetcher) process.stderr.write(`请求 / requests: ${fetcher.requests}\n`);
  return { count, stopped };
}
