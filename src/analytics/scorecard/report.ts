import { getWatchlist } from '../../sources/sec/thirteenf/watchlist-store.js';
import type { Store } from '../../store/store.js';
import { loadPremiumMarket } from '../thirteenf/market.js';
import { PREMIUM_METHOD } from '../thirteenf/premium.js';
import { knownEpisodesOf, loadCuratedEpisodes, type ShortEpisode } from './episodes.js';
import {
  type ClassSummary,
  OUTCOME_HORIZON_MONTHS,
  type ScoredEpisode,
  scoreEpisode,
  summariseByClass,
  VERDICT_TENOR,
} from './score.js';
import { loadThirteenFPutEpisodes, mergeEpisodes } from './thirteenf.js';

/**
 * The scorecard as known on an as-of day (CLI `scorecard`, API /api/scorecard, and thesis 5,
 * which reads this object): episodes public by then, prices dated ≤ asOf, DGS3MO as known then,
 * reported outcomes only once their horizon had ended.
 */

export interface Scorecard {
  asOf: string;
  episodes: ScoredEpisode[];
  summary: ClassSummary[];
  thirteenFStored: boolean;
  /** Put positions read from stored 13F filings public by asOf (before merging with the curated episodes). */
  thirteenFPutRows: number;
  /** Filers on the 13F watchlist: only their puts are read (none when the list is empty). */
  watchedFilers: number;
  premiumMethod: typeof PREMIUM_METHOD;
  assumptions: string;
}

export const SCORECARD_ASSUMPTIONS =
  `Put estimate: the one 13F premium (${PREMIUM_METHOD.model}; strike = ${PREMIUM_METHOD.strike}; realised volatility of the ` +
  `${PREMIUM_METHOD.volReturns} daily returns before it; risk-free = ${PREMIUM_METHOD.rateSeries} as known then, ` +
  `${(PREMIUM_METHOD.fallbackRate * 100).toFixed(0)} % when not stored), held to expiry; tenors ${PREMIUM_METHOD.horizonsMonths.join('/')} months (expiry is unknown). ` +
  `Win = the ${VERDICT_TENOR}-month put from the period end paid back more than its premium. MAE = largest rise of the ` +
  `underlying above the entry within 12 months. Episodes count from their filing date (curated rows without one: period end + 45 days); ` +
  `a reported outcome counts from period end + ${OUTCOME_HORIZON_MONTHS} months. A stored filing's figures win over curated ones. ` +
  `13F "value" of an option row is the underlying's notional, not money at risk.`;

/** Curated episodes and stored 13F puts, merged, as public on `asOf`. */
export async function loadEpisodesAsOf(
  store: Store,
  asOf: string,
): Promise<{
  episodes: ShortEpisode[];
  thirteenFStored: boolean;
  thirteenFPutRows: number;
  watchedFilers: number;
}> {
  const f = await loadThirteenFPutEpisodes(store.db, asOf);
  return {
    watchedFilers: (await getWatchlist(store.db)).length,
    episodes: knownEpisodesOf(mergeEpisodes(await loadCuratedEpisodes(store.db, asOf), f.episodes), asOf),
    thirteenFStored: f.stored,
    thirteenFPutRows: f.episodes.length,
  };
}

export async function loadScorecard(store: Store, asOf: string): Promise<Scorecard> {
  const e = await loadEpisodesAsOf(store, asOf);
  const market = await loadPremiumMarket(
    store,
    e.episodes.map((x) => x.priceSymbol),
    asOf,
  );
  const scored = e.episodes.map((x) =>
    scoreEpisode(x, market.prices[x.priceSymbol], { rates: market.rates, asOf }),
  );
  return {
    asOf,
    episodes: scored,
    summary: summariseByClass(scored),
    thirteenFStored: e.thirteenFStored,
    thirteenFPutRows: e.thirteenFPutRows,
    watchedFilers: e.watchedFilers,
    premiumMethod: PREMIUM_METHOD,
    assumptions: SCORECARD_ASSUMPTIONS,
  };
}
