import { today } from '../core/dates.js';

/**
 * The requests the dashboard makes when it opens on a day, with the default choices of its
 * pickers (TGA basis h41, the NVDA price chart, a −10 % cascade shock). The dashboard browser test
 * checks that every API request a fresh page makes is in this list, so the two cannot drift.
 */
const DASHBOARD_REQUESTS: ReadonlyArray<{ path: string; params?: Record<string, string> }> = [
  { path: '/api/views/freshness' },
  { path: '/api/views/risk' },
  { path: '/api/views/liquidity', params: { tga: 'h41' } },
  { path: '/api/views/plumbing' },
  { path: '/api/views/capex' },
  { path: '/api/views/watchlist' },
  { path: '/api/prices' },
  { path: '/api/views/prices', params: { symbol: 'NVDA' } },
  { path: '/api/views/duration' },
  { path: '/api/views/crypto' },
  { path: '/api/views/cascade', params: { shock: '-0.1' } },
  { path: '/api/views/theses' },
  { path: '/api/views/scorecard' },
];

/** The dashboard's opening requests as of a day, as path + query (parameters in the page's order). */
export function dashboardRequests(asOf: string): string[] {
  return DASHBOARD_REQUESTS.map(({ path, params }) => `${path}?${new URLSearchParams({ asOf, ...params })}`);
}

/**
 * Answer the dashboard's opening requests of today in process (`RunningServer.request`: the same
 * route, cache and limits as a socket request, without one), one after the other, so the answers
 * are computed and cached before a person opens the page (the response cache keys by path,
 * parameters and store version: a later write makes them recompute). Failures are the answers'
 * own business (an empty store answers errors); they are counted, not thrown.
 */
export async function prewarmDashboard(
  request: (path: string) => Promise<Response>,
  asOf = today(),
): Promise<{ requests: number; failed: number; ms: number }> {
  const t0 = performance.now();
  let failed = 0;
  const urls = dashboardRequests(asOf);
  for (const u of urls) {
    const res = await request(u).catch(() => undefined);
    if (!res?.ok) failed++;
    await res?.arrayBuffer().catch(() => undefined);
  }
  return { requests: urls.length, failed, ms: Math.round(performance.now() - t0) };
}
