import type { Store } from '../../store/store.js';
import { loadPrices } from '../regime/load.js';
import { loadCuratedEpisodes } from './episodes.js';
import {
  type ClassSummary,
  PUT_TENORS,
  type ScoredEpisode,
  scoreEpisode,
  summariseByClass,
  VERDICT_TENOR,
} from './score.js';
import { loadThirteenFPutEpisodes, mergeEpisodes } from './thirteenf.js';

/** The scorecard from the store (CLI `scorecard`, API /api/scorecard). */

export interface Scorecard {
  episodes: ScoredEpisode[];
  summary: ClassSummary[];
  thirteenFStored: boolean;
  /** Put rows read from stored 13F filings (before merging with the curated episodes). */
  thirteenFPutRows: number;
  assumptions: string;
}

export const SCORECARD_ASSUMPTIONS =
  `Put estimate: at the money (strike = close on the reference date), Black-Scholes with the realised volatility of the ` +
  `63 trading days before it, 3 % risk-free, held to expiry; tenors ${PUT_TENORS.join('/')} months (expiry is unknown). ` +
  `Win = the ${VERDICT_TENOR}-month put from the period end paid back more than its premium. MAE = largest rise of the ` +
  `underlying above the entry within 12 months. 13F "value" of an option row is the underlying's notional, not money at risk.`;

export async function loadScorecard(store: Store): Promise<Scorecard> {
  const f = await loadThirteenFPutEpisodes(store.db);
  const episodes = mergeEpisodes(loadCuratedEpisodes(), f.episodes);
  const prices = await loadPrices(store, [...new Set(episodes.map((e) => e.priceSymbol).filter(Boolean))]);
  const scored = episodes.map((e) => scoreEpisode(e, prices[e.priceSymbol]));
  return {
    episodes: scored,
    summary: summariseByClass(scored),
    thirteenFStored: f.stored,
    thirteenFPutRows: f.episodes.length,
    assumptions: SCORECARD_ASSUMPTIONS,
  };
}
