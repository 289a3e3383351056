import { cryptoUpdateJob } from '../sources/crypto/update.js';
import { fredUpdateJob } from '../sources/fred/update.js';
import { nyfedUpdateJob } from '../sources/nyfed/update.js';
import { pricesUpdateJob } from '../sources/prices/update.js';
import { secUpdateJob } from '../sources/sec/thirteenf/fetch.js';
import { xbrlUpdateJob } from '../sources/sec/xbrl/update.js';
import { treasuryUpdateJob } from '../sources/treasury/update.js';
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
