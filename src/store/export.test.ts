import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liquidityStore } from '../../test/fixtures.js';
import { postgresUrl } from '../../test/postgres.js';
import { dataFile } from '../../test/shared-data.js';
import { importFredFiles } from '../update/import/fred.js';
import { DuckDb } from './duckdb.js';
import { exportData } from './export.js';
import { withStore } from './memory.testkit.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tw-export-'));

describe('export (DuckDB COPY)', () => {
  it('a series as of a day to CSV: the latest vintage per date known by then (real WALCL)', async () => {
    const store = await liquidityStore();
    try {
      const out = path.join(dir, 'walcl.csv');
      const r = await exportData(store.db, { what: 'walcl', format: 'csv', out, asOf: '2025-11-12' });
      const lines = readFileSync(out, 'utf8').trim().split('\n');
      expect(lines[0]).toBe('date,value,known_from,source_unit');
      // The H.4.1 of Wednesday 2025-11-12 is published on Thursday: as of the 12th the last row is the 5th.
      expect(lines.at(-1)).toBe('2025-11-05,6572732000000.0,2025-11-06,usd_millions');
      expect(r).toMatchObject({ kind: 'series', rows: lines.length - 1 });
    } finally {
      await store.close();
    }
  });

  it('a table to Parquet reads back with DuckDB, rows cut by the known-by rule', async () => {
    const store = await liquidityStore();
    try {
      const out = path.join(dir, 'obs.parquet');
      const all = await exportData(store.db, { what: 'observations', format: 'parquet', out });
      const cut = await exportData(store.db, {
        what: 'observations',
        format: 'parquet',
        out: path.join(dir, 'cut.parquet'),
        asOf: '2020-03-20',
      });
      expect(cut.rows).toBeLessThan(all.rows);
      const mem = await DuckDb.open(':memory:');
      const back = await mem.all<{ n: number; k: string }>(
        `SELECT count(*) AS n, CAST(max(known_from) AS VARCHAR) AS k FROM read_parquet('${path.join(dir, 'cut.parquet')}')`,
      );
      await mem.close();
      expect(back[0]).toEqual({ n: cut.rows, k: '2020-03-20' });
    } finally {
      await store.close();
    }
  });

  it('an unknown name is refused with the tables listed, and no file is left behind', async () => {
    const store = await liquidityStore();
    try {
      await expect(
        exportData(store.db, { what: 'nosuch', format: 'csv', out: path.join(dir, 'x.csv') }),
      ).rejects.toThrow(/'nosuch' is neither a stored table nor a stored series/);
    } finally {
      await store.close();
    }
  });
});

const pg = postgresUrl();
describe.runIf(pg)('export from PostgreSQL goes through DuckDB and gives the same file', () => {
  it('WALCL as of 2025-11-12, CSV identical to the DuckDB export', async () => {
    await withStore(async (store) => {
      await store.db.run("DELETE FROM observations WHERE series_id = 'WALCL'");
      await importFredFiles(store, [dataFile('fred', 'WALCL.csv')], { runId: null, today: '2026-01-01' });
      const out = path.join(dir, 'walcl-pg.csv');
      await exportData(store.db, { what: 'WALCL', format: 'csv', out, asOf: '2025-11-12' });
      const duck = await liquidityStore();
      const ref = path.join(dir, 'walcl-duck.csv');
      await exportData(duck.db, { what: 'WALCL', format: 'csv', out: ref, asOf: '2025-11-12' });
      await duck.close();
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(ref, 'utf8'));
    }, pg!);
  });
});
