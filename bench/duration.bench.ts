/**
 * `/api/duration` on the full real store (run: npx tsx bench/duration.bench.ts [store.duckdb]).
 * Reports the first (cold) answer of a fresh server and a warm one on other days (the server's
 * cache is per day, so those recompute), and the ranking's price read now — one DuckDB query that
 * merges the sources and returns weekly closes plus the closes at the squeeze windows
 * (loaders/markets.ts) — against the read it did before (every adjusted close of each symbol,
 * merged in JS: `mergedForMany`), measured in the same run on the same store. Times are ratios'
 * inputs, never asserted in tests.
 */
import { copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INDEX_SERIES, mergedForMany, PROXIES } from '../src/analytics/markets/load.js';
import { DEFAULT_GROUPS } from '../src/indicators/markets/duration.js';
import { rankingCloses } from '../src/loaders/markets.js';
import { createApp } from '../src/server/app.js';
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
// The squeeze windows of the default definition as of AS_OF (the bench reads them from the answer).
const answer = (await (await app.request(`/api/duration?asOf=${AS_OF}`)).json()) as {
  windows: Array<{ start: string; end: string }>;
};
const now = await bestOf(3, () =>
  rankingCloses(store.db, {
    symbols: needed,
    asOf: AS_OF,
    anchorWeekday: 5,
    windows: answer.windows,
    index: INDEX_SERIES,
  }),
);
const before = await bestOf(3, () => mergedForMany(store, needed, { to: AS_OF }));
const weekly = [...now.result.values()].reduce((a, s) => a + s.weekly.length + s.daily.length, 0);
const closes = [...before.result.values()].reduce((a, m) => a + m.points.length, 0);
report(`/api/duration on the full real store, as of ${AS_OF}`, [
  ['first answer of a fresh server (cold)', `${cold.ms.toFixed(0)} ms (HTTP ${cold.result.status})`],
  ['warm, another as-of day (not cached)', `${warm.ms.toFixed(0)} ms`],
  [
    `price read now: 1 query, ${needed.length} symbols`,
    `${now.ms.toFixed(0)} ms (${weekly} weekly + window closes)`,
  ],
  [`price read before: every close, merged in JS`, `${before.ms.toFixed(0)} ms (${closes} merged closes)`],
  ['ratio before / now', `${(before.ms / now.ms).toFixed(2)}×`],
]);
await store.close();
