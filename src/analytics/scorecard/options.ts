/**
 * Black-Scholes put price, used to turn a 13F put row (which reports the underlying's notional,
 * not the premium) into an estimated premium and outcome. Assumptions, stated wherever shown:
 * strike = spot on the reference date (at the money), volatility = realised volatility of the
 * 63 trading days before it, a flat risk-free rate, expiry unknown → a range of tenors.
 */

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 7.5e-8). */
export function normCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const d = 0.3989422804014327 * Math.exp((-x * x) / 2);
  const p =
    d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x >= 0 ? 1 - p : p;
}

/** European put value per unit of underlying. T in years, r and sigma annual (fractions). */
export function blackScholesPut(spot: number, strike: number, T: number, r: number, sigma: number): number {
  if (T <= 0 || sigma <= 0) return Math.max(strike * Math.exp(-r * Math.max(T, 0)) - spot, 0);
  const sq = sigma * Math.sqrt(T);
  const d1 = (Math.log(spot / strike) + (r + (sigma * sigma) / 2) * T) / sq;
  const d2 = d1 - sq;
  return strike * Math.exp(-r * T) * normCdf(-d2) - spot * normCdf(-d1);
}

/** Annualised volatility of daily log returns over the `window` closes ending at index `end`. */
export function realisedVol(closes: ArrayLike<number>, end: number, window = 63): number {
  const start = end - window;
  if (start < 0) return Number.NaN;
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (let i = start + 1; i <= end; i++) {
    const a = closes[i - 1]!;
    const b = closes[i]!;
    if (!(a > 0) || !(b > 0)) continue;
    const r = Math.log(b / a);
    n++;
    s += r;
    s2 += r * r;
  }
  if (n < 2) return Number.NaN;
  const mean = s / n;
  return Math.sqrt(Math.max(0, (s2 - n * mean * mean) / (n - 1)) * 252);
}
