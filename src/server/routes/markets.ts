import type { Hono } from 'hono';
import { z } from 'zod';
import { TidewatchError } from '../../core/errors.js';
import { drawdownSeries } from '../../indicators/markets/drawdown.js';
import {
  cascadeFromStore,
  closesOf,
  cryptoFromStore,
  durationFromStore,
  mergedFor,
} from '../../indicators/markets/load.js';
import { listPriceSources, readActions, readBars } from '../../sources/prices/repository.js';
import type { Store } from '../../store/store.js';
import { getRoute, isoDateParam } from '../route.js';

const symbolParam = z.string().regex(/^[\^A-Za-z0-9=._-]{1,20}$/, 'a ticker like NVDA, ^GSPC, BTC');
const num = (name: string, min: number, max: number) =>
  z
    .string()
    .refine(
      (v) => Number.isFinite(Number(v)) && Number(v) >= min && Number(v) <= max,
      `${name} must be a number in [${min}, ${max}]`,
    )
    .transform(Number);

export function register(app: Hono, store: Store): void {
  getRoute(
    app,
    {
      path: '/api/prices',
      description: 'stored price sources per symbol (format, basis, range, import notes); asOf = bars dated by then',
      query: z.object({ asOf: isoDateParam.optional() }),
    },
    ({ query }) => listPriceSources(store.db, undefined, query.asOf),
  );

  getRoute(
    app,
    {
      path: '/api/prices/:symbol',
      description:
        'adjusted closes merged across sources (source + re-basing factor per point), OHLC bars of the freshest OHLC source, drawdown, corporate actions',
      params: z.object({ symbol: symbolParam }),
      query: z.object({ from: isoDateParam.optional(), to: isoDateParam.optional(), asOf: isoDateParam.optional() }),
    },
    async ({ params, query }) => {
      const symbol = params.symbol.toUpperCase();
      // As of a day, nothing dated after it: the merge, its base source and the bars stop there.
      const to = query.asOf && (!query.to || query.to > query.asOf) ? query.asOf : query.to;
      const range = { from: query.from, to };
      const m = await mergedFor(store, symbol, range);
      if (!m.points.length)
        throw new TidewatchError('not-found', `no prices stored for ${symbol}${query.asOf ? ` dated by ${query.asOf}` : ''}`);
      const sources = await listPriceSources(store.db, symbol, query.asOf);
      const all = await readBars(store.db, symbol, range);
      const ohlcSource =
        sources.find((s) => all.some((b) => b.source === s.source && b.open !== null))?.source ?? null;
      const bars = ohlcSource ? all.filter((b) => b.source === ohlcSource) : [];
      return {
        symbol,
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
      description: 'duration / speculativeness ranking, liquidity-squeeze windows and the thesis-3 check',
      query: z.object({
        threshold: num('threshold', 0.5, 50).optional(),
        weeks: num('weeks', 2, 104).optional(),
        asOf: isoDateParam.optional(),
      }),
    },
    ({ query }) =>
      durationFromStore(store, {
        ...(query.asOf !== undefined ? { asOf: query.asOf } : {}),
        ...(query.threshold !== undefined ? { thresholdPct: query.threshold } : {}),
        ...(query.weeks !== undefined ? { lookbackWeeks: Math.round(query.weeks) } : {}),
      }),
  );

  getRoute(
    app,
    {
      path: '/api/crypto',
      description:
        'BTC stress: drawdown, realised vol, funding, open interest, the ~$126k → ~$60k check; BTC closes and funding history',
      query: z.object({ asOf: isoDateParam.optional() }),
    },
    async ({ query }) => {
      const stress = await cryptoFromStore(store, query.asOf);
      const closes = await closesOf(store, 'BTC', query.asOf ? { to: query.asOf } : {});
      const funding = (
        await store.db.all<{ date: string; rate: number }>(
          `SELECT CAST(date AS VARCHAR) AS date, avg(rate) AS rate FROM funding_rates WHERE symbol = 'BTC'
           ${query.asOf ? 'AND date <= CAST($1 AS DATE)' : ''} GROUP BY date ORDER BY date`,
          query.asOf ? [query.asOf] : [],
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
      description:
        'liquidation cascade what-if on BTC (shock as a fraction, e.g. -0.1); depth calibrated on 2025-10-10 unless given',
      query: z.object({
        shock: num('shock', -0.9, 0.9).optional(),
        depth: num('depth', 1e5, 1e13).optional(),
        oi: num('oi', 1e6, 1e13).optional(),
        longShare: num('longShare', 0, 1).optional(),
        positions: num('positions', 100, 1_000_000).optional(),
        model: z.enum(['sqrt', 'linear']).optional(),
      }),
    },
    ({ query }) =>
      cascadeFromStore(store, {
        shock: query.shock ?? -0.1,
        ...(query.depth !== undefined ? { depthUsdPer1Pct: query.depth } : {}),
        ...(query.oi !== undefined ? { openInterestUsd: query.oi } : {}),
        ...(query.longShare !== undefined ? { longShare: query.longShare } : {}),
        ...(query.positions !== undefined ? { count: Math.round(query.positions) } : {}),
        ...(query.model ? { model: query.model } : {}),
      }),
  );
}
