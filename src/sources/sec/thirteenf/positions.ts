import { type Db, KeptPerVersion } from '../../../store/db.js';

/**
 * A 13F position: one filing's rows for one CUSIP, put/call (or none) and share type, with
 * shares and US$ value summed. A put, a call and the shares of one CUSIP stay three positions.
 * This is the one definition the cross-quarter queries (queries.ts) use, over sec_13f_rows or
 * over its slim copy sec_13f_rows_by_cusip (store/migrations/sec-positions.ts says why it exists).
 *
 * `rows` is a relation with columns accession, cusip, put_call, share_type, shares, value_usd;
 * the filing's CIK, filer name, period and filing date come from `filings` (sec_13f_filings, or
 * a relation of the same columns for fewer filings, e.g. the ones a query already resolved).
 * Rows are summed per filing first and joined to their filing after, so the join sees one row
 * per position instead of one per row (the filing's columns depend on its accession alone).
 * `withNames` adds the issuer and title of class (sec_13f_rows has them; the slim copy does not).
 */
export function positionsSelectSql(rows: string, withNames = false, filings = 'sec_13f_filings'): string {
  const names = withNames ? ', min(r.issuer) AS issuer, min(r.title_of_class) AS title_of_class' : '';
  return `SELECT p.accession, f.cik, f.filer_name, f.period, f.filed, p.cusip, p.put_call, p.share_type,
      p.shares, p.value_usd${withNames ? ', p.issuer, p.title_of_class' : ''}
    FROM (SELECT r.accession, r.cusip, r.put_call, r.share_type, sum(r.shares) AS shares,
        sum(r.value_usd) AS value_usd${names}
      FROM ${rows} r GROUP BY r.accession, r.cusip, r.put_call, r.share_type) p
    JOIN ${filings} f ON f.accession = p.accession`;
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
 * DuckDB: an order-free digest of (accession, imported_at, row_count) over the filings and over
 * the copy's state, compared in SQL. Equal digests mean the same set of filing versions (two
 * different sets collide with a chance of about 2^-64), so the exact anti-join of OUT_OF_DATE,
 * which hashes every accession string (~0.4 s per 500k filings on two busy cores against ~50 ms
 * here), runs only when they differ.
 */
const SAME_DIGEST = `SELECT (SELECT coalesce(sum(hash(accession, imported_at, row_count)), 0) FROM sec_13f_filings)
    = (SELECT coalesce(sum(hash(accession, imported_at, row_count)), 0) FROM sec_13f_rows_by_cusip_state) AS same`;

/**
 * Whether each DuckDB store's copy was found up to date at its current data version. A DuckDB
 * file is written by one process at a time, and every committed write here changes the version,
 * so an unchanged version means nothing to check (a CLI call or a server's later requests pay
 * the check once).
 */
const checked = new KeptPerVersion(() => ({ upToDate: false }));

/**
 * Bring sec_13f_rows_by_cusip up to date with sec_13f_filings/sec_13f_rows: filings saved one by
 * one (repository.saveFiling replaces a filing by deleting and re-inserting it with a new
 * imported_at) are copied here, before a query reads the table. When nothing changed this costs
 * nothing (DuckDB, same data version as the last check), one digest per table (DuckDB), or one
 * anti-join over the filings table (PostgreSQL). Returns the number of accessions rebuilt.
 */
export async function syncRowsByCusip(db: Db): Promise<number> {
  const duck = db.dialect === 'duckdb';
  const kept = duck ? await checked.of(db) : null;
  if (kept?.upToDate) return 0;
  const clean = duck ? (await db.all<{ same: boolean }>(SAME_DIGEST))[0]?.same === true : false;
  const dirty = clean ? [] : await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM (${OUT_OF_DATE}) d`);
  if (clean || !dirty[0]?.n) {
    if (kept) kept.upToDate = true;
    return 0;
  }
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
