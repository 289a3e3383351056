import { type RiskHistory, riskHistory, withKnownFrom } from '../regime/from-series.js';
import type { DatedValue } from '../regime/weekly.js';
import type { ShortEpisode } from '../scorecard/episodes.js';
import { type DailyPrices, scoreEpisode } from '../scorecard/score.js';
import type { ThesisData } from './types.js';

/** The ledger's own inputs beyond series and prices (each cut to the as-of day here). */
export interface LedgerExtras {
  highs?: Record<string, DailyPrices>;
  tokens?: ThesisData['tokens'];
  thirteenFPuts?: ThesisData['thirteenFPuts'];
  liquidations?: ThesisData['liquidations'];
}

function cutDaily(p: DailyPrices, asOf: string): DailyPrices | undefined {
  let n = 0;
  while (n < p.dates.length && p.dates[n]! <= asOf) n++;
  if (n === 0) return undefined;
  return {
    dates: p.dates.slice(0, n),
    closes: Array.from(p.closes).slice(0, n),
    ...(p.source ? { source: p.source } : {}),
  };
}

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
  extras: LedgerExtras = {},
): ThesisData {
  const cutSeries: Record<string, DatedValue[]> = {};
  for (const [id, obs] of Object.entries(series)) {
    cutSeries[id] = withKnownFrom(id, obs)!.filter((o) => o.knownFrom! <= asOf);
  }
  const cutPrices: Record<string, DailyPrices> = {};
  for (const [sym, p] of Object.entries(prices)) {
    const c = cutDaily(p, asOf);
    if (c) cutPrices[sym] = c;
  }
  const r = risk ?? riskHistory(asOf, cutSeries, cutPrices);
  const scorecard = episodes
    .filter((e) => e.periodEnd <= asOf)
    .map((e) => scoreEpisode(e, cutPrices[e.priceSymbol]));
  const data: ThesisData = {
    asOf,
    series: cutSeries,
    prices: cutPrices,
    risk: {
      levels: r.levels,
      forward: r.forward,
      counts: r.counts,
      netLiquidity: r.netLiquidity,
      weeklyPrices: r.weeklyPrices,
    },
    scorecard,
  };
  // A fiscal year counts from the day its figures were filed; without a filing date it cannot be placed in time.
  if (capex) data.capex = capex.filter((c) => c.knownFrom !== null && c.knownFrom <= asOf);
  if (extras.highs) {
    data.highs = {};
    for (const [sym, p] of Object.entries(extras.highs)) {
      const c = cutDaily(p, asOf);
      if (c) data.highs[sym] = c;
    }
  }
  if (extras.tokens) data.tokens = extras.tokens.filter((t) => t.published <= asOf);
  if (extras.thirteenFPuts) data.thirteenFPuts = extras.thirteenFPuts.filter((r) => r.filed <= asOf);
  if (extras.liquidations) data.liquidations = extras.liquidations.filter((l) => l.date <= asOf);
  return data;
}
