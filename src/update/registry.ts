import { fredUpdateJob } from '../sources/fred/update.js';
import type { UpdateJob } from './types.js';

/** Every source `tidewatch update` knows, in the order a full update runs them. */
export const UPDATE_JOBS: UpdateJob[] = [
  fredUpdateJob,
];

export function findJob(source: string): UpdateJob | undefined {
  return UPDATE_JOBS.find((j) => j.source === source);
}
