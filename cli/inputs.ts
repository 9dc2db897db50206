// The batch checker's inputs: files named on the command line, and the pages of the
// directories named, searched recursively. Only regular files are ever read: a FIFO, a
// socket or a device is an input with its reason instead (opening a FIFO to read waits for
// a writer for ever), and so is a directory that cannot be listed; the run goes on.

import fs from 'node:fs';
import path from 'node:path';
import { fileKind, notRegularFile } from './check-file';

/** Saved pages, and reports published as PDF or DOCX (cli/attachment.ts). */
const PAGE_EXT = /\.(s?html?|xhtml|pdf|docx)$/i;

/** An input that is not read: its entry gives `error`. */
export interface Unread {
  source: string;
  error: string;
}

/** A file to read (its path), or one that will not be. */
export type Input = string | Unread;

/** The file-system calls the expansion makes (tests pass failing ones). */
export interface InputFs {
  readdirSync(dir: string, opts: { withFileTypes: true }): fs.Dirent[];
  statSync(file: string): fs.Stats;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Files named directly are kept (whatever their extension; one that is missing gets its
 * error when read); directories give their pages, sorted. Links inside a directory are
 * kept when their name is a page's (the file they lead to is checked when it is opened);
 * links to directories are not followed.
 */
export function expandInputs(inputs: readonly string[], io: InputFs = fs): Input[] {
  const out: Input[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = io.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      out.push({ source: dir, error: `目录无法读取 / unreadable directory: ${message(e)}` });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (!PAGE_EXT.test(entry.name)) continue;
      else if (entry.isFile() || entry.isSymbolicLink()) out.push(p);
      else out.push({ source: p, error: notRegularFile(fileKind(entry)) });
    }
  };
  for (const input of inputs) {
    let st: fs.Stats | null = null;
    try {
      st = io.statSync(input);
    } catch {
      // a missing file becomes an entry with an error when read; the run goes on
    }
    if (st?.isDirectory()) walk(input);
    else if (!st || st.isFile()) out.push(input);
    else out.push({ source: input, error: notRegularFile(fileKind(st)) });
  }
  return out;
}
