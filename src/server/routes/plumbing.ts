import type { Hono } from 'hono';
import { z } from 'zod';
import { TidewatchError } from '../../core/errors.js';
import { BATHTUB_FORMULA } from '../../indicators/plumbing/bathtub.js';
import { indicatorMeta, PLUMBING_INDICATORS } from '../../indicators/plumbing/index.js';
import { plumbingFromStore } from '../../loaders/plumbing.js';
import type { Store } from '../../store/store.js';
import { plumbingView } from '../../views/plumbing.js';
import { asOfParam, asOfRoute, enumParam, getRoute, isoDateParam } from '../route.js';

/** Extra views besides the plain indicator series. */
const VIEWS = ['crossings', 'bathtub', 'score', 'thesis1'] as const;

export function register(app: Hono, store: Store): void {
  asOfRoute(
    app,
    {
      path: '/api/plumbing',
      summary: 'plumbing indicators as of a day',
      description:
        'all plumbing indicators as known on asOf: value, 1-month change, percentile; recent crossings, bathtub weeks, thesis-1 check',
    },
    // The data behind the plumbing view (`/api/views/plumbing`, `tidewatch plumbing --json`).
    async (asOf) => (await plumbingView(store, { asOf })).data,
  );

  getRoute(
    app,
    {
      path: '/api/plumbing/:indicator',
      summary: 'one plumbing indicator',
      description: `history of one plumbing indicator as known on asOf (${[...PLUMBING_INDICATORS, ...VIEWS].join(', ')})`,
      params: z.object({
        indicator: enumParam([...PLUMBING_INDICATORS, ...VIEWS] as unknown as [string, ...string[]]),
      }),
      query: z.object({
        asOf: asOfParam,
        from: isoDateParam.optional(),
        to: isoDateParam.optional(),
      }),
    },
    async ({ params, query }) => {
      const asOf = query.asOf;
      const r = await plumbingFromStore(store, asOf);
      const inRange = <T extends { date: string }>(xs: T[]) =>
        xs.filter((x) => (!query.from || x.date >= query.from) && (!query.to || x.date <= query.to));
      switch (params.indicator) {
        case 'crossings':
          return {
            asOf,
            id: 'crossings',
            months: r.crossings.filter(
              (c) =>
                (!query.from || c.month >= query.from.slice(0, 7)) &&
                (!query.to || c.month <= query.to.slice(0, 7)),
            ),
          };
        case 'bathtub':
          return { asOf, id: 'bathtub', formula: BATHTUB_FORMULA, weeks: inRange(r.bathtub) };
        case 'score':
          return { asOf, id: 'score', points: inRange(r.score) };
        case 'thesis1':
          return { asOf, id: 'thesis1', check: r.thesis1 };
      }
      const meta = indicatorMeta(params.indicator)!;
      const hist = r.history[params.indicator];
      if (!hist) {
        throw new TidewatchError(
          'not-found',
          `no data for plumbing indicator '${params.indicator}' as of ${asOf}`,
          {
            hint: 'run `tidewatch update` or import the source files first',
          },
        );
      }
      return {
        asOf,
        id: params.indicator,
        ...meta,
        points: inRange(hist),
        row: r.rows.find((x) => x.id === params.indicator),
      };
    },
  );
}
