/**
 * Issue 7 benchmarks (run: npx tsx bench/markets.bench.ts):
 *  1. import of every file under ../shared/data/prices and ../shared/data/crypto through the
 *     real import path versus DuckDB read_csv/read_json of the same files in the same run
 *     (aim: ratio ≤ 2×);
 *  2. duration ranking over the whole universe and full history (aim < 500 ms), pure and
 *     including the store reads;
 *  3. cascade simulation with 1 million positions (aim < 1 s).
 */
import { DEFAULT_BOOK, DEFAULT_IMPACT } from '../src/analytics/cascade/calibrate.js';
import { buildPositionBook } from '../src/analytics/cascade/positions.js';
import { binBook, simulateCascade } from '../src/analytics/cascade/simulate.js';
import { closesOrProxy, durationFromStore, spxCloses } from '../src/analytics/markets/load.js';
import { durationRanking } from '../src/indicators/markets/duration.js';
import { universe } from '../src/sources/prices/universe.js';
import { DuckDb } from '../src/store/duckdb.js';
import { Store } from '../src/store/store.js';
import { importFredFiles } from '../src/update/import/fred.js';
import { expandPaths, loadDefaultPriceFiles } from '../src/update/import/prices.js';
import { SHARED_DATA } from '../test/shared-data.js';
import { bestOf, report } from './util.js';

const files = expandPaths([`${SHARED_DATA}/prices`, `${SHARED_DATA}/crypto`]).filter(
  (f) => !f.includes('/fixtures/'),
);

async function importPath(): Promise<{ store: Store; rows: number }> {
  const store = new Store(await DuckDb.open(':memory:'));
  await store.migrate();
  const res = await loadDefaultPriceFiles(store, { sharedData: SHARED_DATA, today: '2026-11-26' });
  const failed = res.filter((r) => r.status !== 'ok');
  if (failed.length) throw new Error(JSON.stringify(failed));
  return { store, rows: res.reduce((a, r) => a + r.newRows + r.revisedRows + (r.unchanged ?? 0), 0) };
}

async function duckdbRead(): Promise<number> {
  const db = await DuckDb.open(':memory:');
  let n = 0;
  for (const [i, f] of files.entries()) {
    const src = f.endsWith('.json')
      ? `read_json_auto('${f}')`
      : `read_csv('${f}', header = true, all_varchar = true, null_padding = true)`;
    await db.run(`CREATE TABLE t${i} AS SELECT * FROM ${src}`);
    const r = await db.all<{ n: number }>(`SELECT count(*) AS n FROM t${i}`);
    n += r[0]!.n;
  }
  await db.close();
  return n;
}

const imp = await bestOf(3, importPath);
const ref = await bestOf(3, duckdbRead);
report(`Prices + crypto import: ${files.length} files`, [
  ['tidewatch import (detect, parse, checks, write)', `${imp.ms.toFixed(0)} ms (${imp.result.rows} rows)`],
  ['DuckDB read_csv/read_json of the same files', `${ref.ms.toFixed(0)} ms (${ref.result} rows)`],
  ['ratio import / read_csv (aim ≤ 2×)', `${(imp.ms / ref.ms).toFixed(2)}×`],
]);

const store = imp.result.store;
await importFredFiles(
  store,
  ['WALCL', 'WTREGEN', 'RRPONTSYD', 'DGS10', 'SP500'].map((s) => `${SHARED_DATA}/fred/${s}.csv`),
  { runId: null, today: '2026-11-26' },
);
const withStore = await bestOf(3, () => durationFromStore(store));
const assets: { symbol: string; prices: { date: string; value: number }[] }[] = [];
for (const s of universe()) {
  const r = await closesOrProxy(store, s);
  if (r.points.length) assets.push({ symbol: s, prices: r.points });
}
const nl = withStore.result.windows.length; // keep the result alive
const { netLiquidityPoints } = await import('../src/analytics/theses/duration-sorting.js');
const { loadSeriesAsOf } = await import('../src/analytics/regime/load.js');
const asOf = new Date().toISOString().slice(0, 10);
const netLiquidity = netLiquidityPoints(
  await loadSeriesAsOf(store, ['WALCL', 'WTREGEN', 'RRPONTSYD'], asOf),
  asOf,
);
const dgs10 = (await store.getObservations('DGS10')).map((o) => ({ date: o.date, value: o.value }));
const spx = (await spxCloses(store)).points;
const pure = await bestOf(5, async () => durationRanking({ assets, netLiquidity, dgs10, spx }));
const days = assets.reduce((a, x) => a + x.prices.length, 0);
report(`Duration ranking: ${assets.length} assets, ${days} daily closes, ${nl} squeeze windows`, [
  ['pure ranking (aim < 500 ms)', `${pure.ms.toFixed(0)} ms`],
  ['including store reads and merging', `${withStore.ms.toFixed(0)} ms`],
]);

const casc = await bestOf(3, async () => {
  const book = binBook(buildPositionBook({ ...DEFAULT_BOOK, price: 100_000, count: 1_000_000 }));
  return simulateCascade(book, DEFAULT_IMPACT, { shock: -0.1 });
});
const bookOnly = await bestOf(3, async () =>
  buildPositionBook({ ...DEFAULT_BOOK, price: 100_000, count: 1_000_000 }),
);
report('Cascade: 1,000,000 positions, shock −10 %', [
  [
    'book + binning + simulation (aim < 1 s)',
    `${casc.ms.toFixed(0)} ms (${casc.result.rounds} rounds, ${casc.result.liquidatedPositions} liquidated)`,
  ],
  ['of which building the book', `${bookOnly.ms.toFixed(0)} ms`],
]);
await store.close();
