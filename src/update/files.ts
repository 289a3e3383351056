import { readFileSync } from 'node:fs';
import { reasonOf, TidewatchError } from '../core/errors.js';
import { eachItem } from './items.js';
import type { SeriesSummary } from './types.js';

/** A whole text file; unreadable → 'not-found' naming the file and the OS code (ENOENT, EISDIR…). */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new TidewatchError(
      'not-found',
      `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? reasonOf(e)})`,
    );
  }
}

/**
 * `tidewatch import <source> FILE...`: each file on its own, announced through `onFile`, its
 * text handed to `fn`; an unreadable or unparsable file becomes a failed summary naming the
 * file and the other files still import.
 */
export function importEachFile(
  source: string,
  files: readonly string[],
  onFile: ((file: string) => void) | undefined,
  fn: (file: string, text: string) => Promise<SeriesSummary | SeriesSummary[]>,
): Promise<SeriesSummary[]> {
  return eachItem(source, files, (file) => fn(file, readTextFile(file)), onFile ? { before: onFile } : {});
}
