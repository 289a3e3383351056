import type { Hono } from 'hono';
import { z } from 'zod';
import { diffReport, holdingsReport, watchlistReport } from '../../analytics/thirteenf/service.js';
import { storeResolver } from '../../sources/sec/thirteenf/cusip-store.js';
import { listFilings } from '../../sources/sec/thirteenf/repository.js';
import type { Store } from '../../store/store.js';
import { cikParam } from '../../views/market-params.js';
import { asOfParam, asOfRoute, getRoute, intParam, isoDateParam } from '../route.js';

/** /api/13f/…: watchlist ("famous shorts"), holdings, diffs and stored filings, each as of asOf (default today). */
export function register(app: Hono, store: Store): void {
  const resolver = () => storeResolver(store.db, undefined, { builtIn: true });
  asOfRoute(
    app,
    {
      path: '/api/13f/watchlist',
      summary: 'watched 13F filers',
      description:
        'watched 13F filers as known on asOf: coverage (data missing), latest holdings, put/call notional vs premium estimate, put-book history, thesis 5 PLTR premium',
    },
    async (asOf) => watchlistReport(store, { asOf, resolver: await resolver() }),
  );

  getRoute(
    app,
    {
      path: '/api/13f/holdings',
      summary: '13F holdings of a filer',
      description:
        'holdings of a filer for a quarter after the amendments filed by asOf, with exposure, top-N concentration and option premiums',
      query: z.object({
        cik: cikParam,
        period: isoDateParam.optional(),
        asOf: asOfParam,
        top: intParam(1, 999, '5').optional(),
      }),
    },
    async ({ query }) =>
      holdingsReport(store, {
        cik: query.cik,
        ...(query.period ? { period: query.period } : {}),
        asOf: query.asOf,
        topN: query.top ?? 5,
        resolver: await resolver(),
      }),
  );

  getRoute(
    app,
    {
      path: '/api/13f/diff',
      summary: '13F quarter-over-quarter changes',
      description:
        'quarter-over-quarter changes (new/added/trimmed/exited, % of shares) of quarters public by asOf',
      query: z.object({
        cik: cikParam,
        from: isoDateParam.optional(),
        to: isoDateParam.optional(),
        asOf: asOfParam,
      }),
    },
    ({ query }) =>
      diffReport(store, {
        cik: query.cik,
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        asOf: query.asOf,
      }),
  );

  getRoute(
    app,
    {
      path: '/api/13f/filings',
      summary: 'stored 13F filings',
      description: 'stored 13F filings public by asOf, with value unit and the rule that decided it',
      query: z.object({ cik: cikParam.optional(), asOf: asOfParam }),
    },
    ({ query }) => listFilings(store.db, query.cik, query.asOf),
  );
}
