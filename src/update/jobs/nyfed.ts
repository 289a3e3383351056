import { nyfedSource } from '../../sources/nyfed/source.js';
import { updateJobOf } from '../job.js';

/** `tidewatch update --source nyfed`: the NY Fed source through the generic job. Items: sofr, effr, repo, treasury. */
export const nyfedUpdateJob = updateJobOf(nyfedSource);
