// What the popup says when there is nothing to list: not a report, tables that are
// images or attachments, or an error in our own code (with a diagnostic to copy).

import { useRef, useState } from 'preact/hooks';
import type { PageState } from '../utils/page-state';
import { useI18n } from './i18n';
import { CheckAttachmentButton } from './attachment/AttachmentOffer';

export function NotReport({ kind }: { kind: PageState['kind'] }) {
  const { t } = useI18n();
  return (
    <section class="notice" role="status" data-testid="not-report">
      <p>
        <strong>{t.notReport}</strong>
      </p>
      <p class="muted">{t.kindIs(t.kinds[kind])}</p>
    </section>
  );
}

/** Only http(s) links are offered: a page could put javascript: in an attachment link. */
const safeHref = (href: string): string | null => {
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
};

export function ImagesOnly({ attachments, from }: { attachments: PageState['attachments']; from?: string }) {
  const { t } = useI18n();
  const links = attachments.flatMap((a) => {
    const href = safeHref(a.href);
    return href ? [{ text: a.text || href, href }] : [];
  });
  return (
    <section class="notice warn" data-testid="images-only" aria-labelledby="images-only-heading">
      <p id="images-only-heading">
        <strong>{t.imagesOnly}</strong>
      </p>
      {links.length ? (
        <>
          <p class="muted">{t.attachmentsHeading}</p>
          <ul class="attachments">
            {links.map((a) => (
              <li key={a.href}>
                <CheckAttachmentButton href={a.href} from={from} />{' '}
                <a href={a.href} target="_blank" rel="noopener noreferrer">
                  {a.text}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="muted">{t.noAttachments}</p>
      )}
    </section>
  );
}

export function Diagnostic({ state }: { state: PageState }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'' | 'ok' | 'failed'>('');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const text = diagnosticText(state);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('ok');
    } catch {
      // clipboard API refused: select the text so the user can copy it
      textarea.current?.select();
      setCopied('failed');
    }
  }

  return (
    <section class="notice error" data-testid="internal-error">
      <p>{t.internalError}</p>
      <label class="stack">
        {t.diagnostic}
        <textarea ref={textarea} readOnly rows={5} value={text} />
      </label>
      <button type="button" onClick={() => void copy()}>
        {t.copy}
      </button>{' '}
      <span role="status">{copied === 'ok' ? t.copied : copied === 'failed' ? t.copyFailed : ''}</span>
    </section>
  );
}

function diagnosticText(state: PageState): string {
  let version = '';
  try {
    version = browser.runtime.getManifest().version;
  } catch {
    // not available (tests)
  }
  return [
    `gip-report-checker ${version}`.trim(),
    `url: ${state.url}`,
    `checkedAt: ${state.checkedAt}`,
    `trigger: ${state.trigger}`,
    `kind: ${state.kind} detected: ${state.detected}`,
    `userAgent: ${navigator.userAgent}`,
    '',
    state.internalError ?? '',
  ].join('\n');
}
