import type { IsoDate } from '../../core/dates.js';
import { alignPairs, type Point } from './series.js';

/** Trading days a year for equities; crypto trades every calendar day. */
export const EQUITY_PERIODS = 252;
export const CRYPTO_PERIODS = 365;

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return x.length ? s / x.length : Number.NaN;
}

/** Sample standard deviation (n − 1). */
export function stdev(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i]! - m) ** 2;
  return Math.sqrt(s / (n - 1));
}

/** Rolling annualised volatility of returns over `window` observations (running sums: O(n)). */
export function rollingVolatility(
  returns: Point[],
  window: number,
  periodsPerYear = EQUITY_PERIODS,
): Point[] {
  const out: Point[] = [];
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < returns.length; i++) {
    const v = returns[i]!.value;
    s += v;
    s2 += v * v;
    if (i >= window) {
      const old = returns[i - window]!.value;
      s -= old;
      s2 -= old * old;
    }
    if (i >= window - 1) {
      const variance = Math.max(0, (s2 - (s * s) / window) / (window - 1));
      out.push({ date: returns[i]!.date, value: Math.sqrt(variance * periodsPerYear) });
    }
  }
  return out;
}

/** Means and centred sums of squares/products of the first `n` pairs: the inputs of OLS and ρ. */
function comoments(x: ArrayLike<number>, y: ArrayLike<number>, n: number) {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return { mx, my, sxy, sxx, syy };
}

export function correlationOf(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  if (n < 3) return Number.NaN;
  const { sxy, sxx, syy } = comoments(x, y, n);
  return sxy / Math.sqrt(sxx * syy);
}

export interface BetaResult {
  /** Slope of asset returns on the factor (OLS). */
  beta: number;
  alpha: number;
  correlation: number;
  r2: number;
  /** Standard error of the slope, so a reader can tell a beta from noise. */
  stderr: number;
  n: number;
  from: IsoDate | null;
  to: IsoDate | null;
}

/** OLS beta of `asset` on `factor` (points, or their `byDate` index), on the dates both have. */
export function betaTo(asset: Point[], factor: Point[] | ReadonlyMap<IsoDate, number>): BetaResult {
  const { dates, x: y, y: x } = alignPairs(asset, factor);
  const n = dates.length;
  if (n < 3)
    return {
      beta: Number.NaN,
      alpha: Number.NaN,
      correlation: Number.NaN,
      r2: Number.NaN,
      stderr: Number.NaN,
      n,
      from: null,
      to: null,
    };
  const { mx, my, sxy, sxx, syy } = comoments(x, y, n);
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  const correlation = sxy / Math.sqrt(sxx * syy);
  const resid = Math.max(0, syy - beta * sxy);
  const stderr = Math.sqrt(resid / (n - 2) / sxx);
  return {
    beta,
    alpha,
    correlation,
    r2: correlation * correlation,
    stderr,
    n,
    from: dates[0]!,
    to: dates[n - 1]!,
  };
}

export function correlation(a: Point[], b: Point[]): number {
  const { x, y } = alignPairs(a, b);
  return correlationOf(x, y);
}
