import type { Db } from '../../../store/db.js';

/**
 * A 13F position: one filing's rows for one CUSIP, put/call (or none) and share type, shares and
 * US$ value summed. A put, a call and the shares of one CUSIP stay three positions. This is the
 * one definition; it fills sec_13f_positions (store/migrations/sec-positions.ts says why the
 * table exists) and the queries in queries.ts read it.
 *
 * `rows` is a relation with sec_13f_rows' columns holding the rows to summarise.
 */
export function positionsSelectSql(rows: string): string {
  return `SELECT r.accession, f.cik, f.period, f.filed, r.cusip, r.put_call, r.share_type,
      min(r.issuer) AS issuer, min(r.title_of_class) AS title_of_class,
      sum(r.shares) AS shares, sum(r.value_usd) AS value_usd, CAST(count(*) AS INTEGER) AS row_count
    FROM ${rows} r JOIN sec_13f_filings f ON f.accession = r.accession
    GROUP BY r.accession, f.cik, f.period, f.filed, r.cusip, r.put_call, r.share_type`;
}

const POSITION_COLUMNS =
  'accession, cik, period, filed, cusip, put_call, share_type, issuer, title_of_class, shares, value_usd, row_count';

/**
 * Write the positions of `rows` (sorted by CUSIP, so each write keeps the table clustered for
 * the CUSIP lookups) and mark the accessions in `accessions` (a subquery of accession values)
 * as summarised from their current filing version. Call inside the writer's transaction.
 */
export async function writePositions(tx: Db, rows: string, accessions: string): Promise<void> {
  await tx.run(
    `INSERT INTO sec_13f_positions (${POSITION_COLUMNS}) SELECT * FROM (${positionsSelectSql(rows)}) p ORDER BY cusip, period`,
  );
  await tx.run(`INSERT INTO sec_13f_positions_state (accession, imported_at, row_count)
    SELECT accession, imported_at, row_count FROM sec_13f_filings WHERE accession IN (${accessions})`);
}

/** Accessions whose summary is missing or was built from another version of the filing. */
const OUT_OF_DATE = `SELECT s.accession FROM sec_13f_positions_state s
    WHERE NOT EXISTS (SELECT 1 FROM sec_13f_filings f
      WHERE f.accession = s.accession AND f.imported_at = s.imported_at AND f.row_count = s.row_count)
  UNION ALL
  SELECT f.accession FROM sec_13f_filings f
    WHERE NOT EXISTS (SELECT 1 FROM sec_13f_positions_state s WHERE s.accession = f.accession)`;

/**
 * Bring sec_13f_positions up to date with sec_13f_filings/sec_13f_rows: filings saved one by one
 * (repository.saveFiling replaces a filing by deleting and re-inserting it with a new
 * imported_at) are summarised here, before a query reads the table. Costs one anti-join over the
 * filings table when nothing changed. Returns the accessions rebuilt.
 */
export async function syncPositions(db: Db): Promise<number> {
  const dirty = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM (${OUT_OF_DATE}) d`);
  if (!dirty[0]?.n) return 0;
  return db.transaction(async (tx) => {
    await tx.run(`CREATE TEMP TABLE p13_dirty AS ${OUT_OF_DATE}`);
    try {
      const n = await tx.all<{ n: number }>('SELECT COUNT(*) AS n FROM p13_dirty');
      await tx.run('DELETE FROM sec_13f_positions WHERE accession IN (SELECT accession FROM p13_dirty)');
      await tx.run(
        'DELETE FROM sec_13f_positions_state WHERE accession IN (SELECT accession FROM p13_dirty)',
      );
      await writePositions(
        tx,
        '(SELECT * FROM sec_13f_rows WHERE accession IN (SELECT accession FROM p13_dirty))',
        'SELECT accession FROM p13_dirty',
      );
      return n[0]?.n ?? 0;
    } finally {
      // after an error the transaction is rolled back (and the table with it): keep that error
      await tx.run('DROP TABLE IF EXISTS p13_dirty').catch(() => undefined);
    }
  });
}
