import type { Migration } from './types.js';

/**
 * 13F positions summary (sec range, 240+; 200–239 are left to the filing tables in sec.ts).
 *
 * `sec_13f_positions` holds one row per filing × CUSIP × put/call × share type (shares and US$
 * value summed over the filing's rows for it), with the filing's CIK, period and filing date
 * copied in. It exists for the cross-quarter queries (thirteenf/queries.ts): sec_13f_rows is in
 * filing order, so "every holder of one CUSIP" would read all of it; the bulk import writes each
 * data set's positions sorted by CUSIP, so DuckDB's per-row-group min/max (zone maps) skip all
 * but a few row groups per quarter, and by period for "top puts of a quarter". It is derived
 * data: `sec_13f_positions_state` records which filing version (imported_at, row_count) each
 * accession's positions were built from, and thirteenf/positions.ts rebuilds any accession whose
 * filing was added, replaced or deleted by another writer before a query reads the table.
 */
export const secPositionsMigrations: Migration[] = [
  {
    version: 240,
    name: 'sec 13f positions summary for cross-quarter queries',
    sql: [
      `CREATE TABLE sec_13f_positions (
        accession VARCHAR NOT NULL,
        cik BIGINT NOT NULL,
        period DATE NOT NULL,
        filed DATE,
        cusip VARCHAR NOT NULL,
        put_call VARCHAR,
        share_type VARCHAR NOT NULL,
        issuer VARCHAR NOT NULL,
        title_of_class VARCHAR,
        shares DOUBLE PRECISION NOT NULL,
        value_usd DOUBLE PRECISION NOT NULL,
        row_count INTEGER NOT NULL
      )`,
      `CREATE TABLE sec_13f_positions_state (
        accession VARCHAR PRIMARY KEY,
        imported_at TIMESTAMP NOT NULL,
        row_count INTEGER NOT NULL
      )`,
    ],
  },
];
