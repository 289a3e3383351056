import { addMonths } from '../../core/dates.js';
import { bsPrice, realisedVol } from '../thirteenf/black-scholes.js';
import type { ShortClass, ShortEpisode } from './episodes.js';

/**
 * Score each short episode against the underlying's daily closes: the move over 1/3/6/12
 * months after the reference date (period end, and filing date), the maximum adverse excursion
 * (largest rise above the entry within 12 months — what hurts a short), and an estimated put
 * outcome. Pure: prices are passed in.
 *
 * The put estimate turns a 13F put row (which reports the underlying's notional, not the
 * premium) into a premium and outcome. Assumptions, stated wherever shown: strike = spot on the
 * reference date (at the money), volatility = realised volatility of the 63 trading days before
 * it, a flat risk-free rate, expiry unknown → a range of tenors. Black–Scholes itself is shared
 * with the 13F premium estimate (thirteenf/black-scholes.ts).
 */

export interface DailyPrices {
  dates: readonly string[];
  closes: ArrayLike<number>;
  /** Where the closes came from (shown next to the figures). */
  source?: string;
}

export const MOVE_MONTHS = [1, 3, 6, 12] as const;
export const PUT_TENORS = [3, 6, 12] as const;
/** The tenor whose outcome decides win/loss (the middle of the plausible range). */
export const VERDICT_TENOR = 6;

export interface ScoreOptions {
  /** Annual risk-free rate for the premium estimate (fraction). */
  riskFree?: number;
  volWindowDays?: number;
}

export interface PutEstimate {
  tenorMonths: number;
  /** Premium as a share of spot (ATM, BS with realised vol). */
  premiumPct: number;
  /** Premium in US$ for the reported notional, when there is one. */
  premiumUsd: number | null;
  /** Payoff at expiry as a share of spot; null when expiry is beyond the data. */
  payoffPct: number | null;
  /** payoff / premium − 1: −1 = premium lost, > 0 = profit. */
  outcome: number | null;
}

export interface ReferenceScore {
  reference: 'period_end' | 'filed';
  date: string;
  entryDate: string;
  entryPrice: number;
  /** Underlying move (fraction) per horizon in months; null when the data stops earlier. */
  moves: Record<string, number | null>;
  /** Largest rise above entry within 12 months (or what data exists), ≥ 0. */
  maxAdverseExcursion: number;
  maeWindowEnd: string;
  realisedVol: number;
  puts: PutEstimate[];
}

export interface ScoredEpisode {
  episode: ShortEpisode;
  status: 'scored' | 'no-prices' | 'no-listed-underlying';
  priceSource: string | null;
  references: ReferenceScore[];
  /** true = the 6-month ATM put from the period end paid more than its premium. */
  win: boolean | null;
  verdictBasis: string;
}

/**
 * Realised volatility of the `window` daily returns ending at close index `end`; NaN when the
 * history is too short (NaN carries through the premium, so the put outcome reads as null).
 */
function volEndingAt(closes: ArrayLike<number>, end: number, window: number): number {
  if (end - window < 0) return Number.NaN;
  const slice: number[] = Array.prototype.slice.call(closes, end - window, end + 1);
  return realisedVol(slice, window) ?? Number.NaN;
}

/** Index of the last date ≤ d (−1 if none). */
function indexAtOrBefore(dates: readonly string[], d: string): number {
  let lo = 0;
  let hi = dates.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid]! <= d) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

export function scoreReference(
  prices: DailyPrices,
  reference: 'period_end' | 'filed',
  date: string,
  notional: number | null,
  opts: ScoreOptions = {},
): ReferenceScore | null {
  const { dates, closes } = prices;
  const i0 = indexAtOrBefore(dates, date);
  if (i0 < 0) return null;
  const entry = closes[i0]!;
  const last = dates[dates.length - 1]!;
  // A horizon counts only when the data reaches it (no partial windows dressed as complete).
  const closeAt = (months: number): number | null => {
    const target = addMonths(date, months);
    if (target > last) return null;
    return closes[indexAtOrBefore(dates, target)]!;
  };
  const moves: Record<string, number | null> = {};
  for (const m of MOVE_MONTHS) {
    const c = closeAt(m);
    moves[String(m)] = c === null ? null : c / entry - 1;
  }
  const maeEnd = addMonths(date, 12) < last ? addMonths(date, 12) : last;
  let peak = entry;
  for (let i = i0 + 1; i < dates.length && dates[i]! <= maeEnd; i++) if (closes[i]! > peak) peak = closes[i]!;
  const r = opts.riskFree ?? 0.03;
  const vol = volEndingAt(closes, i0, opts.volWindowDays ?? 63);
  const puts: PutEstimate[] = PUT_TENORS.map((tenor) => {
    const premiumPct = bsPrice('Put', { spot: 1, strike: 1, years: tenor / 12, rate: r, vol });
    const c = closeAt(tenor);
    const payoffPct = c === null ? null : Math.max(1 - c / entry, 0);
    return {
      tenorMonths: tenor,
      premiumPct,
      premiumUsd: notional === null ? null : notional * premiumPct,
      payoffPct,
      outcome: payoffPct === null || !(premiumPct > 0) ? null : payoffPct / premiumPct - 1,
    };
  });
  return {
    reference,
    date,
    entryDate: dates[i0]!,
    entryPrice: entry,
    moves,
    maxAdverseExcursion: peak / entry - 1,
    maeWindowEnd: maeEnd,
    realisedVol: vol,
    puts,
  };
}

export function scoreEpisode(
  episode: ShortEpisode,
  prices: DailyPrices | undefined,
  opts: ScoreOptions = {},
): ScoredEpisode {
  if (!episode.priceSymbol) {
    return {
      episode,
      status: 'no-listed-underlying',
      priceSource: null,
      references: [],
      win: null,
      verdictBasis: 'reported outcome only',
    };
  }
  if (!prices || prices.dates.length === 0) {
    return {
      episode,
      status: 'no-prices',
      priceSource: null,
      references: [],
      win: null,
      verdictBasis: `no prices stored for ${episode.priceSymbol}`,
    };
  }
  const refs: ReferenceScore[] = [];
  const a = scoreReference(prices, 'period_end', episode.periodEnd, episode.reportedNotionalUsd, opts);
  if (a) refs.push(a);
  if (episode.filedDate) {
    const b = scoreReference(prices, 'filed', episode.filedDate, episode.reportedNotionalUsd, opts);
    if (b) refs.push(b);
  }
  if (!a) {
    return {
      episode,
      status: 'no-prices',
      priceSource: prices.source ?? null,
      references: refs,
      win: null,
      verdictBasis: `prices for ${episode.priceSymbol} start after ${episode.periodEnd}`,
    };
  }
  const verdict = a.puts.find((p) => p.tenorMonths === VERDICT_TENOR)!;
  return {
    episode,
    status: 'scored',
    priceSource: prices.source ?? null,
    references: refs,
    win: verdict.outcome === null ? null : verdict.outcome > 0,
    verdictBasis:
      verdict.outcome === null
        ? `pending: ${VERDICT_TENOR}-month window from ${episode.periodEnd} not in the data yet`
        : `${VERDICT_TENOR}-month ATM put from period end ${episode.periodEnd}`,
  };
}

export interface ClassSummary {
  class: 'macro' | 'single-name/sector' | ShortClass;
  episodes: number;
  scored: number;
  wins: number;
  winRate: number | null;
  /** Mean of the 6-month put outcome (payoff/premium − 1). */
  meanPutOutcome: number | null;
  /** Mean underlying move over 6 months from period end. */
  meanMove6m: number | null;
  /** Curated rows whose reported outcome is a win ('won…'), of those with a reported outcome. */
  reportedWins: number;
  reportedKnown: number;
}

export function summariseByClass(scored: readonly ScoredEpisode[]): ClassSummary[] {
  const groups: Array<[ClassSummary['class'], (c: ShortClass) => boolean]> = [
    ['macro', (c) => c === 'macro'],
    ['single-name/sector', (c) => c !== 'macro'],
    ['single-name', (c) => c === 'single-name'],
    ['sector', (c) => c === 'sector'],
  ];
  return groups.map(([name, pick]) => {
    const rows = scored.filter((s) => pick(s.episode.class));
    const decided = rows.filter((s) => s.win !== null);
    const outcomes = decided.map(
      (s) => s.references[0]!.puts.find((p) => p.tenorMonths === VERDICT_TENOR)!.outcome!,
    );
    const moves = rows
      .map((s) => s.references[0]?.moves['6'])
      .filter((m): m is number => typeof m === 'number');
    const reported = rows.filter((s) => s.episode.reportedOutcome !== '');
    return {
      class: name,
      episodes: rows.length,
      scored: decided.length,
      wins: decided.filter((s) => s.win).length,
      winRate: decided.length ? decided.filter((s) => s.win).length / decided.length : null,
      meanPutOutcome: outcomes.length ? outcomes.reduce((a, b) => a + b, 0) / outcomes.length : null,
      meanMove6m: moves.length ? moves.reduce((a, b) => a + b, 0) / moves.length : null,
      reportedWins: reported.filter((s) => /^won/i.test(s.episode.reportedOutcome)).length,
      reportedKnown: reported.length,
    };
  });
}
