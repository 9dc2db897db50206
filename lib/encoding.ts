// Which encoding a saved page uses: BOM first, then <meta charset> or
// http-equiv Content-Type in the first bytes, else UTF-8. GBK/GB2312 pages are
// common on government sites (report-format.md §3.3).

const ALIASES: Record<string, string> = { gb2312: 'gbk', 'x-gbk': 'gbk', gb_2312: 'gbk', 'gb_2312-80': 'gbk', cp936: 'gbk' };

export function sniffEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // the head is ASCII in every encoding we meet, so a latin1 view is safe to search
  // (one call, not 4,096 string concatenations: it is done for every page of a batch)
  const head = String.fromCharCode.apply(null, bytes.subarray(0, 4096) as unknown as number[]);
  // the label must end inside the first bytes: one cut at the 4,096th ("gb" of "gbk") is no label
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)(?=["'\s;/>])/i.exec(head);
  if (!m) return 'utf-8';
  const label = m[1]!.toLowerCase();
  return ALIASES[label] ?? label;
}

/**
 * Decode a saved or fetched page (a charset the server declared wins over the page's
 * own); throws a clear error for an encoding the runtime does not know.
 */
export function decodePage(bytes: Uint8Array, declared?: string | null): { text: string; encoding: string } {
  const label = declared?.trim().toLowerCase();
  const encoding = label ? (ALIASES[label] ?? label) : sniffEncoding(bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    throw new Error(`unsupported encoding "${encoding}"`);
  }
  return { text: decoder.decode(bytes), encoding };
}
