import { treasurySource } from '../../sources/treasury/source.js';
import { updateJobOf } from '../job.js';

/** `tidewatch update --source treasury`: the Fiscal Data source through the generic job. Items: tga, debt-transactions, debt-to-penny, auctions. */
export const treasuryUpdateJob = updateJobOf(treasurySource);
