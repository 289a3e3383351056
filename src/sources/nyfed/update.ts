import { updateJobOf } from '../../update/job.js';
import { nyfedSource } from './source.js';

/** `tidewatch update --source nyfed`: the NY Fed source through the generic job. Items: sofr, effr, repo, treasury. */
export const nyfedUpdateJob = updateJobOf(nyfedSource);
