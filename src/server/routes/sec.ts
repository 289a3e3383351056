import type { Hono } from 'hono';
import { z } from 'zod';
import { diffReport, holdingsReport, watchlistReport } from '../../analytics/thirteenf/service.js';
import { today } from '../../core/dates.js';
import { storeResolver } from '../../sources/sec/thirteenf/cusip-store.js';
import { listFilings } from '../../sources/sec/thirteenf/repository.js';
import type { Store } from '../../store/store.js';
import { getRoute, intParam, isoDateParam } from '../route.js';

const cik = intParam(1, 9_999_999_999, '1649339', 'a CIK number like 1649339');

/** Every 13F view is as of a day: only filings (and amendments) filed by then. */
const asOf = isoDateParam.optional();

/** /api/13f/…: watchlist ("famous shorts"), holdings, diffs and stored filings, each as of asOf (default today). */
export function register(app: Hono, store: Store): void {
  const resolver = () => storeResolver(store.db, undefined, { builtIn: true });
  getRoute(
    app,
    {
      path: '/api/13f/watchlist',
      summary: 'watched 13F filers',
      description:
        'watched 13F filers as known on asOf: coverage (data missing), latest holdings, put/call notional vs premium estimate, put-book history, thesis 5 PLTR premium',
      query: z.object({ asOf }),
    },
    async ({ query }) => watchlistReport(store, { asOf: query.asOf ?? today(), resolver: await resolver() }),
  );

  getRoute(
    app,
    {
      path: '/api/13f/holdings',
      summary: '13F holdings of a filer',
      description:
        'holdings of a filer for a quarter after the amendments filed by asOf, with exposure, top-N concentration and option premiums',
      query: z.object({
        cik,
        period: isoDateParam.optional(),
        asOf,
        top: intParam(1, 999, '5').optional(),
      }),
    },
    async ({ query }) =>
      holdingsReport(store, {
        cik: query.cik,
        ...(query.period ? { period: query.period } : {}),
        asOf: query.asOf ?? today(),
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
      query: z.object({ cik, from: isoDateParam.optional(), to: isoDateParam.optional(), asOf }),
    },
    ({ query }) =>
      diffReport(store, {
        cik: query.cik,
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        asOf: query.asOf ?? today(),
      }),
  );

  getRoute(
    app,
    {
      path: '/api/13f/filings',
      summary: 'stored 13F filings',
      description: 'stored 13F filings public by asOf, with value unit and the rule that decided it',
      query: z.object({ cik: cik.optional(), asOf }),
    },
    ({ query }) => listFilings(store.db, query.cik, query.asOf ?? today()),
  );
}
