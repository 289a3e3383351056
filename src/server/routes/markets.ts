import type { Hono } from 'hono';
import { z } from 'zod';
import { parseShock } from '../../analytics/cascade/shock.js';
import { today } from '../../core/dates.js';
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

/** The cascade shock in the CLI's unit: '-10%' or '-0.1' (one parser, analytics/cascade/shock.ts). */
const shockParam = z.string().transform((v, ctx) => {
  try {
    return parseShock(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});

const earlier = (a: string | undefined, b: string): string => (a !== undefined && a < b ? a : b);
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
      description:
        'stored price sources per symbol (format, basis, range, import notes); asOf = only sources with bars by then, range and bar count cut to it',
      query: z.object({ asOf: isoDateParam.optional() }),
    },
    async ({ query }) => {
      const sources = await listPriceSources(store.db);
      if (!query.asOf) return sources;
      const counts = await store.db.all<{ symbol: string; source: string; n: number; last: string }>(
        `SELECT symbol, source, count(*) AS n, CAST(max(date) AS VARCHAR) AS last FROM price_bars
          WHERE date <= CAST($1 AS DATE) GROUP BY symbol, source`,
        [query.asOf],
      );
      const byKey = new Map(counts.map((c) => [`${c.symbol}|${c.source}`, c]));
      return sources.flatMap((s) => {
        const c = byKey.get(`${s.symbol}|${s.source}`);
        return c ? [{ ...s, lastDate: c.last, bars: Number(c.n) }] : [];
      });
    },
  );

  getRoute(
    app,
    {
      path: '/api/prices/:symbol',
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
      const asOf = query.asOf ?? today();
      const q = { ...(query.from ? { from: query.from } : {}), to: earlier(query.to, asOf) };
      const m = await mergedFor(store, symbol, q);
      if (!m.points.length)
        throw new TidewatchError('not-found', `no prices stored for ${symbol} up to ${q.to}`);
      const sources = await listPriceSources(store.db, symbol);
      const all = await readBars(store.db, symbol, q);
      const ohlcSource =
        sources.find((s) => all.some((b) => b.source === s.source && b.open !== null))?.source ?? null;
      const bars = ohlcSource ? all.filter((b) => b.source === ohlcSource) : [];
      return {
        symbol,
        asOf,
        sources: sources.filter((x) => x.firstDate === null || x.firstDate <= asOf),
        links: m.links,
        actions: (await readActions(store.db, symbol)).filter((a) => a.date <= asOf),
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
      description:
        "duration / speculativeness ranking, liquidity-squeeze windows and the thesis-3 verdict (the thesis ledger's function); asOf = only what was published by then (default today)",
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
      const asOf = query.asOf ?? today();
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
      description:
        'liquidation cascade what-if on BTC from the last close, funding and open interest known on asOf (default today); shock as on the CLI: -10% or -0.1; depth calibrated on 2025-10-10 (when on or before asOf) unless given',
      query: z.object({
        asOf: isoDateParam.optional(),
        shock: shockParam.optional(),
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
        ...(query.asOf ? { asOf: query.asOf } : {}),
        ...(query.depth !== undefined ? { depthUsdPer1Pct: query.depth } : {}),
        ...(query.oi !== undefined ? { openInterestUsd: query.oi } : {}),
        ...(query.longShare !== undefined ? { longShare: query.longShare } : {}),
        ...(query.positions !== undefined ? { count: Math.round(query.positions) } : {}),
        ...(query.model ? { model: query.model } : {}),
      }),
  );
}
