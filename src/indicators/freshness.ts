import { epochDay } from '../core/dates.js';
import { catalogEntry } from '../sources/fred/catalog.js';

/**
 * When is a value too old to be shown as current? ONE rule, by the cadence of its series, used
 * by net liquidity, plumbing, the risk inputs and /api/freshness. The age is counted from the
 * observation's date to the as-of day. Each limit is above the largest age an on-time series of
 * that cadence reaches (one period + its publication lag), so a value is stale only when
 * releases are missing, never merely because the next one is not due yet.
 */
export type Cadence = 'daily' | 'weekly' | 'monthly' | 'quarterly';

export const MAX_AGE_DAYS: Record<Cadence, number> = {
  // Published the next business day: at most 4-5 days old around a long weekend; 10 lets the
  // year-end holidays pass and still catches a week of missing prints.
  daily: 10,
  // On time at most 7 + lag days old (H.4.1 Thursday: 8; NFCI the next Wednesday: 12); over two
  // weeks old means a release is missing.
  weekly: 14,
  // Dated the 1st, published up to ~2 months later (PCE, sentiment: end of the next month),
  // then current for a month: ≤ 91.
  monthly: 100,
  // A quarter + the slowest filing deadline (10-K: 90 days).
  quarterly: 190,
};

/** The cadence of a stored `series.frequency` ('daily-7' = seven days a week is still daily). */
export function cadenceOfFrequency(frequency: string | null | undefined): Cadence | undefined {
  switch (frequency) {
    case 'daily':
    case 'daily-7':
    case 'business-daily':
      return 'daily';
    case 'weekly':
      return 'weekly';
    case 'monthly':
      return 'monthly';
    case 'quarterly':
      return 'quarterly';
    default:
      return undefined;
  }
}

/**
 * The cadence of a series id: FRED ids from the catalog; the Daily Treasury Statement,
 * Fiscal Data, NY Fed and crypto series are daily. Unknown ids: undefined (the caller decides).
 */
export function cadenceOfSeries(id: string): Cadence | undefined {
  const fred = catalogEntry(id);
  if (fred) return cadenceOfFrequency(fred.frequency);
  if (/^(DTS|FISCAL|NYFED|CRYPTO):/i.test(id)) return 'daily';
  return undefined;
}

export interface Freshness {
  /** Observation date of the value shown. */
  date: string;
  ageDays: number;
  maxAgeDays: number;
  stale: boolean;
}

/** Is a value observed on `date` too old on `asOf` for its cadence? */
export function freshness(date: string, asOf: string, cadence: Cadence): Freshness {
  const ageDays = epochDay(asOf) - epochDay(date);
  const maxAgeDays = MAX_AGE_DAYS[cadence];
  return { date, ageDays, maxAgeDays, stale: ageDays > maxAgeDays };
}

export function isStale(date: string, asOf: string, cadence: Cadence): boolean {
  return freshness(date, asOf, cadence).stale;
}

export interface SeriesFreshness {
  id: string;
  source: string;
  frequency: string;
  cadence: Cadence | null;
  /** Newest observation public by asOf (null: nothing public yet). */
  lastDate: string | null;
  lastKnownFrom: string | null;
  ageDays: number | null;
  maxAgeDays: number | null;
  /** True when the newest public value is too old for the cadence (or nothing is public). */
  stale: boolean;
}
