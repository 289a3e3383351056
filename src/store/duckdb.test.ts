import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { DuckDb } from './duckdb.js';

describe('DuckDb', () => {
  it('PEERS trap: two opens of one file in a process share one instance, and the lock is released after the last close', async () => {
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

  it('bulk insert joins the open transaction: a rollback removes appended rows', async () => {
    const db = await DuckDb.open(':memory:');
    await db.run('CREATE TABLE t (d DATE, v DOUBLE, s VARCHAR)');
    await expect(
      db.transaction(async (tx) => {
        await tx.insertMany('t', ['d', 'v', 's'], [['2024-01-02', 1.5, 'a'], ['2024-01-03', null, 'b']]);
        expect(await tx.all('SELECT count(*) AS n FROM t')).toEqual([{ n: 2 }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.all('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
    await db.insertMany('t', ['d', 'v', 's'], [['2024-01-02', 1.5, 'a']]);
    expect(await db.all('SELECT CAST(d AS VARCHAR) AS d, v, s FROM t')).toEqual([{ d: '2024-01-02', v: 1.5, s: 'a' }]);
    await db.close();
  });
});
