/**
 * Sweep of 10,000 parameter sets of a weekly rule strategy over 25 years of real SPY/VIX weekly
 * closes (2001-01 → 2026-02, ../shared/data/prices/yf-autoadj-ohlcv):
 *   hold SPY while SPY > SMA(n weeks) AND VIX < x, n ∈ 1..100, x ∈ 15.00..39.75 step 0.25.
 * Vectorised engine (src/analytics/backtest) vs the straightforward per-row loop
 * (src/analytics/backtest/naive.ts: row objects, windows recomputed per row) in the same run;
 * the two must agree on every set's Sharpe. Run: npx tsx bench/backtest.bench.ts
 */
import { naiveBacktest, toRows } from '../src/analytics/backtest/naive.js';
import { paramGrid, parseStrategy } from '../src/analytics/backtest/spec.js';
import { best, sweep } from '../src/analytics/backtest/sweep.js';
import { realSpyVixWeekly } from '../src/analytics/regime/real-data.testkit.js';

const data = realSpyVixWeekly();
const weeks = data.weeks;
const spec = parseStrategy(
  {
    name: 'trend-and-calm',
    asset: 'SPY',
    rules: [
      {
        left: { series: 'SPY' },
        op: '>',
        right: { series: 'SPY', transform: 'sma', window: { param: 'n' } },
      },
      { left: { series: 'VIX' }, op: '<', right: { param: 'x' } },
    ],
    costsBp: 5,
    params: {
      n: Array.from({ length: 100 }, (_, i) => i + 1),
      x: Array.from({ length: 100 }, (_, i) => 15 + i * 0.25),
    },
  },
  'bench',
);
const sets = paramGrid(spec);

const t0 = performance.now();
const fast = sweep(spec, data, { sets });
const fastMs = performance.now() - t0;

const t1 = performance.now();
const rows = toRows(data);
const slow = sets.map((p) => naiveBacktest(spec, rows, p));
const slowMs = performance.now() - t1;

// Sets that never invest (n = 1: SPY > SMA(1) is never true) have no Sharpe in either engine.
let maxDiff = 0;
let mismatched = 0;
for (let i = 0; i < sets.length; i++) {
  const a = fast[i]!.metrics.sharpe;
  const b = slow[i]!.sharpe;
  if (Number.isFinite(a) !== Number.isFinite(b)) mismatched++;
  else if (Number.isFinite(a)) maxDiff = Math.max(maxDiff, Math.abs(a - b));
}
const top = best(fast, 'sharpe')!;
console.log(
  JSON.stringify(
    {
      bench: 'backtest sweep',
      weeks: weeks.length,
      years: +(weeks.length / 52).toFixed(1),
      parameterSets: sets.length,
      vectorisedSeconds: +(fastMs / 1000).toFixed(3),
      baselineSeconds: +(slowMs / 1000).toFixed(3),
      speedup: +(slowMs / fastMs).toFixed(1),
      maxSharpeDifference: maxDiff,
      setsWhereOnlyOneEngineHasASharpe: mismatched,
      bestSet: {
        params: top.params,
        sharpe: +top.metrics.sharpe.toFixed(3),
        cagr: +top.metrics.cagr.toFixed(4),
      },
    },
    null,
    2,
  ),
);
