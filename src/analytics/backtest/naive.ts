import type { Metrics, WeeklyData } from './engine.js';
import { resolveNum } from './engine.js';
import type { ParamSet, SeriesExprSpec, StrategySpec } from './spec.js';

/**
 * The straightforward implementation: rows as objects, each indicator recomputed per row by
 * looking back over its window, returns and equity pushed into arrays. It is the reference the
 * vectorised engine is checked against (same numbers) and the baseline bench/backtest.bench.ts
 * measures it against. Not used by the product.
 */

type Row = { week: string } & Record<string, number>;

export function toRows(data: WeeklyData): Row[] {
  return data.weeks.map((week, i) => {
    const row = { week } as Row;
    for (const [k, v] of Object.entries(data.series)) row[k] = v[i]!;
    return row;
  });
}

function valueAt(rows: Row[], i: number, e: SeriesExprSpec, params: ParamSet): number {
  const x = (j: number) => (j >= 0 ? (rows[j]![e.series] ?? Number.NaN) : Number.NaN);
  const w = e.window === undefined ? 0 : resolveNum(e.window, params);
  switch (e.transform) {
    case 'level':
      return x(i);
    case 'sma': {
      if (i + 1 < w) return Number.NaN;
      let s = 0;
      for (let j = i - w + 1; j <= i; j++) s += x(j);
      return s / w;
    }
    case 'roc':
      return i >= w && x(i - w) !== 0 ? x(i) / x(i - w) - 1 : Number.NaN;
    case 'diff':
      return i >= w ? x(i) - x(i - w) : Number.NaN;
    case 'zscore': {
      if (i + 1 < w || w < 2) return Number.NaN;
      const vals: number[] = [];
      for (let j = i - w + 1; j <= i; j++) vals.push(x(j));
      const m = vals.reduce((a, b) => a + b, 0) / w;
      const sd = Math.sqrt(vals.reduce((a, b) => a + (b - m) ** 2, 0) / (w - 1));
      return sd > 0 ? (x(i) - m) / sd : 0;
    }
    case 'drawdown': {
      let hi = Number.NaN;
      for (let j = Math.max(0, i - w + 1); j <= i; j++) if (Number.isFinite(x(j)) && !(x(j) <= hi)) hi = x(j);
      return hi > 0 ? x(i) / hi - 1 : Number.NaN;
    }
  }
}

export function naiveBacktest(spec: StrategySpec, rows: Row[], params: ParamSet): Metrics {
  const positions: number[] = [];
  // The first row where every rule has both sides: scoring starts the row after it.
  let firstSignal = -1;
  for (let i = 0; i < rows.length; i++) {
    let evaluable = true;
    const results = spec.rules.map((rule) => {
      const a = valueAt(rows, i, rule.left, params);
      const b =
        typeof rule.right === 'object' && 'series' in rule.right
          ? valueAt(rows, i, rule.right, params)
          : resolveNum(rule.right, params);
      if (!Number.isFinite(a) || !Number.isFinite(b)) evaluable = false;
      if (rule.op === '>') return a > b;
      if (rule.op === '<') return a < b;
      if (rule.op === '>=') return a >= b;
      return a <= b;
    });
    if (evaluable && firstSignal < 0) firstSignal = i;
    const on = spec.combine === 'all' ? results.every(Boolean) : results.some(Boolean);
    positions.push(on ? spec.whenTrue : spec.whenFalse);
  }
  const periods: Array<{ ret: number; pos: number; traded: number }> = [];
  let first = true;
  for (let t = Math.max(1, firstSignal + 1); firstSignal >= 0 && t < rows.length; t++) {
    const p0 = rows[t - 1]![spec.asset]!;
    const p1 = rows[t]![spec.asset]!;
    const r = p1 / p0 - 1;
    if (!Number.isFinite(r)) continue;
    const pos = positions[t - 1]!;
    const traded = first ? Math.abs(pos) : Math.abs(pos - (t >= 2 ? positions[t - 2]! : 0));
    first = false;
    periods.push({ ret: pos * r - (spec.costsBp / 10_000) * traded, pos, traded });
  }
  const rets = periods.map((p) => p.ret);
  const n = rets.length;
  const mean = rets.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(rets.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const rf = spec.riskFree / 52;
  const downside = Math.sqrt(rets.reduce((a, b) => a + Math.min(0, b - rf) ** 2, 0) / n);
  const equity: number[] = [];
  let e = 1;
  for (const r of rets) {
    e *= 1 + r;
    equity.push(e);
  }
  let peak = 1;
  let maxDd = 0;
  for (const v of equity) {
    peak = Math.max(peak, v);
    maxDd = Math.min(maxDd, v / peak - 1);
  }
  const invested = periods.filter((p) => p.pos !== 0);
  const years = n / 52;
  return {
    periods: n,
    cagr: e ** (1 / years) - 1,
    volatility: sd * Math.sqrt(52),
    sharpe: ((mean - rf) / sd) * Math.sqrt(52),
    sortino: ((mean - rf) / downside) * Math.sqrt(52),
    maxDrawdown: maxDd,
    hitRate: invested.filter((p) => p.ret > 0).length / invested.length,
    turnover: periods.reduce((a, p) => a + p.traded, 0) / years,
    exposure: invested.length / n,
    totalReturn: e - 1,
  };
}
