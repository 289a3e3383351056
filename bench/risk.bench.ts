/**
 * Risk levels for every week of history from the real FRED/Binance files: point-in-time weekly
 * alignment of ten series (≈ 22,000 observations) + derived indicators + rules + explanations of
 * every week + forward stats for SPY. CSV parsing is excluded (that is the store's/parser's job);
 * the timed part is what `tidewatch risk` and /api/risk/history do after loading observations.
 * Run: npx tsx bench/risk.bench.ts
 */
import { computeRiskLevels, explainWeek } from '../src/analytics/regime/engine.js';
import { forwardStatsByLevel } from '../src/analytics/regime/forward.js';
import { buildRiskInputs } from '../src/analytics/regime/inputs.js';
import { riskFromStore } from '../src/analytics/regime/load.js';
import { readCloses, realRiskSources } from '../src/analytics/regime/real-data.testkit.js';
import { fridays, weeklyCloses } from '../src/analytics/regime/weekly.js';
import { analyticsStore } from '../test/fixtures.js';

const sources = realRiskSources();
const spy = readCloses('prices/yf-autoadj-ohlcv/SPY.csv');
const observations = Object.values(sources).reduce((n, s) => n + s.length, 0);

function once() {
  const weeks = fridays('2007-01-05', '2026-02-20');
  const levels = computeRiskLevels(buildRiskInputs(weeks, sources));
  const explained = weeks.map((_, i) => explainWeek(levels, i));
  const stats = forwardStatsByLevel(levels.levels, weeklyCloses(weeks, spy.dates, spy.closes));
  return { weeks: weeks.length, explained: explained.length, stats: stats.length };
}

const tc = performance.now();
once(); // first run, before the JIT has warmed up
const firstRunMs = performance.now() - tc;
const runs = 20;
const times: number[] = [];
let info = once();
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  info = once();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const t0 = performance.now();
const coldInfo = once();
const lastRunMs = performance.now() - t0;

// The same from a DuckDB store, as `tidewatch risk` and /api/risk do (all vintages + merged
// price reads + engine): loaded through the real import paths first (not timed).
const store = await analyticsStore('2026-02-20', [
  'prices/yf-autoadj-ohlcv/SPY.csv',
  'prices/yf-autoadj-ohlcv/QQQ.csv',
  'crypto/binance-spot-daily/BTCUSDT_1d.csv',
]);
await riskFromStore(store, '2026-02-20');
const storeTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await riskFromStore(store, '2026-02-20');
  storeTimes.push(performance.now() - t);
}
storeTimes.sort((a, b) => a - b);
await store.close();
console.log(
  JSON.stringify(
    {
      bench: 'risk levels, every week',
      weeks: info.weeks,
      observations,
      medianMs: +times[runs >> 1]!.toFixed(1),
      maxMs: +times[runs - 1]!.toFixed(1),
      firstRunMs: +firstRunMs.toFixed(1),
      lastRunMs: +lastRunMs.toFixed(1),
      fromDuckDbStoreMedianMs: +storeTimes[2]!.toFixed(1),
      forwardStatRows: coldInfo.stats,
    },
    null,
    2,
  ),
);
