import { type IsoDate, weekday } from '../../core/dates.js';
import { drawdownWithin } from './drawdown.js';
import { differences, logReturns, type Point, valueAsOf, weeklyOn } from './series.js';
import { DEFAULT_SQUEEZE, type SqueezeWindow, squeezeWindows } from './squeeze.js';
import { betaTo } from './stats.js';

/**
 * Thesis 3's a-priori groups (PRODUCT.md): crypto, unprofitable growth and retail momentum are
 * "speculative"; memory makers with near-term cash flows are "cash-flow-near". The check uses
 * these labels, not the ranking, so the ranking cannot confirm itself.
 */
export const DEFAULT_GROUPS: Record<string, 'speculative' | 'cash-flow-near'> = {
  BTC: 'speculative',
  ETH: 'speculative',
  ARKK: 'speculative',
  PLTR: 'speculative',
  TSLA: 'speculative',
  MU: 'cash-flow-near',
  SNDK: 'cash-flow-near',
};

export interface AssetPrices {
  symbol: string;
  /** Daily closes (adjusted), ascending. */
  prices: Point[];
}

export interface DurationInputs {
  assets: AssetPrices[];
  /** Weekly net liquidity (US$), dated by the day it was known (Fridays: indicators/liquidity.ts). */
  netLiquidity: Point[];
  /** 10-year Treasury yield, percent (DGS10), daily. */
  dgs10: Point[];
  /** S&P 500 closes for a market beta (optional). */
  spx?: Point[];
  thresholdPct?: number;
  lookbackWeeks?: number;
  groups?: Record<string, 'speculative' | 'cash-flow-near'>;
}

export interface DurationRow {
  rank: number;
  symbol: string;
  group: 'speculative' | 'cash-flow-near' | null;
  /** Elasticity: weekly asset return (%) per 1 % weekly change in net liquidity. */
  liquidityBeta: number | null;
  /** Weekly asset return (%) per +1 percentage point (100 bp) weekly change in the 10-year yield. */
  yieldBeta: number | null;
  spxBeta: number | null;
  /** Mean return start→end over the squeeze windows the asset's data covers. */
  squeezeReturn: number | null;
  /** Mean worst peak-to-trough fall inside those windows. */
  squeezeDrawdown: number | null;
  windowsCovered: number;
  /** 0 (most cash-flow-near) … 1 (most speculative): mean percentile of the three measures. */
  score: number | null;
  weeks: number;
}

export interface ThesisWindow {
  start: IsoDate;
  end: IsoDate;
  speculative: number | null;
  cashFlowNear: number | null;
  speculativeFellMore: boolean | null;
}

export interface Thesis3Check {
  status: 'supported' | 'refuted' | 'not enough data';
  statement: string;
  windows: ThesisWindow[];
  meanSpeculative: number | null;
  meanCashFlowNear: number | null;
  missing: string[];
}

export interface DurationResult {
  /** anchorWeekday: the weekday every weekly series is sampled on (that of the net-liquidity dates). */
  params: { thresholdPct: number; lookbackWeeks: number; anchorWeekday: number };
  windows: SqueezeWindow[];
  rows: DurationRow[];
  thesis: Thesis3Check;
}

const MIN_WEEKS = 26;

function pctChanges(points: Point[]): Point[] {
  return logReturns(points).map((p) => ({ date: p.date, value: (Math.exp(p.value) - 1) * 100 }));
}

function windowReturn(prices: Point[], w: SqueezeWindow): number | null {
  const first = prices[0];
  if (!first || first.date > w.start) return null; // the asset did not exist at the window start
  const a = valueAsOf(prices, w.start);
  const b = valueAsOf(prices, w.end);
  if (!a || !b) return null;
  return b.value / a.value - 1;
}

const avg = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/** Percentile rank 0..1 of each value (ties share the lower rank); null stays null. */
function percentiles(values: (number | null)[]): (number | null)[] {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  return values.map((v) => {
    if (v === null || !Number.isFinite(v) || known.length < 2) return null;
    return known.indexOf(v) / (known.length - 1);
  });
}

/**
 * Duration / speculativeness ranking. Speculative = high beta to liquidity, strongly negative
 * beta to yields (long duration), and deep falls in squeeze windows.
 */
export function durationRanking(input: DurationInputs): DurationResult {
  const thresholdPct = input.thresholdPct ?? DEFAULT_SQUEEZE.thresholdPct;
  const lookbackWeeks = input.lookbackWeeks ?? DEFAULT_SQUEEZE.lookbackWeeks;
  const groups = input.groups ?? DEFAULT_GROUPS;
  const windows = squeezeWindows(input.netLiquidity, thresholdPct, lookbackWeeks);
  // Assets and yields are sampled on the weekday the liquidity series is dated on (Wednesday for
  // FRED's WALCL, Friday for the store's as-published history), so weekly changes line up.
  const anchor = input.netLiquidity[0] ? weekday(input.netLiquidity[0].date) : 3;
  const nlChange = pctChanges(input.netLiquidity);
  const yChange = differences(weeklyOn(input.dgs10, anchor));
  const spxWeekly = input.spx ? pctChanges(weeklyOn(input.spx, anchor)) : null;

  const raw = input.assets.map((a) => {
    const weekly = pctChanges(weeklyOn(a.prices, anchor));
    const enough = weekly.length >= MIN_WEEKS;
    const lb = enough ? betaTo(weekly, nlChange) : null;
    const yb = enough ? betaTo(weekly, yChange) : null;
    const sb = enough && spxWeekly ? betaTo(weekly, spxWeekly) : null;
    const rets: number[] = [];
    const dds: number[] = [];
    for (const w of windows) {
      const r = windowReturn(a.prices, w);
      if (r === null) continue;
      rets.push(r);
      const dd = drawdownWithin(a.prices, w.start, w.end);
      if (dd !== null) dds.push(dd);
    }
    const ok = (b: ReturnType<typeof betaTo> | null) =>
      b && b.n >= MIN_WEEKS && Number.isFinite(b.beta) ? b.beta : null;
    return {
      symbol: a.symbol,
      group: groups[a.symbol] ?? null,
      liquidityBeta: ok(lb),
      yieldBeta: ok(yb),
      spxBeta: ok(sb),
      squeezeReturn: avg(rets),
      squeezeDrawdown: avg(dds),
      windowsCovered: rets.length,
      weeks: weekly.length,
    };
  });

  const pL = percentiles(raw.map((r) => r.liquidityBeta));
  const pY = percentiles(raw.map((r) => (r.yieldBeta === null ? null : -r.yieldBeta)));
  const pD = percentiles(raw.map((r) => (r.squeezeDrawdown === null ? null : -r.squeezeDrawdown)));
  const scored = raw.map((r, i) => {
    const parts = [pL[i], pY[i], pD[i]].filter((x): x is number => x !== null && x !== undefined);
    return { ...r, score: avg(parts) };
  });
  scored.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.symbol.localeCompare(b.symbol));
  const rows: DurationRow[] = scored.map((r, i) => ({ rank: i + 1, ...r }));

  return {
    params: { thresholdPct, lookbackWeeks, anchorWeekday: anchor },
    windows,
    rows,
    thesis: thesis3(input.assets, windows, groups),
  };
}

/** Did the speculative group fall more than the cash-flow-near group in the squeeze windows? */
export function thesis3(
  assets: AssetPrices[],
  windows: SqueezeWindow[],
  groups: Record<string, 'speculative' | 'cash-flow-near'>,
): Thesis3Check {
  const bySymbol = new Map(assets.map((a) => [a.symbol, a.prices]));
  const missing = Object.keys(groups).filter((s) => !bySymbol.get(s)?.length);
  const perWindow: ThesisWindow[] = windows.map((w) => {
    const g = (kind: 'speculative' | 'cash-flow-near') =>
      avg(
        Object.entries(groups)
          .filter(([, k]) => k === kind)
          .map(([s]) => (bySymbol.get(s) ? windowReturn(bySymbol.get(s)!, w) : null))
          .filter((x): x is number => x !== null),
      );
    const s = g('speculative');
    const c = g('cash-flow-near');
    return {
      start: w.start,
      end: w.end,
      speculative: s,
      cashFlowNear: c,
      speculativeFellMore: s !== null && c !== null ? s < c : null,
    };
  });
  const both = perWindow.filter((w) => w.speculativeFellMore !== null);
  const meanS = avg(both.map((w) => w.speculative!));
  const meanC = avg(both.map((w) => w.cashFlowNear!));
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  if (both.length < 2) {
    return {
      status: 'not enough data',
      statement: `only ${both.length} squeeze window(s) with prices for both groups (need 2)`,
      windows: perWindow,
      meanSpeculative: meanS,
      meanCashFlowNear: meanC,
      missing,
    };
  }
  const wins = both.filter((w) => w.speculativeFellMore).length;
  const supported = wins * 2 > both.length && meanS! < meanC!;
  const refuted = wins * 2 < both.length && meanS! > meanC!;
  return {
    status: supported ? 'supported' : refuted ? 'refuted' : 'not enough data',
    statement:
      `in ${wins} of ${both.length} liquidity-squeeze windows speculative assets did worse than cash-flow-near ones; ` +
      `mean window return ${pct(meanS)} vs ${pct(meanC)}` +
      (supported || refuted ? '' : ' (mixed: the window count and the means disagree)'),
    windows: perWindow,
    meanSpeculative: meanS,
    meanCashFlowNear: meanC,
    missing,
  };
}
