import type { Db } from './db.js';

/**
 * When a stored row became known, per table: the one rule that "as of D" means for each kind of
 * record. Series observations are known from their vintage (`known_from`), 13F filings and XBRL
 * facts from the day they were filed, market records from the day they describe, runs from the
 * day they ran. Reference tables (series metadata, CUSIP map, watchlist, migrations) are not
 * dated data and are kept whole.
 *
 * `cutToKnownBy` uses these rules to turn a copy of a store into the store as it would have been
 * on D; the point-in-time test compares every API endpoint on the full store at D with the same
 * endpoint on that copy. A table missing here makes the cut fail: a new table must say when its
 * rows become known.
 */
export type KnownByRule =
  | { kind: 'dated'; predicate: string; why: string }
  | { kind: 'reference'; why: string };

/** `$1` is the as-of day (a DATE). */
export const KNOWN_BY: Readonly<Record<string, KnownByRule>> = {
  observations: {
    kind: 'dated',
    predicate: 'known_from <= $1',
    why: 'vintage: first day the value was public',
  },
  // The same rule as sources/sec/thirteenf/repository.ts KNOWN_FROM_SQL (a file that carried no
  // filing date counts from its import day); the point-in-time test holds the two together.
  sec_13f_filings: {
    kind: 'dated',
    predicate: 'coalesce(filed, CAST(imported_at AS DATE)) <= $1',
    why: 'a 13F is public from its filing date',
  },
  sec_13f_rows: {
    kind: 'dated',
    predicate:
      'accession IN (SELECT accession FROM sec_13f_filings WHERE coalesce(filed, CAST(imported_at AS DATE)) <= $1)',
    why: 'rows of a filing are public with it',
  },
  // Derived copies of sec_13f_rows (sources/sec/thirteenf/positions.ts): cut with the filings they copy.
  sec_13f_rows_by_cusip: {
    kind: 'dated',
    predicate:
      'accession IN (SELECT accession FROM sec_13f_filings WHERE coalesce(filed, CAST(imported_at AS DATE)) <= $1)',
    why: 'a copy of the rows of the filings known by then',
  },
  sec_13f_rows_by_cusip_state: {
    kind: 'dated',
    predicate:
      'accession IN (SELECT accession FROM sec_13f_filings WHERE coalesce(filed, CAST(imported_at AS DATE)) <= $1)',
    why: 'which filings the copy was made from',
  },
  xbrl_facts: {
    kind: 'dated',
    predicate: 'filed IS NOT NULL AND filed <= $1',
    why: 'a fact is public from the filing that reports it',
  },
  price_bars: { kind: 'dated', predicate: 'date <= $1', why: 'a close is public at the close' },
  corporate_actions: { kind: 'dated', predicate: 'date <= $1', why: 'effective date' },
  funding_rates: { kind: 'dated', predicate: 'date <= $1', why: 'public at settlement' },
  open_interest: { kind: 'dated', predicate: 'date <= $1', why: 'public when sampled' },
  liquidations: { kind: 'dated', predicate: 'date <= $1', why: 'public when they happen' },
  treasury_auctions: {
    kind: 'dated',
    predicate: 'auction_date <= $1',
    why: 'results are announced on the auction day',
  },
  nyfed_operations: {
    kind: 'dated',
    predicate: 'operation_date <= $1',
    why: 'results are published on the operation day',
  },
  thesis_runs: {
    kind: 'dated',
    predicate: 'CAST(run_at AS DATE) <= $1',
    why: 'the ledger said it when it ran',
  },
  ingest_runs: {
    kind: 'dated',
    predicate: 'CAST(started_at AS DATE) <= $1',
    why: 'a run is known once it started',
  },
  ingest_items: {
    kind: 'dated',
    predicate: 'CAST(read_at AS DATE) <= $1',
    why: 'which bytes a record came from is known once they were read',
  },
  raw_archive: {
    kind: 'dated',
    predicate: 'CAST(fetched_at AS DATE) <= $1',
    why: 'bytes are known once fetched',
  },
  sec_fetch_state: {
    kind: 'dated',
    predicate: 'CAST(fetched_at AS DATE) <= $1',
    why: 'a fetch is known once done',
  },
  alert_state: {
    kind: 'dated',
    predicate: 'last_as_of <= $1',
    why: 'the state a check left on its as-of day',
  },
  // The same cut as the curated reads (sources/curated/load.ts, analytics/scorecard/episodes.ts):
  // a row from its published day (else its own date); a short episode from its period end, since
  // a stored filing public by then may be merged into it (mergeEpisodes decides what is public).
  curated_rows: {
    kind: 'dated',
    predicate: "CASE WHEN dataset = 'short-episodes' THEN date <= $1 ELSE known_from <= $1 END",
    why: 'a curated row is public from the day its source published it',
  },
  curated_imports: { kind: 'reference', why: 'import bookkeeping per curated file' },
  series: { kind: 'reference', why: 'series metadata (title, unit, frequency)' },
  schema_version: { kind: 'reference', why: 'migrations applied' },
  store_version: { kind: 'reference', why: 'a counter of committed writes (response caches key by it)' },
  sec_watchlist: { kind: 'reference', why: 'user configuration' },
  sec_cusip_map: { kind: 'reference', why: 'CUSIP → ticker reference' },
  xbrl_companies: { kind: 'reference', why: 'company names and tickers' },
  price_sources: { kind: 'reference', why: 'import bookkeeping per source file' },
};

/** User tables of a store (both engines). */
export async function storeTables(db: Db): Promise<string[]> {
  const rows = await db.all<{ t: string }>(
    db.dialect === 'duckdb'
      ? "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1"
      : "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  return rows.map((r) => r.t);
}

/**
 * Delete, in one transaction, every row not known by `asOf` from the store behind `db` (meant for a
 * copy). Throws, naming the table, when a table has no rule.
 */
export async function cutToKnownBy(db: Db, asOf: string): Promise<Record<string, number>> {
  const tables = await storeTables(db);
  const missing = tables.filter((t) => !KNOWN_BY[t]);
  if (missing.length) {
    throw new Error(`no known-by rule for table(s) ${missing.join(', ')}: add one to src/store/known-by.ts`);
  }
  const removed: Record<string, number> = {};
  await db.transaction(async (tx) => {
    // Tables whose rule reads sec_13f_filings are cut before it.
    const first = (t: string) => (t === 'sec_13f_filings' ? 1 : 0);
    const order = [...tables].sort((a, b) => first(a) - first(b));
    for (const t of order) {
      const rule = KNOWN_BY[t]!;
      if (rule.kind === 'reference') continue;
      const where = `NOT (${rule.predicate.replaceAll('$1', `CAST('${asOf}' AS DATE)`)})`;
      const n = await tx.all<{ n: number }>(`SELECT count(*) AS n FROM ${t} WHERE ${where}`);
      await tx.run(`DELETE FROM ${t} WHERE ${where}`);
      removed[t] = Number(n[0]?.n ?? 0);
    }
  });
  return removed;
}
