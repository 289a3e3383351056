import { type ClientFactory, cryptoReplayMiss, makeCryptoSource } from '../sources/crypto/source.js';
import { fredSource } from '../sources/fred/source.js';
import { nyfedSource } from '../sources/nyfed/source.js';
import { pricesReplayMiss, pricesSource } from '../sources/prices/source.js';
import { thirteenFSource } from '../sources/sec/thirteenf/source.js';
import { xbrlSource } from '../sources/sec/xbrl/source.js';
import { treasurySource } from '../sources/treasury/source.js';
import { curatedUpdateJob } from './import/curated.js';
import { updateJobOf } from './job.js';
import type { UpdateJob } from './types.js';

/**
 * `tidewatch update --source <name>`: each source's definition through the one job (job.ts).
 * Items: fred one per series; nyfed sofr, effr, repo, treasury; treasury tga, debt-transactions,
 * debt-to-penny, auctions; sec one per watched filer (`--series 1649339`) plus the CUSIP list;
 * xbrl one per company (`--series MSFT,NVDA`); prices and crypto one per symbol/market; curated
 * one item, the shipped curated files (update/import/curated.ts).
 */
export const fredUpdateJob = updateJobOf(fredSource);
export const nyfedUpdateJob = updateJobOf(nyfedSource);
export const treasuryUpdateJob = updateJobOf(treasurySource);
export const secUpdateJob = updateJobOf(thirteenFSource);
export const xbrlUpdateJob = updateJobOf(xbrlSource);
export const pricesUpdateJob = updateJobOf(pricesSource, { replayMiss: pricesReplayMiss });

/** The crypto job on a given exchange client (tests pass a fake exchange). */
export function makeCryptoUpdateJob(factory?: ClientFactory): UpdateJob {
  return updateJobOf(makeCryptoSource(factory), { replayMiss: cryptoReplayMiss });
}
export const cryptoUpdateJob = makeCryptoUpdateJob();

/** Every source `tidewatch update` knows, in the order a full update runs them. */
export const UPDATE_JOBS: UpdateJob[] = [
  // First: the ledger evaluated at the end of an update reads the curated rows.
  curatedUpdateJob,
  fredUpdateJob,
  nyfedUpdateJob,
  treasuryUpdateJob,
  secUpdateJob,
  xbrlUpdateJob,
  pricesUpdateJob,
  cryptoUpdateJob,
];

export function findJob(source: string): UpdateJob | undefined {
  return UPDATE_JOBS.find((j) => j.source === source);
}
