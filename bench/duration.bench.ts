/**
 * `/api/duration` on the full real store (run: npx tsx bench/duration.bench.ts [store.duckdb]).
 * Reports the first (cold) answer of a fresh server and a warm one on another day (the server's
 * cache is per day, so that one recomputes), and the price read the ranking does now — one
 * query of the two columns it needs, JSON-aggregated per source — against the read it did before
 * (every bar column of each symbol, once per use: asset, market beta, thesis-3 group), measured in
 * the same run on the same store. Times are ratios' inputs, never asserted in tests.
 */
import { copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROXIES } from '../src/analytics/markets/load.js';
import { DEFAULT_GROUPS } from '../src/indicators/markets/duration.js';
import { createApp } from '../src/server/app.js';
import { readAdjustedCloses, readBars } from '../src/sources/prices/repository.js';
import { universe } from '../src/sources/prices/universe.js';
import { openStore } from '../src/store/store.js';
import { fullStoreCopy } from '../test/full-store.js';
import { bestOf, report, time } from './util.js';

const AS_OF = '2025-11-14';
const given = process.argv[2];
const file = given ? path.join(tmpdir(), `duration-bench-${process.pid}.duckdb`) : fullStoreCopy();
if (given) copyFileSync(given, file);

const store = await openStore(file);
const app = createApp(store);
const cold = await time(async () => app.request(`/api/duration?asOf=${AS_OF}`));
// Each a day not asked before, so no cached answer.
const days = ['2025-11-07', '2025-10-31', '2025-10-24'];
const warm = await bestOf(3, async () => app.request(`/api/duration?asOf=${days.shift()}`));

const wanted = universe();
const needed = [
  ...new Set([
    ...wanted,
    ...wanted.flatMap((s) => PROXIES[s] ?? []),
    '^GSPC',
    'SPY',
    ...Object.keys(DEFAULT_GROUPS),
  ]),
];
const now = await bestOf(3, () => readAdjustedCloses(store.db, needed, { to: AS_OF }));
// Before: each use read its symbol's bars whole (all columns, one object per row).
const uses = [
  ...wanted,
  ...wanted.flatMap((s) => PROXIES[s] ?? []),
  '^GSPC',
  'SPY',
  ...Object.keys(DEFAULT_GROUPS),
];
const before = await bestOf(3, async () => {
  let n = 0;
  for (const s of uses) n += (await readBars(store.db, s, { to: AS_OF })).length;
  return n;
});
const points = [...now.result.values()].flat().reduce((a, s) => a + s.points.length, 0);
report(`/api/duration on the full real store, as of ${AS_OF}`, [
  ['first answer of a fresh server (cold)', `${cold.ms.toFixed(0)} ms (HTTP ${cold.result.status})`],
  ['warm, another as-of day (not cached)', `${warm.ms.toFixed(0)} ms`],
  [`price read now: 1 query, ${needed.length} symbols`, `${now.ms.toFixed(0)} ms (${points} closes)`],
  [
    `price read before: ${uses.length} reads of every column`,
    `${before.ms.toFixed(0)} ms (${before.result} bars)`,
  ],
  ['ratio before / now', `${(before.ms / now.ms).toFixed(2)}×`],
]);
await store.close();
