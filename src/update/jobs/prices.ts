import { pricesReplayMiss, pricesSource } from '../../sources/prices/source.js';
import { updateJobOf } from '../job.js';

/** `tidewatch update --source prices`: the Yahoo chart source through the generic job. */
export const pricesUpdateJob = updateJobOf(pricesSource, { replayMiss: pricesReplayMiss });
