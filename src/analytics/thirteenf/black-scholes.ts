/**
 * Black–Scholes–Merton for European options on a non-dividend-paying underlying. Used only to
 * put an order of magnitude on what a reported 13F option notional may have cost; the inputs
 * that matter (strike, expiry) are not disclosed in a 13F, see premium.ts.
 */

/** Standard normal CDF (W. J. Cody's rational approximation via erfc; |error| < 1e-14). */
export function normCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes erfcc (Chebyshev), relative error < 1.2e-7 everywhere — ample here.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

export interface BsInput {
  spot: number;
  strike: number;
  /** Years to expiry. */
  years: number;
  /** Continuously compounded risk-free rate, e.g. 0.045. */
  rate: number;
  /** Annualised volatility, e.g. 0.6. */
  vol: number;
}

export function bsPrice(kind: 'Put' | 'Call', i: BsInput): number {
  const { spot: S, strike: K, years: T, rate: r, vol: v } = i;
  if (T <= 0 || v <= 0) return Math.max(0, kind === 'Call' ? S - K : K - S);
  const sq = v * Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r + 0.5 * v * v) * T) / sq;
  const d2 = d1 - sq;
  const df = Math.exp(-r * T);
  return kind === 'Call' ? S * normCdf(d1) - K * df * normCdf(d2) : K * df * normCdf(-d2) - S * normCdf(-d1);
}

/**
 * Annualised realised volatility: sample standard deviation of daily log returns over the last
 * `window` closes (default 252 trading days = one year), × √252. Non-positive closes are refused.
 */
export function realisedVol(closes: ArrayLike<number>, window = 252): number | null {
  const n = closes.length;
  const start = Math.max(1, n - window);
  const count = n - start;
  if (count < 20) return null;
  let sum = 0;
  let sumSq = 0;
  for (let i = start; i < n; i++) {
    const a = closes[i - 1]!;
    const b = closes[i]!;
    if (!(a > 0 && b > 0)) return null;
    const r = Math.log(b / a);
    sum += r;
    sumSq += r * r;
  }
  const mean = sum / count;
  const variance = (sumSq - count * mean * mean) / (count - 1);
  return Math.sqrt(Math.max(0, variance) * 252);
}
