import { type IsoDate, weekday } from '../../core/dates.js';
import { formatValue } from '../../core/format.js';
import { INSUFFICIENT, ruleVerdict, threshold, type Verdict } from '../../core/verdict.js';
import { drawdownWithin } from './drawdown.js';
import { byDate, differences, logReturns, type Point, valueAsOf, weeklyOn } from './series.js';
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
  /** Mean return start → end of the group members with a price on the window's start. */
  speculative: number | null;
  cashFlowNear: number | null;
  /** The members each group mean is over (both groups are measured over the same dates). */
  speculativeMembers: string[];
  cashFlowNearMembers: string[];
  speculativeFellMore: boolean | null;
}

export interface Thesis3Check {
  status: Verdict;
  statement: string;
  windows: ThesisWindow[];
  /** Windows where both groups had at least one member priced, and how many of them the speculative group did worse in. */
  compared: number;
  speculativeWorse: number;
  meanSpeculative: number | null;
  meanCashFlowNear: number | null;
  /** Groups that had a single member in every compared window, e.g. 'cash-flow-near: MU'. */
  singleMemberGroups: string[];
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
  // Each factor indexed once by date, not once per asset.
  const nlChange = byDate(pctChanges(input.netLiquidity));
  const yChange = byDate(differences(weeklyOn(input.dgs10, anchor)));
  const spxWeekly = input.spx ? byDate(pctChanges(weeklyOn(input.spx, anchor))) : null;

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

/** Fewer compared squeeze windows than this → insufficient data. */
export const SORTING_MIN_WINDOWS = threshold(
  3,
  'windows',
  'three separate squeeze episodes: with two, a single episode decides the majority',
);

/**
 * Thesis 3, the one duration-sorting verdict (the `duration` command, its API route, the Markets
 * panel and the thesis ledger all call this). In each squeeze window both groups are measured
 * over the same dates (window start → end), each as the mean of its members priced on the
 * window's start. Speculative did worse in more than half the compared windows AND on the mean
 * → supported; did better in more than half AND on the mean → refuted; otherwise (the count and
 * the mean disagree, or a tie) → mixed; fewer than SORTING_MIN_WINDOWS compared → insufficient data.
 */
export function thesis3(
  assets: AssetPrices[],
  windows: SqueezeWindow[],
  groups: Record<string, 'speculative' | 'cash-flow-near'>,
): Thesis3Check {
  const bySymbol = new Map(assets.map((a) => [a.symbol, a.prices]));
  const missing = Object.keys(groups).filter((s) => !bySymbol.get(s)?.length);
  const perWindow: ThesisWindow[] = windows.map((w) => {
    const g = (kind: 'speculative' | 'cash-flow-near') => {
      const rets: Array<{ symbol: string; r: number }> = [];
      for (const [s, k] of Object.entries(groups)) {
        const p = k === kind ? bySymbol.get(s) : undefined;
        const r = p ? windowReturn(p, w) : null;
        if (r !== null) rets.push({ symbol: s, r });
      }
      return { mean: avg(rets.map((x) => x.r)), members: rets.map((x) => x.symbol) };
    };
    const s = g('speculative');
    const c = g('cash-flow-near');
    return {
      start: w.start,
      end: w.end,
      speculative: s.mean,
      cashFlowNear: c.mean,
      speculativeMembers: s.members,
      cashFlowNearMembers: c.members,
      speculativeFellMore: s.mean !== null && c.mean !== null ? s.mean < c.mean : null,
    };
  });
  const both = perWindow.filter((w) => w.speculativeFellMore !== null);
  const meanS = avg(both.map((w) => w.speculative!));
  const meanC = avg(both.map((w) => w.cashFlowNear!));
  const singles = (['speculative', 'cash-flow-near'] as const).flatMap((kind) => {
    const lists = both.map((w) => (kind === 'speculative' ? w.speculativeMembers : w.cashFlowNearMembers));
    const all = [...new Set(lists.flat())];
    return lists.length && all.length === 1 ? [`${kind}: ${all[0]}`] : [];
  });
  const pct = (x: number | null) => formatValue(x, 'fraction-change');
  const wins = both.filter((w) => w.speculativeFellMore).length;
  const groupNote = singles.length
    ? `; one-member group${singles.length > 1 ? 's' : ''}: ${singles.join(', ')}${missing.length ? ` (no prices for ${missing.join(', ')})` : ''}`
    : '';
  const result = (status: Verdict, statement: string): Thesis3Check => ({
    status,
    statement: statement + groupNote,
    windows: perWindow,
    compared: both.length,
    speculativeWorse: wins,
    meanSpeculative: meanS,
    meanCashFlowNear: meanC,
    singleMemberGroups: singles,
    missing,
  });
  if (both.length < SORTING_MIN_WINDOWS.value)
    return result(
      INSUFFICIENT,
      `only ${both.length} squeeze window(s) with prices for both groups (need ${SORTING_MIN_WINDOWS.value})`,
    );
  const supported = wins * 2 > both.length && meanS! < meanC!;
  const refuted = wins * 2 < both.length && meanS! > meanC!;
  return result(
    ruleVerdict(supported, refuted),
    `in ${wins} of ${both.length} liquidity-squeeze windows speculative assets did worse than cash-flow-near ones; ` +
      `mean window return ${pct(meanS)} vs ${pct(meanC)}` +
      (supported || refuted ? '' : ' (the window count and the means disagree)'),
  );
}
