import type { Migration } from './types.js';

/**
 * Markets domain (300–399): daily bars per symbol AND per source (several downloads of one
 * symbol coexist; the merged view re-bases them and names the source of every figure),
 * corporate actions, crypto funding, open interest and liquidation records. Generic daily
 * series (fear & greed) go to the core observations table instead.
 */
export const marketsMigrations: Migration[] = [
  {
    version: 300,
    name: 'markets: price bars (raw + adjusted close, source), price sources, corporate actions',
    sql: [
      `CREATE TABLE price_bars (
        symbol VARCHAR NOT NULL,
        date DATE NOT NULL,
        source VARCHAR NOT NULL,          -- 'file:yf-close-only/NVDA.csv', 'yahoo-chart', ...
        open DOUBLE PRECISION,
        high DOUBLE PRECISION,
        low DOUBLE PRECISION,
        close DOUBLE PRECISION NOT NULL,  -- as the source reported it, see close_basis
        adj_close DOUBLE PRECISION NOT NULL, -- split + dividend adjusted (as of the download)
        volume DOUBLE PRECISION,          -- fractional for Stooq (adjusted volume)
        close_basis VARCHAR NOT NULL,     -- raw | split | split+div
        PRIMARY KEY (symbol, date, source)
      )`,
      `CREATE TABLE price_sources (
        symbol VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        format VARCHAR NOT NULL,
        close_basis VARCHAR NOT NULL,
        first_date DATE,
        last_date DATE,
        bars BIGINT NOT NULL,
        notes VARCHAR,                    -- repairs and drops reported at import, one per line
        imported_at TIMESTAMP NOT NULL,
        PRIMARY KEY (symbol, source)
      )`,
      `CREATE TABLE corporate_actions (
        symbol VARCHAR NOT NULL,
        date DATE NOT NULL,
        kind VARCHAR NOT NULL,            -- split | dividend
        value DOUBLE PRECISION NOT NULL,  -- split: shares after per share before; dividend: cash/share
        source VARCHAR NOT NULL,
        PRIMARY KEY (symbol, date, kind, source)
      )`,
    ],
  },
  {
    version: 301,
    name: 'markets: crypto funding rates, open interest, liquidation records',
    sql: [
      `CREATE TABLE funding_rates (
        source VARCHAR NOT NULL,
        symbol VARCHAR NOT NULL,
        ts VARCHAR NOT NULL,              -- settlement time 'YYYY-MM-DDTHH:MM:00Z' (UTC)
        date DATE NOT NULL,
        cadence VARCHAR NOT NULL,         -- 8h print | 1d mean ('interval' is an SQL keyword)
        rate DOUBLE PRECISION NOT NULL,   -- per-8h rate, DECIMAL (0.0001 = 0.01 %)
        abs_rate DOUBLE PRECISION,
        file_unit VARCHAR NOT NULL,       -- decimal | percent (what the source used)
        PRIMARY KEY (source, symbol, ts, cadence)
      )`,
      `CREATE TABLE open_interest (
        source VARCHAR NOT NULL,
        symbol VARCHAR NOT NULL,
        ts VARCHAR NOT NULL,
        date DATE NOT NULL,
        amount DOUBLE PRECISION,          -- contracts / base asset
        value_usd DOUBLE PRECISION,
        PRIMARY KEY (source, symbol, ts)
      )`,
      `CREATE TABLE liquidations (
        source VARCHAR NOT NULL,
        ts VARCHAR NOT NULL,
        date DATE NOT NULL,
        account VARCHAR NOT NULL,
        notional_usd DOUBLE PRECISION NOT NULL,
        account_value_usd DOUBLE PRECISION,
        leverage_type VARCHAR,
        PRIMARY KEY (source, ts, account, notional_usd)
      )`,
    ],
  },
];
