import { type ClientFactory, cryptoReplayMiss, makeCryptoSource } from '../../sources/crypto/source.js';
import { updateJobOf } from '../job.js';
import type { UpdateJob } from '../types.js';

export { CRYPTO_MARKETS } from '../../sources/crypto/source.js';

/** `tidewatch update --source crypto`: the crypto source through the generic job (tests pass a fake exchange). */
export function makeCryptoUpdateJob(factory?: ClientFactory): UpdateJob {
  return updateJobOf(makeCryptoSource(factory), { replayMiss: cryptoReplayMiss });
}

export const cryptoUpdateJob = makeCryptoUpdateJob();
