import { knownFromSql } from '../sources/sec/thirteenf/repository.js';
import type { Db } from '../store/db.js';

/**
 * What the freshness chips read besides series: the last ingest run of each source started by a
 * day, and the newest record of each domain table known by that day (the same rules as
 * known-by.ts: 13F by filing date, XBRL by the filing that reports a fact, market rows by date).
 */

export interface LastRun {
  id: number;
  source: string;
  startedAt: string;
  status: string;
  summary: unknown;
}

/** The newest run of every source started by `asOf` (one per `ingest_runs.source`). */
export async function lastRunPerSource(db: Db, asOf: string): Promise<LastRun[]> {
  const rows = await db.all<Record<string, unknown>>(
    `SELECT id, source, CAST(started_at AS VARCHAR) AS started_at, status, summary
       FROM ingest_runs
      WHERE id IN (SELECT max(id) FROM ingest_runs WHERE CAST(started_at AS DATE) <= CAST($1 AS DATE) GROUP BY source)
      ORDER BY id DESC`,
    [asOf],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    source: String(r.source),
    startedAt: String(r.started_at),
    status: String(r.status),
    summary: r.summary ? JSON.parse(String(r.summary)) : null,
  }));
}

/** Newest record date per domain table, as known on `asOf` (null: none, or the table is absent). */
export interface NewestRecords {
  /** 13F: the report period of the newest filing public by asOf, and its filing date. */
  thirteenFPeriod: string | null;
  thirteenFFiled: string | null;
  /** XBRL: the newest period end (ended by asOf) of a fact filed by asOf. */
  xbrlPeriod: string | null;
  /** Daily price bars, apart from the crypto symbols. */
  prices: string | null;
  cryptoPrices: string | null;
  funding: string | null;
  openInterest: string | null;
  liquidations: string | null;
  auctions: string | null;
  operations: string | null;
}

async function newest(db: Db, sql: string, asOf: string): Promise<string | null> {
  const r = await db.all<{ d: string | null }>(sql, [asOf]);
  return r[0]?.d ?? null;
}

export async function newestRecords(
  db: Db,
  asOf: string,
  cryptoSymbols: readonly string[],
): Promise<NewestRecords> {
  const d = 'CAST($1 AS DATE)';
  const crypto = cryptoSymbols.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ') || "''";
  const known13f = `${knownFromSql()} <= ${d}`;
  // Each record kind is named once, beside its query; the queries run together.
  const sql: Record<keyof NewestRecords, string> = {
    thirteenFPeriod: `SELECT CAST(max(period) AS VARCHAR) AS d FROM sec_13f_filings WHERE ${known13f} AND period <= ${d}`,
    thirteenFFiled: `SELECT CAST(max(${knownFromSql()}) AS VARCHAR) AS d FROM sec_13f_filings WHERE ${known13f}`,
    // Some facts describe a period that ends after their filing (an authorisation to a future
    // date): the newest observation is the newest period that has ended by asOf.
    xbrlPeriod: `SELECT CAST(max(period_end) AS VARCHAR) AS d FROM xbrl_facts WHERE filed IS NOT NULL AND filed <= ${d} AND period_end <= ${d}`,
    prices: `SELECT CAST(max(date) AS VARCHAR) AS d FROM price_bars WHERE date <= ${d} AND symbol NOT IN (${crypto})`,
    cryptoPrices: `SELECT CAST(max(date) AS VARCHAR) AS d FROM price_bars WHERE date <= ${d} AND symbol IN (${crypto})`,
    funding: `SELECT CAST(max(date) AS VARCHAR) AS d FROM funding_rates WHERE date <= ${d}`,
    openInterest: `SELECT CAST(max(date) AS VARCHAR) AS d FROM open_interest WHERE date <= ${d}`,
    liquidations: `SELECT CAST(max(date) AS VARCHAR) AS d FROM liquidations WHERE date <= ${d}`,
    auctions: `SELECT CAST(max(auction_date) AS VARCHAR) AS d FROM treasury_auctions WHERE auction_date <= ${d}`,
    operations: `SELECT CAST(max(operation_date) AS VARCHAR) AS d FROM nyfed_operations WHERE operation_date <= ${d}`,
  };
  const dates = await Promise.all(
    Object.entries(sql).map(async ([kind, query]) => [kind, await newest(db, query, asOf)] as const),
  );
  // The entries are exactly the keys of `sql`, typed as NewestRecords above.
  return Object.fromEntries(dates) as unknown as NewestRecords;
}
