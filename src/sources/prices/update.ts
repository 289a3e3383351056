import { updateJobOf } from '../../update/job.js';
import { pricesReplayMiss, pricesSource } from './source.js';

/** `tidewatch update --source prices`: the Yahoo chart source through the generic job. */
export const pricesUpdateJob = updateJobOf(pricesSource, { replayMiss: pricesReplayMiss });
