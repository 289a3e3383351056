import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withStore } from '../../src/store/memory.testkit.js';
import type { Store } from '../../src/store/store.js';
import { importFredFiles } from '../../src/update/import/fred.js';
import { importNyfedFiles } from '../../src/update/import/nyfed.js';
import { importCryptoFiles, importPriceFiles } from '../../src/update/import/prices.js';
import { importTreasuryFiles } from '../../src/update/import/treasury.js';
import type { SeriesSummary } from '../../src/update/types.js';
import { damage, damageArb, STORE_RUNS } from '../property.js';
import { storeHash, writeCase } from './kit.js';
import { realText } from './make.js';

/**
 * Property (fast-check, fewer runs because every run writes a store): whatever damage a real
 * file suffers, an import either succeeds or fails as a whole — a failed import leaves every
 * table exactly as it was (no partial write), and the exit status says which.
 */
const head = (t: string, n: number, eol = '\n') => t.split(eol).slice(0, n).join(eol) + eol;
const importers: Array<[string, string, string, (s: Store, f: string) => Promise<SeriesSummary[]>]> = [
  [
    'fred',
    'WALCL.csv',
    head(realText('fred', 'WALCL.csv'), 60),
    (s, f) => importFredFiles(s, [f], { runId: null, today: '2026-06-30' }),
  ],
  [
    'treasury',
    'DTS_OpCashBal.csv',
    head(realText('treasury', 'DTS_OpCashBal_20210624_20260623.csv'), 60),
    (s, f) => importTreasuryFiles(s, [f], { runId: null, today: '2026-06-30' }),
  ],
  [
    'nyfed',
    'sofr_2025-10-31.json',
    realText('nyfed', 'sofr-read-endpoint-snapshots', 'sofr_2025-10-31.json'),
    (s, f) => importNyfedFiles(s, [f], { runId: null, today: '2026-06-30' }),
  ],
  [
    'prices',
    'yf-autoadj-ohlcv/SPY.csv',
    head(realText('prices', 'yf-autoadj-ohlcv', 'SPY.csv'), 60, '\r\n'),
    (s, f) => importPriceFiles(s, [f], { today: '2026-06-30' }),
  ],
  [
    'crypto',
    'sentiment/fear_greed_index_daily.csv',
    head(realText('crypto', 'sentiment', 'fear_greed_index_daily.csv'), 60),
    (s, f) => importCryptoFiles(s, [f], { today: '2026-06-30' }),
  ],
];

describe('no partial write: a damaged file is imported whole or not at all', () => {
  for (const [kind, name, text, run] of importers) {
    it(`import ${kind}: failed ⇒ every table unchanged`, async () => {
      await withStore(async (store) => {
        expect(
          (await run(store, writeCase(`${kind}-base`, name, text))).every((s) => s.status === 'ok'),
        ).toBe(true);
        let n = 0;
        await fc.assert(
          fc.asyncProperty(fc.array(damageArb, { minLength: 1, maxLength: 3 }), async (edits) => {
            const before = await storeHash(store.db);
            const summaries = await run(store, writeCase(`${kind}-${n++}`, name, damage(text, edits)));
            if (summaries.some((s) => s.status === 'failed')) expect(await storeHash(store.db)).toBe(before);
          }),
          { numRuns: STORE_RUNS },
        );
      });
    });
  }
});
