import type { Db } from '../../../store/db.js';

export { DEFAULT_WATCHLIST } from '../../../store/migrations/sec.js';

/** A 13F filer whose filings `update` fetches. */
export interface WatchedFiler {
  cik: number;
  name: string;
  note: string;
}

const ts = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

/**
 * The watched filers: the one read of the watchlist (update, alerts, the 13F views, the
 * scorecard). It only reads: the default (Scion, CIK 1649339) is seeded once by the migration
 * that creates the list (store/migrations/sec.ts), so an emptied list stays empty.
 */
export async function getWatchlist(db: Db): Promise<WatchedFiler[]> {
  const rows = await db.all<WatchedFiler>('SELECT cik, name, note FROM sec_watchlist ORDER BY cik');
  return rows.map((r) => ({ ...r, cik: Number(r.cik), note: r.note ?? '' }));
}

export async function addToWatchlist(db: Db, w: WatchedFiler, now = new Date()): Promise<void> {
  await db.run('DELETE FROM sec_watchlist WHERE cik = $1', [w.cik]);
  await db.run('INSERT INTO sec_watchlist (cik, name, note, added_at) VALUES ($1, $2, $3, $4)', [
    w.cik,
    w.name,
    w.note,
    ts(now),
  ]);
}

/** When a fresh-window URL (submissions JSON) was last fetched. */
export async function lastFetched(db: Db, url: string): Promise<string | null> {
  const r = await db.all<{ t: string }>(
    'SELECT CAST(fetched_at AS VARCHAR) AS t FROM sec_fetch_state WHERE url = $1',
    [url],
  );
  return r[0]?.t ?? null;
}

export async function markFetched(
  db: Db,
  url: string,
  sha256: string | null,
  now = new Date(),
): Promise<void> {
  await db.run('DELETE FROM sec_fetch_state WHERE url = $1', [url]);
  await db.run('INSERT INTO sec_fetch_state (url, fetched_at, sha256) VALUES ($1, $2, $3)', [
    url,
    ts(now),
    sha256,
  ]);
}
