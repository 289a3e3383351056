import { readFileSync } from 'node:fs';
import { dataFile } from '../../../../test/shared-data.js';
import { toCanonical, type Unit } from '../../../core/units.js';
import type { Obs } from '../series.js';

/**
 * Test-only reader for the FRED CSVs in ../shared/data (both `observation_date` and legacy
 * `DATE` headers; empty or `.` = missing). Production code reads FRED through the lead's
 * connector and the store; tests of pure indicators need the same numbers without a store.
 */
export function readFredCsv(relPath: string, unit: Unit): Obs[] {
  const text = readFileSync(dataFile('fred', ...relPath.split('/')), 'utf8');
  const out: Obs[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const [date, raw] = lines[i]!.split(',');
    if (!date || raw === undefined || raw === '' || raw === '.') continue;
    out.push({ date, value: toCanonical(Number(raw), unit) });
  }
  return out;
}
