// The popup's 检查附件: each attachment the page links or embeds (lib/detect.ts
// findAttachments), with a button that opens the attachment page for it; and 检查此 PDF
// when the tab itself shows a PDF or a .docx download.

import { useEffect, useState } from 'preact/hooks';
import { attachmentTarget } from '../../lib/attachment-links';
import type { PageState } from '../../utils/page-state';
import { useI18n } from '../i18n';
import { httpUrl, openAttachmentPage } from './open';

export function AttachmentOffer({ attachments, pageUrl }: { attachments: PageState['attachments']; pageUrl: string }) {
  const { t } = useI18n();
  const links = attachments.flatMap((a) => {
    const href = httpUrl(a.href);
    return href ? [{ text: a.text || href, href }] : [];
  });
  if (!links.length) return null;
  return (
    <section class="notice attachments-offer" data-testid="attachments" aria-labelledby="attachments-heading">
      <p id="attachments-heading">
        <strong>{t.attachmentsFound}</strong> <span class="muted hint">{t.attachmentHint}</span>
      </p>
      <ul class="attachments">
        {links.map((a) => (
          <li key={a.href}>
            <CheckAttachmentButton href={a.href} from={pageUrl} />{' '}
            <a href={a.href} target="_blank" rel="noopener noreferrer">
              {a.text}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CheckAttachmentButton({ href, from }: { href: string; from?: string }) {
  const { t } = useI18n();
  return (
    <button type="button" class="small" data-testid="check-attachment" onClick={() => openAttachmentPage(href, from)}>
      {t.checkAttachment}
    </button>
  );
}

/**
 * The tab shows a PDF (or a Word file) itself: by its address (a path or a download
 * parameter naming .pdf/.docx; what Firefox's popup can know, as content scripts do not
 * run in its PDF viewer), else, in Chromium, by the document's type (its viewer tab still
 * runs our script: document.contentType is application/pdf).
 */
export function TabAttachment({ tabId, url }: { tabId: number; url: string | null }) {
  const { t } = useI18n();
  const [file, setFile] = useState<{ href: string; type: string } | null>(null);
  useEffect(() => {
    const href = url && httpUrl(url);
    if (!href) return;
    const found = attachmentTarget(href, href);
    if (found && (found.type === 'pdf' || found.type === 'docx')) return setFile({ href: found.url, type: found.type.toUpperCase() });
    let alive = true;
    void browser.scripting
      .executeScript({ target: { tabId }, func: () => document.contentType })
      .then((r) => alive && r[0]?.result === 'application/pdf' && setFile({ href, type: 'PDF' }))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [tabId, url]);
  if (!file) return null;
  return (
    <div class="actions">
      <button type="button" class="primary" data-testid="check-this-file" title={t.attachmentHint} onClick={() => openAttachmentPage(file.href)}>
        {t.checkThisFile(file.type)}
      </button>
    </div>
  );
}
