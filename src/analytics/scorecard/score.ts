import { addMonths, today } from '../../core/dates.js';
import { indexAtOrBefore } from '../../core/sorted.js';
import type { VintageIndex } from '../../indicators/point-in-time.js';
import {
  type DailyPrices,
  PREMIUM_METHOD,
  type PremiumEstimate,
  premiumFor,
} from '../thirteenf/premium.js';
import type { ShortClass, ShortEpisode } from './episodes.js';

export type { DailyPrices } from '../thirteenf/premium.js';

/**
 * Score each short episode against the underlying's daily closes: the move over 1/3/6/12
 * months after the reference date (period end, and filing date), the maximum adverse excursion
 * (largest rise above the entry within 12 months — what hurts a short), and an estimated put
 * outcome. Pure: prices (already cut to the as-of day) and rates are passed in.
 *
 * The put estimate is the one premium definition (thirteenf/premium.ts, PREMIUM_METHOD): at the
 * money on the reference date, realised volatility, DGS3MO as known then, horizons 3/6/12
 * months — the same figure `13f holdings` and the watchlist show for the same position.
 */

export const MOVE_MONTHS = [1, 3, 6, 12] as const;
export const PUT_TENORS = PREMIUM_METHOD.horizonsMonths;
/** The tenor whose outcome decides win/loss (the middle of the plausible range). */
export const VERDICT_TENOR = 6;
/**
 * A curated episode's reported outcome counts from its period end + VERDICT_TENOR months: the
 * horizon the scorecard judges it on. Before that day the outcome was not known.
 */
export const OUTCOME_HORIZON_MONTHS = VERDICT_TENOR;

export interface ScoreOptions {
  /** DGS3MO vintages public by the as-of day (the premium's rate); none → the stated fixed rate. */
  rates?: VintageIndex | null;
  /** The as-of day (default today): decides whether a reported outcome was known. */
  asOf?: string;
}

export interface PutEstimate {
  tenorMonths: number;
  /** Premium as a share of spot (ATM, the one premium definition). */
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
  /** The premium's volatility (NaN when none could be estimated). */
  realisedVol: number;
  /** The one premium estimate for this put at this reference date (null with a note when none). */
  premium: PremiumEstimate | null;
  premiumNote: string | null;
  puts: PutEstimate[];
}

export interface ScoredEpisode {
  /** The episode as known on the as-of day (a reported outcome not yet known is blanked). */
  episode: ShortEpisode;
  status: 'scored' | 'no-prices' | 'no-listed-underlying';
  priceSource: string | null;
  references: ReferenceScore[];
  /** true = the 6-month ATM put from the period end paid more than its premium. */
  win: boolean | null;
  verdictBasis: string;
  /** The curated reported outcome was known by the as-of day (its horizon had ended). */
  reportedOutcomeKnown: boolean;
}

/** A put's outcome: payoff ÷ premium − 1 (null when either is unknown or the premium is 0). */
export function putOutcome(payoffPct: number | null, premiumPct: number): number | null {
  return payoffPct === null || !(premiumPct > 0) ? null : payoffPct / premiumPct - 1;
}

/** Win/loss rule: the put won when it paid back more than its premium (outcome > 0). */
export function isWin(outcome: number | null): boolean | null {
  return outcome === null ? null : outcome > 0;
}

/** The reported outcome counts once its horizon (period end + OUTCOME_HORIZON_MONTHS) has ended by asOf. */
export function reportedOutcomeKnown(
  e: Pick<ShortEpisode, 'periodEnd' | 'reportedOutcome'>,
  asOf: string,
): boolean {
  return e.reportedOutcome !== '' && addMonths(e.periodEnd, OUTCOME_HORIZON_MONTHS) <= asOf;
}

export function scoreReference(
  prices: DailyPrices,
  reference: 'period_end' | 'filed',
  date: string,
  notional: number | null,
  opts: ScoreOptions & { symbol?: string } = {},
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
  const maeEnd = [addMonths(date, 12), last].sort()[0]!; // the 12-month window, or as far as the data goes
  let peak = entry;
  for (let i = i0 + 1; i < dates.length && dates[i]! <= maeEnd; i++) if (closes[i]! > peak) peak = closes[i]!;
  const symbol = opts.symbol ?? 'the underlying';
  const est = premiumFor(
    { prices: { [symbol]: prices }, rates: opts.rates ?? null },
    { symbol, putCall: 'Put', referenceDate: date, notionalUsd: notional },
  );
  const puts: PutEstimate[] = PUT_TENORS.map((tenor) => {
    const point = est.premium?.points.find((p) => p.months === tenor);
    const premiumPct = point?.ofNotional ?? Number.NaN;
    const c = closeAt(tenor);
    const payoffPct = c === null ? null : Math.max(1 - c / entry, 0);
    return {
      tenorMonths: tenor,
      premiumPct,
      premiumUsd: point?.premiumUsd ?? null,
      payoffPct,
      outcome: putOutcome(payoffPct, premiumPct),
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
    realisedVol: est.premium?.vol.value ?? Number.NaN,
    premium: est.premium,
    premiumNote: est.note,
    puts,
  };
}

export function scoreEpisode(
  episode: ShortEpisode,
  prices: DailyPrices | undefined,
  opts: ScoreOptions = {},
): ScoredEpisode {
  const known = reportedOutcomeKnown(episode, opts.asOf ?? today());
  const base = {
    // An outcome not yet known on the as-of day is not shown as if it were.
    episode: known ? episode : { ...episode, reportedOutcome: '' },
    reportedOutcomeKnown: known,
  };
  if (!episode.priceSymbol) {
    return {
      ...base,
      status: 'no-listed-underlying',
      priceSource: null,
      references: [],
      win: null,
      verdictBasis: 'reported outcome only',
    };
  }
  if (!prices || prices.dates.length === 0) {
    return {
      ...base,
      status: 'no-prices',
      priceSource: null,
      references: [],
      win: null,
      verdictBasis: `no prices stored for ${episode.priceSymbol}`,
    };
  }
  const refOpts = { ...opts, symbol: episode.priceSymbol };
  const refs: ReferenceScore[] = [];
  const a = scoreReference(prices, 'period_end', episode.periodEnd, episode.reportedNotionalUsd, refOpts);
  if (a) refs.push(a);
  if (episode.filedDate) {
    const b = scoreReference(prices, 'filed', episode.filedDate, episode.reportedNotionalUsd, refOpts);
    if (b) refs.push(b);
  }
  if (!a) {
    return {
      ...base,
      status: 'no-prices',
      priceSource: prices.source ?? null,
      references: refs,
      win: null,
      verdictBasis: `prices for ${episode.priceSymbol} start after ${episode.periodEnd}`,
    };
  }
  const verdict = a.puts.find((p) => p.tenorMonths === VERDICT_TENOR)!;
  return {
    ...base,
    status: 'scored',
    priceSource: prices.source ?? null,
    references: refs,
    win: isWin(verdict.outcome),
    verdictBasis:
      verdict.outcome !== null
        ? `${VERDICT_TENOR}-month ATM put from period end ${episode.periodEnd}`
        : verdict.payoffPct === null
          ? `pending: ${VERDICT_TENOR}-month window from ${episode.periodEnd} not in the data yet`
          : `no premium estimate at ${episode.periodEnd}: ${a.premiumNote ?? 'unknown'}`,
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
  /** Curated rows whose reported outcome is a win ('won…'), of those whose outcome was known by the as-of day. */
  reportedWins: number;
  reportedKnown: number;
}

/** The class split: macro against the pooled single-name/sector side, then each side alone. */
export const CLASS_GROUPS: ReadonlyArray<[ClassSummary['class'], (c: ShortClass) => boolean]> = [
  ['macro', (c) => c === 'macro'],
  ['single-name/sector', (c) => c !== 'macro'],
  ['single-name', (c) => c === 'single-name'],
  ['sector', (c) => c === 'sector'],
];

/** A reported outcome counts as a win when it says so ('won', 'won big'). */
export const REPORTED_WIN = /^won\b/i;

export function summariseByClass(scored: readonly ScoredEpisode[]): ClassSummary[] {
  return CLASS_GROUPS.map(([name, pick]) => {
    const rows = scored.filter((s) => pick(s.episode.class));
    const decided = rows.filter((s) => s.win !== null);
    const outcomes = decided.map(
      (s) => s.references[0]!.puts.find((p) => p.tenorMonths === VERDICT_TENOR)!.outcome!,
    );
    const moves = rows
      .map((s) => s.references[0]?.moves['6'])
      .filter((m): m is number => typeof m === 'number');
    // Only outcomes known by the as-of day count (scoreEpisode decides and blanks the rest).
    const reported = rows.filter((s) => s.reportedOutcomeKnown && s.episode.reportedOutcome !== '');
    const wins = decided.filter((s) => s.win).length;
    return {
      class: name,
      episodes: rows.length,
      scored: decided.length,
      wins,
      winRate: decided.length ? wins / decided.length : null,
      meanPutOutcome: outcomes.length ? outcomes.reduce((a, b) => a + b, 0) / outcomes.length : null,
      meanMove6m: moves.length ? moves.reduce((a, b) => a + b, 0) / moves.length : null,
      reportedWins: reported.filter((s) => REPORTED_WIN.test(s.episode.reportedOutcome)).length,
      reportedKnown: reported.length,
    };
  });
}
