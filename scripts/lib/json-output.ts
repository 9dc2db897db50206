// The --json output written entry by entry. Byte for byte what
// `JSON.stringify(entries, null, 2) + '\n'` gives, but never one string: that string
// exceeds V8's longest (~512 M characters) at about 2,500 report pages (a report entry
// is ~110–170 KB of JSON), where JSON.stringify throws "Invalid string length".

import { once } from 'node:events';

export async function writeJsonArray(out: NodeJS.WritableStream, items: readonly unknown[]): Promise<void> {
  if (items.length === 0) {
    if (!out.write('[]\n')) await once(out, 'drain');
    return;
  }
  for (let i = 0; i < items.length; i++) {
    // indented one level deeper, as inside the array; JSON escapes newlines in strings, so every \n is layout
    const json = (JSON.stringify(items[i], null, 2) ?? 'null').replace(/\n/g, '\n  ');
    if (!out.write(`${i === 0 ? '[\n  ' : ',\n  '}${json}`)) await once(out, 'drain');
  }
  if (!out.write('\n]\n')) await once(out, 'drain');
}
