// What a file is, by its bytes (never by its name alone), and the plain message for each
// file that cannot be read. Names only tell apart files whose bytes are alike (.doc and
// .wps are both Compound File Binary).

import { unzipSync } from 'fflate';

export type AttachmentKind = 'pdf' | 'docx';

export type FailureCode = 'scan' | 'legacyDoc' | 'wps' | 'ofd' | 'encrypted' | 'broken' | 'notReport' | 'unreadableTable' | 'tooLarge' | 'unknown';

/** Why a file was not read or checked: a plain sentence in both languages, and what was seen. */
export interface AttachmentFailure {
  code: FailureCode;
  zh: string;
  en: string;
  detail?: string;
}

/**
 * The largest attachment read, in the CLI and the attachment page alike (a report is
 * 0.1–5 MB; beyond this it is a scan or not a report). The privacy policy names it.
 */
export const MAX_ATTACHMENT_BYTES = 30 * 1024 * 1024;

const TEXT: Record<FailureCode, [string, string]> = {
  scan: [
    'PDF 没有文字层（扫描件或图片），无法读取表格，未核对',
    'The PDF has no text layer (a scan or images): its tables cannot be read and were not checked',
  ],
  legacyDoc: [
    'Word 97-2003 格式（.doc）无法读取，请另存为 .docx 或 PDF 后再检查',
    'Word 97-2003 files (.doc) cannot be read: save it as .docx or PDF and check that',
  ],
  wps: ['WPS 文字格式（.wps）无法读取，请另存为 .docx 或 PDF 后再检查', 'WPS Writer files (.wps) cannot be read: save it as .docx or PDF and check that'],
  ofd: ['OFD 版式文件暂不支持，请使用 PDF 或 .docx 版本', 'OFD files are not supported yet: use the PDF or .docx version'],
  encrypted: ['文件已加密（需要密码），无法读取', 'The file is encrypted (a password is needed): it cannot be read'],
  broken: ['文件已损坏或不完整，无法读取', 'The file is damaged or incomplete: it cannot be read'],
  notReport: ['附件不是政府信息公开工作年度报告，未核对', 'The attachment is not a government information-disclosure annual report: not checked'],
  unreadableTable: ['附件表格无法可靠读取，未核对', 'The tables of the attachment cannot be read reliably: not checked'],
  tooLarge: ['文件过大，未读取', 'The file is too large: not read'],
  unknown: ['无法识别的文件格式（不是 PDF 或 .docx），未读取', 'Unrecognised file format (neither PDF nor .docx): not read'],
};

/** The failure of a code, with what was seen. */
export function failure(code: FailureCode, detail?: string): AttachmentFailure {
  const [zh, en] = TEXT[code];
  return { code, zh, en, ...(detail && { detail }) };
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));
/** Whether a UTF-16LE name occurs in the bytes (CFB directory entries are UTF-16LE). */
function hasUtf16(b: Uint8Array, name: string): boolean {
  const pat = [...name].flatMap((c) => [c.charCodeAt(0), 0]);
  outer: for (let i = 0; i + pat.length <= b.length; i++) {
    for (let k = 0; k < pat.length; k++) if (b[i + k] !== pat[k]) continue outer;
    return true;
  }
  return false;
}

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/**
 * Recognise a file by its bytes: %PDF- → pdf; a zip holding word/document.xml → docx.
 * Everything else is refused with its reason: a legacy Word/WPS file (Compound File
 * Binary), an encrypted Office file (also CFB, with EncryptionInfo), an OFD (a zip with
 * OFD.xml), an empty or cut file, images (a scan), anything else.
 */
export function sniffAttachment(bytes: Uint8Array, name?: string): { kind: AttachmentKind } | { refusal: AttachmentFailure } {
  const ext = /\.([a-z0-9]{1,5})$/i.exec(name ?? '')?.[1]?.toLowerCase() ?? '';
  if (bytes.length === 0) return { refusal: failure('broken', '文件为空 / empty file') };
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    return { refusal: failure('tooLarge', `${(bytes.length / 1024 / 1024).toFixed(0)} MB > ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`) };
  // %PDF- may follow some junk (the format allows it within the first 1024 bytes)
  const head = ascii(bytes, 0, 1024);
  if (head.includes('%PDF-')) return { kind: 'pdf' };
  if (startsWith(bytes, CFB)) {
    if (hasUtf16(bytes, 'EncryptionInfo')) return { refusal: failure('encrypted', 'Office 加密文件 / encrypted Office file') };
    if (ext === 'wps') return { refusal: failure('wps') };
    if (hasUtf16(bytes, 'WordDocument')) return { refusal: failure(ext === 'wps' ? 'wps' : 'legacyDoc') };
    return { refusal: failure(ext === 'doc' ? 'legacyDoc' : 'unknown', 'Compound File Binary (.doc/.xls/.ppt/.wps)') };
  }
  if (startsWith(bytes, ZIP)) {
    const names: string[] = [];
    try {
      unzipSync(bytes, {
        filter: (f) => {
          names.push(f.name);
          return false;
        },
      });
    } catch (e) {
      return { refusal: failure('broken', `zip: ${e instanceof Error ? e.message : String(e)}`) };
    }
    if (names.includes('word/document.xml')) return { kind: 'docx' };
    if (names.some((n) => /^(OFD\.xml|Doc_\d+\/)/i.test(n))) return { refusal: failure('ofd') };
    return { refusal: failure(ext === 'docx' ? 'broken' : 'unknown', `zip without word/document.xml (${names.slice(0, 3).join(', ')})`) };
  }
  if (startsWith(bytes, [0x50, 0x4b])) return { refusal: failure('broken', 'zip') };
  if (
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    head.startsWith('GIF8') ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])
  )
    return { refusal: failure('scan', 'image file') };
  if (head.startsWith('{\\rtf')) return { refusal: failure('unknown', 'RTF') };
  if (/^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)/i.test(head))
    return { refusal: failure('unknown', '此文件实为网页（HTML），请作为网页检查 / the file is a web page (HTML): check it as a page') };
  if (ext === 'doc') return { refusal: failure('legacyDoc', 'not a Word 97-2003 file either') };
  if (ext === 'pdf' || ext === 'docx') return { refusal: failure('broken', `no ${ext.toUpperCase()} signature`) };
  return { refusal: failure('unknown') };
}
