import { importFredFiles } from '../src/sources/fred/import.js';
import { DuckDb } from '../src/store/duckdb.js';
import { Store } from '../src/store/store.js';
import { dataFile } from './shared-data.js';

/** An in-memory store holding the real FRED liquidity files (WALCL, WTREGEN, RRPONTSYD). */
export async function liquidityStore(extra: string[] = []): Promise<Store> {
  const store = new Store(await DuckDb.open(':memory:'));
  await store.migrate();
  const files = ['WALCL.csv', 'WTREGEN.csv', 'RRPONTSYD.csv', ...extra].map((f) => dataFile('fred', f));
  const res = await importFredFiles(store, files, { runId: null, today: '2026-01-01' });
  const failed = res.filter((r) => r.status !== 'ok');
  if (failed.length) throw new Error(`fixture import failed: ${JSON.stringify(failed)}`);
  return store;
}
