import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl } from '../../test/postgres.js';
import type { Db } from './db.js';
import { DuckDb } from './duckdb.js';
import { coreMigrations } from './migrations/core.js';
import { allMigrations } from './migrations/index.js';
import { PostgresDb } from './postgres.js';
import { Store } from './store.js';

/** The same contract for every Store backend. */
function storeContract(name: string, open: () => Promise<{ db: Db; cleanup: () => Promise<void> }>) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const o = await open();
      store = new Store(o.db);
      cleanup = o.cleanup;
      await store.migrate();
    });
    afterAll(async () => {
      await cleanup();
    });

    it('records applied migrations and does not re-apply them', async () => {
      expect(await store.schemaVersion()).toBe(Math.max(...allMigrations.map((m) => m.version)));
      expect(await store.migrate()).toEqual([]);
    });

    it('keeps vintages: as-of queries see only what was public, latest value otherwise', async () => {
      await store.upsertSeries({ id: 'T1', source: 'test', title: 't', unit: 'usd', sourceUnit: 'usd_millions', frequency: 'weekly' });
      const w1 = await store.writeObservations(
        'T1',
        [
          { date: '2024-01-03', value: 100, knownFrom: '2024-01-04' },
          { date: '2024-01-10', value: 110, knownFrom: '2024-01-11' },
        ],
        { sourceUnit: 'usd_millions', revisionKnownFrom: '2024-02-01' },
      );
      expect(w1).toEqual({ newRows: 2, revisedRows: 0, unchanged: 0 });
      // Re-download: one value revised, one unchanged: idempotent apart from the revision.
      const w2 = await store.writeObservations(
        'T1',
        [
          { date: '2024-01-03', value: 100, knownFrom: '2024-01-04' },
          { date: '2024-01-10', value: 111, knownFrom: '2024-01-11' },
        ],
        { sourceUnit: 'usd_millions', revisionKnownFrom: '2024-02-01' },
      );
      expect(w2).toEqual({ newRows: 0, revisedRows: 1, unchanged: 1 });
      const again = await store.writeObservations('T1', [{ date: '2024-01-10', value: 111, knownFrom: '2024-01-11' }], {
        sourceUnit: 'usd_millions',
        revisionKnownFrom: '2024-02-01',
      });
      expect(again).toEqual({ newRows: 0, revisedRows: 0, unchanged: 1 });

      expect(await store.getObservations('T1')).toEqual([
        { date: '2024-01-03', value: 100, knownFrom: '2024-01-04' },
        { date: '2024-01-10', value: 111, knownFrom: '2024-02-01' },
      ]);
      expect(await store.getObservations('T1', { asOf: '2024-01-20' })).toEqual([
        { date: '2024-01-03', value: 100, knownFrom: '2024-01-04' },
        { date: '2024-01-10', value: 110, knownFrom: '2024-01-11' },
      ]);
      expect(await store.getObservations('T1', { asOf: '2024-01-10' })).toEqual([{ date: '2024-01-03', value: 100, knownFrom: '2024-01-04' }]);
      const info = await store.getSeries('T1');
      expect(info).toMatchObject({ observations: 3, firstDate: '2024-01-03', lastDate: '2024-01-10', sourceUnit: 'usd_millions' });
    });

    it('a failed transaction leaves nothing behind', async () => {
      await expect(
        store.db.transaction(async (tx) => {
          await store.upsertSeries({ id: 'T2', source: 'test', title: 't', unit: 'usd', sourceUnit: 'usd', frequency: 'daily' }, tx);
          await store.writeObservations('T2', [{ date: '2024-01-01', value: 1, knownFrom: '2024-01-01' }], { sourceUnit: 'usd', revisionKnownFrom: '2024-01-02' }, tx);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.getSeries('T2')).toBeUndefined();
      expect(await store.getObservations('T2')).toEqual([]);
    });

    it('converts BIGINT/NUMERIC to numbers at the boundary', async () => {
      const r = await store.db.all<{ n: number; big: number }>('SELECT count(*) AS n, CAST(12345678901 AS BIGINT) AS big FROM observations');
      expect(typeof r[0]!.n).toBe('number');
      expect(r[0]!.big).toBe(12345678901);
    });

    it('records ingest runs and archive entries', async () => {
      const id = await store.startRun('test');
      await store.finishRun(id, 'partial', [{ series: 'X', status: 'failed' }]);
      const runs = await store.lastRuns(1);
      expect(runs[0]).toMatchObject({ id, source: 'test', status: 'partial', summary: [{ series: 'X', status: 'failed' }] });
      await store.recordArchive({
        sha256: 'ab'.repeat(32),
        url: 'https://example.test/a',
        source: 'test',
        fetchedAt: '2026-01-01T00:00:00.000Z',
        status: 200,
        contentType: 'text/csv',
        bytes: 10,
        storedPath: null,
        fromReplay: true,
      });
      const rows = await store.db.all<{ n: number }>('SELECT count(*) AS n FROM raw_archive');
      expect(rows[0]!.n).toBe(1);
    });
  });
}

storeContract('DuckDB', async () => {
  const db = await DuckDb.open(':memory:');
  return { db, cleanup: () => db.close() };
});

const pg = postgresUrl();
if (pg) {
  storeContract('PostgreSQL', async () => {
    const admin = await PostgresDb.open(pg);
    const schema = `tw_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await admin.run(`CREATE SCHEMA ${schema}`);
    await admin.close();
    const url = new URL(pg);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const db = await PostgresDb.open(url.toString());
    return {
      db,
      cleanup: async () => {
        await db.run(`DROP SCHEMA ${schema} CASCADE`);
        await db.close();
      },
    };
  });
}

describe('migrations', () => {
  it('versions are unique across domains', () => {
    const versions = allMigrations.map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect(coreMigrations[0]!.version).toBe(1);
  });
});
