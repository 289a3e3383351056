import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { withStore } from '../../../store/memory.testkit.js';
import { addToWatchlist, getWatchlist } from './watchlist-store.js';

/**
 * The watchlist is seeded once, by the migration that creates it, and reading it never writes
 * (brief s3/shape case 3): a GET of the watchlist view used to seed an empty table, bumping the
 * store version and voiding the server cache.
 */
describe('the 13F watchlist: seeded once, read without writing', () => {
  const file = () => path.join(mkdtempSync(path.join(tmpdir(), 'tw-watch-')), 'tw.duckdb');

  it('a new store watches Scion; a list the user empties stays empty after the store is opened again', async () => {
    const db = file();
    await withStore(async (store) => {
      expect(await getWatchlist(store.db)).toEqual([
        {
          cik: 1649339,
          name: 'Scion Asset Management, LLC',
          note: 'Michael Burry; thesis 5 (famous shorts)',
        },
      ]);
      await store.db.run('DELETE FROM sec_watchlist');
    }, db);
    await withStore(async (store) => {
      expect(await getWatchlist(store.db)).toEqual([]);
      await addToWatchlist(store.db, { cik: 1067983, name: 'Berkshire Hathaway', note: '' });
      // Adding to an empty list adds that filer only: Scion is not seeded back.
      expect((await getWatchlist(store.db)).map((w) => w.cik)).toEqual([1067983]);
    }, db);
  });

  it('reading the watchlist (and GET /api/views/watchlist) leaves the store version as it was', async () => {
    await withStore(async (store) => {
      await store.db.run('DELETE FROM sec_watchlist');
      const before = await store.dataVersion();
      expect(await getWatchlist(store.db)).toEqual([]);
      const res = await createApp(store).request('/api/views/watchlist?asOf=2025-11-14');
      expect(res.status).toBe(200);
      expect(await store.dataVersion()).toBe(before);
      expect(await getWatchlist(store.db)).toEqual([]);
    }, file());
  });
});
