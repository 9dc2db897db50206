// A bounded memo for pure string functions asked the same question thousands of times:
// label folding, agency names and addresses on a page of 100 reports or in a batch of
// 10,000. Long inputs (notes, hostile megabyte cells) are computed, never kept.

export function memoize<T>(fn: (s: string) => T, { limit = 10_000, maxLength = 200 } = {}): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    if (s.length > maxLength) return fn(s);
    const known = cache.get(s);
    if (known !== undefined || cache.has(s)) return known as T;
    if (cache.size >= limit) cache.clear();
    const value = fn(s);
    cache.set(s, value);
    return value;
  };
}

/** A value made on first use and kept (tables of constants that not every page needs). */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * Several strings as one memo key that splits back exactly (each prefixed by its length:
 * page text may hold any character, so no separator is safe).
 */
export const packKey = (parts: readonly string[]): string => {
  let key = '';
  for (let i = 0; i < parts.length; i++) key += `${parts[i]!.length}:${parts[i]}`;
  return key;
};

export function unpackKey(key: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < key.length;) {
    const colon = key.indexOf(':', i);
    const end = colon + 1 + Number(key.slice(i, colon));
    parts.push(key.slice(colon + 1, end));
    i = end;
  }
  return parts;
}
