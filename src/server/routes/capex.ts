import type { Hono } from 'hono';
import { z } from 'zod';
import { capexReportFromStore } from '../../loaders/capex.js';
import { tokenGrowth } from '../../sources/curated/datasets.js';
import { loadMarketEvents, loadTokenDataset } from '../../sources/curated/load.js';
import type { Store } from '../../store/store.js';
import { curatedVersionAsOf } from '../../views/capex.js';
import { tickerParam } from '../../views/market-params.js';
import { asOfBoundQuery, getRoute, isoDateParam } from '../route.js';

export function register(app: Hono, store: Store): void {
  getRoute(
    app,
    {
      path: '/api/capex',
      summary: 'AI capex cycle',
      description:
        'AI capex cycle per company (fiscal quarters, derived from YTD filings) and for the hyperscalers by calendar quarter of period end: capex and operating-income YoY growth, gap, capex/OCF, debt-funded share, burst flag; asOf = only figures filed by then',
      query: z.object({
        asOf: isoDateParam.optional(),
        ticker: tickerParam.optional(),
      }),
    },
    ({ query }) => capexReportFromStore(store, { asOf: query.asOf, ticker: query.ticker }),
  );

  getRoute(
    app,
    {
      path: '/api/curated/tokens',
      summary: 'AI token consumption (curated)',
      description:
        'AI token consumption disclosed by providers (curated, one source per row, with the day each figure was published) and growth between disclosures; asOf = only figures published by then',
      query: asOfBoundQuery,
    },
    async ({ query }) => {
      const rows = await loadTokenDataset(store.db, query.asOf);
      return { ...(await curatedVersionAsOf(store.db, query.asOf)), rows, growth: tokenGrowth(rows) };
    },
  );

  getRoute(
    app,
    {
      path: '/api/curated/events',
      summary: 'market events (curated)',
      description: 'curated market events (e.g. the Oracle 2025-12-11 drop), one source per row',
      query: z.object({
        ticker: tickerParam.optional(),
        asOf: isoDateParam.optional(),
      }),
    },
    async ({ query }) => ({
      ...(await curatedVersionAsOf(store.db, query.asOf)),
      events: (await loadMarketEvents(store.db, query.asOf)).filter(
        (e) => !query.ticker || e.ticker === query.ticker.toUpperCase(),
      ),
    }),
  );
}
