import type { Metrics } from '../analytics/backtest/engine.js';
import { runBacktest } from '../analytics/backtest/engine.js';
import { loadWeeklyData } from '../analytics/backtest/load.js';
import { defaultParams, paramGrid, type StrategySpec } from '../analytics/backtest/spec.js';
import { BUILTIN_STRATEGIES } from '../analytics/backtest/strategies.js';
import {
  best,
  type SweepRow,
  sweep,
  type WalkForwardResult,
  walkForward,
} from '../analytics/backtest/sweep.js';
import { formatValue } from '../core/format.js';
import type { Store } from '../store/store.js';
import { cells, col, columns } from './columns.js';
import { emptyView, type Row, type Table, type View } from './model.js';

/**
 * A backtest as a view: the strategy against buy-and-hold over the same scored weeks, and on
 * request every parameter set of its grid (in-sample) or a walk-forward (out-of-sample). Built
 * from data published by the as-of day. `tidewatch backtest`, `/api/views/backtest` and the
 * report render this one object.
 */
export type BacktestMode = 'single' | 'sweep' | 'walk-forward';

export interface BacktestViewData {
  strategy: StrategySpec;
  from: string;
  to: string;
  signalFrom: string;
  warmUpWeeks: number;
  params: Record<string, number>;
  metrics: Metrics;
  buyAndHold: Metrics;
  sweep?: SweepRow[];
  walkForward?: WalkForwardResult;
}

/** A metrics table: one row per run, named in its first cell, then one column per metric. */
const METRIC_COLUMNS = columns({
  label: col('', 'text'),
  cagr: col('CAGR', 'fraction-change'),
  volatility: col('vol', 'fraction'),
  sharpe: col('Sharpe', 'number'),
  sortino: col('Sortino', 'number'),
  maxDrawdown: col('max drawdown', 'fraction-change'),
  hitRate: col('hit rate', 'fraction'),
  turnover: col('turnover/yr', 'number', 1),
  exposure: col('exposure', 'fraction', 0),
});

function metricsRow(label: string, m: Metrics): Row {
  return cells(METRIC_COLUMNS, m, { label });
}

function metricsTable(id: string, title: string, rows: Row[], note?: string): Table {
  return {
    id,
    title,
    columns: METRIC_COLUMNS,
    rows,
    ...(note ? { note } : {}),
  };
}

const STRATEGY_COLUMNS = columns({
  name: 'text',
  asset: 'text',
  sets: col('parameter sets', 'count'),
  description: 'text',
});

/** The built-in strategies (`tidewatch backtest --list`). */
export function strategiesTable(): Table {
  return {
    id: 'strategies',
    title: 'Built-in strategies',
    columns: STRATEGY_COLUMNS,
    rows: BUILTIN_STRATEGIES.map((s) =>
      cells(STRATEGY_COLUMNS, s, { sets: paramGrid(s).length, description: s.description ?? '' }),
    ),
  };
}

export async function backtestView(
  store: Store,
  opts: { asOf: string; spec: StrategySpec; mode?: BacktestMode },
): Promise<View<BacktestViewData | null>> {
  const spec = opts.spec;
  const data = await loadWeeklyData(store, spec, opts.asOf);
  const single = runBacktest(spec, data, defaultParams(spec));
  const title = `Backtest: ${spec.name}`;
  if (!single.from || single.metrics.periods === 0) {
    const v = emptyView<BacktestViewData | null>('backtest', title, opts.asOf, null);
    v.empty = {
      reason: 'missing-input',
      message: `No scored week for ${spec.name} by ${opts.asOf}: ${spec.asset} prices and every series its rules read must be stored, with enough weeks for the warm-up.`,
      hint: 'tidewatch import all ../shared/data (or tidewatch update)',
    };
    return v;
  }
  const out: BacktestViewData = {
    strategy: spec,
    from: single.from,
    to: single.to,
    signalFrom: single.signalFrom,
    warmUpWeeks: single.warmUpWeeks,
    params: single.params,
    metrics: single.metrics,
    buyAndHold: single.buyAndHold,
  };
  const v = emptyView<BacktestViewData | null>('backtest', title, opts.asOf, out);
  const m = single.metrics;
  const b = single.buyAndHold;
  v.headline = `${spec.name} ${single.from} → ${single.to}: CAGR ${formatValue(m.cagr, 'fraction-change')} vs ${formatValue(b.cagr, 'fraction-change')} buy & hold, max drawdown ${formatValue(m.maxDrawdown, 'fraction-change')} vs ${formatValue(b.maxDrawdown, 'fraction-change')}`;
  v.kpis.push(
    {
      id: 'cagr',
      label: 'CAGR',
      value: m.cagr,
      format: 'fraction-change',
      detail: { label: 'buy & hold', value: b.cagr, format: 'fraction-change' },
    },
    {
      id: 'sharpe',
      label: 'Sharpe',
      value: m.sharpe,
      format: 'number',
      detail: { label: 'buy & hold', value: b.sharpe, format: 'number' },
    },
    {
      id: 'max-drawdown',
      label: 'Max drawdown',
      value: m.maxDrawdown,
      format: 'fraction-change',
      detail: { label: 'buy & hold', value: b.maxDrawdown, format: 'fraction-change' },
    },
  );
  v.tables.push(
    metricsTable(
      'metrics',
      `${single.from} → ${single.to}, params ${JSON.stringify(single.params)}, costs ${spec.costsBp} bp`,
      [metricsRow('strategy', m), metricsRow('buy & hold', b)],
      `Scored from the week after the first week with a signal (${single.signalFrom}); ${single.warmUpWeeks} weeks of warm-up not scored.`,
    ),
  );
  if (opts.mode === 'sweep') {
    out.sweep = sweep(spec, data);
    const top = [...out.sweep]
      .filter((r) => Number.isFinite(r.metrics.sharpe))
      .sort((x, y) => y.metrics.sharpe - x.metrics.sharpe);
    const pick = best(out.sweep, 'sharpe');
    v.tables.push(
      metricsTable(
        'sweep',
        `Sweep: ${out.sweep.length} parameter sets, top 10 by Sharpe (in-sample: mind the overfit)`,
        top.slice(0, 10).map((r) => metricsRow(JSON.stringify(r.params), r.metrics)),
        pick ? `best by Sharpe: ${JSON.stringify(pick.params)}` : undefined,
      ),
    );
  }
  if (opts.mode === 'walk-forward') {
    const w = spec.walkForward ?? { trainWeeks: 260, testWeeks: 52, objective: 'sharpe' as const };
    out.walkForward = walkForward(spec, data, w.trainWeeks, w.testWeeks, w.objective);
    v.tables.push(
      metricsTable(
        'walk-forward',
        `Walk-forward: ${w.trainWeeks} weeks train / ${w.testWeeks} test, chosen by ${out.walkForward.objective}, ${out.walkForward.splits.length} splits`,
        [metricsRow('out-of-sample', out.walkForward.outOfSample)],
      ),
    );
  }
  if (spec.description) v.notes.push({ text: spec.description });
  return v;
}
