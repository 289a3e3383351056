import { type RiskHistory, riskHistory, withKnownFrom } from '../regime/from-series.js';
import type { DatedValue } from '../regime/weekly.js';
import type { ShortEpisode } from '../scorecard/episodes.js';
import { type DailyPrices, scoreEpisode } from '../scorecard/score.js';
import type { ThesisData } from './types.js';

/**
 * Build the ledger's input from raw series and prices, cut to what was known on `asOf`:
 * observations with knownFrom ≤ asOf (a row without knownFrom gets its series' release rule,
 * sources/fred/publication.ts, as the store would), closes dated ≤ asOf. The scorecard is
 * computed from the cut data, so a past as-of re-creates the ledger as it would have read then
 * (forward returns can only use prices ≤ asOf). The risk history is `risk` when given — the
 * store path passes riskFromStore's, the very object `tidewatch risk` prints — else it is
 * computed by the same riskHistory from the cut series and prices.
 */
export function assembleThesisData(
  asOf: string,
  series: Record<string, DatedValue[]>,
  prices: Record<string, DailyPrices>,
  episodes: readonly ShortEpisode[],
  capex?: ThesisData['capex'],
  risk?: RiskHistory,
): ThesisData {
  const cutSeries: Record<string, DatedValue[]> = {};
  for (const [id, obs] of Object.entries(series)) {
    cutSeries[id] = withKnownFrom(id, obs)!.filter((o) => o.knownFrom! <= asOf);
  }
  const cutPrices: Record<string, DailyPrices> = {};
  for (const [sym, p] of Object.entries(prices)) {
    let n = 0;
    while (n < p.dates.length && p.dates[n]! <= asOf) n++;
    if (n > 0)
      cutPrices[sym] = {
        dates: p.dates.slice(0, n),
        closes: Array.from(p.closes).slice(0, n),
        source: p.source,
      };
  }
  const r = risk ?? riskHistory(asOf, cutSeries, cutPrices);
  const scorecard = episodes
    .filter((e) => e.periodEnd <= asOf)
    .map((e) => scoreEpisode(e, cutPrices[e.priceSymbol]));
  const data: ThesisData = {
    asOf,
    series: cutSeries,
    prices: cutPrices,
    risk: { levels: r.levels, forward: r.forward, counts: r.counts, netLiquidity: r.netLiquidity },
    scorecard,
  };
  if (capex) data.capex = capex.filter((c) => c.fiscalYearEnd <= asOf);
  return data;
}
