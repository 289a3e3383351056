import { z } from 'zod';
import { BUILTIN_STRATEGIES, builtinStrategy } from '../analytics/backtest/strategies.js';
import { TidewatchError } from '../core/errors.js';
import { enumParam, given, intParam, isoDateParam, patternParam } from '../core/params.js';
import { TGA_BASES } from '../indicators/liquidity.js';
import type { Store } from '../store/store.js';
import { backtestView } from './backtest.js';
import { capexView } from './capex.js';
import { cascadeView } from './cascade.js';
import { cryptoView } from './crypto.js';
import { durationView } from './duration.js';
import { freshnessView } from './freshness.js';
import { liquidityView } from './liquidity.js';
import {
  cascadeParams,
  cikParam,
  concentrationTopParam,
  cusipParam,
  durationParams,
  symbolParam,
  tickerParam,
  topPutsParam,
} from './market-params.js';
import type { View } from './model.js';
import { plumbingView } from './plumbing.js';
import { pricesView } from './prices.js';
import { riskView } from './risk.js';
import { scorecardView } from './scorecard.js';
import { thesesView } from './theses.js';
import { diffView, filingsView, holdingsView, SCION_CIK } from './thirteenf-holdings.js';
import { historyView, holdersView, topPutsView } from './thirteenf-queries.js';
import { watchlistView } from './thirteenf-watchlist.js';

/**
 * Every report that has a view model: its id (the API path `/api/views/<id>`), the parameters it
 * takes besides `asOf`, and its builder. The API serves each as JSON, the dashboard draws it, the
 * CLI prints it as text.
 */
export interface ViewDef<Q extends z.ZodObject = z.ZodObject> {
  id: string;
  summary: string;
  /** Parameters besides asOf (validated by the route). */
  params: Q;
  build(store: Store, asOf: string, params: z.infer<Q>, local?: LocalParams): Promise<View>;
}

/**
 * Parameters only a caller on this machine gives (the CLI): a path to a local file is never read
 * from a request, so these are not in a view's `params` nor in /api/openapi.json.
 */
export interface LocalParams {
  /** CUSIP → ticker mapping file (cusip,ticker,name) for `13f-holdings`. */
  mapFile?: string;
}

function defineView<Q extends z.ZodObject>(def: ViewDef<Q>): ViewDef<Q> {
  return def;
}

/** A view that takes nothing besides asOf. */
function asOfView(
  id: string,
  summary: string,
  view: (store: Store, opts: { asOf: string }) => Promise<View>,
): ViewDef<z.ZodObject<Record<string, never>>> {
  return defineView({ id, summary, params: z.object({}), build: (store, asOf) => view(store, { asOf }) });
}

const STRATEGY_NAMES = BUILTIN_STRATEGIES.map((s) => s.name) as [string, ...string[]];

export const VIEWS = [
  defineView({
    id: 'liquidity',
    summary: 'the liquidity tide as a view: level, changes, components, weekly history, TGA basis',
    params: z.object({ tga: z.enum(TGA_BASES).optional().describe('TGA basis: h41 (default) or dts') }),
    build: (store, asOf, p) => liquidityView(store, { asOf, tga: p.tga }),
  }),
  asOfView(
    'plumbing',
    'Fed/Treasury plumbing as a view: reserves, repo stress, TGA, ON RRP, issuance, the bathtub, the stress score',
    plumbingView,
  ),
  asOfView(
    'freshness',
    'one entry per source family (FRED, Treasury, NY Fed, SEC, prices, crypto): newest observation, stale flag, last runs and why',
    freshnessView,
  ),
  asOfView(
    'risk',
    'the macro risk level as a view: the level with the rules that fired, forward returns per level, the weekly history and its runs',
    riskView,
  ),
  defineView({
    id: 'capex',
    summary:
      'the AI capex cycle as a view: capex vs operating-income growth per company and for the hyperscalers, the gap in pp, the burst flag, curated token demand and events',
    params: z.object({ ticker: tickerParam.optional(), last: intParam(1, 200, '8').optional() }),
    build: (store, asOf, p) => capexView(store, { asOf, ...given({ ticker: p.ticker, last: p.last }) }),
  }),
  defineView({
    id: 'duration',
    summary:
      'the duration / speculativeness ranking as a view: thesis-3 verdict, ranking, squeeze windows, liquidity-beta scatter',
    params: z.object(durationParams),
    build: (store, asOf, p) =>
      durationView(store, { asOf, ...given({ thresholdPct: p.threshold, lookbackWeeks: p.weeks }) }),
  }),
  asOfView(
    'crypto',
    'BTC stress as a view: close, fall from the peak, volatility, funding, open interest, the ~$126k → ~$60k check both ways',
    cryptoView,
  ),
  defineView({
    id: 'cascade',
    summary:
      'the liquidation-cascade what-if as a view, from the BTC close, funding and open interest known on asOf',
    params: z.object(cascadeParams),
    build: (store, asOf, p) =>
      cascadeView(store, {
        asOf,
        shock: p.shock ?? -0.1,
        ...given({
          depthUsdPer1Pct: p.depth,
          openInterestUsd: p.oi,
          longShare: p.longShare,
          count: p.positions,
          model: p.model,
        }),
      }),
  }),
  defineView({
    id: 'prices',
    summary:
      "one symbol's prices as a view: merged adjusted closes with their sources, drawdown, sources, corporate actions",
    params: z.object({
      symbol: symbolParam,
      from: isoDateParam.optional(),
      source: patternParam(
        /^[\w:.=^-]{1,80}$/,
        'a stored source name (see the sources table)',
        'yfinance',
      ).optional(),
    }),
    build: (store, asOf, p) =>
      pricesView(store, {
        asOf,
        symbol: p.symbol,
        ...given({ from: p.from, source: p.source }),
      }),
  }),
  defineView({
    id: 'backtest',
    summary: 'a built-in backtest as a view: strategy vs buy & hold; mode=sweep|walk-forward',
    params: z.object({
      name: enumParam(STRATEGY_NAMES),
      mode: enumParam(['single', 'sweep', 'walk-forward']).optional(),
    }),
    build: (store, asOf, p) => {
      const spec = builtinStrategy(p.name);
      if (!spec) throw new TidewatchError('not-found', `no built-in strategy '${p.name}'`);
      return backtestView(store, { asOf, spec, ...given({ mode: p.mode }) });
    },
  }),
  asOfView(
    'theses',
    'the thesis ledger as a view, evaluated on what was known on asOf: statuses, checks, evidence (measured/curated, window, input dates), thresholds, status changes',
    thesesView,
  ),
  asOfView(
    'watchlist',
    'the 13F watchlist as a view: coverage, latest book, puts with notional vs the one premium and its assumptions, put history, thesis 5 (curated)',
    watchlistView,
  ),
  defineView({
    id: '13f-holdings',
    summary:
      "a filer's 13F holdings as a view: positions, exposure, concentration, options with their premium",
    params: z.object({
      cik: cikParam.optional(),
      period: isoDateParam.optional(),
      top: concentrationTopParam.optional(),
    }),
    build: (store, asOf, p, local) => holdingsView(store, { asOf, ...p, ...local }),
  }),
  defineView({
    id: '13f-diff',
    summary: "a filer's quarter-over-quarter 13F changes as a view (new, added, trimmed, exited, by shares)",
    params: z.object({
      cik: cikParam.optional(),
      from: isoDateParam.optional(),
      to: isoDateParam.optional(),
    }),
    build: (store, asOf, p) => diffView(store, { asOf, ...p }),
  }),
  defineView({
    id: '13f-filings',
    summary: 'the stored 13F filings public by asOf as a view, with value unit and the rule that decided it',
    params: z.object({ cik: cikParam.optional() }),
    build: (store, asOf, p) => filingsView(store, { asOf, ...p }),
  }),
  defineView({
    id: '13f-holders',
    summary: 'every filer and quarter holding one CUSIP as a view (shares, puts and calls apart)',
    params: z.object({ cusip: cusipParam }),
    build: (store, asOf, p) => holdersView(store, { asOf, cusip: p.cusip }),
  }),
  defineView({
    id: '13f-history',
    summary: "one filer's 13F quarters as a view (positions=true adds every position as an export table)",
    params: z.object({ cik: cikParam.optional(), positions: enumParam(['false', 'true']).optional() }),
    build: (store, asOf, p) =>
      historyView(store, { asOf, cik: p.cik ?? SCION_CIK, positions: p.positions === 'true' }),
  }),
  defineView({
    id: '13f-top-puts',
    summary:
      'the largest 13F put notionals of a quarter as a view (default: the latest quarter with a put on file)',
    params: z.object({ period: isoDateParam.optional(), top: topPutsParam.optional() }),
    build: (store, asOf, p) => topPutsView(store, { asOf, ...p }),
  }),
  asOfView(
    'scorecard',
    'the famous-shorts scorecard as a view: episodes, moves, put outcome (the one premium), win rate per class, curated vs filing provenance',
    scorecardView,
  ),
] as const;

/** The view of an id (the CLI's view commands name theirs by id). */
export function viewDef(id: string): ViewDef {
  const def = (VIEWS as readonly ViewDef[]).find((v) => v.id === id);
  if (!def) throw new TidewatchError('not-found', `no view '${id}'`);
  return def;
}
