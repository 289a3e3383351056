import type { Hono } from 'hono';
import { z } from 'zod';
import { today } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { MAX_AGE_DAYS } from '../../indicators/freshness.js';
import { netLiquidityHistory, TGA_BASES, tgaBasisNote } from '../../indicators/liquidity.js';
import { seriesFreshness } from '../../loaders/freshness.js';
import { liquidityAsOf, loadLiquidityIndexes } from '../../loaders/liquidity.js';
import type { Store } from '../../store/store.js';
import { asOfBoundQuery, asOfParam, asOfRoute, getRoute, isoDateParam, patternParam } from '../route.js';

export function register(app: Hono, store: Store): void {
  getRoute(
    app,
    {
      path: '/api/series',
      summary: 'stored series',
      description: 'stored series with unit and range (asOf = only observations public by that day)',
      query: asOfBoundQuery,
    },
    ({ query }) => store.listSeries({ asOf: query.asOf }),
  );

  getRoute(
    app,
    {
      path: '/api/series/:id',
      summary: 'one series',
      description: 'observations of one series (latest vintage per date; asOf = as known that day)',
      params: z.object({
        id: patternParam(
          /^[A-Za-z0-9_:.-]{1,64}$/,
          'a series id of letters, digits, _ : . - (like WALCL)',
          'WALCL',
        ),
      }),
      query: z.object({
        from: isoDateParam.optional(),
        to: isoDateParam.optional(),
        asOf: isoDateParam.optional(),
      }),
    },
    async ({ params, query }) => {
      const info = await store.getSeries(params.id.toUpperCase(), query.asOf);
      if (!info)
        throw new TidewatchError(
          'not-found',
          `series ${params.id.toUpperCase()} is not stored${query.asOf ? ` (or nothing of it was public by ${query.asOf})` : ''}`,
        );
      return { series: info, observations: await store.getObservations(info.id, query) };
    },
  );

  const tgaParam = z
    .enum(TGA_BASES)
    .optional()
    .describe(
      'TGA basis: h41 = WTREGEN week average (default), dts = Wednesday close from the Daily Treasury Statement',
    );

  getRoute(
    app,
    {
      path: '/api/liquidity',
      summary: 'net liquidity as of a day',
      description:
        'net liquidity (WALCL − TGA − RRPONTSYD) as known on asOf, with 4/13-week changes, the stale flag and observation date of each component, and the TGA basis used (tgaBasis: what it means, the gap to the other basis)',
      query: z.object({ asOf: asOfParam, tga: tgaParam }),
    },
    async ({ query }) => {
      const asOf = query.asOf;
      const tga = query.tga ?? 'h41';
      const nl = await liquidityAsOf(store, asOf, tga);
      if (!nl) {
        throw new TidewatchError('not-found', `no net liquidity known on ${asOf} on the ${tga} TGA basis`, {
          hint:
            tga === 'dts'
              ? 'the DTS basis needs DTS:TGA_CLOSE (tidewatch import treasury FILE)'
              : 'are WALCL and WTREGEN stored?',
        });
      }
      return nl;
    },
  );

  getRoute(
    app,
    {
      path: '/api/liquidity/history',
      summary: 'weekly net liquidity',
      description:
        'weekly net liquidity and components, each point as known on that Friday (the sampling the risk engine and the ledger use); stale weeks have no point',
      query: z.object({
        from: isoDateParam.optional(),
        to: isoDateParam.optional(),
        asOf: isoDateParam.optional(),
        tga: tgaParam,
      }),
    },
    async ({ query }) => {
      const tga = query.tga ?? 'h41';
      // Each point is as known on its own Friday, so the history as of D is the history to D;
      // `to`/`asOf` also bound what is read (nothing newer is public by then).
      const to = query.asOf && (!query.to || query.to > query.asOf) ? query.asOf : query.to;
      const ix = await loadLiquidityIndexes(store, to ? { asOf: to } : {});
      const points = netLiquidityHistory(ix, { from: query.from, to, tga });
      const last = points.at(-1);
      return { tgaBasis: tgaBasisNote(ix, tga, to ?? today(), last?.fedAssetsDate), points };
    },
  );

  asOfRoute(
    app,
    {
      path: '/api/freshness',
      summary: 'freshness per series and source',
      description:
        'per series as known on asOf: newest public observation, its cadence, age and stale flag (one max age per cadence); last run per source started by asOf',
    },
    async (asOf) => {
      const runs = await store.lastRuns(50, asOf);
      const lastRun = new Map<string, (typeof runs)[number]>();
      for (const r of runs) if (!lastRun.has(r.source)) lastRun.set(r.source, r);
      return {
        asOf,
        maxAgeDays: MAX_AGE_DAYS,
        series: await seriesFreshness(store, asOf),
        runs: [...lastRun.values()].map((r) => ({
          source: r.source,
          status: r.status,
          startedAt: r.startedAt,
          finishedAt: r.finishedAt,
        })),
      };
    },
  );
}
