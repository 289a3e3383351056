import { readdirSync, readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { type DecodedText, decodeText } from '../core/decode.js';
import { reasonOf, TidewatchError } from '../core/errors.js';

/** A whole file's bytes; unreadable → 'not-found' naming the file and the OS code (ENOENT, EISDIR, ELOOP…). */
export function readFileBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new TidewatchError(
      'not-found',
      `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? reasonOf(e)})`,
    );
  }
}

/** A whole text file through the one decoder (BOM removed, UTF-8 or windows-1252 with a warning). */
export function readDecodedFile(file: string): DecodedText {
  return decodeText(readFileBytes(file), file);
}

/** A whole text file (see readDecodedFile); decoding notes are dropped. */
export function readTextFile(file: string): string {
  return readDecodedFile(file).text;
}

/**
 * Files under `roots` (files given directly are kept as they are), sorted per folder, for which
 * `keep` is true. Symbolic links are followed once: a folder reached again (a link loop) is
 * skipped with a note, and a link to nothing is kept as a file so that its importer reports
 * it as unreadable (one failed item) instead of the walk throwing.
 */
export function walkFiles(
  roots: readonly string[],
  keep: (file: string) => boolean,
): { files: string[]; notes: string[] } {
  const files: string[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  // A link to a folder that contains the walk's own root leads back into it (`loop -> ..`).
  let rootReal = '';
  const visit = (p: string, top: boolean) => {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      // Missing, dangling link or link loop (ELOOP): let the importer name it, if it is wanted.
      if (top || keep(p)) files.push(p);
      else notes.push(`${p}: skipped (${(e as NodeJS.ErrnoException).code ?? reasonOf(e)})`);
      return;
    }
    if (!st.isDirectory()) {
      if (top || keep(p)) files.push(p);
      return;
    }
    let real: string;
    try {
      real = realpathSync(p);
    } catch {
      real = p;
    }
    if (top) rootReal = real;
    if (seen.has(real) || (!top && (rootReal === real || rootReal.startsWith(real + path.sep)))) {
      notes.push(`${p}: skipped, folder already visited as ${real} (symbolic link loop?)`);
      return;
    }
    seen.add(real);
    let names: string[];
    try {
      names = readdirSync(p).sort();
    } catch (e) {
      notes.push(`${p}: cannot list (${(e as NodeJS.ErrnoException).code ?? reasonOf(e)})`);
      return;
    }
    for (const name of names) visit(path.join(p, name), false);
  };
  for (const r of roots) visit(r, true);
  return { files, notes };
}
