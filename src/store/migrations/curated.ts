import type { Migration } from './types.js';

/**
 * Curated datasets (500–549): the hand-kept CSVs shipped with the code (token disclosures,
 * market events, market-wide liquidation totals, short episodes) stored like every other source,
 * so each row has a known_from and the ingest run that wrote it. A row is kept as its parsed
 * record (JSON) next to the columns the as-of reads filter on.
 */
export const curatedMigrations: Migration[] = [
  {
    version: 500,
    name: 'curated: rows of the shipped curated datasets, and what each import read',
    sql: [
      `CREATE TABLE curated_rows (
        dataset VARCHAR NOT NULL,         -- tokens | market-events | liquidations-daily | short-episodes
        row_key VARCHAR NOT NULL,         -- what identifies a row within its dataset
        line INTEGER NOT NULL,            -- line in its file (the order rows are read back in)
        date DATE NOT NULL,               -- the row's own date (period, event day, period end)
        known_from DATE NOT NULL,         -- first day the row was public (published; else its date)
        record VARCHAR NOT NULL,          -- the parsed row as JSON
        file VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,          -- of the file it was read from
        run_id BIGINT,                    -- ingest run that wrote it (last changed)
        PRIMARY KEY (dataset, row_key)
      )`,
      `CREATE TABLE curated_imports (
        dataset VARCHAR PRIMARY KEY,
        file VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        rows_stored INTEGER NOT NULL,
        version INTEGER,                  -- manifest.json version (null for a file it does not list)
        updated VARCHAR,                  -- manifest.json 'updated' day
        run_id BIGINT,
        imported_at TIMESTAMP NOT NULL
      )`,
    ],
  },
];
