import type { Db } from '../../../store/db.js';

/**
 * A 13F position: one filing's rows for one CUSIP, put/call (or none) and share type, with
 * shares and US$ value summed. A put, a call and the shares of one CUSIP stay three positions.
 * This is the one definition the cross-quarter queries (queries.ts) use, over sec_13f_rows or
 * over its slim copy sec_13f_rows_by_cusip (store/migrations/sec-positions.ts says why it exists).
 *
 * `rows` is a relation with columns accession, cusip, put_call, share_type, shares, value_usd;
 * the filing's CIK, period and filing date come from sec_13f_filings. `withNames` adds the issuer
 * and title of class (sec_13f_rows has them; the slim copy does not).
 */
export function positionsSelectSql(rows: string, withNames = false): string {
  const names = withNames ? ', min(r.issuer) AS issuer, min(r.title_of_class) AS title_of_class' : '';
  return `SELECT r.accession, f.cik, f.filer_name, f.period, f.filed, r.cusip, r.put_call, r.share_type,
      sum(r.shares) AS shares, sum(r.value_usd) AS value_usd${names}
    FROM ${rows} r JOIN sec_13f_filings f ON f.accession = r.accession
    GROUP BY r.accession, f.cik, f.filer_name, f.period, f.filed, r.cusip, r.put_call, r.share_type`;
}

/**
 * Copy `rows` (a relation with sec_13f_rows' columns) into sec_13f_rows_by_cusip sorted by
 * CUSIP, so each write keeps the copy clustered, and mark the accessions in `accessions` (a
 * subquery of accession values) as copied from their current filing version. `periods` is a
 * relation (accession, period) covering those accessions: the bulk import passes its own small
 * table rather than a join with every stored filing. Call inside the writer's transaction.
 */
export async function writeRowsByCusip(
  tx: Db,
  rows: string,
  periods: string,
  accessions: string,
): Promise<void> {
  await tx.run(`INSERT INTO sec_13f_rows_by_cusip (cusip, period, accession, put_call, share_type, shares, value_usd)
    SELECT r.cusip, f.period, r.accession, r.put_call, r.share_type, r.shares, r.value_usd
    FROM ${rows} r JOIN ${periods} f ON f.accession = r.accession ORDER BY r.cusip`);
  await tx.run(`INSERT INTO sec_13f_rows_by_cusip_state (accession, imported_at, row_count)
    SELECT accession, imported_at, row_count FROM sec_13f_filings WHERE accession IN (${accessions})`);
}

/** Accessions whose copy is missing or was made from another version of the filing. */
const OUT_OF_DATE = `SELECT s.accession FROM sec_13f_rows_by_cusip_state s
    WHERE NOT EXISTS (SELECT 1 FROM sec_13f_filings f
      WHERE f.accession = s.accession AND f.imported_at = s.imported_at AND f.row_count = s.row_count)
  UNION ALL
  SELECT f.accession FROM sec_13f_filings f
    WHERE NOT EXISTS (SELECT 1 FROM sec_13f_rows_by_cusip_state s WHERE s.accession = f.accession)`;

/**
 * Bring sec_13f_rows_by_cusip up to date with sec_13f_filings/sec_13f_rows: filings saved one by
 * one (repository.saveFiling replaces a filing by deleting and re-inserting it with a new
 * imported_at) are copied here, before a query reads the table. Costs one anti-join over the
 * filings table when nothing changed. Returns the number of accessions rebuilt.
 */
export async function syncRowsByCusip(db: Db): Promise<number> {
  const dirty = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM (${OUT_OF_DATE}) d`);
  if (!dirty[0]?.n) return 0;
  return db.transaction(async (tx) => {
    await tx.run(`CREATE TEMP TABLE p13_dirty AS ${OUT_OF_DATE}`);
    try {
      const n = await tx.all<{ n: number }>('SELECT COUNT(*) AS n FROM p13_dirty');
      await tx.run('DELETE FROM sec_13f_rows_by_cusip WHERE accession IN (SELECT accession FROM p13_dirty)');
      await tx.run(
        'DELETE FROM sec_13f_rows_by_cusip_state WHERE accession IN (SELECT accession FROM p13_dirty)',
      );
      const dirty = 'SELECT accession FROM p13_dirty';
      await writeRowsByCusip(
        tx,
        `(SELECT * FROM sec_13f_rows WHERE accession IN (${dirty}))`,
        `(SELECT accession, period FROM sec_13f_filings WHERE accession IN (${dirty}))`,
        dirty,
      );
      return n[0]?.n ?? 0;
    } finally {
      // after an error the transaction is rolled back (and the table with it): keep that error
      await tx.run('DROP TABLE IF EXISTS p13_dirty').catch(() => undefined);
    }
  });
}
