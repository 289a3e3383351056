import { weeklyNetLiquidity as weeklyNetLiquidityOf } from '../../indicators/liquidity.js';
import { correlationOf } from '../../indicators/markets/stats.js';
import { liquidityIndexesFromSeries } from '../regime/from-series.js';
import type { DatedValue } from '../regime/weekly.js';
import type { DailyPrices } from '../scorecard/score.js';
import type { ThesisData } from './types.js';

/** Small read helpers over observation lists (sorted by date) for the thesis checks. */

export function between(obs: readonly DatedValue[] | undefined, from: string, to: string): DatedValue[] {
  return (obs ?? []).filter((o) => o.date >= from && o.date <= to);
}

export function closeAt(
  p: DailyPrices | undefined,
  date: string,
): { date: string; close: number } | undefined {
  if (!p) return undefined;
  let i = -1;
  for (let k = 0; k < p.dates.length && p.dates[k]! <= date; k++) i = k;
  return i < 0 ? undefined : { date: p.dates[i]!, close: p.closes[i]! };
}

/** Pearson correlation of the pairs where both values are finite, and how many there were. */
export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): { r: number; n: number } {
  const fx: number[] = [];
  const fy: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      fx.push(x[i]!);
      fy.push(y[i]!);
    }
  }
  return { r: correlationOf(fx, fy), n: fx.length };
}

/**
 * Weekly net liquidity (WALCL − TGA − ON RRP) on `weeks` (Fridays), the weekly sampling of
 * indicators/liquidity.ts: read from the risk history when it carries it (the very array the
 * risk engine's net_liquidity_13w_pct used), else computed from `d.series` by that same function
 * (inputs built from literal series carry no risk history). NaN where unknown or stale;
 * undefined without WALCL/WTREGEN.
 */
export function weeklyNetLiquidity(d: ThesisData, weeks: readonly string[]): Float64Array | undefined {
  const nl = d.risk?.netLiquidity;
  if (!nl) {
    const ix = liquidityIndexesFromSeries(d.series);
    return ix && weeklyNetLiquidityOf(ix, weeks);
  }
  const index = new Map(d.risk!.levels.weeks.map((w, i) => [w, i]));
  return Float64Array.from(weeks, (w) => {
    const i = index.get(w);
    return i === undefined ? Number.NaN : nl[i]!;
  });
}
