// Which links and frames of a page lead to the report's attachment (a PDF, a Word file …),
// and its address: what the popup offers as 检查附件. Kept apart from ./detect.ts and free
// of imports so that the popup, which needs only this, does not carry the page reader.
// Gov sites link attachments in many ways (../shared/domain/attachments.md §5): plain
// paths, download scripts naming the file in a parameter, site-hosted pdf.js viewers,
// <embed>/<object>, link texts naming the file.

/** The longest link text looked at (a real one is under 100 characters). */
const MAX_TEXT = 300;
const SPACES = /\s+/g;

/** The attachments a report may be published as, by type ('doc', 'wps', 'ofd' are named so the reviewer is told, not read). */
export type AttachmentType = 'pdf' | 'docx' | 'doc' | 'wps' | 'ofd';
/** A file name's extension (of a path, a parameter's value, a link's text), spreadsheets left out: a report is never one. */
const ATTACHMENT_EXT = /\.(pdf|docx|doc|wps|ofd)$/i;
/** Query parameters that name the file a download script or a viewer serves (downfile.jsp?filename=…, viewer.html?file=…). */
const FILE_PARAMS = new Set(['file', 'filename', 'filepath', 'path', 'src', 'url', 'showname', 'name', 'fname']);
/** A site-hosted pdf.js viewer (or another viewer page), whose `file` parameter is the document's own address. */
const VIEWER_PATH = /\/(?:viewer|pdfviewer|web\/viewer)(?:\.html?|\.jsp|\.aspx?)?$/i;
/** The longest address or link text looked at (a real one is under 1,000 characters). */
const MAX_HREF = 2_000;

const extensionOf = (s: string): AttachmentType | null => {
  const m = ATTACHMENT_EXT.exec(s.trim());
  return m ? (m[1]!.toLowerCase() as AttachmentType) : null;
};
const decoded = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * The attachment an address (an <a href>, an <iframe src>, …) leads to, and its type; null
 * when it is none. Recognised: a path ending in .pdf/.docx/.doc/.wps/.ofd; a download script
 * naming the file in a parameter (Hanweb's downfile.jsp?classid=0&filename=x.pdf&showname=…,
 * in any order); a viewer page (viewer.html?file=…), whose file is the attachment itself;
 * and a link whose text ends in such a name (附件：…年度报告.pdf). Only http(s) addresses.
 */
export function attachmentTarget(href: string, base: string, text = '', declaredPdf = false, relative = false): { url: string; type: AttachmentType } | null {
  if (!href || href.length > MAX_HREF) return null;
  let u: URL;
  try {
    u = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && !(relative && u.protocol === RELATIVE)) return null;
  const own = extensionOf(decoded(u.pathname));
  if (own) return { url: u.href, type: own };
  let seen = 0;
  for (const [key, value] of u.searchParams) {
    if (++seen > 30) break;
    if (!FILE_PARAMS.has(key.toLowerCase()) || value.length > MAX_HREF) continue;
    const bare = value.split('#')[0]!.split('?')[0]!;
    const type = extensionOf(bare);
    if (!type) continue;
    // a viewer's file is the document's own address; a download script serves the file itself
    if (VIEWER_PATH.test(u.pathname) && key.toLowerCase() === 'file') {
      try {
        const file = new URL(value, u.href);
        if (file.protocol === 'http:' || file.protocol === 'https:' || (relative && file.protocol === RELATIVE)) return { url: file.href, type };
      } catch {
        // an unreadable address: not an attachment
      }
      return null;
    }
    return { url: u.href, type };
  }
  const named = text.length <= MAX_TEXT ? extensionOf(text) : null;
  if (named) return { url: u.href, type: named };
  return declaredPdf ? { url: u.href, type: 'pdf' } : null;
}

/** The scheme relative links resolve to when a page's own address is not known (the reader's documents have none). */
const RELATIVE = 'gip-relative:';

/** Whether a link (its href as written, and its text) leads to an attachment, wherever the page is. */
export const isAttachmentLink = (href: string, text: string): boolean => !!attachmentTarget(href, `${RELATIVE}/`, text, false, true);

export interface FoundAttachment {
  url: string;
  type: AttachmentType;
  /** the link's text (or the file name), for the list */
  text: string;
}

/** The most attachments listed for one page. */
export const MAX_ATTACHMENTS = 20;

/**
 * Every attachment a page links or embeds, in document order, each address once: links,
 * PDF <iframe>/<embed>/<object>, viewer frames (viewer.html?file=…). `base`: the page's address.
 */
export function findAttachments(root: ParentNode, base: string): FoundAttachment[] {
  const out = new Map<string, FoundAttachment>();
  const PDF_TYPE = 'application/pdf';
  for (const el of Array.from(root.querySelectorAll('a[href], iframe[src], embed[src], object[data]')).slice(0, 5_000)) {
    if (out.size >= MAX_ATTACHMENTS) break;
    const tag = el.localName;
    const href = el.getAttribute(tag === 'a' ? 'href' : tag === 'object' ? 'data' : 'src') ?? '';
    const text = tag === 'a' ? (el.textContent ?? '').slice(0, MAX_TEXT).replace(SPACES, ' ').trim() : '';
    const declared = tag !== 'a' && (el.getAttribute('type') ?? '').trim().toLowerCase() === PDF_TYPE;
    const found = attachmentTarget(href, base, text, declared);
    if (!found || out.has(found.url)) continue;
    const file = decoded(new URL(found.url).pathname.split('/').pop() ?? '');
    out.set(found.url, { ...found, text: text || el.getAttribute('title')?.slice(0, MAX_TEXT) || file || found.url });
  }
  return [...out.values()];
}

/** The patterns above that run on page text (listed in ./detect.ts pageTextPatterns for the linear-time tests). */
export const attachmentPatterns = (): RegExp[] => [ATTACHMENT_EXT, VIEWER_PATH, SPACES];
