import { xbrlSource } from '../../sources/sec/xbrl/source.js';
import { updateJobOf } from '../job.js';

/** `tidewatch update --source xbrl`: companyfacts through the generic job. `--series MSFT,NVDA` limits it. */
export const xbrlUpdateJob = updateJobOf(xbrlSource);
