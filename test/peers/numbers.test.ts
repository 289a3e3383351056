import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFredCsv } from '../../src/sources/fred/csv.js';
import type { Db } from '../../src/store/db.js';
import { DuckDb } from '../../src/store/duckdb.js';
import { withStore } from '../../src/store/memory.testkit.js';
import { PostgresDb } from '../../src/store/postgres.js';
import { importFredFiles } from '../../src/update/import/fred.js';
import { postgresUrl } from '../postgres.js';
import { dataFile } from '../shared-data.js';

/**
 * PEERS.md (storage and numbers): PostgreSQL NUMERIC/INT8 and DuckDB BIGINT/DECIMAL come back as
 * strings or bigint; convert at the boundary, and an unparseable or absent value is never a silent
 * 0 (evidence-dev normalize-numeric-rows.ts). Literal SQL values on both backends, and the real
 * DGS10 download, whose empty cells (holidays) are missing values, not zero yields.
 */
const SQL = `SELECT CAST('886560000' AS BIGINT) AS big, CAST('12.345' AS DECIMAL(18,3)) AS dec,
  CAST(NULL AS BIGINT) AS no_big, CAST(NULL AS DECIMAL(18,3)) AS no_dec, count(*) AS n FROM (SELECT 1) t`;

async function numbersOf(db: Db) {
  const [r] = await db.all<Record<string, unknown>>(SQL);
  return r;
}

describe('numbers at the store boundary', () => {
  it('PEERS: DuckDB BIGINT/DECIMAL come back as bigint or strings — numbers at the boundary, NULL stays null (never 0)', async () => {
    const db = await DuckDb.open(':memory:');
    expect(await numbersOf(db)).toEqual({ big: 886_560_000, dec: 12.345, no_big: null, no_dec: null, n: 1 });
    await db.close();
  });

  const pg = postgresUrl();
  it.skipIf(!pg)(
    'PEERS: PostgreSQL NUMERIC/INT8 come back as strings — numbers at the boundary, NULL stays null (never 0)',
    async () => {
      // NUMERIC is PostgreSQL's name for DECIMAL; count(*) is INT8
      const db = await PostgresDb.open(pg!);
      expect(await numbersOf(db)).toEqual({
        big: 886_560_000,
        dec: 12.345,
        no_big: null,
        no_dec: null,
        n: 1,
      });
      await db.close();
    },
  );

  it("PEERS: an unparseable value is never a silent 0 — DGS10's empty cells (202, e.g. 2007-01-15) are missing, not a 0 % yield", async () => {
    const file = dataFile('fred', 'DGS10.csv');
    const csv = parseFredCsv(readFileSync(file, 'utf8'), 'DGS10.csv');
    // fred/PROVENANCE.md: 4,923 rows, 202 of them empty
    expect([csv.rows.length + csv.missing, csv.missing]).toEqual([4923, 202]);
    expect(csv.rows.some((r) => r.value === 0)).toBe(false);
    await withStore(async (store) => {
      await importFredFiles(store, [file], { runId: null, today: '2026-01-01' });
      const obs = await store.getObservations('DGS10', { from: '2007-01-12', to: '2007-01-16' });
      expect(obs.map((o) => [o.date, o.value])).toEqual([
        ['2007-01-12', 4.77],
        ['2007-01-16', 4.75],
      ]);
    });
  });
});
