// Opening the attachment page (entrypoints/attachment/) from the popup: a new tab of our
// own page, the attachment's address (and the page it was found on) in its query string.
// Nothing is fetched here: the page downloads the file, and only then (see its fetch).

/** The attachment page's address for an attachment (`src`) found on page `from`. */
export function attachmentPageUrl(src: string | null, from?: string | null): string {
  const q = new URLSearchParams();
  if (src) q.set('src', src);
  if (from) q.set('from', from);
  const query = q.toString();
  return browser.runtime.getURL('/attachment.html') + (query ? `?${query}` : '');
}

/** Only http(s) attachments are offered (a page could put javascript: in a link). */
export function httpUrl(href: string): string | null {
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function openAttachmentPage(src: string | null, from?: string | null): void {
  void browser.tabs.create({ url: attachmentPageUrl(src, from) }).catch(() => undefined);
}
