import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl } from '../../../test/postgres.js';
import { dataFile } from '../../../test/shared-data.js';
import { PostgresDb } from '../../store/postgres.js';
import { Store } from '../../store/store.js';
import { importCryptoFiles, importPriceFiles } from '../../update/import/prices.js';
import { readFunding } from '../crypto/repository.js';
import { mergedCloses, readActions } from './repository.js';

// The same markets tables and queries on PostgreSQL (runs when DATABASE_URL is set).
const pg = postgresUrl();
describe.runIf(pg)('markets store on PostgreSQL', () => {
  let store: Store;
  let schema: string;
  beforeAll(async () => {
    const admin = await PostgresDb.open(pg!);
    schema = `tw_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await admin.run(`CREATE SCHEMA ${schema}`);
    await admin.close();
    const url = new URL(pg!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    store = new Store(await PostgresDb.open(url.toString()));
    await store.migrate();
  });
  afterAll(async () => {
    await store?.db.run(`DROP SCHEMA ${schema} CASCADE`);
    await store?.close();
  });

  it('NVDA two downloads re-based (×0.0998), dividends derived; funding percent file stored as decimal', async () => {
    const r = await importPriceFiles(store, [
      dataFile('prices', 'yf-close-only', 'NVDA.csv'),
      dataFile('prices', 'yahoo-classic-csv', 'NVDA.csv'),
    ]);
    expect(r.map((s) => s.status)).toEqual(['ok', 'ok']);
    const m = await mergedCloses(store.db, 'NVDA');
    expect(m.links[1]!.ratio).toBeCloseTo(0.0998, 3);
    expect((await readActions(store.db, 'NVDA')).some((a) => a.kind === 'dividend')).toBe(true);
    const c = await importCryptoFiles(store, [
      dataFile('crypto', 'funding'),
      dataFile('crypto', 'sentiment'),
    ]);
    expect(c.map((s) => s.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    const f = await readFunding(store.db, 'BTC', { interval: '8h', from: '2025-11-12' });
    expect(f.map((x) => x.ts)).toEqual(['2025-11-12T00:00:00Z', '2025-11-12T08:00:00Z']);
    expect(f[0]!.interval).toBe('8h');
  });
});
