/**
 * `/api/duration` on the full real store (run: npx tsx bench/duration.bench.ts [store.duckdb]).
 * Reports the first (cold) answer of a fresh server, a warm one on another day (the server's
 * answer cache is per day, so that one recomputes; the closes read for an earlier day are kept
 * per data version), the computation itself as of 2025-11-14 on a fresh store handle (nothing
 * kept: every close read from the store), and the price read the ranking does now — one query
 * of the two columns it needs, copied from DuckDB's column vectors — against the read it did
 * before (every bar column of each symbol, once per use: asset, market beta, thesis-3 group),
 * measured in the same run on the same store. Aim (issue 14): < 200 ms. Times are ratios'
 * inputs, never asserted in tests.
 */
import { copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { durationFromStore, PROXIES } from '../src/analytics/markets/load.js';
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

// The computation on a fresh handle of the same file: its closes are read from the store.
const fresh = await bestOf(3, async () => {
  const s = await openStore(file);
  const t0 = performance.now();
  await durationFromStore(s, { asOf: AS_OF });
  const ms = performance.now() - t0;
  await s.close();
  return ms;
});

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
const now = await bestOf(3, async () => {
  const s = await openStore(file);
  const t0 = performance.now();
  const r = await readAdjustedCloses(s.db, needed, { to: AS_OF });
  const ms = performance.now() - t0;
  await s.close();
  return { ms, r };
});
const kept = await bestOf(3, () => readAdjustedCloses(store.db, needed, { to: AS_OF }));
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
const nowMs = Math.min(now.result.ms, now.ms);
const points = [...now.result.r.values()].flat().reduce((a, s) => a + s.points.length, 0);
report(`/api/duration on the full real store, as of ${AS_OF}`, [
  ['first answer of a fresh server (cold)', `${cold.ms.toFixed(0)} ms (HTTP ${cold.result.status})`],
  ['warm, another as-of day (not cached)', `${warm.ms.toFixed(0)} ms`],
  [`computed on a fresh store handle (nothing kept)`, `${fresh.result.toFixed(0)} ms`],
  [`price read now: 1 query, ${needed.length} symbols`, `${nowMs.toFixed(0)} ms (${points} closes)`],
  ['price read kept from an earlier day', `${kept.ms.toFixed(1)} ms`],
  [
    `price read before: ${uses.length} reads of every column`,
    `${before.ms.toFixed(0)} ms (${before.result} bars)`,
  ],
  ['ratio before / now', `${(before.ms / nowMs).toFixed(2)}×`],
]);
await store.close();
