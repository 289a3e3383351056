import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/dates.js';
import { ANY_VALUE } from '../../src/core/plausibility.js';
import type { Db, SqlValue } from '../../src/store/db.js';
import { DuckDb } from '../../src/store/duckdb.js';
import { Store } from '../../src/store/store.js';

/**
 * PEERS.md (markets and crypto): vectorbt trades memory for speed and ran out of memory on tens
 * of millions of rows (vectorbt #77, #797): stream or chunk. A large series write reaches the
 * database in bounded chunks (observations-writer.ts, CHUNK = 50,000 rows), never as one
 * statement holding a second full copy of the input. Literal: 120,001 daily values.
 */
describe('large writes are chunked', () => {
  it('PEERS: out of memory on tens of millions of rows (vectorbt #77) — a 120,001-row write goes to the database as 50,000 + 50,000 + 20,001 rows', async () => {
    const db = await DuckDb.open(':memory:');
    const batches: number[] = [];
    // the writer's database handle, with its bulk inserts counted
    const counted = (tx: Db): Db =>
      new Proxy(tx, {
        get(target, key, receiver) {
          if (key !== 'insertMany') return Reflect.get(target, key, receiver);
          return (table: string, columns: string[], rows: SqlValue[][]) => {
            if (table === 'observations') batches.push(rows.length);
            return target.insertMany(table, columns, rows);
          };
        },
      });
    const store = new Store(db);
    await store.migrate();
    await store.upsertSeries({
      id: 'BIG',
      source: 'test',
      title: 'big',
      unit: 'index',
      sourceUnit: 'index',
      frequency: 'daily',
    });
    const rows = Array.from({ length: 120_001 }, (_, i) => {
      const date = addDays('1600-01-01', i);
      return { date, value: i, knownFrom: date };
    });
    const opts = { sourceUnit: 'index', revisionKnownFrom: '2026-01-01', rule: ANY_VALUE, origin: 'literal' };
    const w = await db.transaction((tx) => store.writeObservations('BIG', rows, opts, counted(tx)));
    expect(w).toEqual({ newRows: 120_001, revisedRows: 0, unchanged: 0 });
    expect(batches).toEqual([50_000, 50_000, 20_001]);
    const [n] = await db.all<{ n: number; last: number }>(
      "SELECT count(*) AS n, max(value) AS last FROM observations WHERE series_id = 'BIG'",
    );
    expect(n).toEqual({ n: 120_001, last: 120_000 });
    await db.close();
  });
});
