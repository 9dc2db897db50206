// Privacy and permissions audit of the built extension (.output/chrome-mv3): the
// manifest asks for exactly what README promises, and no shipped script can talk to
// the network. Static: it reads the build, it launches no browser.
//
// Explicit exceptions in the bundles, each matched exactly and counted:
//  1. Vite's modulepreload polyfill (in the chunk shared by popup.html and options.html):
//     `fetch(link.href, …)` for <link rel="modulepreload"> elements, i.e. the extension's own
//     chunks on chrome-extension://, and only in browsers without native modulepreload
//     (Chromium has it, so the polyfill returns at once). Never in the content script or
//     the background. (Could be dropped with `build.modulePreload.polyfill = false`.)
//  3. The one request the extension makes, only when the reviewer clicks "获取上一年度报告":
//     entrypoints/checker/fetch-page.ts, `fetch(url, {credentials: 'same-origin', …})` right
//     after the check that the address has the page's own origin. Only in checker.js, once.
//  2. XML namespace URIs in preact (http://www.w3.org/2000/svg, …/1998/Math/MathML,
//     …/1999/xlink, …/1999/xhtml): identifiers passed to createElementNS, never fetched.
//  5. The attachment page's one request, only when the reviewer clicks 检查附件 / 检查此 PDF
//     (or grants a site there): entrypoints/attachment/fetch-attachment.ts, `fetch(target.href,
//     {credentials: 'include', …})` right after the check that the host is one the extension
//     may reach (*.gov.cn or granted). Only in the chunk attachment.html loads first, once.
//  6. pdf.js (pdfjs/pdf.min.mjs and pdfjs/pdf.worker.min.mjs), which the attachment page alone
//     loads, with the file's bytes as `data` (pdf.js's own fetches, for URLs and cMaps, then
//     reach only the extension's files): shipped byte for byte as in pdfjs-dist (checked here
//     against node_modules), so not scanned; no other file names them.
//  7. The survey of a list page, only after the reviewer clicks “检查本页列出的全部年报” (issue 18):
//     entrypoints/survey/fetch.ts, `fetch(target.href, {credentials: 'omit', redirect: 'manual', …})`
//     right after the check that the address has the list page's origin. Only in survey-app.js
//     (the survey page's script), once. That page also reads PDF and Word reports with pdf.js,
//     as the attachment page does (6).
//  4. zod, in the background only (it validates what storage gives back, issue 16): the
//     JSON Schema dialect identifiers it writes into generated schemas ($schema), and its
//     IPv6 check, which parses `http://[address]` with `new URL`. Strings, never requested.

import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR, assertBuilt } from '../toolkit/browser';

interface Manifest {
  [key: string]: unknown;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: { matches: string[]; js?: string[] }[];
  background?: { service_worker?: string };
}

function files(dir: string, ext: RegExp): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((e) => (e.isFile() && ext.test(e.name) ? [path.join(e.parentPath, e.name)] : []));
}

const ROOT = path.resolve(import.meta.dirname, '..');
const rel = (file: string) => path.relative(EXTENSION_DIR, file);

/** Vite's modulepreload polyfill, as emitted (minified names vary: \w+). */
const MODULEPRELOAD_POLYFILL =
  /\(function\(\)\{(?:let|const|var) (\w+)=document\.createElement\(`link`\)\.relList;if\(\1&&\1\.supports&&\1\.supports\(`modulepreload`\)\)return;[\s\S]{0,1200}?fetch\(\w+\.href,\w+\)\}\}\)\(\);?/g;
const SAME_ORIGIN_FETCH =
  /if\(new URL\((\w+),location\.href\)\.origin!==location\.origin\)return null;(?:let|const|var) \w+=await fetch\(\1,\{credentials:`same-origin`/g;
const ATTACHMENT_FETCH =
  /if\(!await (\w+)\((\w+)\)\)return\{ok:!1,failure:\{code:`notAllowed`,host:\2\.hostname\}\};let (\w+);try\{\3=await fetch\(\2\.href,\{credentials:`include`,redirect:`follow`,cache:`no-store`\}\)/g;
const SURVEY_FETCH = /if\((\w+)\.origin!==\w+\)return\{ok:!1,reason:`offSite`\};[\s\S]{0,400}?=await fetch\(\1\.href,\{credentials:`omit`,redirect:`manual`/g;
/** The survey page's script (entrypoints/survey-app.tsx), built on its own. */
const SURVEY_ENTRY = 'survey-app.js';
/** pdf.js as shipped: each file byte for byte as in the npm package. */
const PDFJS_FILES = ['pdfjs/pdf.min.mjs', 'pdfjs/pdf.worker.min.mjs'];
/** utils/storage.ts isAutoHost: a page of the host as a URL for MatchPattern.includes, matched against patterns, never requested. */
const HOST_PROBE_URL = /\.includes\(`https:\/\/\$\{\w+\}\/`\)/g;
const NAMESPACE_URIS = /http:\/\/www\.w3\.org\/(?:2000\/svg|1998\/Math\/MathML|1999\/xlink|1999\/xhtml)/g;
const ZOD_URIS = /https?:\/\/json-schema\.org\/draft(?:-04|-07|\/2020-12)\/schema#?|`http:\/\/\[\$\{\w+\}\]`/g;
const FORBIDDEN: [string, RegExp][] = [
  ['fetch(', /\bfetch\s*\(/],
  ['XMLHttpRequest', /XMLHttpRequest/],
  ['WebSocket', /WebSocket/],
  ['sendBeacon', /sendBeacon/],
  ['EventSource', /EventSource/],
  ['WebTransport', /WebTransport/],
  ['RTCPeerConnection', /RTCPeerConnection/],
  ['importScripts', /importScripts/],
  ['connectExternal', /connectExternal/],
  ['a http(s) URL', /https?:\/\//i],
  ['a protocol-relative URL in a string', /[`'"]\/\/[a-z0-9.-]+\.[a-z]{2,}/i],
];

/** Comments and licence text are not code: block comments and whole-line // comments are dropped. */
const stripComments = (js: string) => js.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

test.describe('audit of the built extension', () => {
  test.beforeAll(() => assertBuilt());
  const manifest = () => JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Manifest;

  test('manifest: exactly the promised permissions, nothing that widens access or opens the extension', () => {
    const m = manifest();
    expect(m.manifest_version).toBe(3);
    expect([...(m.permissions ?? [])].sort()).toEqual(['activeTab', 'scripting', 'storage', 'unlimitedStorage']);
    expect(m.host_permissions).toEqual(['*://*.gov.cn/*']);
    expect(m.optional_host_permissions).toEqual(['*://*/*']);
    expect(m.optional_permissions ?? []).toEqual([]);
    for (const key of [
      'content_security_policy',
      'externally_connectable',
      'web_accessible_resources',
      'update_url',
      'key',
      'oauth2',
      'sandbox',
      'chrome_url_overrides',
      'declarative_net_request',
    ])
      expect(m[key], `manifest.${key}`).toBeUndefined();
    // the automatic content script runs only where the host permission reaches
    expect((m.content_scripts ?? []).flatMap((c) => c.matches)).toEqual(['*://*.gov.cn/*']);
    // an allow-list of top-level keys, so anything new is looked at
    const allowed = [
      'manifest_version',
      'name',
      'description',
      'version',
      'permissions',
      'host_permissions',
      'optional_host_permissions',
      'action',
      'commands',
      'background',
      'options_ui',
      'content_scripts',
      'icons',
      'default_locale',
      'browser_specific_settings',
      'minimum_chrome_version',
      'homepage_url',
    ];
    expect(Object.keys(m).filter((k) => !allowed.includes(k))).toEqual([]);
  });

  test('manifest: ready for the stores — icons that exist, both locales, a minimum browser version', () => {
    const m = manifest() as Manifest & {
      icons: Record<string, string>;
      default_locale: string;
      minimum_chrome_version: string;
      action: { default_icon: Record<string, string>; default_title: string };
    };
    expect(Object.keys(m.icons)).toEqual(['16', '32', '48', '128']);
    for (const icon of [...Object.values(m.icons), ...Object.values(m.action.default_icon)])
      expect(fs.existsSync(path.join(EXTENSION_DIR, icon)), icon).toBe(true);
    expect(m.default_locale).toBe('zh_CN');
    expect([m.name, m.description, m.action.default_title]).toEqual(['__MSG_extName__', '__MSG_extDescription__', '__MSG_actionTitle__']);
    expect(m.minimum_chrome_version).toBe('102');
    for (const locale of ['zh_CN', 'en']) {
      const messages = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, '_locales', locale, 'messages.json'), 'utf8')) as Record<
        string,
        { message: string }
      >;
      expect(messages.extName?.message, locale).toBeTruthy();
      expect(messages.extDescription!.message.length, `${locale} description ≤ 132`).toBeLessThanOrEqual(132);
    }
  });

  test('scripts: no network API and no URL outside comments, except those listed above', () => {
    const scripts = files(EXTENSION_DIR, /\.m?js$/);
    const m = manifest();
    const entry = [m.background?.service_worker, ...(m.content_scripts ?? []).flatMap((c) => c.js ?? [])].filter((f): f is string => !!f);
    expect(entry.length).toBeGreaterThanOrEqual(2);
    for (const f of entry) expect(scripts.map(rel)).toContain(f);

    const hits: string[] = [];
    let attachmentFetches = 0;
    let surveyFetches = 0;
    // the attachment page's own script (entrypoints/attachment-app.tsx, built on its own), besides WXT's chunks
    const attachmentEntry = /<script[^>]*src="\/(?!chunks\/)([^"]+)"/.exec(fs.readFileSync(path.join(EXTENSION_DIR, 'attachment.html'), 'utf8'))?.[1];
    expect(attachmentEntry).toBe('attachment-app.js');
    for (const f of PDFJS_FILES)
      expect(
        fs.readFileSync(path.join(EXTENSION_DIR, f)).equals(fs.readFileSync(path.join(ROOT, 'node_modules/pdfjs-dist/build', path.basename(f)))),
        `${f} is pdfjs-dist's own`,
      ).toBe(true);
    let polyfills = 0;
    let sameOriginFetches = 0;
    for (const file of scripts) {
      if (PDFJS_FILES.includes(rel(file))) continue;
      let code = stripComments(fs.readFileSync(file, 'utf8'));
      if (code.includes('pdfjs/')) expect([attachmentEntry, SURVEY_ENTRY], 'pdf.js is loaded by the attachment and survey pages alone').toContain(rel(file));
      const surveys = code.match(SURVEY_FETCH)?.length ?? 0;
      if (surveys) {
        expect(rel(file), 'the survey’s requests live in the survey page only').toBe(SURVEY_ENTRY);
        surveyFetches += surveys;
        code = code.replace(SURVEY_FETCH, '');
      }
      const downloads = code.match(ATTACHMENT_FETCH)?.length ?? 0;
      if (downloads) {
        expect(rel(file), 'the attachment download lives in the attachment page only').toBe(attachmentEntry);
        attachmentFetches += downloads;
        code = code.replace(ATTACHMENT_FETCH, '');
      }
      const found = code.match(MODULEPRELOAD_POLYFILL)?.length ?? 0;
      if (found) {
        expect(entry, `the modulepreload polyfill in ${rel(file)}, which the background or content script loads`).not.toContain(rel(file));
        polyfills += found;
        code = code.replace(MODULEPRELOAD_POLYFILL, '');
      }
      const fetches = code.match(SAME_ORIGIN_FETCH)?.length ?? 0;
      if (fetches) {
        expect(rel(file), 'the same-origin fetch of last year’s report lives in the checker only').toBe('checker.js');
        sameOriginFetches += fetches;
        code = code.replace(SAME_ORIGIN_FETCH, '');
      }
      code = code.replace(NAMESPACE_URIS, '').replace(HOST_PROBE_URL, '');
      const zod = code.match(ZOD_URIS)?.length ?? 0;
      if (zod) {
        expect(rel(file), 'zod (and its schema URIs) only in the background').toBe('background.js');
        expect(zod, 'zod’s four URI strings').toBeLessThanOrEqual(4);
        code = code.replace(ZOD_URIS, '');
      }
      for (const [name, re] of FORBIDDEN) {
        const m = re.exec(code);
        if (m) hits.push(`${rel(file)}: ${name} …${code.slice(Math.max(0, m.index - 60), m.index + 60)}…`);
      }
    }
    expect(hits).toEqual([]);
    expect(polyfills, 'the modulepreload polyfill appears at most once').toBeLessThanOrEqual(1);
    expect(sameOriginFetches, 'exactly one same-origin fetch (获取上一年度报告)').toBe(1);
    expect(attachmentFetches, 'exactly one attachment download (检查附件)').toBe(1);
    expect(surveyFetches, 'exactly one survey fetch (检查本页列出的全部年报)').toBe(1);
  });

  test('pages and styles load nothing from outside the extension', () => {
    for (const file of files(EXTENSION_DIR, /\.html$/)) {
      const html = fs.readFileSync(file, 'utf8');
      const refs = [...html.matchAll(/\b(?:src|href|action|poster|data)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]!);
      expect(refs.length, rel(file)).toBeGreaterThan(0);
      for (const ref of refs) expect(ref, `${rel(file)} refers to ${ref}`).toMatch(/^\/(?!\/)|^\.{0,2}\/?[\w-]/);
      for (const ref of refs) expect(ref).not.toMatch(/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i);
      expect(html).not.toMatch(/<(?:iframe|object|embed)\b/i);
    }
    for (const file of files(EXTENSION_DIR, /\.css$/)) {
      const css = fs.readFileSync(file, 'utf8');
      expect(css, rel(file)).not.toMatch(/@import/i);
      expect(css, rel(file)).not.toMatch(/url\(\s*["']?(?!data:)/i);
    }
  });

  test('nothing but the extension’s own files ships: no source maps, no tests, no fixtures', () => {
    const all = fs
      .readdirSync(EXTENSION_DIR, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => rel(path.join(e.parentPath, e.name)));
    expect(all.filter((f) => /\.map$|(^|\/)(tests?|e2e|fixtures|scripts)\//.test(f))).toEqual([]);
  });
});
