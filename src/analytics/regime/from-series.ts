import { type LiquidityIndexes, liquidityIndexes } from '../../indicators/liquidity.js';
import { catalogEntryOrGeneric } from '../../sources/fred/catalog.js';
import { publicationDate } from '../../sources/fred/publication.js';
import type { DailyPrices } from '../scorecard/score.js';
import { computeRiskLevels, levelEpisodes, type RiskLevels } from './engine.js';
import { forwardStatsByLevel, type LevelHorizonStats } from './forward.js';
import { buildRiskInputs, type RiskSources } from './inputs.js';
import { LEVEL_NAMES, type Level } from './rules.js';
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

/**
 * The day a value became public: its stored vintage, else the series' release rule
 * (sources/fred/publication.ts) — the one place publication lags live.
 */
export function withKnownFrom(seriesId: string, obs: readonly DatedValue[] | undefined): DatedValue[] | undefined {
  if (!obs) return undefined;
  const rule = catalogEntryOrGeneric(seriesId).release;
  return obs.map((o) => (o.knownFrom ? o : { ...o, knownFrom: publicationDate(rule, o.date) }));
}

/**
 * The point-in-time indexes net liquidity is computed from (indicators/liquidity.ts, the one
 * definition), built from series keyed by store id with `withKnownFrom`; undefined without Fed
 * assets or the TGA. For callers holding plain series rather than the store.
 */
export function liquidityIndexesFromSeries(series: Record<string, readonly DatedValue[] | undefined>): LiquidityIndexes | undefined {
  const S = RISK_SERIES;
  if (!series[S.fedAssets]?.length || !series[S.tga]?.length) return undefined;
  const rows = (id: string) => (withKnownFrom(id, series[id]) ?? []).map((o) => ({ date: o.date, value: o.value, knownFrom: o.knownFrom! }));
  return liquidityIndexes({ fedAssets: rows(S.fedAssets), tga: rows(S.tga), rrp: rows(S.rrp) });
}

export function riskSourcesFromSeries(
  series: Record<string, DatedValue[] | undefined>,
  btc?: DailyPrices,
): RiskSources {
  const S = RISK_SERIES;
  const get = (id: string) => withKnownFrom(id, series[id]) ?? [];
  const iorb = [...get(S.ioer).filter((o) => o.date < '2021-07-29'), ...get(S.iorb)];
  const src: RiskSources = {};
  const put = (k: keyof RiskSources, v: DatedValue[] | undefined) => {
    if (v?.length) src[k] = v;
  };
  put('fedAssets', get(S.fedAssets));
  put('tga', get(S.tga));
  put('rrp', get(S.rrp));
  put('reserves', get(S.reserves));
  put('sofr', get(S.sofr));
  put('iorb', iorb);
  put('hySpread', get(S.hySpread));
  put('vix', get(S.vix));
  put('nfci', get(S.nfci));
  // A close is public at the close of its own day.
  if (btc)
    put(
      'btc',
      btc.dates.map((date, i) => ({ date, value: btc.closes[i]!, knownFrom: date })),
    );
  return src;
}

/** Weeks and runs (contiguous stretches) at one level, counted on the levels themselves. */
export interface LevelCount {
  level: Level | -1;
  name: string;
  weeks: number;
  runs: number;
}

/**
 * THE count of weeks and runs per level, for `risk`, /api/risk, the dashboard and the ledger:
 * from the weekly levels, not from the forward-return windows (which drop the weeks whose
 * future is not known yet, and differ per asset).
 */
export function levelCounts(levels: RiskLevels): LevelCount[] {
  const out = new Map<number, LevelCount>();
  for (const e of levelEpisodes(levels)) {
    const c = out.get(e.level) ?? { level: e.level, name: e.level === -1 ? 'no data' : LEVEL_NAMES[e.level], weeks: 0, runs: 0 };
    c.weeks += e.weeks;
    c.runs++;
    out.set(e.level, c);
  }
  return [...out.values()].sort((a, b) => a.level - b.level);
}

export interface RiskHistory {
  levels: RiskLevels;
  /** Weeks and runs per level (levelCounts). */
  counts: LevelCount[];
  /** The net-liquidity input per week (indicators/liquidity.ts weekly sampling; NaN = unknown). */
  netLiquidity?: Float64Array;
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
  const inputs = buildRiskInputs(weeks, riskSourcesFromSeries(series, prices.BTC));
  const levels = computeRiskLevels(inputs);
  const forward: Record<string, LevelHorizonStats[]> = {};
  const weeklyPrices: Record<string, Float64Array> = {};
  for (const a of forwardAssets) {
    const p = prices[a];
    if (!p) continue;
    const w = weeklyCloses(weeks, p.dates, p.closes);
    weeklyPrices[a] = w;
    forward[a] = forwardStatsByLevel(levels.levels, w);
  }
  const out: RiskHistory = { levels, counts: levelCounts(levels), forward, weeklyPrices };
  if (inputs.netLiquidity) out.netLiquidity = inputs.netLiquidity;
  return out;
}
