import { addDays } from '../../core/dates.js';
import type { VintageIndex } from '../../indicators/point-in-time.js';
import { bsPrice, realisedVol } from './black-scholes.js';
import { NOTIONAL_CAVEAT } from './exposure.js';
import { indexAtOrBefore } from '../../core/sorted.js';

/**
 * The one option-premium definition. A 13F option row gives the underlying, the shares under
 * option and their market value (the notional) — not the strike, the expiry or the price paid —
 * so a premium can only be bracketed. Every surface (13F holdings, watchlist, scorecard and
 * through it thesis 5) calls `estimatePremium`; the assumptions below are returned with every
 * estimate, so the same put always has the same premium and says why.
 *
 * With strike = spot the Black-Scholes price is proportional to spot, so the premium of a
 * position is notional × (ATM price of a $1 underlying): the spot itself drops out and only the
 * volatility, the rate and the expiry matter. The estimate is therefore a function of the
 * position (put/call, notional), the reference day and what the store knew: nothing else.
 */
export const PREMIUM_METHOD = {
  model: 'Black-Scholes (European exercise, no dividends)',
  /** At the money: the dearest common choice per unit of notional among the strikes a bearish fund buys. */
  strike: 'spot on the reference date (at the money)',
  /** Realised volatility of the 63 daily returns (three months) up to the reference date. */
  volReturns: 63,
  /** The last close must be at most this many calendar days before the reference date. */
  maxPriceAgeDays: 7,
  /** Expiry is not disclosed: one estimate per horizon. */
  horizonsMonths: [3, 6, 12] as readonly number[],
  /** Risk-free rate: the 3-month Treasury yield as known on the reference date. */
  rateSeries: 'DGS3MO',
  /** DGS3MO is daily; a value older than this is stale and not used. */
  maxRateAgeDays: 10,
  /** Used (and said) when DGS3MO is not stored or stale on the reference date. */
  fallbackRate: 0.04,
} as const;

/** Daily closes of one symbol, oldest first (the markets domain's merged closes). */
export interface DailyPrices {
  dates: readonly string[];
  closes: ArrayLike<number>;
  /** Where the closes came from (shown next to the figures). */
  source?: string;
}

export interface VolEstimate {
  value: number;
  returns: number;
  from: string;
  to: string;
  source: string;
}

export interface RateEstimate {
  /** Annual rate as a fraction, used as the continuous rate. */
  value: number;
  /** The DGS3MO observation used; null for the fixed fallback. */
  date: string | null;
  source: string;
}

export interface PremiumPoint {
  months: number;
  /** Premium as a fraction of notional. */
  ofNotional: number;
  /** Premium for the reported notional; null when no notional is known. */
  premiumUsd: number | null;
}

export interface PremiumEstimate {
  putCall: 'Put' | 'Call';
  referenceDate: string;
  notionalUsd: number | null;
  vol: VolEstimate;
  rate: RateEstimate;
  points: PremiumPoint[];
  lowUsd: number | null;
  highUsd: number | null;
  /** The method in words, every input named: printed and returned next to every premium. */
  assumptions: string[];
  caveat: string;
}


/**
 * Realised volatility of the PREMIUM_METHOD.volReturns daily returns ending at the last close on
 * or before `date`; a reason instead when the closes stop too early or are too few.
 */
export function volatilityAt(
  prices: DailyPrices | undefined,
  date: string,
  symbol: string,
): VolEstimate | { note: string } {
  const n = PREMIUM_METHOD.volReturns;
  if (!prices || prices.dates.length === 0) return { note: `no prices stored for ${symbol} up to ${date}` };
  const end = indexAtOrBefore(prices.dates, date);
  if (end < 0) return { note: `prices for ${symbol} start after ${date}` };
  const last = prices.dates[end]!;
  if (last < addDays(date, -PREMIUM_METHOD.maxPriceAgeDays)) {
    return {
      note: `prices for ${symbol} stop at ${last}, more than ${PREMIUM_METHOD.maxPriceAgeDays} days before ${date} (stale)`,
    };
  }
  if (end < n) return { note: `only ${end} daily returns of ${symbol} up to ${date}; ${n} needed` };
  const closes: number[] = Array.prototype.slice.call(prices.closes, end - n, end + 1);
  const value = realisedVol(closes, n);
  if (value === null || !(value > 0)) return { note: `no usable volatility for ${symbol} up to ${date}` };
  return {
    value,
    returns: n,
    from: prices.dates[end - n]!,
    to: last,
    source: prices.source ?? 'stored prices',
  };
}

/** DGS3MO as known on `date` (its latest value public by then), or the stated fallback. */
export function rateAt(rates: VintageIndex | null | undefined, date: string): RateEstimate {
  const m = PREMIUM_METHOD;
  const o = rates?.observe(date);
  if (o && o.date >= addDays(date, -m.maxRateAgeDays)) {
    return {
      value: o.value / 100,
      date: o.date,
      source: `${m.rateSeries} ${o.date} (public ${o.knownFrom})`,
    };
  }
  const why = o
    ? `${m.rateSeries} known on ${date} is from ${o.date} (stale)`
    : `${m.rateSeries} not stored for ${date}`;
  return {
    value: m.fallbackRate,
    date: null,
    source: `fixed ${(m.fallbackRate * 100).toFixed(2)}% (${why})`,
  };
}

const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;

/** The premium of an option position at the money, for each horizon, with its assumptions. */
export function estimatePremium(i: {
  putCall: 'Put' | 'Call';
  referenceDate: string;
  notionalUsd: number | null;
  vol: VolEstimate;
  rate: RateEstimate;
}): PremiumEstimate {
  const m = PREMIUM_METHOD;
  const points = m.horizonsMonths.map((months): PremiumPoint => {
    const ofNotional = bsPrice(i.putCall, {
      spot: 1,
      strike: 1,
      years: months / 12,
      rate: i.rate.value,
      vol: i.vol.value,
    });
    return {
      months,
      ofNotional,
      premiumUsd: i.notionalUsd === null ? null : i.notionalUsd * ofNotional,
    };
  });
  const usdPoints = points.map((p) => p.premiumUsd).filter((x): x is number => x !== null);
  return {
    putCall: i.putCall,
    referenceDate: i.referenceDate,
    notionalUsd: i.notionalUsd,
    vol: i.vol,
    rate: i.rate,
    points,
    lowUsd: usdPoints.length ? Math.min(...usdPoints) : null,
    highUsd: usdPoints.length ? Math.max(...usdPoints) : null,
    assumptions: [
      `strike = ${m.strike}; out-of-the-money options cost much less`,
      `expiry unknown: ${m.horizonsMonths.join('/')} months from ${i.referenceDate}`,
      `volatility = realised ${(i.vol.value * 100).toFixed(1)}% a year over the ${i.vol.returns} daily returns ${i.vol.from} to ${i.vol.to} (${i.vol.source}); implied volatility is not in the data`,
      `risk-free rate ${(i.rate.value * 100).toFixed(2)}% = ${i.rate.source}`,
      `${m.model}${i.notionalUsd === null ? '' : `, on the reported notional ${usd(i.notionalUsd)}`}`,
    ],
    caveat: NOTIONAL_CAVEAT,
  };
}

/** Closes and rates as known on the as-of day: everything a premium needs. */
export interface PremiumMarket {
  prices: Record<string, DailyPrices>;
  rates: VintageIndex | null;
}

/** The premium for a position on `symbol`, or the reason there is none. */
export function premiumFor(
  market: PremiumMarket,
  p: {
    symbol: string;
    putCall: 'Put' | 'Call';
    referenceDate: string;
    notionalUsd: number | null;
  },
): { premium: PremiumEstimate | null; note: string | null } {
  const vol = volatilityAt(market.prices[p.symbol], p.referenceDate, p.symbol);
  if ('note' in vol) return { premium: null, note: `${vol.note}: premium not estimated` };
  return {
    premium: estimatePremium({ ...p, vol, rate: rateAt(market.rates, p.referenceDate) }),
    note: null,
  };
}

/**
 * Thesis 5 (PRODUCT.md): Scion's Q3-2025 PLTR puts were reported at ~$912M notional while the
 * premium paid was about $9.2M. The Q3-2025 filing itself is not in the data set: these are the
 * thesis's figures, quoted (curated), not parsed from a filing. The curated episode
 * scion-pltr-2025q3 carries the same notional and the filing date it became public.
 */
export const THESIS5_PLTR = {
  episodeId: 'scion-pltr-2025q3',
  notionalUsd: 912e6,
  premiumUsd: 9.2e6,
  source: "PRODUCT.md thesis 5 (figures from the commentary; Scion's Q3-2025 13F is not in the data)",
} as const;
