import { readFileSync } from 'node:fs';
import { dataFile } from '../../../../test/shared-data.js';

/** Test helper: the text of a real file under shared/data/sec (read in place, never copied). */
export function secText(...parts: string[]): string {
  return readFileSync(dataFile('sec', ...parts), 'utf8');
}

/**
 * The quarters of Scion's (CIK 1649339) 13F filings in shared/data/sec/scion (PROVENANCE.md):
 * 2021 Q4 to 2023 Q3, its 2025 filings held out.
 */
export const SCION_PERIODS = [
  '2021-12-31',
  '2022-03-31',
  '2022-06-30',
  '2022-09-30',
  '2022-12-31',
  '2023-03-31',
  '2023-06-30',
  '2023-09-30',
];
