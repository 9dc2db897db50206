// The attachment page (an unlisted extension page, the same in Chrome and Firefox): see
// components/attachment/AttachmentApp.tsx. pdf.js is loaded by this page only.

import { render } from 'preact';
import { AttachmentApp } from '../../components/attachment/AttachmentApp';
import '../../components/popup.css';
import '../../components/attachment/attachment.css';

const root = document.getElementById('app');
if (root) render(<AttachmentApp />, root);
