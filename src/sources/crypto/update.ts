import { updateJobOf } from '../../update/job.js';
import type { UpdateJob } from '../../update/types.js';
import { type ClientFactory, cryptoReplayMiss, makeCryptoSource } from './source.js';

export { CRYPTO_MARKETS } from './source.js';

/** `tidewatch update --source crypto`: the crypto source through the generic job (tests pass a fake exchange). */
export function makeCryptoUpdateJob(factory?: ClientFactory): UpdateJob {
  return updateJobOf(makeCryptoSource(factory), { replayMiss: cryptoReplayMiss });
}

export const cryptoUpdateJob = makeCryptoUpdateJob();
