import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl } from '../../../../test/postgres.js';
import type { Db } from '../../../store/db.js';
import { PostgresDb } from '../../../store/postgres.js';
import { openStore, type Store } from '../../../store/store.js';
import { importDataSetZip } from './bulk.js';
import { dataSetOf, realDataSetFilings, realMeta, writeZip } from './data-set.testkit.js';
import { filerHistory, holdersOf, topPuts } from './queries.js';
import { listFilings } from './repository.js';

/**
 * The data-set import into PostgreSQL (scratch DuckDB + COPY FROM STDIN) stores exactly what the
 * DuckDB import stores, the three queries answer alike on both, and a refused data set leaves
 * PostgreSQL as it was. Data: a data set built from the 26 real filings in shared/data/sec.
 */
const pg = postgresUrl();
const dir = mkdtempSync(path.join(os.tmpdir(), 'tw-bulk-pg-'));
const zip = path.join(dir, 'real.zip');
const bad = path.join(dir, 'bad.zip');
const TABLES = ['sec_13f_filings', 'sec_13f_rows', 'sec_13f_rows_by_cusip', 'sec_13f_rows_by_cusip_state'];

async function dump(db: Db): Promise<string> {
  const out: unknown[] = [];
  for (const t of TABLES) {
    const cols =
      t === 'sec_13f_filings'
        ? 'accession, cik, value_unit, unit_rule, unit_detail, row_count, CAST(period AS VARCHAR) AS p, CAST(filed AS VARCHAR) AS f, is_amendment, amendment_type'
        : '*';
    const rows = await db.all(`SELECT ${cols} FROM ${t}`);
    out.push(rows.map((r) => JSON.stringify(r, (_, v) => (v === null ? null : v))).sort());
  }
  return JSON.stringify(out);
}

describe.runIf(pg)('13F data set into PostgreSQL through COPY', () => {
  const schema = `tw_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let pgStore: Store;
  let duck: Store;

  beforeAll(async () => {
    const filings = realDataSetFilings();
    const tables = dataSetOf(realMeta(), filings);
    writeZip(zip, tables);
    writeZip(bad, {
      ...tables,
      'INFOTABLE.tsv': tables['INFOTABLE.tsv']!.replace(
        /\n([^\t]+\t1\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t)\d+/,
        '\n$1NaN',
      ),
    });
    const admin = await PostgresDb.open(pg!);
    await admin.run(`CREATE SCHEMA ${schema}`);
    await admin.close();
    const u = new URL(pg!);
    u.searchParams.set('options', `-c search_path=${schema}`);
    pgStore = await openStore(u.toString());
    duck = await openStore(':memory:');
  });

  afterAll(async () => {
    await pgStore?.close();
    await duck?.close();
    const admin = await PostgresDb.open(pg!);
    await admin.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a refused data set (NaN VALUE on line 2) leaves PostgreSQL as it was', async () => {
    const before = await dump(pgStore.db);
    await expect(importDataSetZip(pgStore.db, bad)).rejects.toThrow(
      /line 2 \(INFOTABLE_SK "1", .*VALUE "NaN"/,
    );
    expect(await dump(pgStore.db)).toBe(before);
  });

  it('stores the same filings, units, rows and copy by CUSIP as DuckDB; the queries agree', async () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const a = await importDataSetZip(duck.db, zip, { now });
    const b = await importDataSetZip(pgStore.db, zip, { now });
    expect(b).toEqual(a);
    expect(a.filings).toBe(26);
    expect(await dump(pgStore.db)).toBe(await dump(duck.db));
    expect((await listFilings(pgStore.db)).map((f) => [f.accession, f.value_unit, f.unit_rule])).toEqual(
      (await listFilings(duck.db)).map((f) => [f.accession, f.value_unit, f.unit_rule]),
    );
    expect(await holdersOf(pgStore.db, '78462F103', '2026-01-01')).toEqual(
      await holdersOf(duck.db, '78462F103', '2026-01-01'),
    );
    expect(await filerHistory(pgStore.db, 1336528, '2026-01-01')).toEqual(
      await filerHistory(duck.db, 1336528, '2026-01-01'),
    );
    expect(await topPuts(pgStore.db, '2023-06-30', '2026-01-01')).toEqual(
      await topPuts(duck.db, '2023-06-30', '2026-01-01'),
    );
    // a second import of the same quarter adds nothing
    expect(await importDataSetZip(pgStore.db, zip)).toMatchObject({
      filings: 0,
      rows: 0,
      skippedExisting: 26,
    });
  });
});
