import { daysBetween, type IsoDate } from '../../core/dates.js';
import { formatValue } from '../../core/format.js';
import { INSUFFICIENT, thresholds, type Verdict } from '../../core/verdict.js';
import { currentDrawdown, type DrawdownEpisode, type FallFromPeak, fallFromPeak } from './drawdown.js';
import { between, logReturns, type Point } from './series.js';
import { CRYPTO_PERIODS, mean, stdev } from './stats.js';

/** A figure with the source it came from. */
export interface Sourced<T> {
  value: T;
  date: IsoDate;
  source: string;
}

export interface SourcedPoint extends Point {
  source?: string;
}

export interface CryptoStressInput {
  /** The day the figures are read as of (the claim check needs it to call data stale). */
  asOf: IsoDate;
  /** BTC daily closes (merged across sources, each point may name its source). */
  closes: SourcedPoint[];
  /** Daily highs when a source has them (Binance klines): the peak is a high, not a close. */
  highs?: SourcedPoint[];
  /** Per-8h funding as decimal (8-hourly prints or daily means). */
  funding?: Point[];
  /** Open interest in US$ (none in the shared data; from ccxt when fetched). */
  openInterest?: Point[];
}

export interface ClaimCheck {
  status: Verdict;
  statement: string;
  peak: Sourced<number> | null;
  low: Sourced<number> | null;
  /** The fall both ways: close-to-close and from the intraday high. */
  fall: FallFromPeak;
  dataEnds: IsoDate | null;
}

export interface CryptoStress {
  /** The day the figures are read as of (nothing dated after it is used). */
  asOf: IsoDate;
  last: Sourced<number> | null;
  /** Deepest fall since the all-time high (trough), with dates. */
  drawdown: DrawdownEpisode | null;
  /** Last close against the all-time high close. */
  currentDrawdown: number | null;
  /** Annualised, from daily log returns (365 periods). */
  realisedVol30: number | null;
  realisedVol90: number | null;
  fundingLatest: Sourced<number> | null;
  /** Mean per-8h funding over the last 30 days, annualised (× 3 × 365). */
  fundingAnnualised30d: number | null;
  openInterestLatest: Sourced<number> | null;
  openInterestChange30d: number | null;
  claim: ClaimCheck;
}

/**
 * Thesis 6: "BTC fell from ~$126k (Oct 2025) to ~$60k". One verdict function for the `crypto`
 * command, its API route, the Crypto panel and the thesis ledger:
 * - no BTC price in October 2025 → insufficient data;
 * - the October 2025 peak (intraday high where a source has highs, else the close) more than
 *   BTC_PEAK_TOLERANCE below $126k → refuted (the starting point is wrong);
 * - a close after the peak within BTC_LOW_BAND of $60k → supported;
 * - otherwise, prices ending more than BTC_DATA_MAX_AGE before the as-of day → insufficient data
 *   (the low may have come after the data stops);
 * - otherwise the lowest close after the peak ≤ BTC_MIXED_LOW → mixed (a large fall, not to
 *   about $60k), above it → refuted.
 */
export const BTC_CLAIM = {
  peakFrom: '2025-10-01',
  peakTo: '2025-10-31',
  peak: 126_000,
  low: 60_000,
} as const;
// biome-ignore format: a table, one threshold a line (NAME: [value, unit, why])
export const { BTC_PEAK_TOLERANCE, BTC_LOW_BAND, BTC_MIXED_LOW, BTC_DATA_MAX_AGE } = thresholds({
  BTC_PEAK_TOLERANCE: [0.05, 'fraction', '"~$126k" read as within 5 %: exchanges\' October highs differ by about 1 %, a peak under $120k is a different market'],
  BTC_LOW_BAND: [0.1, 'fraction', '"~$60k" read as within 10 % (a close ≤ $66k): round figures in commentary carry about that much'],
  BTC_MIXED_LOW: [80_000, 'usd', 'a close ≤ $80k is a fall of more than a third from ~$126k, most of the claimed fall; above it the claim misses by more than half the move'],
  BTC_DATA_MAX_AGE: [10, 'days', 'BTC trades every day: closes ending more than 10 days before the as-of day mean the data stopped'],
});

export function checkBtc126kTo60k(closes: SourcedPoint[], highs: SourcedPoint[], asOf: IsoDate): ClaimCheck {
  const c = BTC_CLAIM;
  const dataEnds = closes.length ? closes[closes.length - 1]!.date : null;
  const fall = fallFromPeak(closes, highs, c.peakFrom, c.peakTo);
  // The peak: the intraday high where a source has highs (the claim's ~$126k is an intraday
  // figure), else the close.
  const main = fall.fromIntradayHigh ?? fall.closeToClose;
  if (!main) {
    return {
      status: INSUFFICIENT,
      statement: `no BTC prices for October 2025 (data ends ${dataEnds ?? 'nowhere'})`,
      peak: null,
      low: null,
      fall,
      dataEnds,
    };
  }
  const peak = { value: main.peak, date: main.peakDate, source: main.peakSource };
  const hasLow = main.troughDate > main.peakDate;
  const low = hasLow ? { value: main.trough, date: main.troughDate, source: main.troughSource } : null;
  // Figures spelled by the one formatter (core/format.ts): the ledger, CLI and dashboard show this sentence.
  const usd = (v: number) => formatValue(v, 'price');
  const fell = (v: number) => formatValue(v, 'fraction-change');
  const both = [
    fall.fromIntradayHigh &&
      `${fell(fall.fromIntradayHigh.depth)} from the intraday high ${usd(fall.fromIntradayHigh.peak)} (${fall.fromIntradayHigh.peakDate})`,
    fall.closeToClose &&
      `${fell(fall.closeToClose.depth)} close-to-close from ${usd(fall.closeToClose.peak)} (${fall.closeToClose.peakDate})`,
  ]
    .filter(Boolean)
    .join('; ');
  const base = `peak ${usd(main.peak)} on ${main.peakDate}${low ? `, lowest close after it ${usd(low.value)} on ${low.date}: ${both}` : ''}`;
  const out = (status: Verdict, why: string): ClaimCheck => ({
    status,
    statement: `${base}: ${why}`,
    peak,
    low,
    fall,
    dataEnds,
  });
  if (main.peak < c.peak * (1 - BTC_PEAK_TOLERANCE.value))
    return out(
      'refuted',
      `the October 2025 peak is more than ${BTC_PEAK_TOLERANCE.value * 100} % below $126k`,
    );
  const supportLow = c.low * (1 + BTC_LOW_BAND.value);
  if (low && low.value <= supportLow) return out('supported', `within ${BTC_LOW_BAND.value * 100} % of $60k`);
  if (dataEnds === null || daysBetween(dataEnds, asOf) > BTC_DATA_MAX_AGE.value)
    return out(INSUFFICIENT, `data ends ${dataEnds}, before ${asOf}, without a close near $60k`);
  if (low && low.value <= BTC_MIXED_LOW.value)
    return out(
      'mixed',
      `a large fall, but not to about $60k (≤ ${formatValue(supportLow, 'price', { digits: 0 })}) by ${asOf}`,
    );
  return out(
    'refuted',
    `no close at or below ${formatValue(BTC_MIXED_LOW.value, 'price', { digits: 0 })} by ${asOf}`,
  );
}

function annualisedVol(closes: Point[], days: number): number | null {
  const r = logReturns(closes.slice(-(days + 1))).map((p) => p.value);
  return r.length >= Math.min(days, 20) ? stdev(r) * Math.sqrt(CRYPTO_PERIODS) : null;
}

export function cryptoStress(input: CryptoStressInput): CryptoStress {
  const closes = input.closes;
  const lastP = closes[closes.length - 1];
  const dd = currentDrawdown(closes);
  const tag = (p: SourcedPoint | undefined, fallback: string) =>
    p ? { value: p.value, date: p.date, source: p.source ?? fallback } : null;
  let fundingAnnualised30d: number | null = null;
  const f = input.funding ?? [];
  const fLast = f[f.length - 1];
  if (fLast) {
    const from = new Date(Date.parse(`${fLast.date.slice(0, 10)}T00:00:00Z`) - 30 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const recent = f.filter((p) => p.date.slice(0, 10) > from).map((p) => p.value);
    // Per-8h rate × 3 settlements a day × 365 days (daily-mean files hold the same per-8h unit).
    fundingAnnualised30d = recent.length ? mean(recent) * 3 * 365 : null;
  }
  const oi = input.openInterest ?? [];
  const oiLast = oi[oi.length - 1];
  let oiChange: number | null = null;
  if (oiLast && oi.length > 1) {
    const from = new Date(Date.parse(`${oiLast.date.slice(0, 10)}T00:00:00Z`) - 30 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const base = between(oi, from)[0];
    if (base && base !== oiLast) oiChange = oiLast.value / base.value - 1;
  }
  return {
    asOf: input.asOf,
    last: tag(lastP, 'unknown'),
    drawdown: dd,
    currentDrawdown: dd && lastP ? lastP.value / dd.peak - 1 : null,
    realisedVol30: annualisedVol(closes, 30),
    realisedVol90: annualisedVol(closes, 90),
    fundingLatest: tag(fLast, 'funding'),
    fundingAnnualised30d,
    openInterestLatest: tag(oiLast, 'open interest'),
    openInterestChange30d: oiChange,
    claim: checkBtc126kTo60k(closes, input.highs ?? [], input.asOf),
  };
}
