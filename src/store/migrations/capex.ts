import type { Migration } from './types.js';

/**
 * XBRL facts (companyfacts, instance and inline-XBRL imports) for the AI-capex indicators.
 * One row per fact per filing: the same figure repeated by later filings is kept with each
 * filing's date so "as of" queries can use what was public then. fact_key makes re-imports
 * idempotent (see src/sources/sec/xbrl/repository.ts).
 */
export const capexMigrations: Migration[] = [
  {
    version: 250,
    name: 'capex: xbrl_facts and xbrl_companies',
    sql: [
      `CREATE TABLE xbrl_facts (
        fact_key VARCHAR PRIMARY KEY,
        cik BIGINT NOT NULL,
        taxonomy VARCHAR NOT NULL,
        concept VARCHAR NOT NULL,
        unit VARCHAR NOT NULL,
        value DOUBLE PRECISION NOT NULL,   -- US dollars for unit USD (scale/sign applied)
        period_start DATE,                 -- NULL for instant facts
        period_end DATE NOT NULL,
        period_type VARCHAR NOT NULL,      -- duration | instant
        dims VARCHAR NOT NULL,             -- '' = consolidated; else axis=member;...
        form VARCHAR,
        filed DATE,                        -- NULL when an imported file did not say
        accession VARCHAR,
        frame VARCHAR,
        fy INTEGER,
        fp VARCHAR,
        decimals INTEGER,
        source_kind VARCHAR NOT NULL,      -- companyfacts | instance | ixbrl
        source VARCHAR NOT NULL            -- URL or file name
      )`,
      'CREATE INDEX xbrl_facts_cik_concept ON xbrl_facts (cik, concept)',
      `CREATE TABLE xbrl_companies (
        cik BIGINT PRIMARY KEY,
        name VARCHAR,
        ticker VARCHAR,
        updated_at TIMESTAMP
      )`,
    ],
  },
];
