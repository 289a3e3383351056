import type { DailyPrices } from '../scorecard/score.js';
import { computeRiskLevels, type RiskLevels } from './engine.js';
import { forwardStatsByLevel, type LevelHorizonStats } from './forward.js';
import { buildRiskInputs, type RiskSources } from './inputs.js';
import { type DatedValue, fridays, weeklyCloses } from './weekly.js';

/**
 * Risk levels from series keyed by their store ids (FRED ids; canonical units) and BTC closes.
 * Shared by the CLI, the API and the thesis ledger so all three compute the same thing.
 */

/** Store series ids feeding each input. IOER is spliced before IORB (2021-07-29). */
export const RISK_SERIES = {
  fedAssets: 'WALCL',
  tga: 'WTREGEN',
  rrp: 'RRPONTSYD',
  reserves: 'WRESBAL',
  sofr: 'SOFR',
  iorb: 'IORB',
  ioer: 'IOER',
  hySpread: 'BAMLH0A0HYM2',
  vix: 'VIXCLS',
  nfci: 'NFCI',
} as const;

/** First week of the risk history: the FRED files (and HY OAS on FRED) start in 2007. */
export const RISK_HISTORY_START = '2007-01-05';

export function riskSourcesFromSeries(
  series: Record<string, DatedValue[] | undefined>,
  btc?: DailyPrices,
): RiskSources {
  const S = RISK_SERIES;
  const iorb = [...(series[S.ioer] ?? []).filter((o) => o.date < '2021-07-29'), ...(series[S.iorb] ?? [])];
  const src: RiskSources = {};
  const put = (k: keyof RiskSources, v: DatedValue[] | undefined) => {
    if (v?.length) src[k] = v;
  };
  put('fedAssets', series[S.fedAssets]);
  put('tga', series[S.tga]);
  put('rrp', series[S.rrp]);
  put('reserves', series[S.reserves]);
  put('sofr', series[S.sofr]);
  put('iorb', iorb);
  put('hySpread', series[S.hySpread]);
  put('vix', series[S.vix]);
  put('nfci', series[S.nfci]);
  if (btc)
    put(
      'btc',
      btc.dates.map((date, i) => ({ date, value: btc.closes[i]! })),
    );
  return src;
}

export interface RiskHistory {
  levels: RiskLevels;
  /** Forward stats per level, by asset symbol (only assets with prices). */
  forward: Record<string, LevelHorizonStats[]>;
  /** Weekly closes per asset aligned to the weeks (for charts). */
  weeklyPrices: Record<string, Float64Array>;
}

export function riskHistory(
  asOf: string,
  series: Record<string, DatedValue[] | undefined>,
  prices: Record<string, DailyPrices | undefined>,
  forwardAssets: readonly string[] = ['SPY', 'QQQ', 'BTC'],
): RiskHistory {
  const weeks = fridays(RISK_HISTORY_START, asOf);
  const levels = computeRiskLevels(buildRiskInputs(weeks, riskSourcesFromSeries(series, prices.BTC)));
  const forward: Record<string, LevelHorizonStats[]> = {};
  const weeklyPrices: Record<string, Float64Array> = {};
  for (const a of forwardAssets) {
    const p = prices[a];
    if (!p) continue;
    const w = weeklyCloses(weeks, p.dates, p.closes);
    weeklyPrices[a] = w;
    forward[a] = forwardStatsByLevel(levels.levels, w);
  }
  return { levels, forward, weeklyPrices };
}
