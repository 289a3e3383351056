import { assertPlausible, type Plausible } from '../../core/plausibility.js';
import type { Db, SqlValue } from '../../store/db.js';
import type { Store } from '../../store/store.js';
import { FUNDING_RULE, type ParsedFunding } from './funding.js';
import type { FearGreedRow, LiquidationRow } from './sentiment.js';

export const FEAR_GREED_SERIES = 'CRYPTO:FEAR_GREED';

/** The index is an integer 0–100, published daily since 2018-02-01. */
export const FEAR_GREED_RULE: Plausible = { sign: 'non-negative', since: '2018-02-01', min: 0, max: 100 };

/** Replace one (source, symbol) funding history in one transaction. */
export async function writeFunding(
  db: Db,
  source: string,
  symbol: string,
  f: ParsedFunding,
): Promise<{ before: number; after: number }> {
  assertPlausible(
    f.file,
    `${symbol} funding rate`,
    FUNDING_RULE,
    f.rows.map((r) => ({ date: r.date, value: r.rate, ...(r.where ? { where: r.where } : {}) })),
  );
  return db.transaction(async (tx) => {
    const r = await tx.all<{ n: number }>(
      'SELECT count(*) AS n FROM funding_rates WHERE source = $1 AND symbol = $2',
      [source, symbol],
    );
    await tx.run('DELETE FROM funding_rates WHERE source = $1 AND symbol = $2', [source, symbol]);
    await tx.insertMany(
      'funding_rates',
      ['source', 'symbol', 'ts', 'date', 'cadence', 'rate', 'abs_rate', 'file_unit'],
      f.rows.map((x) => [source, symbol, x.time, x.date, f.interval, x.rate, x.absRate, f.fileUnit]),
    );
    return { before: Number(r[0]?.n ?? 0), after: f.rows.length };
  });
}

export interface StoredFunding {
  source: string;
  ts: string;
  date: string;
  interval: string;
  rate: number;
}

export async function readFunding(
  db: Db,
  symbol: string,
  q: { from?: string; to?: string; interval?: '8h' | '1d' } = {},
): Promise<StoredFunding[]> {
  const params: SqlValue[] = [symbol];
  let where = 'symbol = $1';
  if (q.from) {
    params.push(q.from);
    where += ` AND date >= CAST($${params.length} AS DATE)`;
  }
  if (q.to) {
    params.push(q.to);
    where += ` AND date <= CAST($${params.length} AS DATE)`;
  }
  if (q.interval) {
    params.push(q.interval);
    where += ` AND cadence = $${params.length}`;
  }
  return db.all<StoredFunding>(
    `SELECT source, ts, CAST(date AS VARCHAR) AS date, cadence AS "interval", rate FROM funding_rates WHERE ${where} ORDER BY ts, source`,
    params,
  );
}

export async function writeOpenInterest(
  db: Db,
  source: string,
  symbol: string,
  rows: { ts: string; amount: number | null; valueUsd: number | null }[],
): Promise<void> {
  const OI: Plausible = { sign: 'non-negative', since: '2016-01-01' };
  for (const r of rows) {
    for (const v of [r.amount, r.valueUsd]) if (v !== null) assertPlausible(source, `${symbol} open interest`, OI, [{ date: r.ts.slice(0, 10), value: v }]);
  }
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM open_interest WHERE source = $1 AND symbol = $2', [source, symbol]);
    await tx.insertMany(
      'open_interest',
      ['source', 'symbol', 'ts', 'date', 'amount', 'value_usd'],
      rows.map((r) => [source, symbol, r.ts, r.ts.slice(0, 10), r.amount, r.valueUsd]),
    );
  });
}

/** Open interest samples of a symbol (with `to`, those dated by then). */
export async function readOpenInterest(
  db: Db,
  symbol: string,
  q: { to?: string } = {},
): Promise<{ ts: string; date: string; valueUsd: number | null }[]> {
  return db.all(
    `SELECT ts, CAST(date AS VARCHAR) AS date, value_usd AS "valueUsd" FROM open_interest WHERE symbol = $1${q.to ? ' AND date <= CAST($2 AS DATE)' : ''} ORDER BY ts`,
    q.to ? [symbol, q.to] : [symbol],
  );
}

export async function writeLiquidations(db: Db, source: string, rows: LiquidationRow[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM liquidations WHERE source = $1', [source]);
    // The primary key would refuse an exact duplicate record: keep the first.
    const seen = new Set<string>();
    const unique = rows.filter((r) => {
      const k = `${r.time}|${r.account}|${r.notionalUsd}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    await tx.insertMany(
      'liquidations',
      ['source', 'ts', 'date', 'account', 'notional_usd', 'account_value_usd', 'leverage_type'],
      unique.map((r) => [
        source,
        r.time,
        r.date,
        r.account,
        r.notionalUsd,
        r.accountValueUsd,
        r.leverageType,
      ]),
    );
  });
}

/** Fear & greed is a plain daily series: it goes to the core observations table. */
export async function writeFearGreed(
  store: Store,
  rows: FearGreedRow[],
  source: string,
  today: string,
  runId: number | null,
) {
  return store.db.transaction(async (tx) => {
    await store.upsertSeries(
      {
        id: FEAR_GREED_SERIES,
        source,
        title: 'Crypto Fear & Greed Index (Alternative.me), 0 = extreme fear, 100 = extreme greed',
        unit: 'index',
        sourceUnit: 'index',
        frequency: 'daily',
      },
      tx,
    );
    return store.writeObservations(
      FEAR_GREED_SERIES,
      rows.map((r) => ({ date: r.date, value: r.value, knownFrom: r.date, where: r.where })),
      { sourceUnit: 'index', revisionKnownFrom: today, runId, rule: FEAR_GREED_RULE, origin: source },
      tx,
    );
  });
}
