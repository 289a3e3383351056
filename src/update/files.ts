import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { type DecodedText, decodeText } from '../core/decode.js';
import { reasonOf, TidewatchError } from '../core/errors.js';
import { archivePathOf } from '../http/archive.js';

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

/** Bytes read per step when a file is streamed: bounds what a read holds besides its parse. */
const CHUNK_BYTES = 1 << 16;

/**
 * A file read a piece at a time. `open` makes one pass over the bytes (sha256, a copy into the
 * raw archive, the encoding check); the text is then read again in pieces, as often as a parser
 * asks. A file that is not plain UTF-8/ASCII text (a UTF-16 or windows-1252 export, a NUL byte,
 * invalid UTF-8) is decoded whole by the one decoder instead, so its warnings and refusals are
 * worded exactly as for any other input: those are small exports, never the 200 MB case.
 */
export interface StreamedFile {
  file: string;
  size: number;
  sha256: string;
  archivePath: string | null;
  readAt: string;
  /** How the bytes were decoded, when that was not plain UTF-8 (see decodeText). */
  warnings: string[];
  /** The decoded text in pieces (BOM removed). */
  pieces(): Generator<string>;
  /** The first `n` characters of the text (BOM removed). */
  head(n: number): string;
}

/** The bytes of `fd` from `from` to `size` in pieces; each piece is valid until the next is asked for. */
function* readPieces(fd: number, size: number, from: number): Generator<Buffer> {
  const buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(1, size)));
  for (let pos = from; pos < size; ) {
    const n = readSync(fd, buf, 0, buf.length, pos);
    if (n <= 0) break;
    pos += n;
    yield buf.subarray(0, n);
  }
}

/** Open `file` for streaming (see StreamedFile); unreadable → 'not-found' as readFileBytes. */
export function openStreamedFile(file: string, archiveDir: string | null): StreamedFile {
  let fd: number;
  let size: number;
  try {
    fd = openSync(file, 'r');
    const st = fstatSync(fd);
    size = st.size;
    if (st.isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
  } catch (e) {
    throw new TidewatchError(
      'not-found',
      `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? reasonOf(e)})`,
    );
  }
  let tmp: string | null = null;
  let out: number | null = null;
  // Closed descriptors are never closed again: their number may belong to another file by then.
  let fdOpen = true;
  try {
    const hash = createHash('sha256');
    // Copied into the archive while hashing; renamed to its content address at the end.
    tmp = archiveDir ? path.join(archiveDir, `import.${process.pid}.${Date.now()}.tmp`) : null;
    if (tmp) {
      mkdirSync(path.dirname(tmp), { recursive: true });
      out = openSync(tmp, 'w');
    }
    // The one decoder decides for anything but BOM-less or BOM-led UTF-8 without NUL bytes.
    let plain = true;
    let ascii = true;
    let first = true;
    let bom = 0;
    const check = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    for (const bytes of readPieces(fd, size, 0)) {
      hash.update(bytes);
      if (out !== null) writeSync(out, bytes);
      if (first) {
        first = false;
        if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
          plain = false;
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bom = 3;
      }
      if (!plain) continue;
      if (bytes.indexOf(0) >= 0) plain = false;
      else if (ascii && !isAscii(bytes)) ascii = false;
      if (!ascii && plain) {
        try {
          check.decode(bytes, { stream: true });
        } catch {
          plain = false;
        }
      }
    }
    if (plain && !ascii) {
      try {
        check.decode();
      } catch {
        plain = false;
      }
    }
    const sha = hash.digest('hex');
    let archivePath: string | null = null;
    if (out !== null && tmp && archiveDir) {
      closeSync(out);
      out = null;
      archivePath = archivePathOf(archiveDir, sha);
      mkdirSync(path.dirname(archivePath), { recursive: true });
      renameSync(tmp, archivePath);
      tmp = null;
    }
    const read = { file, size, sha256: sha, archivePath, readAt: new Date().toISOString() };
    if (!plain) {
      closeSync(fd);
      fdOpen = false;
      const decoded = readDecodedFile(file);
      return {
        ...read,
        warnings: decoded.warnings,
        *pieces() {
          yield decoded.text;
        },
        head: (k) => decoded.text.slice(0, k),
      };
    }
    closeSync(fd);
    fdOpen = false;
    function* pieces(): Generator<string> {
      const rfd = openSync(file, 'r');
      try {
        const dec = new TextDecoder('utf-8', { ignoreBOM: true });
        // ASCII is its own Latin-1 (the fast path); UTF-8 keeps a character split between reads.
        for (const bytes of readPieces(rfd, size, bom))
          yield ascii ? bytes.toString('latin1') : dec.decode(bytes, { stream: true });
        if (!ascii) {
          const rest = dec.decode();
          if (rest) yield rest;
        }
      } finally {
        closeSync(rfd);
      }
    }
    return {
      ...read,
      warnings: [],
      pieces,
      head(k) {
        let s = '';
        for (const p of pieces()) {
          s += p;
          if (s.length >= k) break;
        }
        return s.slice(0, k);
      },
    };
  } catch (e) {
    for (const f of [fdOpen ? fd : null, out]) if (f !== null) closeQuietly(f);
    // A read that failed half way leaves no partial copy in the archive.
    if (tmp) rmSync(tmp, { force: true });
    throw e;
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}
