import type { Hono } from 'hono';
import { z } from 'zod';
import {
  diffReport,
  holdingsReport,
  storePriceHistory,
  watchlistReport,
} from '../../analytics/thirteenf/service.js';
import { today } from '../../core/dates.js';
import { storeResolver } from '../../sources/sec/thirteenf/cusip-store.js';
import { listFilings } from '../../sources/sec/thirteenf/repository.js';
import type { Store } from '../../store/store.js';
import { getRoute, intParam, isoDateParam } from '../route.js';

const cik = intParam(1, 9_999_999_999, '1649339', 'a CIK number like 1649339');

/** /api/13f/…: watchlist ("famous shorts"), holdings, diffs and stored filings. */
export function register(app: Hono, store: Store): void {
  getRoute(
    app,
    {
      path: '/api/13f/watchlist',
      summary: 'watched 13F filers',
      description:
        'watched 13F filers: coverage (data missing), latest holdings, put/call notional vs premium estimate, put-book history',
    },
    async () =>
      watchlistReport(store.db, today(), await storeResolver(store.db), storePriceHistory(store.db)),
  );

  getRoute(
    app,
    {
      path: '/api/13f/holdings',
      summary: '13F holdings of a filer',
      description:
        'holdings of a filer for a quarter after amendments, with exposure and top-N concentration',
      query: z.object({
        cik,
        period: isoDateParam.optional(),
        top: intParam(1, 999, '5').optional(),
      }),
    },
    async ({ query }) =>
      holdingsReport(
        store.db,
        query.cik,
        query.period,
        await storeResolver(store.db),
        query.top ?? 5,
        storePriceHistory(store.db),
      ),
  );

  getRoute(
    app,
    {
      path: '/api/13f/diff',
      summary: '13F quarter-over-quarter changes',
      description: 'quarter-over-quarter changes (new/added/trimmed/exited, % of shares)',
      query: z.object({ cik, from: isoDateParam.optional(), to: isoDateParam.optional() }),
    },
    ({ query }) => diffReport(store.db, query.cik, query.from, query.to),
  );

  getRoute(
    app,
    {
      path: '/api/13f/filings',
      summary: 'stored 13F filings',
      description: 'stored 13F filings with value unit and the rule that decided it',
      query: z.object({ cik: cik.optional() }),
    },
    ({ query }) => listFilings(store.db, query.cik),
  );
}
