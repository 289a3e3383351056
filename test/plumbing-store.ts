import type { Store } from '../src/store/store.js';
import { importFredFiles } from '../src/update/import/fred.js';
import { importNyfedFiles } from '../src/update/import/nyfed.js';
import { importTreasuryFiles } from '../src/update/import/treasury.js';
import { curatedStore } from './fixtures.js';
import { dataFile } from './shared-data.js';

/**
 * An in-memory store for the plumbing view, filled through the real importers from
 * ../shared/data: reserves (1984 on), SOFR/IORB/ON RRP (2021 on), the H.4.1 balance sheet and
 * TGA, the Daily Treasury Statement and three NY Fed SOFR snapshots (with the 99th percentile).
 */
export async function plumbingStore(): Promise<Store> {
  const store = await curatedStore();
  const fred = [
    'legacy-DATE-header/WRESBAL_1984-2024.csv',
    'sofr3-2021-2026/WRESBAL.csv',
    'legacy-DATE-header/TOTRESNS.csv',
    'sofr3-2021-2026/SOFR.csv',
    'sofr3-2021-2026/IORB.csv',
    'sofr3-2021-2026/RRPONTSYD.csv',
    'fredapi-pandas/WALCL_api.csv',
    'fredapi-pandas/WTREGEN_api.csv',
  ].map((f) => dataFile('fred', ...f.split('/')));
  const results = [
    ...(await importFredFiles(store, fred, { runId: null, today: '2026-07-01' })),
    ...(await importTreasuryFiles(
      store,
      [
        dataFile('treasury', 'DTS_OpCashBal_20210624_20260623.csv'),
        dataFile('treasury', 'DTS_PubDebtTrans_20210624_20260623.csv'),
      ],
      { runId: null, today: '2026-07-01' },
    )),
    ...(await importNyfedFiles(
      store,
      ['2025-10-29', '2025-10-30', '2025-10-31'].map((d) =>
        dataFile('nyfed', 'sofr-read-endpoint-snapshots', `sofr_${d}.json`),
      ),
      { runId: null, today: '2026-07-01' },
    )),
  ];
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length) throw new Error(`plumbing fixture import failed: ${JSON.stringify(failed)}`);
  return store;
}
