import type { Hono } from 'hono';
import { z } from 'zod';
import { BUILTIN_STRATEGIES, builtinStrategy } from '../../analytics/backtest/strategies.js';
import { loadScorecard } from '../../analytics/scorecard/report.js';
import { evaluateTheses, latestThesisResults, thesisHistory } from '../../analytics/theses/store.js';
import { TidewatchError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { backtestView } from '../../views/backtest.js';
import { riskView } from '../../views/risk.js';
import { asOfParam, asOfRoute, enumParam, getRoute, isoDateParam, patternParam } from '../route.js';

/** Risk level, scorecard, thesis ledger and built-in backtests. */
export function register(app: Hono, store: Store): void {
  asOfRoute(
    app,
    {
      path: '/api/risk',
      summary: 'macro risk level as of a day',
      description:
        'macro risk level (0 calm … 3 systemic) as known on asOf: rules that fired with values, weeks and runs per level (counts), forward returns per level',
    },
    // Parts of the data behind the risk view (`/api/views/risk`, `tidewatch risk --json`).
    async (asOf) => {
      const { weeks: _w, episodes: _e, ...now } = (await riskView(store, { asOf })).data;
      return now;
    },
  );

  getRoute(
    app,
    {
      path: '/api/risk/history',
      summary: 'risk level of every week',
      description:
        'risk level of every week (with the rules that fired), the runs of each level, and weekly S&P 500 (SPY) closes',
      query: z.object({ asOf: asOfParam, from: isoDateParam.optional() }),
    },
    async ({ query }) => {
      const d = (await riskView(store, { asOf: query.asOf })).data;
      const from = query.from ?? '';
      return {
        asOf: d.asOf,
        weeks: d.weeks.filter((w) => w.week >= from),
        episodes: d.episodes.filter((e) => e.to >= from),
        counts: d.counts,
        priceSources: d.priceSources,
      };
    },
  );

  asOfRoute(
    app,
    {
      path: '/api/scorecard',
      summary: 'famous-shorts scorecard',
      description:
        'famous-shorts scorecard as known on asOf (default today): curated episodes + stored 13F puts filed by then, moves, MAE, estimated put outcome (the one premium), win rate per class',
    },
    (asOf) => loadScorecard(store, asOf),
  );

  getRoute(
    app,
    {
      path: '/api/theses',
      summary: 'thesis ledger',
      description:
        'thesis ledger: status, checks and evidence per PRODUCT.md thesis; latest stored run unless asOf or fresh=1 is given',
      query: z.object({ asOf: asOfParam, fresh: enumParam(['0', '1'], '1').optional() }),
    },
    async ({ query, c }) => {
      // An asOf that is asked for (today's too) means a fresh evaluation as of that day; none
      // means the latest stored run, and the whole history.
      const asked = c.req.query('asOf') !== undefined;
      const stored = asked || query.fresh === '1' ? [] : await latestThesisResults(store);
      const results = stored.length ? stored : await evaluateTheses(store, query.asOf);
      return {
        results,
        history: await thesisHistory(store, asked ? { asOf: query.asOf } : {}),
        fromStoredRun: stored.length > 0,
      };
    },
  );

  getRoute(
    app,
    {
      path: '/api/backtest/:name',
      summary: 'run a built-in backtest',
      description: `run a built-in strategy (${BUILTIN_STRATEGIES.map((s) => s.name).join(', ')}); mode=sweep|walk-forward`,
      params: z.object({
        name: patternParam(
          /^[a-z0-9-]{1,40}$/,
          'a built-in strategy name',
          BUILTIN_STRATEGIES[0]?.name ?? 'spy-trend',
        ),
      }),
      query: z.object({
        asOf: asOfParam,
        mode: enumParam(['single', 'sweep', 'walk-forward']).optional(),
      }),
    },
    async ({ params, query }) => {
      const spec = builtinStrategy(params.name);
      if (!spec) {
        throw new TidewatchError('not-found', `no built-in strategy '${params.name}'`, {
          hint: `one of ${BUILTIN_STRATEGIES.map((s) => s.name).join(', ')}`,
        });
      }
      // The one backtest computation: the view's data (the CLI prints the same view).
      const view = await backtestView(store, {
        asOf: query.asOf,
        spec,
        mode: query.mode ?? 'single',
      });
      if (!view.data) {
        throw new TidewatchError('not-found', view.empty?.message ?? `no scored week for ${spec.name}`, {
          ...(view.empty?.hint ? { hint: view.empty.hint } : {}),
        });
      }
      return view.data;
    },
  );
}
