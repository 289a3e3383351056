import type { IsoDate } from '../../core/dates.js';
import { currentDrawdown, type DrawdownEpisode } from './drawdown.js';
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
  status: 'supported' | 'refuted' | 'data missing';
  statement: string;
  peak: Sourced<number> | null;
  low: Sourced<number> | null;
  dataEnds: IsoDate | null;
}

export interface CryptoStress {
  asOf: IsoDate | null;
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
 * Thesis 6: "BTC fell from ~$126k (Oct 2025) to ~$60k". The peak must be an Oct-2025 high of at
 * least $120k (126k − 5 %); the fall counts when a later close or low is within 10 % of $60k
 * (≤ $66k). When the data ends before that, the answer is "data missing", never a guess; only
 * data running to mid-2026 without such a low refutes it.
 */
export const CLAIM_126K = {
  peakFrom: '2025-10-01',
  peakTo: '2025-10-31',
  peakMin: 120_000,
  target: 60_000,
  band: 0.1,
  refuteAfter: '2026-06-30',
};

export function checkBtc126kTo60k(closes: SourcedPoint[], highs: SourcedPoint[] = []): ClaimCheck {
  const c = CLAIM_126K;
  const all = [...highs, ...closes];
  const dataEnds = closes.length ? closes[closes.length - 1]!.date : null;
  let peak: SourcedPoint | null = null;
  for (const p of all)
    if (p.date >= c.peakFrom && p.date <= c.peakTo && (!peak || p.value > peak.value)) peak = p;
  const tag = (p: SourcedPoint) => ({ value: p.value, date: p.date, source: p.source ?? 'unknown' });
  if (!peak) {
    return {
      status: 'data missing',
      statement: `no BTC prices for October 2025 (data ends ${dataEnds ?? 'nowhere'})`,
      peak: null,
      low: null,
      dataEnds,
    };
  }
  if (peak.value < c.peakMin) {
    return {
      status: 'refuted',
      statement: `the October 2025 high was $${peak.value.toFixed(0)}, below $${c.peakMin}`,
      peak: tag(peak),
      low: null,
      dataEnds,
    };
  }
  // Lows from highs-capable sources are not in `highs`; closes are enough for "about $60k".
  let low: SourcedPoint | null = null;
  for (const p of closes) if (p.date > peak.date && (!low || p.value < low.value)) low = p;
  const limit = c.target * (1 + c.band);
  const fall = low ? low.value / peak.value - 1 : null;
  const base =
    `peak $${peak.value.toFixed(2)} on ${peak.date}` +
    (low
      ? `, lowest close after it $${low.value.toFixed(2)} on ${low.date} (${(fall! * 100).toFixed(1)}%)`
      : '');
  if (low && low.value <= limit) {
    return {
      status: 'supported',
      statement: `${base}: within 10 % of $60k`,
      peak: tag(peak),
      low: tag(low),
      dataEnds,
    };
  }
  const status = dataEnds !== null && dataEnds >= c.refuteAfter ? 'refuted' : 'data missing';
  return {
    status,
    statement:
      status === 'refuted'
        ? `${base}: never within 10 % of $60k through ${dataEnds}`
        : `${base}; data ends ${dataEnds}, before any close near $60k: data missing`,
    peak: tag(peak),
    low: low ? tag(low) : null,
    dataEnds,
  };
}

function annualisedVol(closes: Point[], days: number): number | null {
  const r = logReturns(closes.slice(-(days + 1))).map((p) => p.value);
  return r.length >= Math.min(days, 20) ? stdev(r) * Math.sqrt(CRYPTO_PERIODS) : null;
}

export function cryptoStress(input: CryptoStressInput): CryptoStress {
  const closes = input.closes;
  const lastP = closes[closes.length - 1];
  const asOf = lastP?.date ?? null;
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
    asOf,
    last: tag(lastP, 'unknown'),
    drawdown: dd,
    currentDrawdown: dd && lastP ? lastP.value / dd.peak - 1 : null,
    realisedVol30: annualisedVol(closes, 30),
    realisedVol90: annualisedVol(closes, 90),
    fundingLatest: tag(fLast, 'funding'),
    fundingAnnualised30d,
    openInterestLatest: tag(oiLast, 'open interest'),
    openInterestChange30d: oiChange,
    claim: checkBtc126kTo60k(closes, input.highs ?? []),
  };
}
