import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { openStore, type Store } from '../../store/store.js';
import { importCryptoFiles } from '../../update/import/prices.js';

/**
 * "new" counts only rows that did not exist: re-importing the Hyperliquid liquidation sample
 * (62 records, shared/data/crypto/PROVENANCE.md) used to say '62 new' although nothing was added.
 */
describe('crypto re-import counts', () => {
  let store: Store;
  const file = dataFile('crypto', 'liquidations', 'hyperliquid_liquidations_2023.csv');
  beforeAll(async () => {
    store = await openStore(':memory:');
  });
  afterAll(async () => {
    await store.close();
  });

  it('liquidations: 62 new the first time, 0 new and 62 unchanged the second', async () => {
    const [first] = await importCryptoFiles(store, [file], { runId: null, today: '2026-07-01' });
    expect([first?.status, first?.newRows, first?.revisedRows]).toEqual(['ok', 62, 0]);
    const [again] = await importCryptoFiles(store, [file], { runId: null, today: '2026-07-01' });
    expect([again?.status, again?.newRows, again?.revisedRows, again?.unchanged]).toEqual(['ok', 0, 0, 62]);
    const n = await store.db.all<{ n: number }>('SELECT count(*) AS n FROM liquidations');
    expect(Number(n[0]!.n)).toBe(62);
  });
});
