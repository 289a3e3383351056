import type { Migration } from './types.js';

/**
 * SEC 13F domain tables (versions 200–249; XBRL/capex live in capex.ts). Portable SQL: DuckDB
 * and PostgreSQL. Values are stored twice: as filed (`value_reported`, in `value_unit`) and in
 * US dollars (`value_usd`), with the rule that decided the unit, so a wrong decision can be seen
 * and corrected without re-downloading.
 */
/** The filers a new store watches (`update --source sec` fetches their 13F filings). */
export const DEFAULT_WATCHLIST: ReadonlyArray<{ cik: number; name: string; note: string }> = [
  { cik: 1649339, name: 'Scion Asset Management, LLC', note: 'Michael Burry; thesis 5 (famous shorts)' },
];

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const secMigrations: Migration[] = [
  {
    version: 200,
    name: 'sec 13f filings and rows',
    sql: [
      `CREATE TABLE IF NOT EXISTS sec_13f_filings (
        accession VARCHAR PRIMARY KEY,
        cik BIGINT NOT NULL,
        filer_name VARCHAR,
        form VARCHAR NOT NULL,
        report_type VARCHAR,
        period DATE NOT NULL,
        filed DATE,
        is_amendment BOOLEAN NOT NULL,
        amendment_no INTEGER,
        amendment_type VARCHAR,
        table_entry_total BIGINT,
        table_value_total DOUBLE PRECISION,
        row_count INTEGER NOT NULL,
        value_unit VARCHAR NOT NULL,
        unit_rule VARCHAR NOT NULL,
        unit_detail VARCHAR NOT NULL,
        other_managers VARCHAR,
        warnings VARCHAR,
        source VARCHAR NOT NULL,
        sha256 VARCHAR,
        imported_at TIMESTAMP NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS sec_13f_rows (
        accession VARCHAR NOT NULL,
        line INTEGER NOT NULL,
        cusip VARCHAR NOT NULL,
        figi VARCHAR,
        issuer VARCHAR NOT NULL,
        title_of_class VARCHAR,
        value_reported DOUBLE PRECISION NOT NULL,
        value_usd DOUBLE PRECISION NOT NULL,
        shares DOUBLE PRECISION NOT NULL,
        share_type VARCHAR NOT NULL,
        put_call VARCHAR,
        discretion VARCHAR,
        other_managers VARCHAR,
        voting_sole BIGINT,
        voting_shared BIGINT,
        voting_none BIGINT,
        PRIMARY KEY (accession, line)
      )`,
      'CREATE INDEX IF NOT EXISTS sec_13f_filings_cik_period ON sec_13f_filings (cik, period)',
    ],
  },
  {
    version: 201,
    name: 'sec watchlist, cusip map, fetch state',
    sql: [
      `CREATE TABLE IF NOT EXISTS sec_watchlist (
        cik BIGINT PRIMARY KEY,
        name VARCHAR NOT NULL,
        note VARCHAR,
        added_at TIMESTAMP NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS sec_cusip_map (
        cusip VARCHAR PRIMARY KEY,
        ticker VARCHAR NOT NULL,
        name VARCHAR,
        source VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS sec_fetch_state (
        url VARCHAR PRIMARY KEY,
        fetched_at TIMESTAMP NOT NULL,
        sha256 VARCHAR
      )`,
    ],
  },
  {
    // A quarterly data set is ~3M rows: maintaining the (accession, line) primary-key index
    // during the bulk insert doubled its time and added ~0.5 GiB (bench/thirteenf.bench.ts).
    // Uniqueness is kept by the writers instead: a filing's rows are only ever written whole,
    // in one transaction, after deleting the accession (saveFiling) or skipping it (bulk).
    version: 202,
    name: 'sec 13f rows without primary-key index',
    sql: [
      `CREATE TABLE sec_13f_rows_v202 (
        accession VARCHAR NOT NULL,
        line INTEGER NOT NULL,
        cusip VARCHAR NOT NULL,
        figi VARCHAR,
        issuer VARCHAR NOT NULL,
        title_of_class VARCHAR,
        value_reported DOUBLE PRECISION NOT NULL,
        value_usd DOUBLE PRECISION NOT NULL,
        shares DOUBLE PRECISION NOT NULL,
        share_type VARCHAR NOT NULL,
        put_call VARCHAR,
        discretion VARCHAR,
        other_managers VARCHAR,
        voting_sole BIGINT,
        voting_shared BIGINT,
        voting_none BIGINT
      )`,
      'INSERT INTO sec_13f_rows_v202 SELECT * FROM sec_13f_rows',
      'DROP TABLE sec_13f_rows',
      'ALTER TABLE sec_13f_rows_v202 RENAME TO sec_13f_rows',
    ],
  },
  {
    // The default watchlist is seeded once, when the table is created (or, for a store made
    // before this step, if it is empty then): a list a user later empties stays empty, and
    // reading the watchlist never writes.
    version: 220,
    name: 'sec watchlist: seed the default filers once',
    sql: DEFAULT_WATCHLIST.map(
      (w) =>
        `INSERT INTO sec_watchlist (cik, name, note, added_at)
         SELECT ${w.cik}, ${sqlText(w.name)}, ${sqlText(w.note)}, CAST(CURRENT_TIMESTAMP AS TIMESTAMP)
         WHERE NOT EXISTS (SELECT 1 FROM sec_watchlist)`,
    ),
  },
];
