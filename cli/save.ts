// --save DIR: every page the crawler fetched, kept with its address and what of the answer
// the run needs (status, content type, redirects, the reason it failed), so the same run
// can be repeated offline and an interrupted run resumed without fetching anything twice.
// One record per address asked for: DIR/<sha256 of the address>.json (readable: the
// address is its first field) and, when there was a body, DIR/<same>.body with its bytes as
// received. The body is written first and the record last, each through a temporary file
// and a rename, so an interruption leaves either a whole record or none.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What became of one address: the answer, or why there was none. */
export interface FetchRecord {
  /** the address asked for */
  url: string;
  /** where the page was read after same-site redirects (the address asked for when none) */
  finalUrl: string;
  /** the last HTTP status; 0 when no answer came (timeout, refused connection, too large) */
  status: number;
  contentType: string | null;
  /** each address redirected to, in order */
  redirects: string[];
  /** why there is no usable page (HTTP 404, timed out, redirected to another site …); null when there is */
  error: string | null;
  /** the body's size in bytes, when kept */
  bytes: number;
}

export interface StoredPage extends FetchRecord {
  body: Uint8Array | null;
}

const RECORD_VERSION = 1;

export class PageStore {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  private base(url: string): string {
    return path.join(this.dir, crypto.createHash('sha256').update(url).digest('hex').slice(0, 40));
  }

  /** The saved answer for `url`, or null when it was never saved (or its files are damaged: then it is fetched again). */
  get(url: string): StoredPage | null {
    const base = this.base(url);
    let record: FetchRecord & { version?: number };
    try {
      record = JSON.parse(fs.readFileSync(`${base}.json`, 'utf8'));
    } catch {
      return null;
    }
    if (record.version !== RECORD_VERSION || record.url !== url) return null;
    let body: Uint8Array | null = null;
    if (record.bytes > 0 || fs.existsSync(`${base}.body`)) {
      try {
        body = fs.readFileSync(`${base}.body`);
      } catch {
        return null;
      }
      if (body.length !== record.bytes) return null;
    }
    const { version: _version, ...rest } = record;
    return { ...rest, body };
  }

  put(page: StoredPage): void {
    const base = this.base(page.url);
    const { body, ...record } = page;
    if (body) writeAtomic(`${base}.body`, body);
    else fs.rmSync(`${base}.body`, { force: true });
    writeAtomic(`${base}.json`, JSON.stringify({ ...record, version: RECORD_VERSION, bytes: body?.length ?? 0 }, null, 1));
  }
}

function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
