import { TidewatchError } from '../../core/errors.js';
import { diff, drawdownFromHigh, pctChange, sma, zscore } from './ops.js';
import type { NumSpec, ParamSet, SeriesExprSpec, StrategySpec } from './spec.js';

/**
 * Vectorised strategy evaluation over weekly Float64Arrays.
 *
 * Timing (no look-ahead): the position decided from data known at week t's close is held over
 * week t+1, so strategy return[t+1] = position[t] × asset return[t+1] − costs × |position[t] −
 * position[t−1]|. Inputs are point-in-time aligned weekly arrays (regime/weekly.ts), and every
 * transform is causal, so computing a signal over the whole history and slicing it later is the
 * same as computing it week by week. A rule whose inputs are unknown (NaN) is false.
 */

export interface WeeklyData {
  weeks: readonly string[];
  series: Record<string, Float64Array>;
}

export interface Metrics {
  periods: number;
  cagr: number;
  volatility: number;
  sharpe: number;
  sortino: number;
  maxDrawdown: number;
  /** Share of invested weeks (position ≠ 0) whose strategy return was > 0. */
  hitRate: number;
  /** Position units traded per year (1 = one full entry or exit per year). */
  turnover: number;
  /** Share of weeks with a position. */
  exposure: number;
  totalReturn: number;
}

const PERIODS_PER_YEAR = 52;

/** The transforms over a window of `n` weeks, by their name in a strategy spec. */
const WINDOWED: Record<
  Exclude<SeriesExprSpec['transform'], 'level'>,
  (x: Float64Array, n: number) => Float64Array
> = {
  sma,
  roc: pctChange,
  diff,
  zscore,
  drawdown: drawdownFromHigh,
};

/** Resolves series expressions once and caches them: a sweep reuses each SMA window. */
export class SignalCache {
  private readonly cache = new Map<string, Float64Array>();
  constructor(readonly data: WeeklyData) {}

  series(name: string): Float64Array {
    const s = this.data.series[name];
    if (!s) {
      throw new TidewatchError('bad-input', `strategy uses series '${name}', which is not loaded`, {
        hint: `available: ${Object.keys(this.data.series).join(', ')}`,
      });
    }
    if (s.length !== this.data.weeks.length) {
      throw new TidewatchError(
        'bad-input',
        `series '${name}' has ${s.length} values for ${this.data.weeks.length} weeks`,
      );
    }
    return s;
  }

  expr(e: SeriesExprSpec, params: ParamSet): Float64Array {
    const window = e.window === undefined ? undefined : resolveNum(e.window, params);
    const key = `${e.series}|${e.transform}|${window ?? ''}`;
    let v = this.cache.get(key);
    if (v) return v;
    const x = this.series(e.series);
    const need = (): number => {
      if (window === undefined || !Number.isInteger(window) || window < 1) {
        throw new TidewatchError(
          'bad-input',
          `transform ${e.transform} of '${e.series}' needs an integer window ≥ 1, got ${window}`,
        );
      }
      return window;
    };
    v = e.transform === 'level' ? x : WINDOWED[e.transform](x, need());
    this.cache.set(key, v);
    return v;
  }

  /** Weekly simple returns of the asset (NaN where a price is unknown). */
  assetReturns(name: string): Float64Array {
    return this.expr({ series: name, transform: 'roc', window: 1 }, {});
  }
}

export function resolveNum(n: NumSpec, params: ParamSet): number {
  if (typeof n === 'number') return n;
  const v = params[n.param];
  if (v === undefined) throw new TidewatchError('bad-input', `parameter '${n.param}' has no value`);
  return v;
}

/** Position per week (decided at that week's close) for one parameter set. */
export function positions(
  spec: StrategySpec,
  cache: SignalCache,
  params: ParamSet,
  out?: Float64Array,
): Float64Array {
  const n = cache.data.weeks.length;
  const pos = out ?? new Float64Array(n);
  const all = spec.combine === 'all';
  const mask = new Uint8Array(n).fill(all ? 1 : 0);
  for (const rule of spec.rules) {
    const a = cache.expr(rule.left, params);
    const isSeries = typeof rule.right === 'object' && 'series' in rule.right;
    const b = isSeries ? cache.expr(rule.right as SeriesExprSpec, params) : undefined;
    const k = isSeries ? 0 : resolveNum(rule.right as NumSpec, params);
    const op = rule.op;
    for (let i = 0; i < n; i++) {
      const x = a[i]!;
      const y = b ? b[i]! : k;
      // NaN compares false with every operator: unknown data never opens a position.
      const hit = op === '>' ? x > y : op === '<' ? x < y : op === '>=' ? x >= y : x <= y;
      if (all) mask[i] = mask[i]! & (hit ? 1 : 0);
      else mask[i] = mask[i]! | (hit ? 1 : 0);
    }
  }
  for (let i = 0; i < n; i++) pos[i] = mask[i] ? spec.whenTrue : spec.whenFalse;
  return pos;
}

/**
 * Metrics of holding `pos` over asset returns `ret`, for return weeks [from, to). One fused pass,
 * no allocation: this is the inner loop of a sweep.
 */
export function metricsFor(
  ret: Float64Array,
  pos: Float64Array,
  from: number,
  to: number,
  costsBp: number,
  riskFree = 0,
): Metrics {
  const cost = costsBp / 10_000;
  const rfWeek = riskFree / PERIODS_PER_YEAR;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  let downSq = 0;
  let logEq = 0;
  let peakLog = 0;
  let maxDd = 0;
  let invested = 0;
  let hits = 0;
  let traded = 0;
  const start = Math.max(1, from);
  for (let t = start; t < to; t++) {
    const r = ret[t]!;
    if (Number.isNaN(r)) continue; // asset return unknown this week: no trade, no return
    const p = pos[t - 1]!;
    const prev = t >= 2 ? pos[t - 2]! : 0;
    const dp = t === start ? Math.abs(p) : Math.abs(p - prev);
    const s = p * r - cost * dp;
    traded += dp;
    n++;
    sum += s;
    sumSq += s * s;
    const ex = s - rfWeek;
    if (ex < 0) downSq += ex * ex;
    logEq += Math.log1p(s);
    if (logEq > peakLog) peakLog = logEq;
    else if (logEq - peakLog < maxDd) maxDd = logEq - peakLog;
    if (p !== 0) {
      invested++;
      if (s > 0) hits++;
    }
  }
  if (n < 2) {
    return {
      periods: n,
      cagr: Number.NaN,
      volatility: Number.NaN,
      sharpe: Number.NaN,
      sortino: Number.NaN,
      maxDrawdown: Number.NaN,
      hitRate: Number.NaN,
      turnover: Number.NaN,
      exposure: Number.NaN,
      totalReturn: Number.NaN,
    };
  }
  const mean = sum / n;
  const variance = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
  const sd = Math.sqrt(variance);
  const years = n / PERIODS_PER_YEAR;
  const downside = Math.sqrt(downSq / n);
  return {
    periods: n,
    cagr: Math.exp(logEq / years) - 1,
    volatility: sd * Math.sqrt(PERIODS_PER_YEAR),
    sharpe: sd > 0 ? ((mean - rfWeek) / sd) * Math.sqrt(PERIODS_PER_YEAR) : Number.NaN,
    sortino: downside > 0 ? ((mean - rfWeek) / downside) * Math.sqrt(PERIODS_PER_YEAR) : Number.NaN,
    maxDrawdown: Math.expm1(maxDd),
    hitRate: invested > 0 ? hits / invested : Number.NaN,
    turnover: traded / years,
    exposure: invested / n,
    totalReturn: Math.expm1(logEq),
  };
}

export interface BacktestResult {
  name: string;
  params: ParamSet;
  /** First scored week: the week after the first one with a signal (and an asset return). */
  from: string;
  to: string;
  /** The first week every rule had a value (the end of the warm-up), and how many weeks of data came before it. */
  signalFrom: string;
  warmUpWeeks: number;
  metrics: Metrics;
  /** Buy-and-hold of the asset over the same weeks, for comparison. */
  buyAndHold: Metrics;
  positions: Float64Array;
}

/**
 * First week where every rule can be evaluated with `params`: each side of each rule (after its
 * transform — a 40-week moving average needs 40 weeks) has a value. Before it the strategy
 * could not have been run, so neither it nor buy-and-hold is scored there (otherwise "unknown →
 * flat" would look like a decision to hold cash through the warm-up).
 */
export function signalStart(spec: StrategySpec, cache: SignalCache, params: ParamSet = {}): number {
  let start = 0;
  for (const r of spec.rules) {
    const sides = [cache.expr(r.left, params)];
    if (typeof r.right === 'object' && 'series' in r.right) sides.push(cache.expr(r.right, params));
    for (const x of sides) {
      let i = 0;
      while (i < x.length && !Number.isFinite(x[i]!)) i++;
      start = Math.max(start, i);
    }
  }
  return start;
}

/** The latest first-signal week over a set of parameter sets: comparing sets over the same weeks. */
export function gridSignalStart(spec: StrategySpec, cache: SignalCache, sets: readonly ParamSet[]): number {
  return sets.reduce((m, p) => Math.max(m, signalStart(spec, cache, p)), 0);
}

/** First and one-past-last week index where the asset has a return. */
export function assetRange(ret: Float64Array): [number, number] {
  let a = 0;
  while (a < ret.length && !Number.isFinite(ret[a]!)) a++;
  let b = ret.length;
  while (b > a && !Number.isFinite(ret[b - 1]!)) b--;
  return [a, b];
}

export function runBacktest(spec: StrategySpec, data: WeeklyData, params: ParamSet): BacktestResult {
  const cache = new SignalCache(data);
  const ret = cache.assetReturns(spec.asset);
  const pos = positions(spec, cache, params);
  const [a, to] = assetRange(ret);
  const signal = signalStart(spec, cache, params);
  // +1: the first position is taken at the close of the first week with signals.
  const from = Math.max(a, signal + 1);
  const hold = new Float64Array(pos.length).fill(1);
  return {
    name: spec.name,
    params,
    from: data.weeks[from] ?? '',
    to: data.weeks[to - 1] ?? '',
    signalFrom: data.weeks[signal] ?? '',
    warmUpWeeks: Math.max(0, signal - Math.max(0, a - 1)),
    metrics: metricsFor(ret, pos, from, to, spec.costsBp, spec.riskFree),
    buyAndHold: metricsFor(ret, hold, from, to, 0, spec.riskFree),
    positions: pos,
  };
}
