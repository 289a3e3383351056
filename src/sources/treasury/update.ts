import { updateJobOf } from '../../update/job.js';
import { treasurySource } from './source.js';

/** `tidewatch update --source treasury`: the Fiscal Data source through the generic job. Items: tga, debt-transactions, debt-to-penny, auctions. */
export const treasuryUpdateJob = updateJobOf(treasurySource);
