import type { Migration } from './types.js';

/**
 * Plumbing domain tables (versions 100–199). Plain daily/weekly numbers (TGA, SOFR percentiles,
 * issuance, take-up) live in the core `observations` table as `DTS:*` / `NYFED:*` series; only
 * records that are not one number per date get tables here.
 */
export const plumbingMigrations: Migration[] = [
  {
    version: 100,
    name: 'plumbing: Treasury auction results',
    sql: [
      `CREATE TABLE treasury_auctions (
        cusip VARCHAR NOT NULL,
        auction_date DATE NOT NULL,
        issue_date DATE NOT NULL,
        maturity_date DATE,
        security_type VARCHAR NOT NULL,
        security_term VARCHAR NOT NULL,
        cash_management_bill BOOLEAN NOT NULL,
        offering_amount DOUBLE PRECISION,      -- US$
        total_accepted DOUBLE PRECISION,       -- US$
        total_tendered DOUBLE PRECISION,       -- US$
        competitive_tendered DOUBLE PRECISION, -- US$
        primary_dealer_tendered DOUBLE PRECISION,
        soma_accepted DOUBLE PRECISION,
        high_yield DOUBLE PRECISION,           -- percent
        high_discount_rate DOUBLE PRECISION,   -- percent
        bid_to_cover DOUBLE PRECISION,
        approximate_fields VARCHAR NOT NULL,   -- comma list of fields read from lossy 1,75754E+11 notation
        origin VARCHAR NOT NULL,               -- file or URL it came from
        PRIMARY KEY (cusip, auction_date)
      )`,
    ],
  },
  {
    version: 101,
    name: 'plumbing: NY Fed desk operations (repo, reverse repo, Treasury purchases)',
    sql: [
      `CREATE TABLE nyfed_operations (
        operation_id VARCHAR NOT NULL,
        operation_date DATE NOT NULL,
        kind VARCHAR NOT NULL,                 -- repo | reverse-repo | treasury-purchase | treasury-sale
        operation_type VARCHAR,
        bills BOOLEAN NOT NULL,
        accepted DOUBLE PRECISION NOT NULL,    -- US$
        submitted DOUBLE PRECISION,
        award_rate DOUBLE PRECISION,           -- percent
        origin VARCHAR NOT NULL,
        PRIMARY KEY (operation_id, operation_date)
      )`,
    ],
  },
];
