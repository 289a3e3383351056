import type { Migration } from './types.js';

/** The migration creating `store_version`; from it on, commits bump the version (see SerialDb). */
export const STORE_VERSION_MIGRATION = 10;

export const coreMigrations: Migration[] = [
  {
    version: 1,
    name: 'core: series, observations with vintages, raw archive, ingest runs',
    sql: [
      `CREATE TABLE series (
        id VARCHAR PRIMARY KEY,
        source VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        unit VARCHAR NOT NULL,            -- canonical unit of stored values (usd, percent, ...)
        source_unit VARCHAR NOT NULL,     -- unit the provider used (usd_millions, ...)
        frequency VARCHAR NOT NULL,
        release VARCHAR,                  -- publication rule name (see publication.ts)
        updated_at TIMESTAMP
      )`,
      // One row per (series, date, vintage). known_from = first day the value was public.
      `CREATE TABLE observations (
        series_id VARCHAR NOT NULL,
        date DATE NOT NULL,
        value DOUBLE PRECISION NOT NULL,
        known_from DATE NOT NULL,
        source_unit VARCHAR NOT NULL,
        run_id BIGINT,
        PRIMARY KEY (series_id, date, known_from)
      )`,
      `CREATE TABLE raw_archive (
        sha256 VARCHAR NOT NULL,
        url VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        fetched_at TIMESTAMP NOT NULL,
        status INTEGER NOT NULL,
        content_type VARCHAR,
        bytes BIGINT NOT NULL,
        stored_path VARCHAR,
        from_replay BOOLEAN NOT NULL,
        PRIMARY KEY (sha256, url)
      )`,
      `CREATE TABLE ingest_runs (
        id BIGINT PRIMARY KEY,
        source VARCHAR NOT NULL,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        status VARCHAR NOT NULL,          -- running | ok | partial | failed
        summary VARCHAR                   -- JSON of per-series summaries
      )`,
    ],
  },
  {
    version: STORE_VERSION_MIGRATION,
    name: 'core: store version (bumped by every committed write; response caches key by it)',
    sql: [
      'CREATE TABLE store_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)',
      'INSERT INTO store_version VALUES (1, 0)',
    ],
  },
  {
    version: 11,
    name: 'core: ingest items (which bytes each run read for each record it wrote)',
    sql: [
      // One row per (run, record written, byte string read): the provenance `tidewatch trace`
      // follows from a stored figure to the archived bytes. Written in the same transaction as
      // the records, so a refused input leaves no provenance behind either.
      `CREATE TABLE ingest_items (
        run_id BIGINT,                    -- ingest_runs.id (NULL: an import outside a recorded run)
        source VARCHAR NOT NULL,          -- the run's source ('fred', 'fred-file', …)
        item VARCHAR NOT NULL,            -- the item as its summary names it
        record_kind VARCHAR NOT NULL,     -- observations | thirteenf-filing | price-bars | …
        record_key VARCHAR NOT NULL,      -- series id, accession, 'SYMBOL|source', …
        sha256 VARCHAR NOT NULL,
        origin VARCHAR NOT NULL,          -- URL (secrets removed) or file path
        origin_kind VARCHAR NOT NULL,     -- url | replay | file
        archive_path VARCHAR,             -- content-addressed copy of the bytes
        bytes BIGINT NOT NULL,
        read_at TIMESTAMP NOT NULL
      )`,
      'CREATE INDEX ingest_items_record ON ingest_items (record_kind, record_key)',
    ],
  },
  {
    version: 12,
    name: 'core: DuckDB observations without the primary-key index (uniqueness kept by the one writer)',
    only: 'duckdb',
    // DuckDB keeps a primary key as an ART index of ~41 bytes a row, and a transaction builds
    // its own index of the rows it adds, merged into the table's at COMMIT: a 201 MB NY Fed
    // import (5.2M rows) held both, 430 MB of its 684 MB peak. Reads do not use it (series reads
    // measured the same without it). (series_id, date, known_from) stays unique through the one
    // writer of the table (observations-writer.ts: no two rows to one key, checked again inside
    // the transaction before COMMIT) and DuckDB's one writing process per file. DuckDB cannot
    // drop a key in place: the table is copied, in its order. PostgreSQL keeps its key.
    sql: [
      `CREATE TABLE observations_unkeyed (
        series_id VARCHAR NOT NULL,
        date DATE NOT NULL,
        value DOUBLE PRECISION NOT NULL,
        known_from DATE NOT NULL,
        source_unit VARCHAR NOT NULL,
        run_id BIGINT
      )`,
      'INSERT INTO observations_unkeyed SELECT series_id, date, value, known_from, source_unit, run_id FROM observations',
      'DROP TABLE observations',
      'ALTER TABLE observations_unkeyed RENAME TO observations',
    ],
  },
];
