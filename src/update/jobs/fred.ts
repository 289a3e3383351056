import { fredSource } from '../../sources/fred/source.js';
import { updateJobOf } from '../job.js';

/** `tidewatch update --source fred`: the FRED source through the generic job. */
export const fredUpdateJob = updateJobOf(fredSource);
