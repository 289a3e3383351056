import { TidewatchError } from '../../core/errors.js';
import {
  assetRange,
  gridSignalStart,
  type Metrics,
  metricsFor,
  positions,
  SignalCache,
  type WeeklyData,
} from './engine.js';
import { type ParamSet, paramGrid, type StrategySpec } from './spec.js';

/**
 * Parameter sweeps and walk-forward evaluation. A sweep shares one SignalCache, so each distinct
 * (series, transform, window) is computed once however many parameter sets use it; each set then
 * costs one mask pass and one fused metrics pass over the weeks.
 */

export interface SweepRow {
  params: ParamSet;
  metrics: Metrics;
}

export type Objective = 'sharpe' | 'cagr' | 'sortino';

export function sweep(
  spec: StrategySpec,
  data: WeeklyData,
  opts: { sets?: ParamSet[]; from?: number; to?: number; cache?: SignalCache } = {},
): SweepRow[] {
  const cache = opts.cache ?? new SignalCache(data);
  const ret = cache.assetReturns(spec.asset);
  const [a0, b] = assetRange(ret);
  const sets = opts.sets ?? paramGrid(spec);
  // Every set is scored over the same weeks: from the first week all of them have a signal.
  const a = Math.max(a0, gridSignalStart(spec, cache, sets) + 1);
  const from = Math.max(a, opts.from ?? a);
  const to = Math.min(b, opts.to ?? b);
  const buf = new Float64Array(data.weeks.length);
  const out: SweepRow[] = new Array(sets.length);
  for (let k = 0; k < sets.length; k++) {
    const params = sets[k]!;
    positions(spec, cache, params, buf);
    out[k] = { params, metrics: metricsFor(ret, buf, from, to, spec.costsBp, spec.riskFree) };
  }
  return out;
}

export function best(rows: readonly SweepRow[], objective: Objective): SweepRow | undefined {
  let top: SweepRow | undefined;
  for (const r of rows) {
    const v = r.metrics[objective];
    if (!Number.isFinite(v)) continue;
    if (!top || v > top.metrics[objective]) top = r;
  }
  return top;
}

export interface WalkForwardSplit {
  trainFrom: string;
  trainTo: string;
  testFrom: string;
  testTo: string;
  chosen: ParamSet;
  inSample: Metrics;
  outOfSample: Metrics;
}

export interface WalkForwardResult {
  objective: Objective;
  splits: WalkForwardSplit[];
  /** Metrics of the stitched out-of-sample weeks (each test window traded with its train pick). */
  outOfSample: Metrics;
}

/**
 * Rolling walk-forward: pick the best parameter set on `trainWeeks`, trade it on the next
 * `testWeeks`, slide by `testWeeks`. Only the choice of parameters is fitted, and only on data
 * before the test window.
 */
export function walkForward(
  spec: StrategySpec,
  data: WeeklyData,
  trainWeeks: number,
  testWeeks: number,
  objective: Objective = 'sharpe',
): WalkForwardResult {
  const cache = new SignalCache(data);
  const ret = cache.assetReturns(spec.asset);
  const [a0, b] = assetRange(ret);
  const a = Math.max(a0, gridSignalStart(spec, cache, paramGrid(spec)) + 1);
  if (b - a < trainWeeks + testWeeks) {
    throw new TidewatchError(
      'bad-input',
      `walk-forward for ${spec.name}: ${b - a} weeks of ${spec.asset} returns, need ≥ ${trainWeeks + testWeeks}`,
    );
  }
  const sets = paramGrid(spec);
  const stitched = new Float64Array(data.weeks.length);
  const splits: WalkForwardSplit[] = [];
  for (let s = a; s + trainWeeks < b; s += testWeeks) {
    const trainTo = s + trainWeeks;
    const testTo = Math.min(b, trainTo + testWeeks);
    const rows = sweep(spec, data, { sets, from: s, to: trainTo, cache });
    const pick = best(rows, objective) ?? rows[0]!;
    const pos = positions(spec, cache, pick.params);
    // Position at t−1 earns week t: the test window's returns start at trainTo.
    for (let t = trainTo - 1; t < testTo - 1; t++) stitched[t] = pos[t]!;
    splits.push({
      trainFrom: data.weeks[s]!,
      trainTo: data.weeks[trainTo - 1]!,
      testFrom: data.weeks[trainTo]!,
      testTo: data.weeks[testTo - 1]!,
      chosen: pick.params,
      inSample: pick.metrics,
      outOfSample: metricsFor(ret, pos, trainTo, testTo, spec.costsBp, spec.riskFree),
    });
  }
  const first = splits.length ? a + trainWeeks : b;
  return { objective, splits, outOfSample: metricsFor(ret, stitched, first, b, spec.costsBp, spec.riskFree) };
}
