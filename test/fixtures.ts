import { readFileSync } from 'node:fs';
import { parseThirteenF } from '../src/sources/sec/thirteenf/filing.js';
import { normaliseFiling } from '../src/sources/sec/thirteenf/normalise.js';
import { contentHash, saveFiling } from '../src/sources/sec/thirteenf/repository.js';
import { DuckDb } from '../src/store/duckdb.js';
import { openStore, Store } from '../src/store/store.js';
import { importCurated } from '../src/update/import/curated.js';
import { importFredFiles } from '../src/update/import/fred.js';
import { importPriceFiles } from '../src/update/import/prices.js';
import { dataFile } from './shared-data.js';

/**
 * An in-memory store with the curated datasets imported, as `update` and `import all` leave every
 * store (the ledger, the scorecard and the capex view read them from there).
 */
export async function curatedStore(): Promise<Store> {
  const store = await openStore(':memory:');
  const res = await importCurated(store, { runId: null, today: '2026-01-01' });
  const failed = res.filter((r) => r.status !== 'ok');
  if (failed.length) throw new Error(`curated import failed: ${JSON.stringify(failed)}`);
  return store;
}

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

/** The FRED files the risk engine reads: liquidity, credit spread, VIX, NFCI, SOFR/IORB, reserves. */
const RISK_FRED_FILES = [
  'WALCL.csv',
  'WTREGEN.csv',
  'RRPONTSYD.csv',
  'BAMLH0A0HYM2.csv',
  'VIXCLS.csv',
  'NFCI.csv',
  'sofr3-2021-2026/SOFR.csv',
  'sofr3-2021-2026/IORB.csv',
  'sofr3-2021-2026/WRESBAL.csv',
];

/**
 * An in-memory store for the analytics surfaces (risk, theses, backtests), filled through the
 * real import paths: the risk engine's FRED files, imported as on `today` (the vintage day), and
 * the given price/crypto files (paths relative to the shared data folder, e.g.
 * 'prices/yf-close-only/SPY.csv'). Callers choose the prices: the tests and the bench differ.
 */
export async function analyticsStore(today: string, priceFiles: string[]): Promise<Store> {
  const store = await curatedStore();
  const fred = RISK_FRED_FILES.map((f) => dataFile('fred', ...f.split('/')));
  const res = [
    ...(await importFredFiles(store, fred, { runId: null, today })),
    ...(await importPriceFiles(
      store,
      priceFiles.map((f) => dataFile(...f.split('/'))),
      {},
    )),
  ];
  const failed = res.filter((r) => r.status === 'failed');
  if (failed.length) throw new Error(`fixture import failed: ${JSON.stringify(failed)}`);
  return store;
}

/**
 * Store 13F filings from ../shared/data/sec/<folder> as an import stores them: parsed,
 * normalised (amendments, value unit) and saved with the hash of their bytes.
 */
export async function saveFilings(store: Store, folder: string, files: readonly string[]): Promise<void> {
  for (const f of files) {
    const text = readFileSync(dataFile('sec', folder, f), 'utf8');
    await saveFiling(store.db, normaliseFiling(parseThirteenF(text, { source: f })), contentHash(text));
  }
}
