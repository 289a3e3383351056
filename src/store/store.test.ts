import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl } from '../../test/postgres.js';
import { ANY_VALUE } from '../core/plausibility.js';
import type { Db } from './db.js';
import { DuckDb } from './duckdb.js';
import { coreMigrations } from './migrations/core.js';
import { allMigrations } from './migrations/index.js';
import { PostgresDb } from './postgres.js';
import { Store } from './store.js';

/** Test series accept any value; the plausibility rules have their own tests. */
const T = { rule: ANY_VALUE, origin: 'test' };

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
      await store.upsertSeries({
        id: 'T1',
        source: 'test',
        title: 't',
        unit: 'usd',
        sourceUnit: 'usd_millions',
        frequency: 'weekly',
      });
      // Every download of T1 carries the same unit and revision day.
      const write = (rows: Array<{ date: string; value: number; knownFrom: string }>) =>
        store.writeObservations('T1', rows, {
          sourceUnit: 'usd_millions',
          revisionKnownFrom: '2024-02-01',
          ...T,
        });
      const w1 = await write([
        { date: '2024-01-03', value: 100, knownFrom: '2024-01-04' },
        { date: '2024-01-10', value: 110, knownFrom: '2024-01-11' },
      ]);
      expect(w1).toEqual({ newRows: 2, revisedRows: 0, unchanged: 0 });
      // Re-download: one value revised, one unchanged: idempotent apart from the revision.
      const w2 = await write([
        { date: '2024-01-03', value: 100, knownFrom: '2024-01-04' },
        { date: '2024-01-10', value: 111, knownFrom: '2024-01-11' },
      ]);
      expect(w2).toEqual({ newRows: 0, revisedRows: 1, unchanged: 1 });
      const again = await write([{ date: '2024-01-10', value: 111, knownFrom: '2024-01-11' }]);
      expect(again).toEqual({ newRows: 0, revisedRows: 0, unchanged: 1 });

      expect(await store.getObservations('T1')).toEqual([
        { date: '2024-01-03', value: 100, knownFrom: '2024-01-04' },
        { date: '2024-01-10', value: 111, knownFrom: '2024-02-01' },
      ]);
      expect(await store.getObservations('T1', { asOf: '2024-01-20' })).toEqual([
        { date: '2024-01-03', value: 100, knownFrom: '2024-01-04' },
        { date: '2024-01-10', value: 110, knownFrom: '2024-01-11' },
      ]);
      expect(await store.getObservations('T1', { asOf: '2024-01-10' })).toEqual([
        { date: '2024-01-03', value: 100, knownFrom: '2024-01-04' },
      ]);
      const info = await store.getSeries('T1');
      // Two dates, three vintage rows: `observations` counts dates.
      expect(info).toMatchObject({
        observations: 2,
        firstDate: '2024-01-03',
        lastDate: '2024-01-10',
        sourceUnit: 'usd_millions',
      });
      // As of 2024-01-10 only the first date was public.
      expect(await store.getSeries('T1', '2024-01-10')).toMatchObject({
        observations: 1,
        lastDate: '2024-01-03',
        updatedAt: null,
      });
    });

    it('a failed transaction leaves nothing behind', async () => {
      await expect(
        store.db.transaction(async (tx) => {
          await store.upsertSeries(
            { id: 'T2', source: 'test', title: 't', unit: 'usd', sourceUnit: 'usd', frequency: 'daily' },
            tx,
          );
          await store.writeObservations(
            'T2',
            [{ date: '2024-01-01', value: 1, knownFrom: '2024-01-01' }],
            { sourceUnit: 'usd', revisionKnownFrom: '2024-01-02', ...T },
            tx,
          );
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.getSeries('T2')).toBeUndefined();
      expect(await store.getObservations('T2')).toEqual([]);
    });

    it('a duplicate vintage is refused: the write fails and what was stored stays (DuckDB: no key index, checked before COMMIT)', async () => {
      const meta = {
        id: 'T4',
        source: 'test',
        title: 't',
        unit: 'usd',
        sourceUnit: 'usd',
        frequency: 'daily',
      };
      const opts = { sourceUnit: 'usd', revisionKnownFrom: '2024-01-02', ...T };
      await store.db.transaction(async (tx) => {
        await store.upsertSeries(meta, tx);
        await store.writeObservations(
          'T4',
          [{ date: '2024-01-01', value: 1, knownFrom: '2024-01-02' }],
          opts,
          tx,
        );
      });
      // Two restatements of the same day, re-imported that day: both land on the stored vintage.
      await expect(
        store.writeObservations(
          'T4',
          [
            { date: '2024-01-01', value: 2, knownFrom: '2024-01-01' },
            { date: '2024-01-01', value: 3, knownFrom: '2023-12-31' },
          ],
          opts,
        ),
      ).rejects.toThrow(/stored 2 times|duplicate key/);
      // Rows added beside the writer (as a broken writer would) are refused by the same check, counted.
      await expect(
        store.db.transaction(async (tx) => {
          const row = ['T4', '2024-01-03', 5, '2024-01-03', 'usd', null];
          await tx.insertMany(
            'observations',
            ['series_id', 'date', 'value', 'known_from', 'source_unit', 'run_id'],
            [row, row, row],
          );
          await store.writeObservations(
            'T4',
            [
              { date: '2024-01-02', value: 4, knownFrom: '2024-01-02' },
              { date: '2024-01-04', value: 6, knownFrom: '2024-01-04' },
            ],
            opts,
            tx,
          );
        }),
      ).rejects.toThrow(/T4 2024-01-03 known from 2024-01-03 is stored 3 times|duplicate key/);
      expect((await store.getObservations('T4')).map((o) => [o.date, o.value, o.knownFrom])).toEqual([
        ['2024-01-01', 1, '2024-01-02'],
      ]);
    });

    it('every committed write bumps the data version, in store_version too; reads and rollbacks do not', async () => {
      const stored = async () =>
        Number((await store.db.all<{ v: number }>('SELECT version FROM store_version'))[0]!.v);
      const v0 = await store.dataVersion();
      const t0 = await stored();
      await store.getObservations('T1');
      await store.db.run("SET TimeZone = 'UTC'");
      expect(await store.dataVersion()).toBe(v0);
      await store.writeObservations('T1', [{ date: '2024-01-17', value: 120, knownFrom: '2024-01-18' }], {
        sourceUnit: 'usd_millions',
        revisionKnownFrom: '2024-02-01',
        ...T,
      });
      const v1 = await store.dataVersion();
      expect(v1).not.toBe(v0);
      expect(await stored()).toBe(t0 + 1);
      // A write outside a transaction (a run record) is wrapped in one with the bump.
      await store.finishRun(await store.startRun('test'), 'ok', []);
      expect(await stored()).toBe(t0 + 3);
      const v2 = await store.dataVersion();
      expect(v2).not.toBe(v1);
      await expect(
        store.db.transaction(async (tx) => {
          await tx.run("DELETE FROM observations WHERE series_id = 'T1'");
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.dataVersion()).toBe(v2);
      expect(await stored()).toBe(t0 + 3);
      // Scratch work on temporary tables (an import's checks before it refuses) is not stored data.
      await store.db.run('CREATE TEMP TABLE scratch_v (a INTEGER)');
      if (store.db.dialect === 'duckdb') {
        await store.db.run('DELETE FROM temp.scratch_v WHERE a = 1');
        await store.db.run('DROP TABLE IF EXISTS temp.scratch_v');
      } else await store.db.run('DROP TABLE pg_temp.scratch_v');
      expect(await store.dataVersion()).toBe(v2);
      expect(await stored()).toBe(t0 + 3);
    });

    it("the store's handle is not in a transaction; the view a transaction hands out is, nested ones too, and shares the version-table flag", async () => {
      expect(store.db.inTransaction).toBe(false);
      expect(store.db.versionTable).toBe(true);
      const seen = await store.db.transaction(async (tx) => {
        const nested = await tx.transaction(async (inner) => [inner.inTransaction, inner.versionTable]);
        return [tx.inTransaction, tx.versionTable, ...nested];
      });
      expect(seen).toEqual([true, true, true, true]);
      // Set through a view, the flag is the connection's (Store.migrate may run on either).
      await store.db.transaction(async (tx) => {
        tx.versionTable = false;
      });
      expect(store.db.versionTable).toBe(false);
      store.db.versionTable = true;
    });

    it('PEERS: PostgreSQL NUMERIC/INT8 and DuckDB BIGINT/DECIMAL come back as strings or bigint — converted to numbers at the boundary', async () => {
      const r = await store.db.all<{ n: number; big: number }>(
        'SELECT count(*) AS n, CAST(12345678901 AS BIGINT) AS big FROM observations',
      );
      expect(typeof r[0]!.n).toBe('number');
      expect(r[0]!.big).toBe(12345678901);
    });

    it('a run left running by a process that is gone is marked failed at the next start (case 7)', async () => {
      const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
      const mark = (pid: number, host: string) => JSON.stringify({ pid, host });
      const base =
        (await store.db.all<{ id: number | null }>('SELECT max(id) AS id FROM ingest_runs'))[0]?.id ?? 0;
      const rows: Array<[number, string]> = [
        [base + 1, mark(dead, hostname())],
        [base + 2, mark(process.pid, hostname())],
        [base + 3, mark(dead, 'another-machine')],
      ];
      for (const [id, summary] of rows) {
        await store.db.run(
          "INSERT INTO ingest_runs (id, source, started_at, status, summary) VALUES ($1, 'killed', CURRENT_TIMESTAMP, 'running', $2)",
          [id, summary],
        );
      }
      const id = await store.startRun('next');
      expect(id).toBe(base + 4);
      const runs = await store.lastRuns(4);
      expect(runs.map((r) => [r.id, r.status])).toEqual([
        [base + 4, 'running'],
        [base + 3, 'running'],
        [base + 2, 'running'],
        [base + 1, 'failed'],
      ]);
      expect(JSON.stringify(runs[3]!.summary)).toContain(
        `process ${dead} on ${hostname()} ended without finishing this run`,
      );
      for (const r of [base + 2, base + 3, id]) await store.finishRun(r, 'ok', []);
    });

    it('records ingest runs and archive entries', async () => {
      const id = await store.startRun('test');
      expect((await store.lastRuns(1))[0]).toMatchObject({
        id,
        status: 'running',
        summary: { pid: process.pid, host: hostname() },
      });
      await store.finishRun(id, 'partial', [{ series: 'X', status: 'failed' }]);
      const runs = await store.lastRuns(1);
      expect(runs[0]).toMatchObject({
        id,
        source: 'test',
        status: 'partial',
        summary: [{ series: 'X', status: 'failed' }],
      });
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

if (pg) {
  describe('data version on PostgreSQL', () => {
    it('a write through one connection changes the version another connection (process) reads', async () => {
      const admin = await PostgresDb.open(pg);
      const schema = `tw_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      await admin.run(`CREATE SCHEMA ${schema}`);
      const url = new URL(pg);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const writer = new Store(await PostgresDb.open(url.toString()));
      const reader = new Store(await PostgresDb.open(url.toString()));
      try {
        await writer.migrate();
        await reader.migrate();
        const before = await reader.dataVersion();
        // Concurrent reads share one query and agree.
        expect(new Set(await Promise.all([1, 2, 3].map(() => reader.dataVersion()))).size).toBe(1);
        await writer.upsertSeries({
          id: 'V1',
          source: 'test',
          title: 't',
          unit: 'usd',
          sourceUnit: 'usd',
          frequency: 'daily',
        });
        expect(await reader.dataVersion()).toBeGreaterThan(before);
      } finally {
        await writer.close();
        await reader.close();
        await admin.run(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
      }
    });
  });
}

describe('migrations', () => {
  it('versions are unique across domains', () => {
    const versions = allMigrations.map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect(coreMigrations[0]!.version).toBe(1);
  });

  it('DuckDB: two connections to one file in a process write one after the other (no key index to catch an interleaving)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-writes-'));
    const file = path.join(dir, 'tw.duckdb');
    const a = new Store(await DuckDb.open(file));
    const b = new Store(await DuckDb.open(file));
    try {
      await a.migrate();
      await b.migrate();
      const meta = {
        id: 'W',
        source: 'test',
        title: 't',
        unit: 'usd',
        sourceUnit: 'usd',
        frequency: 'daily',
      };
      const rows = [1, 2, 3].map((d) => ({ date: `2024-01-0${d}`, value: d, knownFrom: `2024-01-0${d}` }));
      const write = (s: Store) =>
        s.db.transaction(async (tx) => {
          await s.upsertSeries(meta, tx);
          return s.writeObservations(
            'W',
            rows,
            { sourceUnit: 'usd', revisionKnownFrom: '2024-01-05', ...T },
            tx,
          );
        });
      const [ra, rb] = await Promise.all([write(a), write(b)]);
      expect([ra.newRows, rb.newRows].sort()).toEqual([0, 3]);
      expect(await a.db.all('SELECT date FROM observations')).toHaveLength(3);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('DuckDB: migration 12 drops the observations key index and keeps every row in its order', async () => {
    const store = new Store(await DuckDb.open(':memory:'));
    try {
      await store.migrate(allMigrations.filter((m) => m.version < 12));
      const keyed = `SELECT count(*) AS n FROM duckdb_constraints() WHERE table_name = 'observations' AND constraint_type = 'PRIMARY KEY'`;
      expect((await store.db.all<{ n: number }>(keyed))[0]!.n).toBe(1);
      await store.upsertSeries({
        id: 'M',
        source: 'test',
        title: 't',
        unit: 'usd',
        sourceUnit: 'usd',
        frequency: 'daily',
      });
      const rows = [
        { date: '2024-01-02', value: 2, knownFrom: '2024-01-03' },
        { date: '2024-01-01', value: 1, knownFrom: '2024-01-02' },
      ];
      await store.writeObservations('M', rows, { sourceUnit: 'usd', revisionKnownFrom: '2024-01-05', ...T });
      const before = await store.db.all('SELECT * FROM observations');
      expect(await store.migrate()).toContain(12);
      expect((await store.db.all<{ n: number }>(keyed))[0]!.n).toBe(0);
      expect(await store.db.all('SELECT * FROM observations')).toEqual(before);
      const nullable = await store.db.all<{ c: string }>(
        `SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'observations' AND is_nullable = 'YES'`,
      );
      expect(nullable.map((r) => r.c)).toEqual(['run_id']);
    } finally {
      await store.close();
    }
  });
});
