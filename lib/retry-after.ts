// Retry-After (RFC 9110 §10.2.3), as the CLI's crawler and the survey view read it: a
// number of seconds or an HTTP date. The caller bounds how long it will wait.

/** The wait a Retry-After value asks for, in ms (a date in the past: 0); null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d{1,9}$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
