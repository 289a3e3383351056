import { bsPrice } from './black-scholes.js';
import { NOTIONAL_CAVEAT } from './exposure.js';

/**
 * Notional versus premium for a 13F option row. A 13F gives the underlying, the number of
 * shares under option and their market value — not the strike, not the expiry, not the price
 * paid. So the premium can only be bracketed: strike = spot (at the money, the dearest common
 * choice per share of notional among the strikes a bearish fund buys; out-of-the-money puts
 * cost far less), volatility = the underlying's realised volatility, and a range of expiries.
 */
export const DEFAULT_HORIZONS_MONTHS = [3, 6, 12, 24] as const;

export interface PremiumEstimateInput {
  putCall: 'Put' | 'Call';
  shares: number;
  /** Underlying price on the report date (the notional divided by shares when no price is known). */
  spot: number;
  vol: number;
  rate: number;
  horizonsMonths?: readonly number[];
  /** Where the volatility came from, for the assumptions (e.g. '252 daily returns to … (source)'). */
  volSource?: string;
}

export interface PremiumPoint {
  months: number;
  perShare: number;
  premiumUsd: number;
  /** Premium as a fraction of notional (shares × spot). */
  ofNotional: number;
}

export interface PremiumEstimate {
  notionalUsd: number;
  /** Inputs, repeated so a reader can redo the arithmetic. */
  spot: number;
  vol: number;
  rate: number;
  points: PremiumPoint[];
  lowUsd: number;
  highUsd: number;
  assumptions: string[];
  caveat: string;
}

export function estimatePremium(i: PremiumEstimateInput): PremiumEstimate {
  const horizons = i.horizonsMonths ?? DEFAULT_HORIZONS_MONTHS;
  const notional = i.shares * i.spot;
  const points = horizons.map((months) => {
    const perShare = bsPrice(i.putCall, {
      spot: i.spot,
      strike: i.spot,
      years: months / 12,
      rate: i.rate,
      vol: i.vol,
    });
    return {
      months,
      perShare,
      premiumUsd: perShare * i.shares,
      ofNotional: notional > 0 ? (perShare * i.shares) / notional : 0,
    };
  });
  const prem = points.map((p) => p.premiumUsd);
  return {
    notionalUsd: notional,
    spot: i.spot,
    vol: i.vol,
    rate: i.rate,
    points,
    lowUsd: Math.min(...prem),
    highUsd: Math.max(...prem),
    assumptions: [
      `strike = spot = reported value ÷ shares = $${i.spot.toFixed(2)} (at the money); out-of-the-money options cost much less`,
      `expiry unknown: shown for ${horizons.join('/')} months`,
      `volatility = realised ${(i.vol * 100).toFixed(1)}% a year${i.volSource ? ` over ${i.volSource}` : ''} (implied volatility is not in the data)`,
      `risk-free rate ${(i.rate * 100).toFixed(2)}%, no dividends, European exercise (Black-Scholes)`,
    ],
    caveat: NOTIONAL_CAVEAT,
  };
}

/**
 * Thesis 5 (PRODUCT.md): Scion's Q3-2025 PLTR puts were reported at ~$912M notional while the
 * premium paid was about $9.2M (about 1% of notional, which points to far out-of-the-money
 * strikes). The Q3-2025 filing itself is not in the data set, so these are the thesis's
 * figures, quoted — not parsed from a filing.
 */
export const THESIS5_PLTR = {
  notionalUsd: 912e6,
  premiumUsd: 9.2e6,
  source: "PRODUCT.md thesis 5 (figures from the commentary; Scion's Q3-2025 13F is not in the data)",
} as const;
