import { readFileSync } from 'node:fs';
import { dataFile } from '../../../../test/shared-data.js';

/** Test helper: the text of a real file under shared/data/sec (read in place, never copied). */
export function secText(...parts: string[]): string {
  return readFileSync(dataFile('sec', ...parts), 'utf8');
}
