import type { Hono } from 'hono';
import { z } from 'zod';
import {
  cascadeFromStore,
  closesOf,
  cryptoFromStore,
  durationFromStore,
  mergedFor,
} from '../../analytics/markets/load.js';
import { TidewatchError } from '../../core/errors.js';
import { given } from '../../core/params.js';
import { drawdownSeries } from '../../indicators/markets/drawdown.js';
import { listPriceSources, readActions, readBars } from '../../sources/prices/repository.js';
import type { Store } from '../../store/store.js';
import { cascadeParams, durationParams, symbolParam } from '../../views/market-params.js';
import { asOfBoundQuery, asOfParam, asOfRoute, getRoute, isoDateParam, numberParam } from '../route.js';

export function register(app: Hono, store: Store): void {
  getRoute(
    app,
    {
      path: '/api/prices',
      summary: 'stored price sources',
      description:
        'stored price sources per symbol (format, basis, range, import notes); asOf = bars dated by then',
      query: asOfBoundQuery,
    },
    ({ query }) => listPriceSources(store.db, undefined, query.asOf),
  );

  getRoute(
    app,
    {
      path: '/api/prices/:symbol',
      summary: 'prices of one symbol',
      description:
        'adjusted closes merged across sources (source + re-basing factor per point), OHLC bars of the freshest OHLC source, drawdown, corporate actions',
      params: z.object({ symbol: symbolParam }),
      query: z.object({
        from: isoDateParam.optional(),
        to: isoDateParam.optional(),
        asOf: isoDateParam.optional(),
      }),
    },
    async ({ params, query }) => {
      const symbol = params.symbol.toUpperCase();
      // As of a day, nothing dated after it: the merge, its base source and the bars stop there.
      const to = query.asOf && (!query.to || query.to > query.asOf) ? query.asOf : query.to;
      const range = { from: query.from, to };
      const m = await mergedFor(store, symbol, range);
      if (!m.points.length)
        throw new TidewatchError(
          'not-found',
          `no prices stored for ${symbol}${query.asOf ? ` dated by ${query.asOf}` : ''}`,
        );
      const sources = await listPriceSources(store.db, symbol, query.asOf);
      const all = await readBars(store.db, symbol, range);
      const ohlcSource =
        sources.find((s) => all.some((b) => b.source === s.source && b.open !== null))?.source ?? null;
      const bars = ohlcSource ? all.filter((b) => b.source === ohlcSource) : [];
      return {
        symbol,
        asOf: query.asOf ?? null,
        sources,
        links: m.links,
        actions: await readActions(store.db, symbol, query.asOf),
        points: m.points,
        drawdown: drawdownSeries(m.points),
        ohlc: {
          source: ohlcSource,
          bars: bars.map((b) => ({ date: b.date, open: b.open, high: b.high, low: b.low, close: b.close })),
        },
      };
    },
  );

  getRoute(
    app,
    {
      path: '/api/duration',
      summary: 'duration / speculativeness ranking',
      description:
        "duration / speculativeness ranking, liquidity-squeeze windows and the thesis-3 verdict (the thesis ledger's function); asOf = only what was published by then (default today)",
      // This route has always taken a fractional week count and rounded it (the view takes whole weeks).
      query: z.object({ ...durationParams, weeks: numberParam(2, 104, '13').optional(), asOf: asOfParam }),
    },
    ({ query }) =>
      durationFromStore(
        store,
        given({
          asOf: query.asOf,
          thresholdPct: query.threshold,
          lookbackWeeks: query.weeks === undefined ? undefined : Math.round(query.weeks),
        }),
      ),
  );

  asOfRoute(
    app,
    {
      path: '/api/crypto',
      summary: 'BTC stress',
      description:
        'BTC stress: drawdown, realised vol, funding, open interest, the ~$126k → ~$60k check; BTC closes and funding history',
    },
    async (asOf) => {
      const stress = await cryptoFromStore(store, asOf);
      const closes = await closesOf(store, 'BTC', { to: asOf });
      const funding = (
        await store.db.all<{ date: string; rate: number }>(
          `SELECT CAST(date AS VARCHAR) AS date, avg(rate) AS rate FROM funding_rates WHERE symbol = 'BTC'
           AND date <= CAST($1 AS DATE) GROUP BY date ORDER BY date`,
          [asOf],
        )
      ).map((r) => ({ date: r.date, value: r.rate }));
      return {
        stress,
        closes: closes.map((p) => ({ date: p.date, value: p.value })),
        drawdown: drawdownSeries(closes),
        funding,
      };
    },
  );

  getRoute(
    app,
    {
      path: '/api/cascade',
      summary: 'liquidation cascade what-if',
      description:
        'liquidation cascade what-if on BTC from the last close, funding and open interest known on asOf (default today); shock as on the CLI: -10% or -0.1; depth calibrated on 2025-10-10 (when on or before asOf) unless given',
      // As for weeks above: a fractional position count is rounded here.
      query: z.object({
        asOf: asOfParam,
        ...cascadeParams,
        positions: numberParam(100, 1_000_000, '20000').optional(),
      }),
    },
    ({ query }) =>
      cascadeFromStore(store, {
        shock: query.shock ?? -0.1,
        ...given({
          asOf: query.asOf,
          depthUsdPer1Pct: query.depth,
          openInterestUsd: query.oi,
          longShare: query.longShare,
          count: query.positions === undefined ? undefined : Math.round(query.positions),
          model: query.model,
        }),
      }),
  );
}
