import { updateJobOf } from '../../../update/job.js';
import { xbrlSource } from './source.js';

/** `tidewatch update --source xbrl`: companyfacts through the generic job. `--series MSFT,NVDA` limits it. */
export const xbrlUpdateJob = updateJobOf(xbrlSource);
