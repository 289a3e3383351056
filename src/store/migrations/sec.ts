import type { Migration } from './types.js';

/**
 * SEC 13F domain tables (versions 200–249; XBRL/capex live in capex.ts). Portable SQL: DuckDB
 * and PostgreSQL. Values are stored twice: as filed (`value_reported`, in `value_unit`) and in
 * US dollars (`value_usd`), with the rule that decided the unit, so a wrong decision can be seen
 * and corrected without re-downloading.
 */
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
];
