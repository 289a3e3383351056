import { cryptoUpdateJob } from './jobs/crypto.js';
import { fredUpdateJob } from './jobs/fred.js';
import { nyfedUpdateJob } from './jobs/nyfed.js';
import { pricesUpdateJob } from './jobs/prices.js';
import { secUpdateJob } from './jobs/sec.js';
import { xbrlUpdateJob } from './jobs/xbrl.js';
import { treasuryUpdateJob } from './jobs/treasury.js';
import type { UpdateJob } from './types.js';

/** Every source `tidewatch update` knows, in the order a full update runs them. */
export const UPDATE_JOBS: UpdateJob[] = [
  fredUpdateJob,
  nyfedUpdateJob,
  treasuryUpdateJob,
  secUpdateJob,
  xbrlUpdateJob,
  pricesUpdateJob,
  cryptoUpdateJob,
];

export function findJob(source: string): UpdateJob | undefined {
  return UPDATE_JOBS.find((j) => j.source === source);
}
