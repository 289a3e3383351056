import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project root (the folder holding package.json). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The real recorded data lives beside the project at ../shared/data and is read in place,
 * never copied. TIDEWATCH_SHARED_DATA overrides the location.
 */
export const SHARED_DATA = process.env.TIDEWATCH_SHARED_DATA ?? path.resolve(PROJECT_ROOT, '../shared/data');

export function dataFile(...parts: string[]): string {
  const p = path.join(SHARED_DATA, ...parts);
  if (!existsSync(p)) {
    throw new Error(`shared data file missing: ${p} (set TIDEWATCH_SHARED_DATA to the shared/data folder)`);
  }
  return p;
}

/** A shared data file's text (UTF-8). */
export function dataText(...parts: string[]): string {
  return readFileSync(dataFile(...parts), 'utf8');
}
