import { updateJobOf } from '../../../update/job.js';
import { thirteenFSource } from './source.js';

export { COMPANY_TICKERS_URL, thirteenFAccessions } from './source.js';

/** `tidewatch update --source sec`: the 13F source through the generic job. `--series 1649339` limits it to filers. */
export const secUpdateJob = updateJobOf(thirteenFSource);
