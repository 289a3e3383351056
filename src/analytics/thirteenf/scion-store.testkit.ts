import { readdirSync, readFileSync } from 'node:fs';
import { dataFile } from '../../../test/shared-data.js';
import { parseThirteenF } from '../../sources/sec/thirteenf/filing.js';
import { normaliseFiling } from '../../sources/sec/thirteenf/normalise.js';
import { contentHash, saveFiling } from '../../sources/sec/thirteenf/repository.js';
import { openStore, type Store } from '../../store/store.js';
import { importCurated } from '../../update/import/curated.js';
import { importFredFiles } from '../../update/import/fred.js';
import { importPriceFiles } from '../../update/import/prices.js';

/** Symbols of the curated episodes and the Scion puts with a price file in prices/yf-close-only. */
export const SCORECARD_SYMBOLS = ['SPY', 'QQQ', 'SOXX', 'TSLA', 'ARKK', 'KWEB', 'NVDA', 'PLTR'];

/**
 * Test store for the 13F and scorecard surfaces, filled through the real import paths from
 * ../shared/data: every Scion 13F (CIK 1649339, periods 2021-12-31 … 2023-09-30, scion/PROVENANCE.md),
 * Pershing's 2021-12-31 original + NEW HOLDINGS amendment and its 2023-09-30 report, the
 * yf-close-only closes of SCORECARD_SYMBOLS and FRED DGS3MO.
 */
export async function scionStore(file = ':memory:'): Promise<Store> {
  const store = await openStore(file);
  const sec = [
    ...readdirSync(dataFile('sec', 'scion'))
      .filter((f) => /^scion_13F-HR_.*\.txt$/.test(f))
      .map((f) => ['scion', f]),
    ...readdirSync(dataFile('sec', '13f'))
      .filter((f) => /^pershing_/.test(f))
      .map((f) => ['13f', f]),
  ];
  for (const [folder, f] of sec) {
    const text = readFileSync(dataFile('sec', folder!, f!), 'utf8');
    await saveFiling(store.db, normaliseFiling(parseThirteenF(text, { source: f! })), contentHash(text));
  }
  const results = [
    ...(await importCurated(store, { runId: null, today: '2026-04-20' })),
    ...(await importPriceFiles(
      store,
      SCORECARD_SYMBOLS.map((s) => dataFile('prices', 'yf-close-only', `${s}.csv`)),
    )),
    ...(await importFredFiles(store, [dataFile('fred', 'yield-curve-1962-2026', 'DGS3MO.csv')], {
      runId: null,
      today: '2026-04-20',
    })),
  ];
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length) throw new Error(`fixture import failed: ${JSON.stringify(failed)}`);
  return store;
}
