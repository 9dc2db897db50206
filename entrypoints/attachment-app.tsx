// The attachment page's script (entrypoints/attachment/index.html loads it): built on its
// own, as the checker and the survey page are, so the attachment page shares no chunk
// with the popup and the popup carries none of its code or words (the popup stays within
// its budget). pdf.js is loaded by this script only, on demand. Its styles come in the
// bundle (the popup's look, then the attachment page's) and are put in the page's head.

import { render } from 'preact';
import popupCss from '../components/popup.css?inline';
import attachmentCss from '../components/attachment/attachment.css?inline';
import { AttachmentApp } from '../components/attachment/AttachmentApp';

export default defineUnlistedScript(() => {
  const style = document.createElement('style');
  style.textContent = `${popupCss}\n${attachmentCss}`;
  document.head.append(style);
  const root = document.getElementById('app');
  if (root) render(<AttachmentApp />, root);
});
