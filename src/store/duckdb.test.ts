import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { DuckDb } from './duckdb.js';

describe('DuckDb', () => {
  it('PEERS: several DuckDB instances in one process must not attach the same file — two opens of one file share one instance, and the lock is released after the last close', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tw-duck-')), 'a.duckdb');
    const a = await DuckDb.open(file);
    const b = await DuckDb.open(file);
    await a.run('CREATE TABLE t (x INTEGER)');
    await b.run('INSERT INTO t VALUES (1), (2)');
    await a.close();
    expect(await b.all<{ n: number }>('SELECT count(*) AS n FROM t')).toEqual([{ n: 2 }]);
    await b.close();
    // Another process can now open the file (no lock left behind).
    expect(runCli(['series', 'list', '--db', file]).stdout).toMatch(/no series stored yet/);
  });

  it('columns gives the values of all, one array per column, and no values when there are no rows', async () => {
    const db = await DuckDb.open(':memory:');
    const sql = `SELECT * FROM (VALUES (DATE '2024-01-02', 1.5, 'a', CAST(7 AS BIGINT), NULL),
        (DATE '2024-01-03', CAST('inf' AS DOUBLE), NULL, CAST(9007199254740993 AS BIGINT), 2)) t(d, v, s, b, n)`;
    const rows = await db.all<Record<string, unknown>>(sql);
    const cols = await db.columns(sql);
    expect(Object.keys(cols)).toEqual(['d', 'v', 's', 'b', 'n']);
    for (const k of Object.keys(cols)) expect(cols[k]).toEqual(rows.map((r) => r[k]));
    expect(cols.d).toEqual(['2024-01-02', '2024-01-03']);
    expect(cols.v).toEqual([1.5, 'Infinity']);
    expect(Object.values(await db.columns('SELECT 1 AS x WHERE false')).flat()).toEqual([]);
    await db.close();
  });

  it('bulk insert joins the open transaction: a rollback removes appended rows', async () => {
    const db = await DuckDb.open(':memory:');
    await db.run('CREATE TABLE t (d DATE, v DOUBLE, s VARCHAR)');
    await expect(
      db.transaction(async (tx) => {
        await tx.insertMany(
          't',
          ['d', 'v', 's'],
          [
            ['2024-01-02', 1.5, 'a'],
            ['2024-01-03', null, 'b'],
          ],
        );
        expect(await tx.all('SELECT count(*) AS n FROM t')).toEqual([{ n: 2 }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.all('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
    await db.insertMany('t', ['d', 'v', 's'], [['2024-01-02', 1.5, 'a']]);
    expect(await db.all('SELECT CAST(d AS VARCHAR) AS d, v, s FROM t')).toEqual([
      { d: '2024-01-02', v: 1.5, s: 'a' },
    ]);
    await db.close();
  });

  it("a bulk insert in the table's own column order keeps no second copy of its rows until COMMIT (import memory, issue 15)", async () => {
    // The same 100k rows in 5 chunks inside one transaction, once in the table's column order
    // (appended straight into it) and once in another order (staged through a temp table per
    // chunk, which DuckDB keeps until the transaction ends): the direct path holds about half.
    const held = async (columns: string[]) => {
      const db = await DuckDb.open(':memory:');
      await db.run('CREATE TABLE t (k VARCHAR NOT NULL, d DATE NOT NULL, v DOUBLE, PRIMARY KEY (k, d))');
      const order = columns.map((c) => ['k', 'd', 'v'].indexOf(c));
      const bytes = await db.transaction(async (tx) => {
        for (let chunk = 0; chunk < 5; chunk++) {
          const rows = Array.from({ length: 20_000 }, (_, i) => {
            const day = new Date(Date.UTC(1950, 0, 1 + i)).toISOString().slice(0, 10);
            const row = [`SERIES_${chunk}_LONG_NAME`, day, i * 0.5];
            return order.map((j) => row[j]!);
          });
          await tx.insertMany('t', columns, rows);
        }
        const [m] = await tx.all<{ b: number }>(
          "SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'",
        );
        return Number(m!.b);
      });
      expect(await db.all('SELECT count(*) AS n FROM t')).toEqual([{ n: 100_000 }]);
      await db.close();
      return bytes;
    };
    const direct = await held(['k', 'd', 'v']);
    const staged = await held(['v', 'k', 'd']);
    expect(direct).toBeLessThan(0.7 * staged);
  });

  it('a failed bulk insert inside a transaction reports the database error, not "Current transaction is aborted" (case 6)', async () => {
    const db = await DuckDb.open(':memory:');
    await db.run('CREATE TABLE t (d DATE PRIMARY KEY, v DOUBLE)');
    await db.insertMany('t', ['d', 'v'], [['2024-01-02', 1]]);
    const attempt = db.transaction(async (tx) => {
      await tx.insertMany(
        't',
        ['d', 'v'],
        [
          ['2024-01-03', 2],
          ['2024-01-02', 3],
        ],
      );
    });
    await expect(attempt).rejects.toMatchObject({ kind: 'store' });
    await expect(attempt).rejects.toThrow(
      /insert of 2 row\(s\) into t failed: .*(Duplicate key|PRIMARY KEY|primary key).*2024-01-02/,
    );
    await expect(attempt).rejects.not.toThrow(/transaction is aborted/i);
    // Nothing of the failed transaction is left, and the connection still works.
    expect(await db.all('SELECT CAST(d AS VARCHAR) AS d, v FROM t')).toEqual([{ d: '2024-01-02', v: 1 }]);
    await db.insertMany('t', ['d', 'v'], [['2024-01-04', 4]]);
    expect(await db.all('SELECT count(*) AS n FROM t')).toEqual([{ n: 2 }]);
    await db.close();
  });

  it('a value the column type refuses names the database error too (JS writes year 10000 as +010000-01-01)', async () => {
    const db = await DuckDb.open(':memory:');
    await db.run('CREATE TABLE t (d DATE)');
    const attempt = db.transaction((tx) =>
      tx.insertMany('t', ['d'], [[new Date(Date.UTC(10000, 0, 1)).toISOString().slice(0, 13)]]),
    );
    await expect(attempt).rejects.toThrow(/insert of 1 row\(s\) into t failed: .*\+010000-01-01/);
    await expect(attempt).rejects.not.toThrow(/transaction is aborted/i);
    await db.close();
  });

  it('numericColumns: each column as one Float64Array over every chunk (5000 rows), NULL as NaN, BIGINT as a number; no rows gives empty columns', async () => {
    const db = await DuckDb.open(':memory:');
    const [i, half, big, gap] = await db.numericColumns(
      `SELECT CAST(i AS INTEGER) AS i, i / 2 AS half, CAST(i AS BIGINT) * 1000000 AS big,
              CASE WHEN i % 1000 = 0 THEN NULL ELSE i END AS gap
         FROM range(5000) t(i) ORDER BY i`,
    );
    expect([i!.length, i![4999], half![4999], big![4999]]).toEqual([5000, 4999, 2499.5, 4999000000]);
    expect([Number.isNaN(gap![3000]!), gap![3001]]).toEqual([true, 3001]);
    // Inside a transaction it reads what the transaction wrote.
    const inTx = await db.transaction(async (tx) => {
      await tx.run('CREATE TABLE t (x DOUBLE)');
      await tx.run('INSERT INTO t VALUES (1.5), (2.5)');
      return tx.numericColumns('SELECT x FROM t ORDER BY x');
    });
    expect([...inTx[0]!]).toEqual([1.5, 2.5]);
    expect((await db.numericColumns('SELECT x FROM t WHERE x > 9')).map((c) => c.length)).toEqual([0]);
    await db.close();
  });
});
