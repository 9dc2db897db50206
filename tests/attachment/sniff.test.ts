// Files recognised by their bytes, and every file that cannot be read refused with its own
// reason. The real and produced files are in produced.test.ts; the ones here are constructed
// (marked so): an OFD zip, an encrypted Office container, empty, image and HTML files.

import fs from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkAttachmentBytes } from '../../cli/attachment';
import { readDocx, readPdfPages, sniffAttachment, type FailureCode } from '../../lib/attachment/index';
import { PRODUCED, REAL } from './support';

const refusal = (bytes: Uint8Array, name?: string): FailureCode | 'read' => {
  const s = sniffAttachment(bytes, name);
  return 'refusal' in s ? s.refusal.code : 'read';
};
const file = (dir: string, name: string) => new Uint8Array(fs.readFileSync(path.join(dir, name)));
/** A Compound File Binary header followed by a UTF-16LE directory name (constructed). */
const cfb = (stream: string) =>
  new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0), ...[...stream].flatMap((c) => [c.charCodeAt(0), 0])]);

describe('sniffAttachment', () => {
  it('recognises PDF and DOCX by their bytes, whatever the name', () => {
    expect(sniffAttachment(file(REAL, 'huaian-2024.pdf'), 'download.jsp')).toEqual({ kind: 'pdf' });
    expect(sniffAttachment(file(REAL, 'template-2021-blank.docx'), 'P020240101.bin')).toEqual({ kind: 'docx' });
    // junk before %PDF- (allowed by the format within the first 1024 bytes)
    expect(sniffAttachment(new Uint8Array([...strToU8('\r\n\r\n'), ...file(REAL, 'hongze-2024.pdf')]))).toEqual({ kind: 'pdf' });
  });

  it.each([
    ['a Word 97-2003 file (LibreOffice)', file(PRODUCED, 'libreoffice-pingtan-2023.doc'), 'report.doc', 'legacyDoc'],
    ['the same bytes named .wps', file(PRODUCED, 'libreoffice-pingtan-2023.doc'), '年报.wps', 'wps'],
    ['an encrypted Office file (constructed: CFB with EncryptionInfo)', cfb('EncryptionInfo'), 'report.docx', 'encrypted'],
    [
      'an OFD (constructed: a zip with OFD.xml)',
      zipSync({ 'OFD.xml': strToU8('<ofd:OFD/>'), 'Doc_0/Document.xml': strToU8('<ofd:Document/>') }),
      'report.ofd',
      'ofd',
    ],
    ['a zip that is not a Word file (constructed)', zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }), 'report.xlsx', 'unknown'],
    ['a cut DOCX (produced)', file(PRODUCED, 'truncated-pingtan-2023.docx'), 'report.docx', 'broken'],
    ['an empty file', new Uint8Array(0), 'report.pdf', 'broken'],
    ['a JPEG (a photographed report)', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'report.jpg', 'scan'],
    ['an HTML page saved as .doc (constructed)', strToU8('<html><body><table></table></body></html>'), 'report.doc', 'unknown'],
    ['anything else named .pdf', strToU8('not a pdf at all'), 'report.pdf', 'broken'],
    ['anything else', strToU8('hello'), 'notes.txt', 'unknown'],
  ])('refuses %s', (_, bytes, name, code) => {
    expect(refusal(bytes, name)).toBe(code);
    const s = sniffAttachment(bytes, name);
    if ('refusal' in s) {
      expect(s.refusal.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(s.refusal.en.length).toBeGreaterThan(10);
    }
  });

  it('says the HTML-as-.doc file is a web page to be checked as one', () => {
    const s = sniffAttachment(strToU8('<!DOCTYPE html><html><body>x</body></html>'), 'r.doc');
    expect('refusal' in s && s.refusal.detail).toMatch(/网页/);
  });
});

describe('the readers never throw and never succeed on nothing', () => {
  it('readDocx of bytes that are not a DOCX gives a failure and escaped, empty html', () => {
    for (const bytes of [new Uint8Array(0), strToU8('<script>alert(1)</script>'), file(PRODUCED, 'truncated-pingtan-2023.docx')]) {
      const r = readDocx(bytes, '<b>x</b>.docx');
      expect(r.failure).toBeDefined();
      expect(r.html).not.toContain('<b>');
      expect(r.html).not.toContain('<script>');
    }
  });

  it('readPdfPages of no pages, or pages without text, is broken or a scan', () => {
    expect(readPdfPages([]).failure?.code).toBe('broken');
    const blank = { page: 1, width: 595, height: 842, items: [], rulings: [], images: 1 };
    expect(readPdfPages([blank, { ...blank, page: 2 }]).failure?.code).toBe('scan');
    // a page number and a stamp are not a text layer
    expect(readPdfPages([{ ...blank, items: [{ str: '- 1 -', x: 280, y: 800, w: 20, h: 9, vertical: false }] }]).failure?.code).toBe('scan');
  });

  it('refuses a DOCX whose document.xml inflates beyond 40 MB (a zip bomb) before inflating it', () => {
    // constructed: 64 MB of one character compress to some 60 KB
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(64 * 1024 * 1024).fill(0x20) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const r = readDocx(bomb, 'bomb.docx');
    expect(r.failure?.code).toBe('tooLarge');
    expect(r.failure?.detail).toContain('64 MB');
  });

  it('a PDF read only in part says so in its quality line', () => {
    const item = (str: string, y: number) => ({ str, x: 80, y, w: 300, h: 12, vertical: false });
    const page = {
      page: 1,
      width: 595,
      height: 842,
      items: [item('某局2023年政府信息公开工作年度报告', 80), item('本报告根据《中华人民共和国政府信息公开条例》编制。', 120)],
      rulings: [],
      of: 300,
    };
    const r = readPdfPages([page], 'bundle.pdf');
    expect(r.documentPages).toBe(300);
    expect(r.quality.zh).toContain('共 300 页，只读取了前 1 页');
    expect(r.quality.en).toContain('300 pages, the first 1 read');
  });

  it('the CLI entry of a refused file carries the reason in both languages', async () => {
    const [entry] = await checkAttachmentBytes('x/report.doc', file(PRODUCED, 'libreoffice-pingtan-2023.doc'));
    expect(entry).toMatchObject({ source: 'x/report.doc', detected: false, kind: 'unreadable', report: null, findings: [] });
    expect(entry!.error).toContain('Word 97-2003');
    expect(entry!.error).toContain('.docx');
  });
});
