import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The content-addressed raw archive: every byte string a source read — an HTTP response, a
 * replayed recording, an imported file — is kept once under `<dir>/<sha[0:2]>/<sha>`, so a stored
 * figure can be traced to the exact bytes it came from (`tidewatch trace`) even after the file
 * moved or the provider changed its answer.
 */

export function sha256(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The archive folder: $TIDEWATCH_ARCHIVE_DIR, else ./data/archive; set to '' it turns archiving off
 * (null). Absolute, because the path is stored with each archived response: a relative one would
 * point elsewhere as soon as `trace` or the server runs from another folder.
 */
export function archiveDirFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = env.TIDEWATCH_ARCHIVE_DIR ?? path.join('data', 'archive');
  return dir === '' ? null : path.resolve(dir);
}

/** Where bytes with this hash live in the archive (whether or not they are there yet). */
export function archivePathOf(dir: string, sha: string): string {
  return path.join(dir, sha.slice(0, 2), sha);
}

/** Keep `bytes` (whose hash is `sha`) in the archive once; returns the path. Written atomically. */
export function archiveBytes(dir: string, sha: string, bytes: Uint8Array): string {
  const file = archivePathOf(dir, sha);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  }
  return file;
}
