import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'wxt';
import { GB_CMAP_FILES } from './lib/attachment/cmaps';

// Permissions stay minimal: storage, activeTab + scripting for "检查此页" on other
// sites, host access to *.gov.cn only; other sites only if the user adds them
// (optional permission, asked for in the options page).
//
// Minimum versions, from the APIs used: storage.session (Chrome 102, Firefox 115),
// scripting.registerContentScripts (Chrome 96, Firefox 102), structuredClone (Chrome
// 98, Firefox 94); Firefox also needs 140 for `data_collection_permissions` (AMO's
// data-consent manifest key; earlier versions refuse the manifest) and gets CSS
// highlights (narrative sentences) from 140. Names and descriptions come from
// public/_locales (zh_CN the default, en).
export const FIREFOX_ID = '{1db5a23b-fa7f-4ced-aabd-326990efd831}';
export const MIN_CHROME = '102';
export const MIN_FIREFOX = '140.0';
const ICONS = { 16: '/icon/16.png', 32: '/icon/32.png', 48: '/icon/48.png', 128: '/icon/128.png' };

/** The pdf.js files the attachment page loads: pdfjs/pdf.min.mjs, pdfjs/pdf.worker.min.mjs, pdfjs/cmaps/*.bcmap, and the licence. */
export function pdfjsAssets(): { absoluteSrc: string; relativeDest: string }[] {
  const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return [
    { absoluteSrc: path.join(root, 'build/pdf.min.mjs'), relativeDest: 'pdfjs/pdf.min.mjs' },
    { absoluteSrc: path.join(root, 'build/pdf.worker.min.mjs'), relativeDest: 'pdfjs/pdf.worker.min.mjs' },
    { absoluteSrc: path.join(root, 'LICENSE'), relativeDest: 'pdfjs/LICENSE' },
    ...GB_CMAP_FILES.map((f) => ({ absoluteSrc: path.join(root, 'cmaps', f), relativeDest: `pdfjs/cmaps/${f}` })),
  ];
}

export default defineConfig({
  manifestVersion: 3,
  // (tests/store/package.test.ts builds the store packages elsewhere, leaving the tests' build alone)
  ...(process.env.GIP_OUT_DIR && { outDir: process.env.GIP_OUT_DIR }),
  hooks: {
    // WXT takes the popup's <title> for the toolbar button's; the localised one instead
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_actionTitle__';
    },
    // pdf.js for the attachment page only (entrypoints/attachment/): its API and worker
    // copied byte for byte from the npm package (AMO compares vendored files with the
    // release), and only the 33 simplified-Chinese cMaps (~296 KB of the 1.2 MB directory,
    // ../shared/domain/attachments.md §2.2). No web_accessible_resources: only our page loads them.
    'build:publicAssets': (_wxt, files) => {
      files.push(...pdfjsAssets());
    },
  },
  zip: { excludeSources: ['reports/**', 'test-results/**', 'e2e/**', '.ci/**', 'tests/**', 'scripts/**'] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    icons: ICONS,
    // the project's public page (support contact for the stores); set when publishing
    ...(process.env.GIP_HOMEPAGE_URL && { homepage_url: process.env.GIP_HOMEPAGE_URL }),
    // unlimitedStorage: the report memory holds ~40–60 KB per report; a survey of hundreds of reports (or one
    // consolidated page of 100) would pass the 10 MB local quota and stop being remembered
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting'],
    host_permissions: ['*://*.gov.cn/*'],
    optional_host_permissions: ['*://*/*'],
    action: { default_title: '__MSG_actionTitle__', default_icon: { 16: ICONS[16], 32: ICONS[32] } },
    commands: {
      'next-finding': { suggested_key: { default: 'Alt+Shift+J' }, description: '__MSG_cmdNext__' },
      'previous-finding': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_cmdPrevious__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: FIREFOX_ID, strict_min_version: MIN_FIREFOX, data_collection_permissions: { required: ['none'] } },
          },
          // Firefox's default MV3 policy adds upgrade-insecure-requests, which turns the
          // attachment page's download from an http:// gov site (many still are) into an
          // https:// request that fails. The same script policy, without that (as Chrome's default).
          content_security_policy: { extension_pages: "script-src 'self'" },
        }
      : { minimum_chrome_version: MIN_CHROME }),
  }),
});
