import { describe, expect, it } from 'vitest';
import { liquidityStore } from '../../test/fixtures.js';
import { getWatchlist } from '../sources/sec/thirteenf/watchlist-store.js';
import { startServer } from './listen.js';
import { dashboardRequests, prewarmDashboard } from './prewarm.js';

describe('prewarm: the dashboard opening answers, computed in process', () => {
  it('each opening request is answered once ahead; the page then gets cache hits', async () => {
    const store = await liquidityStore();
    // Reading the watchlist never writes (its default is seeded by the store's migration), so no
    // opening request starts a new store version that would void the answers computed before it.
    expect(await getWatchlist(store.db)).toHaveLength(1);
    const server = await startServer(store, { host: '127.0.0.1', port: 0 });
    try {
      const r = await prewarmDashboard(server.request, '2025-11-14');
      expect(r.requests).toBe(dashboardRequests('2025-11-14').length);
      const liquidity = await server.request('/api/views/liquidity?asOf=2025-11-14&tga=h41');
      expect(liquidity.status).toBe(200);
      expect(liquidity.headers.get('x-tidewatch-cache')).toBe('hit');
    } finally {
      await server.close();
      await store.close();
    }
  });
});
