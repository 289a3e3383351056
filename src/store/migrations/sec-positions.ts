import type { Migration } from './types.js';

/**
 * 13F rows by CUSIP (sec range, 240+; 200–239 are left to the filing tables in sec.ts).
 *
 * sec_13f_rows is stored in filing order, which makes one filer's rows cheap to find (DuckDB
 * pushes the accessions of a join into the scan and skips row groups by their min/max) but
 * leaves "every holder of one CUSIP" and "every put of a quarter" to read all of it (~1 s per
 * 100M rows on two cores). `sec_13f_rows_by_cusip` is a slim copy of the columns those queries
 * need, written sorted by CUSIP at each import, so a CUSIP is a few row groups per quarter and a
 * period is the row groups of its import. It is derived data: `sec_13f_rows_by_cusip_state`
 * records from which version of each filing (imported_at, row_count) the copy was made, and
 * sources/sec/thirteenf/positions.ts rebuilds any accession whose filing was added, replaced or
 * deleted by another writer before a query reads the table.
 */
export const secPositionsMigrations: Migration[] = [
  {
    version: 240,
    name: 'sec 13f rows by cusip for cross-quarter queries',
    sql: [
      `CREATE TABLE sec_13f_rows_by_cusip (
        cusip VARCHAR NOT NULL,
        period DATE NOT NULL,
        accession VARCHAR NOT NULL,
        put_call VARCHAR,
        share_type VARCHAR NOT NULL,
        shares DOUBLE PRECISION NOT NULL,
        value_usd DOUBLE PRECISION NOT NULL
      )`,
      `CREATE TABLE sec_13f_rows_by_cusip_state (
        accession VARCHAR PRIMARY KEY,
        imported_at TIMESTAMP NOT NULL,
        row_count INTEGER NOT NULL
      )`,
    ],
  },
];
