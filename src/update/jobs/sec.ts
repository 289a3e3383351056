import { thirteenFSource } from '../../sources/sec/thirteenf/source.js';
import { updateJobOf } from '../job.js';

export { COMPANY_TICKERS_URL, thirteenFAccessions } from '../../sources/sec/thirteenf/source.js';

/** `tidewatch update --source sec`: the 13F source through the generic job. `--series 1649339` limits it to filers. */
export const secUpdateJob = updateJobOf(thirteenFSource);
