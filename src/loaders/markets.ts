import { fromEpochDay, type IsoDate } from '../core/dates.js';
import type { Point } from '../indicators/markets/series.js';
import type { Db, SqlValue } from '../store/db.js';

/**
 * The duration ranking's price inputs read in one DuckDB query instead of every daily close of
 * ~20 symbols (217k rows, most of `/api/duration`'s time). Per symbol, as known on the as-of day:
 *   weekly — the merged adjusted close sampled on the anchor weekday, the same sampling as
 *            `weeklyOn` (indicators/markets/series.ts): the last close on or before each anchor
 *            from the first anchor on or after the first close to the last close, a week left out
 *            when that close is a week or more old;
 *   daily  — only the daily closes the squeeze-window figures read: the first and the last close,
 *            each window's closes and the last close on or before its start (what `windowReturn`,
 *            `drawdownWithin` and `pickSpx` look at).
 * The merge across sources is `mergeSourced` (sources/prices/rebase.ts) done in SQL: sources in its
 * order (latest last date, then most closes, then stored before index series, then by name), each
 * re-based by the median log ratio to the closes of the sources before it on the dates it shares
 * with them (at least 5, else 1), filling only dates those lack. markets-sql.test.ts holds this
 * query equal to the JS merge + `weeklyOn` on the real store. DuckDB only (ASOF JOIN, lists): the
 * caller reads PostgreSQL stores the JS way.
 */

export interface RankingCloses {
  weekly: Point[];
  /** Ascending; the closes named above only (not a full daily history). */
  daily: Point[];
}

export interface RankingClosesQuery {
  symbols: readonly string[];
  asOf: IsoDate;
  /** 0 = Sunday … 6 = Saturday (core/dates.ts `weekday`). */
  anchorWeekday: number;
  windows: ReadonlyArray<{ start: IsoDate; end: IsoDate }>;
  /** Symbol -> a series of the observations table merged in as one more source (as-of its vintages). */
  index?: Readonly<Record<string, string>>;
}

const DAY0 = "DATE '1970-01-01'";

export async function rankingCloses(db: Db, q: RankingClosesQuery): Promise<Map<string, RankingCloses>> {
  const out = new Map<string, RankingCloses>();
  if (!q.symbols.length) return out;
  const params: SqlValue[] = [q.asOf, q.anchorWeekday];
  const p = (v: SqlValue) => `$${params.push(v)}`;
  const inList = q.symbols.map(p).join(', ');
  // Index series as of the day: the latest vintage known by then of each date (store.getObservations).
  const index = Object.entries(q.index ?? {})
    .filter(([s]) => q.symbols.includes(s))
    .map(
      ([symbol, series]) => `
      UNION ALL
      SELECT ${p(symbol)}, ${p(`fred:${series}`)}, d, v, 1 FROM (
        SELECT DISTINCT ON (date) CAST(date - ${DAY0} AS INTEGER) AS d, value AS v FROM observations
         WHERE series_id = ${p(series)} AND known_from <= CAST($1 AS DATE) AND date <= CAST($1 AS DATE)
         ORDER BY date, known_from DESC)`,
    )
    .join('');
  // Window bounds as day numbers, written into the query as filters (a join with a table of them was slower).
  const dayNumber = (d: IsoDate) => `CAST(CAST(${p(d)} AS DATE) - ${DAY0} AS INTEGER)`;
  const bounds = q.windows.map((w) => ({ s: dayNumber(w.start), e: dayNumber(w.end) }));
  const inWindow = bounds.map((b) => `m.d BETWEEN ${b.s} AND ${b.e}`);
  const leadIns = bounds.map((b) => `max(d) FILTER (WHERE d <= ${b.s})`);
  const agg = (x: string, order: string) => `CAST(to_json(list(${x} ORDER BY ${order})) AS VARCHAR)`;
  const rows = await db.all<{ symbol: string; wd: string | null; wv: string | null; dd: string; dv: string }>(
    `WITH RECURSIVE
     bars AS (
       SELECT symbol, source, CAST(date - ${DAY0} AS INTEGER) AS d, adj_close AS v, 0 AS extra
         FROM price_bars WHERE symbol IN (${inList}) AND date <= CAST($1 AS DATE)${index}),
     src AS (
       SELECT symbol, source,
              row_number() OVER (PARTITION BY symbol ORDER BY max(d) DESC, count(*) DESC, min(extra), source) AS rk
         FROM bars GROUP BY symbol, source),
     rb AS (SELECT b.symbol, b.d, b.v, s.rk FROM bars b JOIN src s USING (symbol, source)),
     -- Per date the first-ranked close: the merged one (times its source's factor).
     tops AS MATERIALIZED (SELECT symbol, d, min(rk) AS top, arg_min(v, rk) AS topv FROM rb GROUP BY symbol, d),
     -- A source's closes on dates an earlier-ranked source has: what its factor is measured on.
     overlap AS MATERIALIZED (
       SELECT rb.symbol, rb.rk, t.top, t.topv, rb.v FROM rb JOIN tops t USING (symbol, d)
        WHERE t.top < rb.rk AND t.topv > 0 AND rb.v > 0),
     ratios(symbol, k, rs) AS (
       SELECT symbol, 1, [CAST(1 AS DOUBLE)] FROM src WHERE rk = 1
       UNION ALL
       SELECT r.symbol, r.k + 1,
              list_append(r.rs, CASE WHEN count(x.v) >= 5 THEN exp(median(ln(x.topv * r.rs[x.top] / x.v))) ELSE 1 END)
         FROM ratios r JOIN (SELECT symbol, max(rk) AS n FROM src GROUP BY symbol) c ON c.symbol = r.symbol AND r.k < c.n
         LEFT JOIN overlap x ON x.symbol = r.symbol AND x.rk = r.k + 1
        GROUP BY r.symbol, r.k, r.rs),
     factors AS (SELECT symbol, arg_max(rs, k) AS rs FROM ratios GROUP BY symbol),
     merged AS MATERIALIZED (SELECT t.symbol, t.d, t.topv * f.rs[t.top] AS v FROM tops t JOIN factors f USING (symbol)),
     -- First and last close, and the last close on or before each window start.
     span AS (SELECT symbol, min(d) AS f, max(d) AS l, [${leadIns.join(', ')}] AS leads FROM merged GROUP BY symbol),
     -- Each close counts for the first anchor on or after its day; per anchor the latest close of
     -- the week before it (none: the week is left out); anchors after the last close are not sampled.
     weekly AS (
       SELECT m.symbol, m.d + ((CAST($2 AS INTEGER) - ((m.d + 4) % 7 + 7) % 7 + 7) % 7) AS a, arg_max(m.v, m.d) AS v
         FROM merged m GROUP BY ALL),
     daily AS (
       SELECT m.symbol, m.d, m.v FROM merged m JOIN span USING (symbol)
        WHERE m.d = span.f OR m.d = span.l OR list_contains(span.leads, m.d)${inWindow.map((c) => ` OR ${c}`).join('')})
     SELECT span.symbol, w.wd, w.wv, dl.dd, dl.dv FROM span
       LEFT JOIN (SELECT weekly.symbol, ${agg('a', 'a')} AS wd, ${agg('v', 'a')} AS wv FROM weekly JOIN span USING (symbol)
                   WHERE a <= span.l GROUP BY weekly.symbol) w USING (symbol)
       JOIN (SELECT symbol, ${agg('d', 'd')} AS dd, ${agg('v', 'd')} AS dv FROM daily GROUP BY symbol) dl USING (symbol)`,
    params,
  );
  const text = new Map<number, string>();
  const day = (n: number) => {
    const known = text.get(n);
    if (known !== undefined) return known;
    const d = fromEpochDay(n);
    text.set(n, d);
    return d;
  };
  const points = (days: string | null, values: string | null): Point[] => {
    if (!days || !values) return [];
    const ds = JSON.parse(days) as number[];
    const vs = JSON.parse(values) as number[];
    return ds.map((n, i) => ({ date: day(n), value: Number(vs[i]) }));
  };
  for (const r of rows) out.set(r.symbol, { weekly: points(r.wd, r.wv), daily: points(r.dd, r.dv) });
  return out;
}
