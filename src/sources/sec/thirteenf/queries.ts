import { addDays, type IsoDate } from '../../../core/dates.js';
import type { Db, SqlValue } from '../../../store/db.js';
import { Stage } from '../../../store/stage.js';
import { compactRows, lastText, numbers, texts } from './compact-rows.js';
import { positionsSelectSql, syncRowsByCusip } from './positions.js';
import { knownFromSql } from './repository.js';

/**
 * Cross-quarter 13F queries over everything stored (a 40-quarter store holds ~120M rows):
 * every holder of one CUSIP, one filer's full history, the largest put notionals of a quarter.
 *
 * Each takes an as-of day and uses only filings filed on or before it, with the amendment rules
 * of amendments.ts applied in SQL per filer and quarter among those filings (effectiveFilingsSql;
 * a test checks it against applyAmendments on the real filings), and positions are summed by
 * positions.ts. Holders and top puts read the slim copy sec_13f_rows_by_cusip (sorted by CUSIP per
 * import, so a CUSIP or a period is found through DuckDB's zone maps); a history reads
 * sec_13f_rows of the filer's few accessions, which DuckDB finds through the join's pushed-down
 * accession filter. Issuer names come from sec_13f_rows of the accessions in the answer.
 */

/**
 * The filings that make up each filer's quarter as known on `asOf` (`filed` is the day a filing
 * became known: its filing date, or its import day when the file carried none — repository.ts
 * knownFromSql, the rule of every 13F read): the last replacing filing
 * (an original report, or a RESTATEMENT) in filing order, plus every NEW HOLDINGS amendment after
 * it; notices and amendments without a type contribute nothing. Filing order is filing date, then
 * amendment number, then accession, as in amendments.ts. `where` narrows the filings of `from`
 * (sec_13f_filings, or a relation of its rows) (e.g. one CIK).
 * `filing_date` is the stored filing date (null when the file carried none), which positions
 * report as their `filed` (EFFECTIVE_FILINGS).
 */
export function effectiveFilingsSql(where: string, from = 'sec_13f_filings'): string {
  return `WITH c AS MATERIALIZED (
        SELECT accession, cik, filer_name, period, ${knownFromSql()} AS filed, filed AS filing_date,
          is_amendment, amendment_no,
          CASE WHEN report_type LIKE '%NOTICE%' OR form LIKE '13F-NT%' THEN 'notice'
               WHEN NOT is_amendment OR amendment_type = 'RESTATEMENT' THEN 'replace'
               WHEN amendment_type = 'NEW HOLDINGS' THEN 'add' ELSE 'ignored' END AS action
        FROM ${from} f0 WHERE ${where})
    ${byFilingCount(
      'c',
      'c',
      (k) => `SELECT accession, cik, filer_name, period, filed, filing_date FROM ${k} k
        WHERE action IN ('replace', 'add')`,
      (k) => `SELECT accession, cik, filer_name, period, filed, filing_date FROM (
        SELECT f.*, max(CASE WHEN action = 'replace' THEN seq END) OVER (PARTITION BY cik, period) AS last_replace
        FROM (
          SELECT k.*, row_number() OVER (PARTITION BY cik, period ORDER BY filing_date,
              CASE WHEN is_amendment THEN coalesce(amendment_no, 1) ELSE 0 END, accession) AS seq
          FROM ${k} k) f) x
        WHERE (action = 'replace' AND seq = last_replace) OR (action = 'add' AND seq > coalesce(last_replace, 0))`,
    )}`;
}

/**
 * The one-filing shortcut, written once. Nearly every filer's quarter has one filing known: its
 * filing counts unless it is a notice or an untyped amendment, with no ordering of filings
 * (effectiveFilingsSql: the window functions sort each quarter, which cost most of the
 * resolution when every quarter of a CUSIP's 50k holders went through them), and its positions
 * are the quarter's positions, with no second sum over the quarter's filings (holdersOf,
 * filerHistory). So `rows` (a relation with columns cik and period) is split by the number of
 * rows of `filings` in the same filer's quarter: `one(r)` is the query over the rows of quarters
 * with one filing, `many(r)` over the others (r: a subquery of `rows` with that count as `n_`),
 * and the answer is both, UNION ALL.
 */
function byFilingCount(
  rows: string,
  filings: string,
  one: (r: string) => string,
  many: (r: string) => string,
): string {
  const counted = (test: string) => `(SELECT r.*, g.n_ FROM ${rows} r
      JOIN (SELECT cik, period, COUNT(*) AS n_ FROM ${filings} GROUP BY cik, period) g
        ON g.cik = r.cik AND g.period = r.period
      WHERE g.n_ ${test})`;
  return `${one(counted('= 1'))}
    UNION ALL
    ${many(counted('> 1'))}`;
}

/**
 * The filings of a CTE `eff` (effectiveFilingsSql) as positionsSelectSql's `filings`: a query
 * joins its positions to the few filings it resolved instead of to every stored filing.
 */
const EFFECTIVE_FILINGS = '(SELECT accession, cik, filer_name, period, filing_date AS filed FROM eff)';

export interface Holder {
  cik: number;
  filer: string | null;
  period: IsoDate;
  /** Latest filing date among the filings that make up this quarter. */
  filed: IsoDate;
  putCall: 'Put' | 'Call' | null;
  shareType: string;
  shares: number;
  valueUsd: number;
}

export interface HoldersResult {
  cusip: string;
  asOf: IsoDate;
  issuer: string | null;
  holders: Holder[];
}

/** Every filer and quarter holding `cusip` (shares, puts and calls apart), as known on `asOf`. */
export async function holdersOf(db: Db, cusip: string, asOf: IsoDate): Promise<HoldersResult> {
  await syncRowsByCusip(db);
  const c = cusip.toUpperCase();
  // h: the CUSIP's rows, read once; only the filers and quarters holding it (hg) need their
  // amendments resolved, and their filings are found by a join on two integer/date keys.
  const groups = '(SELECT s.* FROM sec_13f_filings s JOIN hg ON hg.cik = s.cik AND hg.period = s.period)';
  const rows = await compactRows<Holder & { acc: string | null }>(
    db,
    `WITH h AS MATERIALIZED (SELECT accession, cusip, put_call, share_type, shares, value_usd
         FROM sec_13f_rows_by_cusip WHERE cusip = $1),
       hg AS (SELECT DISTINCT f.cik, f.period FROM sec_13f_filings f
         JOIN (SELECT DISTINCT accession FROM h) a ON a.accession = f.accession),
       eff AS MATERIALIZED (${effectiveFilingsSql(`${knownFromSql()} <= CAST($2 AS DATE)`, groups)}),
       p AS MATERIALIZED (${positionsSelectSql('h', false, EFFECTIVE_FILINGS)})
     ${byFilingCount(
       'p',
       'eff',
       (r) => `SELECT p.cik, p.filer_name AS filer, CAST(p.period AS VARCHAR) AS period,
         CAST(p.filed AS VARCHAR) AS filed, p.put_call AS "putCall", p.share_type AS "shareType",
         p.shares, p.value_usd AS "valueUsd", p.accession AS acc
       FROM ${r} p`,
       (r) => `SELECT p.cik, max(p.filer_name) AS filer, CAST(p.period AS VARCHAR) AS period,
         CAST(max(p.filed) AS VARCHAR) AS filed, p.put_call AS "putCall", p.share_type AS "shareType",
         sum(p.shares) AS shares, sum(p.value_usd) AS "valueUsd", max(p.accession) AS acc
       FROM ${r} p GROUP BY p.cik, p.period, p.put_call, p.share_type`,
     )}`,
    'q.period, q."valueUsd" DESC, q.cik, q."putCall" NULLS FIRST',
    [
      ...numbers('cik'),
      ...texts(0, 'filer'),
      ...texts(1, 'period', 'filed'),
      ...texts(2, 'putCall', 'shareType'),
      ...numbers('shares', 'valueUsd'),
      lastText('acc'),
    ],
    [c, asOf],
  );
  const last = rows.at(-1);
  const issuer = last?.acc
    ? ((await issuerNames(db, [[last.acc, c]])).get(`${last.acc} ${c}`) ?? null)
    : null;
  return { cusip: c, asOf, issuer, holders: rows.map(({ acc: _, ...h }) => h) };
}

/** Issuer names of (accession, CUSIP) pairs, from sec_13f_rows (found by accession). */
async function issuerNames(db: Db, pairs: Array<[string, string]>): Promise<Map<string, string>> {
  if (!pairs.length) return new Map();
  const accs = [...new Set(pairs.map((p) => p[0]))];
  const cusips = [...new Set(pairs.map((p) => p[1]))];
  const ph = (xs: string[], from: number) => xs.map((_, i) => `$${from + i}`).join(', ');
  const rows = await db.all<{ accession: string; cusip: string; issuer: string }>(
    `SELECT accession, cusip, min(issuer) AS issuer FROM sec_13f_rows
     WHERE accession IN (${ph(accs, 1)}) AND cusip IN (${ph(cusips, accs.length + 1)}) GROUP BY accession, cusip`,
    [...accs, ...cusips],
  );
  return new Map(rows.map((r) => [`${r.accession} ${r.cusip}`, r.issuer]));
}

export interface HistoryPosition {
  period: IsoDate;
  filed: IsoDate;
  cusip: string;
  issuer: string;
  titleOfClass: string | null;
  putCall: 'Put' | 'Call' | null;
  shareType: string;
  shares: number;
  valueUsd: number;
}

export interface HistoryQuarter {
  period: IsoDate;
  filed: IsoDate;
  accessions: string[];
  positions: number;
  totalUsd: number;
  putNotionalUsd: number;
  callNotionalUsd: number;
}

export interface HistoryResult {
  cik: number;
  filer: string | null;
  asOf: IsoDate;
  quarters: HistoryQuarter[];
  /**
   * True when the latest quarter on file is more than a quarter and the 45-day filing window
   * older than as-of: a report for a later quarter was due and is missing.
   */
  stale: boolean;
  /** Every position of every quarter (empty when asked for the quarter totals only). */
  positions: HistoryPosition[];
}

/** Reports are due 45 days after the quarter: a quarter end older than this has a successor due. */
const NEXT_REPORT_DUE_DAYS = 92 + 45;

/**
 * One filer's holdings in every quarter on file, as known on `asOf`: per-quarter totals and, unless
 * `positions: false`, every position (a large filer has ~150k over 40 quarters).
 */
export async function filerHistory(
  db: Db,
  cik: number,
  asOf: IsoDate,
  opts: { positions?: boolean } = {},
): Promise<HistoryResult> {
  const params: SqlValue[] = [cik, asOf];
  const eff = effectiveFilingsSql(`cik = $1 AND ${knownFromSql()} <= CAST($2 AS DATE)`);
  // The quarter's positions (positions.ts), summed per position over the quarter's filings
  // (byFilingCount: a quarter of one filing, nearly all, has them already). Issuer and class only
  // when the positions are listed (the totals do not need the texts). Period and filing date stay
  // DATEs: as texts, 2 × 144k strings were made, stored and sorted for 40 distinct pairs.
  const quarterPositions = (names: boolean) => {
    const one = names ? 'p.issuer, p.title_of_class AS "titleOfClass",' : '';
    const many = names ? 'max(p.issuer) AS issuer, max(p.title_of_class) AS "titleOfClass",' : '';
    return `WITH eff AS MATERIALIZED (${eff}),
       p AS MATERIALIZED (${positionsSelectSql(
         '(SELECT * FROM sec_13f_rows WHERE accession IN (SELECT accession FROM eff))',
         names,
         EFFECTIVE_FILINGS,
       )})
     ${byFilingCount(
       'p',
       'eff',
       (r) => `SELECT p.period, p.filed, p.cusip, ${one}
         p.put_call AS "putCall", p.share_type AS "shareType", p.shares, p.value_usd AS "valueUsd"
       FROM ${r} p`,
       (r) => `SELECT p.period, max(p.filed) AS filed, p.cusip, ${many}
         p.put_call AS "putCall", p.share_type AS "shareType", sum(p.shares) AS shares, sum(p.value_usd) AS "valueUsd"
       FROM ${r} p GROUP BY p.period, p.cusip, p.put_call, p.share_type`,
     )}`;
  };
  const filings = await db.all<{
    accession: string;
    filer_name: string | null;
    period: string;
    filed: string;
  }>(
    `SELECT accession, filer_name, CAST(period AS VARCHAR) AS period, CAST(filed AS VARCHAR) AS filed
     FROM (${eff}) e ORDER BY period, filed, accession`,
    params,
  );
  // With every position asked for, the positions are computed once into a scratch table (the
  // scan of the filer's rows and their sums are most of the cost) and both reads use it.
  const stage =
    opts.positions === false
      ? null
      : await Stage.create(db, [
          ['period', 'DATE'],
          ['filed', 'DATE'],
          ['cusip', 'VARCHAR'],
          ['issuer', 'VARCHAR'],
          ['"titleOfClass"', 'VARCHAR'],
          ['"putCall"', 'VARCHAR'],
          ['"shareType"', 'VARCHAR'],
          ['shares', 'DOUBLE'],
          ['"valueUsd"', 'DOUBLE'],
        ]);
  try {
    if (stage) await db.run(`INSERT INTO ${stage.table} ${quarterPositions(true)}`, params);
    const totals = await db.all<Omit<HistoryQuarter, 'filed' | 'accessions'>>(
      `SELECT CAST(q.period AS VARCHAR) AS period, COUNT(*) AS positions, sum(q."valueUsd") AS "totalUsd",
         coalesce(sum(q."valueUsd") FILTER (WHERE q."putCall" = 'Put'), 0) AS "putNotionalUsd",
         coalesce(sum(q."valueUsd") FILTER (WHERE q."putCall" = 'Call'), 0) AS "callNotionalUsd"
       FROM ${stage ? stage.table : `(${quarterPositions(false)})`} q GROUP BY q.period`,
      stage ? [] : params,
    );
    const positions = stage
      ? await compactRows<HistoryPosition>(
          db,
          `SELECT * FROM ${stage.table}`,
          'q.period, q."valueUsd" DESC, q.cusip, q."putCall" NULLS FIRST, q."shareType"',
          [
            ...texts(0, 'period', 'filed'),
            ...texts(1, 'cusip', 'issuer', 'titleOfClass', 'putCall', 'shareType'),
            ...numbers('shares', 'valueUsd'),
          ],
          [],
        )
      : [];
    return historyResult(cik, asOf, filings, totals, positions);
  } finally {
    await stage?.drop();
  }
}

/** The history's quarters from its filings and per-quarter totals. */
function historyResult(
  cik: number,
  asOf: IsoDate,
  filings: Array<{ accession: string; filer_name: string | null; period: string; filed: string }>,
  totals: Array<Omit<HistoryQuarter, 'filed' | 'accessions'>>,
  positions: HistoryPosition[],
): HistoryResult {
  const byPeriod = new Map(totals.map((t) => [t.period, t]));
  const quarters = new Map<string, HistoryQuarter>();
  for (const f of filings) {
    const t = byPeriod.get(f.period);
    const q = quarters.get(f.period) ?? {
      period: f.period,
      filed: f.filed,
      accessions: [],
      positions: t?.positions ?? 0,
      totalUsd: t?.totalUsd ?? 0,
      putNotionalUsd: t?.putNotionalUsd ?? 0,
      callNotionalUsd: t?.callNotionalUsd ?? 0,
    };
    q.accessions.push(f.accession);
    if (f.filed > q.filed) q.filed = f.filed;
    quarters.set(f.period, q);
  }
  const last = filings.at(-1);
  return {
    cik,
    filer: last?.filer_name ?? null,
    asOf,
    quarters: [...quarters.values()],
    stale: last ? addDays(last.period, NEXT_REPORT_DUE_DAYS) < asOf : false,
    positions,
  };
}

export interface TopPut {
  cik: number;
  filer: string | null;
  filed: IsoDate;
  cusip: string;
  issuer: string;
  shares: number;
  /** Reported value of the underlying: notional, not premium (exposure.ts NOTIONAL_CAVEAT). */
  notionalUsd: number;
}

export interface TopPutsResult {
  period: IsoDate;
  asOf: IsoDate;
  puts: TopPut[];
}

/** The largest put positions reported for quarter `period`, by notional, as known on `asOf`. */
export async function topPuts(db: Db, period: IsoDate, asOf: IsoDate, limit = 20): Promise<TopPutsResult> {
  await syncRowsByCusip(db);
  const puts = await db.all<Omit<TopPut, 'issuer'> & { acc: string }>(
    `WITH eff AS (${effectiveFilingsSql(`period = CAST($1 AS DATE) AND ${knownFromSql()} <= CAST($2 AS DATE)`)})
     SELECT p.cik, max(p.filer_name) AS filer, CAST(max(p.filed) AS VARCHAR) AS filed, p.cusip,
       sum(p.shares) AS shares, sum(p.value_usd) AS "notionalUsd", max(p.accession) AS acc
     FROM (${positionsSelectSql(
       `(SELECT * FROM sec_13f_rows_by_cusip WHERE period = CAST($1 AS DATE) AND put_call = 'Put'
           AND accession IN (SELECT accession FROM eff))`,
       false,
       EFFECTIVE_FILINGS,
     )}) p
     GROUP BY p.cik, p.cusip
     ORDER BY sum(p.value_usd) DESC, p.cik, p.cusip
     LIMIT ${Math.max(1, Math.floor(limit))}`,
    [period, asOf],
  );
  const names = await issuerNames(
    db,
    puts.map((p) => [p.acc, p.cusip]),
  );
  return {
    period,
    asOf,
    puts: puts.map(({ acc, ...p }) => ({
      cik: p.cik,
      filer: p.filer,
      filed: p.filed,
      cusip: p.cusip,
      issuer: names.get(`${acc} ${p.cusip}`) ?? '',
      shares: p.shares,
      notionalUsd: p.notionalUsd,
    })),
  };
}
