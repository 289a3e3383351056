import type { Hono } from 'hono';
import { z } from 'zod';
import { TidewatchError } from '../../core/errors.js';
import { today } from '../../core/dates.js';
import { liquidityAsOf, loadLiquidityIndexes, netLiquidityHistory } from '../../indicators/liquidity.js';
import type { Store } from '../../store/store.js';
import { getRoute, isoDateParam } from '../route.js';

export function register(app: Hono, store: Store): void {
  getRoute(app, { path: '/api/series', description: 'stored series with unit, range and freshness' }, () => store.listSeries());

  getRoute(
    app,
    {
      path: '/api/series/:id',
      description: 'observations of one series (latest vintage per date; asOf = as known that day)',
      params: z.object({ id: z.string().regex(/^[A-Za-z0-9_:.-]+$/, 'letters, digits, _ : . -') }),
      query: z.object({ from: isoDateParam.optional(), to: isoDateParam.optional(), asOf: isoDateParam.optional() }),
    },
    async ({ params, query }) => {
      const info = await store.getSeries(params.id.toUpperCase());
      if (!info) throw new TidewatchError('not-found', `series ${params.id.toUpperCase()} is not stored`);
      return { series: info, observations: await store.getObservations(info.id, query) };
    },
  );

  getRoute(
    app,
    {
      path: '/api/liquidity',
      description: 'net liquidity (WALCL − WTREGEN − RRPONTSYD) as known on asOf, with 4/13-week changes',
      query: z.object({ asOf: isoDateParam.optional() }),
    },
    async ({ query }) => {
      const asOf = query.asOf ?? today();
      const nl = await liquidityAsOf(store, asOf);
      if (!nl) throw new TidewatchError('not-found', `no net liquidity known on ${asOf} (are WALCL and WTREGEN stored?)`);
      return nl;
    },
  );

  getRoute(
    app,
    {
      path: '/api/liquidity/history',
      description: 'weekly net liquidity and components, each point as known on that Thursday',
      query: z.object({ from: isoDateParam.optional(), to: isoDateParam.optional() }),
    },
    async ({ query }) => {
      const ix = await loadLiquidityIndexes(store);
      return { points: netLiquidityHistory(ix, query.from, query.to) };
    },
  );

  getRoute(app, { path: '/api/freshness', description: 'per source: last observation and last run' }, async () => {
    const series = await store.listSeries();
    const runs = await store.lastRuns(50);
    const lastRun = new Map<string, (typeof runs)[number]>();
    for (const r of runs) if (!lastRun.has(r.source)) lastRun.set(r.source, r);
    return {
      series: series.map((s) => ({ id: s.id, source: s.source, lastDate: s.lastDate, lastKnownFrom: s.lastKnownFrom, updatedAt: s.updatedAt })),
      runs: [...lastRun.values()].map((r) => ({ source: r.source, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt })),
    };
  });
}
