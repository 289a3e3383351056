import type { Migration } from './types.js';

/**
 * Analytics domain (400–499). The thesis ledger keeps every evaluation run (status per thesis
 * with its evidence as JSON), so the history of status changes is a query, never lost.
 * Risk levels and backtests are recomputed on demand (milliseconds), so they are not stored.
 */
export const analyticsMigrations: Migration[] = [
  {
    version: 400,
    name: 'analytics: thesis ledger runs',
    sql: [
      `CREATE TABLE thesis_runs (
        run_at TIMESTAMP NOT NULL,        -- when the ledger was evaluated
        as_of DATE NOT NULL,              -- the data cut-off it was evaluated on
        thesis_id VARCHAR NOT NULL,
        thesis_number INTEGER NOT NULL,
        status VARCHAR NOT NULL,          -- supported | refuted | mixed | insufficient data
        summary VARCHAR NOT NULL,         -- one line per check
        result_json VARCHAR NOT NULL,     -- the full ThesisResult (checks, evidence numbers)
        PRIMARY KEY (run_at, thesis_id)
      )`,
      'CREATE INDEX thesis_runs_thesis ON thesis_runs (thesis_id, run_at)',
    ],
  },
  {
    version: 401,
    name: 'analytics: alert state',
    sql: [
      // One row per alert rule: armed or not, the last measured value and the day it was checked,
      // so a threshold alert fires once per crossing and a change alert compares with the last check.
      `CREATE TABLE alert_state (
        rule_id VARCHAR PRIMARY KEY,
        armed BOOLEAN NOT NULL,
        last_value VARCHAR,
        last_as_of DATE NOT NULL,
        last_fired_as_of DATE,
        updated_at TIMESTAMP NOT NULL
      )`,
    ],
  },
];
