/**
 * Issue 4 benchmarks (run: npx tsx bench/fred.bench.ts):
 *  1. import of every FRED CSV in ../shared/data/fred through the real import path, versus
 *     DuckDB's own read_csv of the same files in the same process (aim: ratio ≤ 2×);
 *  2. `liquidity --as-of` in process over the full history: ms per call (aim < 50 ms), versus a
 *     baseline that reads the three full series for every call.
 */

import { addDays } from '../src/core/dates.js';
import { netLiquidityAsOf } from '../src/indicators/liquidity.js';
import { VintageIndex } from '../src/indicators/point-in-time.js';
import { liquidityAsOf } from '../src/loaders/liquidity.js';
import { DuckDb } from '../src/store/duckdb.js';
import { Store } from '../src/store/store.js';
import { importFredFiles } from '../src/update/import/fred.js';
import { SHARED_DATA } from '../test/shared-data.js';
import { bestOf, listFiles, report } from './util.js';

const files = listFiles(`${SHARED_DATA}/fred`, '.csv');

async function importPath(): Promise<{ store: Store; rows: number }> {
  const store = new Store(await DuckDb.open(':memory:'));
  await store.migrate();
  const res = await importFredFiles(store, files, { runId: null, today: '2026-11-26' });
  const failed = res.filter((r) => r.status !== 'ok');
  if (failed.length) throw new Error(JSON.stringify(failed));
  return { store, rows: res.reduce((a, r) => a + r.newRows + r.revisedRows, 0) };
}

async function duckdbReadCsv(): Promise<number> {
  const db = await DuckDb.open(':memory:');
  await db.run('CREATE TABLE raw (file VARCHAR, date DATE, value DOUBLE)');
  for (const f of files) {
    // Same work in SQL: read the file, treat '' and '.' as missing, keep date + value.
    await db.run(
      `INSERT INTO raw SELECT '${f}', CAST(#1 AS DATE), TRY_CAST(NULLIF(NULLIF(CAST(#2 AS VARCHAR), '.'), '') AS DOUBLE)
         FROM read_csv('${f}', header = true, all_varchar = true)`,
    );
  }
  const n = await db.all<{ n: number }>('SELECT count(*) AS n FROM raw WHERE value IS NOT NULL');
  await db.close();
  return n[0]!.n;
}

const imp = await bestOf(3, importPath);
const ref = await bestOf(3, duckdbReadCsv);
report(`FRED import: ${files.length} files`, [
  [
    'tidewatch import (parse, units, vintages, write)',
    `${imp.ms.toFixed(0)} ms (${imp.result.rows} rows written)`,
  ],
  ['DuckDB read_csv of the same files', `${ref.ms.toFixed(0)} ms (${ref.result} values)`],
  ['ratio import / read_csv (aim ≤ 2×)', `${(imp.ms / ref.ms).toFixed(2)}×`],
]);

// Liquidity as-of over the full history.
const store = imp.result.store;
const dates: string[] = [];
for (let d = '2007-02-01'; d <= '2025-11-14'; d = addDays(d, 13)) dates.push(d);
const fast = await bestOf(3, async () => {
  for (const d of dates) await liquidityAsOf(store, d);
});
const naive = await bestOf(1, async () => {
  for (const d of dates) {
    // Baseline: read every vintage of the three series on each call, then index them.
    const [a, b, c] = await Promise.all(
      ['WALCL', 'WTREGEN', 'RRPONTSYD'].map((id) => store.getAllVintages(id)),
    );
    netLiquidityAsOf(
      { fedAssets: new VintageIndex(a!), tga: new VintageIndex(b!), rrp: new VintageIndex(c!) },
      d,
    );
  }
});
report(`liquidity --as-of, ${dates.length} dates 2007-02 … 2025-11`, [
  ['tidewatch liquidityAsOf', `${(fast.ms / dates.length).toFixed(2)} ms per call (aim < 50 ms)`],
  ['baseline: load full series per call', `${(naive.ms / dates.length).toFixed(2)} ms per call`],
  ['speed-up vs baseline', `${(naive.ms / fast.ms).toFixed(1)}×`],
]);
await store.close();
