import type { Hono } from 'hono';
import { z } from 'zod';
import { isIsoDate } from '../../core/dates.js';
import { filerHistory, holdersOf, topPuts } from '../../sources/sec/thirteenf/queries.js';
import type { Store } from '../../store/store.js';
import { cikParam, cusipParam } from '../../views/market-params.js';
import { PERIOD_AFTER_AS_OF } from '../../views/thirteenf-queries.js';
import { ApiError } from '../errors.js';
import { describeParam } from '../params.js';
import { asOfParam, enumParam, getRoute, intParam } from '../route.js';

/** A quarter end; the example is Scion's 2023-06-30 SPY put quarter, so the documented call has data. */
const period = describeParam(z.string().refine(isIsoDate), {
  expect: 'a calendar date YYYY-MM-DD',
  example: '2023-06-30',
  json: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
});

/**
 * /api/13f/holders, /history, /top-puts: the cross-quarter queries over every stored filing
 * (sources/sec/thirteenf/queries.ts). `asOf` (default today) keeps only filings filed by then.
 */
export function register(app: Hono, store: Store): void {
  getRoute(
    app,
    {
      path: '/api/13f/holders',
      summary: 'holders of one CUSIP',
      description: 'every filer and quarter holding one CUSIP (shares, puts and calls apart), filed by asOf',
      query: z.object({ cusip: cusipParam, asOf: asOfParam }),
    },
    ({ query }) => holdersOf(store.db, query.cusip, query.asOf),
  );

  getRoute(
    app,
    {
      path: '/api/13f/history',
      summary: "a filer's 13F history",
      description:
        "one filer's per-quarter totals and (unless positions=false) positions in every quarter on file, filed by asOf",
      query: z.object({
        cik: cikParam,
        asOf: asOfParam,
        positions: enumParam(['true', 'false']).optional(),
      }),
    },
    ({ query }) => filerHistory(store.db, query.cik, query.asOf, { positions: query.positions !== 'false' }),
  );

  getRoute(
    app,
    {
      path: '/api/13f/top-puts',
      summary: 'largest puts of a quarter',
      description:
        'the largest put notionals (reported value of the underlying) of one quarter, filed by asOf',
      query: z.object({
        period,
        asOf: asOfParam,
        top: intParam(1, 9999, '20').optional(),
      }),
    },
    ({ query }) => {
      const asOf = query.asOf;
      if (query.period > asOf)
        throw new ApiError(400, 'bad-parameter', PERIOD_AFTER_AS_OF, { parameter: 'period' });
      return topPuts(store.db, query.period, asOf, query.top ?? 20);
    },
  );
}
