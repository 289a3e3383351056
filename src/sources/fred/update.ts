import { updateJobOf } from '../../update/job.js';
import { fredSource } from './source.js';

/** `tidewatch update --source fred`: the FRED source through the generic job. */
export const fredUpdateJob = updateJobOf(fredSource);
