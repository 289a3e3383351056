import type { Db } from '../store/db.js';

/**
 * Which stored observation a figure was read from, for the views that attach a trace reference
 * (views/plumbing.ts, views/risk.ts) and for trace itself: the reads that name the series and
 * date `trace` is then asked for. Kept apart from trace.ts so a view does not load the tracer.
 */

/**
 * Which of `ids` gives the value on or before `date` known by `asOf`, where the plumbing loader
 * merges several series into one input (SOFR and NYFED:SOFR): the one with the newest date, the
 * first listed on a shared date — the loader's own rule. Null when none has one.
 */
export async function seriesOn(
  db: Db,
  ids: readonly string[],
  date: string,
  asOf: string,
): Promise<{ id: string; date: string } | null> {
  const rows = await db.all<{ series_id: string; d: string }>(
    `SELECT series_id, CAST(max(date) AS VARCHAR) AS d FROM observations
      WHERE series_id IN (${ids.map((_, i) => `$${i + 3}`).join(', ')})
        AND date <= CAST($1 AS DATE) AND known_from <= CAST($2 AS DATE)
      GROUP BY series_id`,
    [date, asOf, ...ids],
  );
  let best: { id: string; date: string } | null = null;
  for (const id of ids) {
    const d = rows.find((r) => r.series_id === id)?.d;
    if (d && (!best || d > best.date)) best = { id, date: d };
  }
  return best;
}

/**
 * The observation of series `id` a reader on `knownBy` had as the newest (the risk engine's weekly
 * point-in-time read of a level input), with its value as `trace` shows it: the newest vintage
 * public by `asOf`. Null when nothing was public by `knownBy`.
 */
export async function newestKnownOn(
  db: Db,
  id: string,
  knownBy: string,
  asOf: string,
): Promise<{ date: string; value: number } | null> {
  const r = await db.all<{ date: string; value: number }>(
    `SELECT CAST(date AS VARCHAR) AS date, value FROM observations
      WHERE series_id = $1 AND known_from <= CAST($3 AS DATE)
        AND date = (SELECT max(date) FROM observations WHERE series_id = $1 AND known_from <= CAST($2 AS DATE))
      ORDER BY known_from DESC LIMIT 1`,
    [id, knownBy, asOf],
  );
  return r[0] ?? null;
}
