// The pdf.js cMaps simplified Chinese needs (Adobe-GB1 and the GB/UniGB encodings, packed
// .bcmap, about 296 KB of the 1.2 MB directory; ../shared/domain/attachments.md §2.2).
// Without them a PDF whose fonts are not embedded and use a predefined CMap
// (UniGB-UCS2-H, as iText-era and some Acrobat/Foxit outputs write Chinese) yields no
// text at all, silently. Every -V file refers only to its -H parent: the set is closed.
// Identity-H/V are built into pdf.js and need no file.

/** Where the files are in the pdfjs-dist package. */
export const PDF_CMAP_DIR = 'cmaps';

/** The 33 files (relative to PDF_CMAP_DIR) the extension ships and the CLI reads. */
export const GB_CMAP_FILES: readonly string[] = [
  'Adobe-GB1-0.bcmap',
  'Adobe-GB1-1.bcmap',
  'Adobe-GB1-2.bcmap',
  'Adobe-GB1-3.bcmap',
  'Adobe-GB1-4.bcmap',
  'Adobe-GB1-5.bcmap',
  'Adobe-GB1-UCS2.bcmap',
  'GB-EUC-H.bcmap',
  'GB-EUC-V.bcmap',
  'GB-H.bcmap',
  'GB-V.bcmap',
  'GBK-EUC-H.bcmap',
  'GBK-EUC-V.bcmap',
  'GBK2K-H.bcmap',
  'GBK2K-V.bcmap',
  'GBKp-EUC-H.bcmap',
  'GBKp-EUC-V.bcmap',
  'GBT-EUC-H.bcmap',
  'GBT-EUC-V.bcmap',
  'GBT-H.bcmap',
  'GBT-V.bcmap',
  'GBTpc-EUC-H.bcmap',
  'GBTpc-EUC-V.bcmap',
  'GBpc-EUC-H.bcmap',
  'GBpc-EUC-V.bcmap',
  'UniGB-UCS2-H.bcmap',
  'UniGB-UCS2-V.bcmap',
  'UniGB-UTF16-H.bcmap',
  'UniGB-UTF16-V.bcmap',
  'UniGB-UTF32-H.bcmap',
  'UniGB-UTF32-V.bcmap',
  'UniGB-UTF8-H.bcmap',
  'UniGB-UTF8-V.bcmap',
];
