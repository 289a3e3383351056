import { assertPlausible, type Plausible } from '../../core/plausibility.js';
import { compareByKey, type KeyedCounts, sameNumber } from '../../store/compare.js';
import type { Db } from '../../store/db.js';
import type { SeriesBatch } from '../../store/series-writer.js';
import { symbolRangeWhere } from '../../store/where.js';
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
): Promise<KeyedCounts> {
  assertPlausible(
    f.file,
    `${symbol} funding rate`,
    FUNDING_RULE,
    f.rows.map((r) => ({ date: r.date, value: r.rate, ...(r.where ? { where: r.where } : {}) })),
  );
  return db.transaction(async (tx) => {
    const stored = await tx.all<{ ts: string; cadence: string; rate: number }>(
      'SELECT ts, cadence, rate FROM funding_rates WHERE source = $1 AND symbol = $2',
      [source, symbol],
    );
    const counts = compareByKey(
      new Map(stored.map((r) => [`${r.ts}|${r.cadence}`, r.rate])),
      f.rows.map((x) => [`${x.time}|${f.interval}`, x.rate] as [string, number]),
      sameNumber,
    );
    await tx.run('DELETE FROM funding_rates WHERE source = $1 AND symbol = $2', [source, symbol]);
    await tx.insertMany(
      'funding_rates',
      ['source', 'symbol', 'ts', 'date', 'cadence', 'rate', 'abs_rate', 'file_unit'],
      f.rows.map((x) => [source, symbol, x.time, x.date, f.interval, x.rate, x.absRate, f.fileUnit]),
    );
    return counts;
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
  const { where, params } = symbolRangeWhere(symbol, q, { cadence: q.interval });
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
): Promise<KeyedCounts> {
  const OI: Plausible = { sign: 'non-negative', since: '2016-01-01' };
  for (const r of rows) {
    for (const v of [r.amount, r.valueUsd])
      if (v !== null)
        assertPlausible(source, `${symbol} open interest`, OI, [{ date: r.ts.slice(0, 10), value: v }]);
  }
  return db.transaction(async (tx) => {
    const stored = await tx.all<{ ts: string; amount: number | null; value_usd: number | null }>(
      'SELECT ts, amount, value_usd FROM open_interest WHERE source = $1 AND symbol = $2',
      [source, symbol],
    );
    const counts = compareByKey(
      new Map(stored.map((r) => [r.ts, [r.amount, r.value_usd] as const])),
      rows.map(
        (r) => [r.ts, [r.amount, r.valueUsd] as const] as [string, readonly [number | null, number | null]],
      ),
      (a, b) => sameNumber(a[0], b[0]) && sameNumber(a[1], b[1]),
    );
    await tx.run('DELETE FROM open_interest WHERE source = $1 AND symbol = $2', [source, symbol]);
    await tx.insertMany(
      'open_interest',
      ['source', 'symbol', 'ts', 'date', 'amount', 'value_usd'],
      rows.map((r) => [source, symbol, r.ts, r.ts.slice(0, 10), r.amount, r.valueUsd]),
    );
    return counts;
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

/**
 * Replace one source's liquidation records. A record is its (time, account, notional) — the
 * table's key — so re-importing the same file counts 0 new (it used to say '62 new').
 */
export async function writeLiquidations(
  db: Db,
  source: string,
  rows: LiquidationRow[],
): Promise<KeyedCounts> {
  return db.transaction(async (tx) => {
    // The primary key would refuse an exact duplicate record: keep the first.
    const seen = new Set<string>();
    const key = (ts: string, account: string, notional: number) => `${ts}|${account}|${notional}`;
    const unique = rows.filter((r) => {
      const k = key(r.time, r.account, r.notionalUsd);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const stored = await tx.all<{
      ts: string;
      account: string;
      notional_usd: number;
      account_value_usd: number | null;
      leverage_type: string | null;
    }>(
      'SELECT ts, account, notional_usd, account_value_usd, leverage_type FROM liquidations WHERE source = $1',
      [source],
    );
    const counts = compareByKey(
      new Map(
        stored.map((r) => [
          key(r.ts, r.account, r.notional_usd),
          `${r.account_value_usd}|${r.leverage_type}`,
        ]),
      ),
      unique.map(
        (r) =>
          [key(r.time, r.account, r.notionalUsd), `${r.accountValueUsd}|${r.leverageType}`] as [
            string,
            string,
          ],
      ),
      (a, b) => a === b,
    );
    await tx.run('DELETE FROM liquidations WHERE source = $1', [source]);
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
    return counts;
  });
}

/** Fear & greed is a plain daily series: it goes to the core observations table through the one series writer. */
export function fearGreedBatch(rows: FearGreedRow[], source: string, origin: string): SeriesBatch {
  return {
    id: FEAR_GREED_SERIES,
    source,
    title: 'Crypto Fear & Greed Index (Alternative.me), 0 = extreme fear, 100 = extreme greed',
    sourceUnit: 'index',
    frequency: 'daily',
    rule: FEAR_GREED_RULE,
    origin,
    rows: rows.map((r) => ({
      date: r.date,
      value: r.value,
      knownFrom: r.date,
      ...(r.where ? { where: r.where } : {}),
    })),
  };
}
