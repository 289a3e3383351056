import { daysBetween } from '../../core/dates.js';
import { lastAtOrBefore } from '../../core/sorted.js';
import { thresholds } from '../../core/verdict.js';
import type { DatedValue } from '../regime/weekly.js';
import type { Evidence, Threshold } from './types.js';

/**
 * Evidence builders and the freshness rule every check applies to its inputs: a value is read
 * only from inside the window the check claims, and an input whose newest observation is older
 * than its cadence allows at the window's end makes the check "insufficient data" (the data
 * stopped; the window is not covered).
 */

/**
 * DAILY_MAX_AGE: business-day series (SOFR, ON RRP, DGS10, HY OAS, closes), where holidays leave
 * ≤ 4–5 days without a print. WEEKLY_MAX_AGE: weekly series (WALCL, WTREGEN, WRESBAL), three
 * missed releases.
 */
// biome-ignore format: a table, one threshold a line (NAME: [value, unit, why])
export const { DAILY_MAX_AGE, WEEKLY_MAX_AGE } = thresholds({
  DAILY_MAX_AGE: [10, 'days', 'a daily series has at most 4–5 calendar days without a print (long weekends); 10 days means it stopped'],
  WEEKLY_MAX_AGE: [21, 'days', 'a weekly release missed three times in a row means the series stopped, not a holiday'],
});

type EvidenceFields = Omit<Evidence, 'basis'>;

export function measured(e: EvidenceFields): Evidence {
  return { ...e, basis: 'measured' };
}

export function curated(e: EvidenceFields): Evidence {
  return { ...e, basis: 'curated' };
}

/** The newest observation dated ≤ `date`. */
export function valueOnOrBefore(
  obs: readonly DatedValue[] | undefined,
  date: string,
): DatedValue | undefined {
  return lastAtOrBefore(obs, date, (o) => o.date);
}

export type Fresh<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * The observation in force on `date` when it is at most `maxAge` days old; otherwise why not
 * (no observation yet, or the series stopped `n` days before the date).
 */
export function freshAt(
  obs: readonly DatedValue[] | undefined,
  date: string,
  maxAge: Threshold,
  name: string,
): Fresh<DatedValue> {
  const o = valueOnOrBefore(obs, date);
  if (!o) return { ok: false, reason: `no ${name} observation on or before ${date}` };
  const age = daysBetween(o.date, date);
  if (age > maxAge.value)
    return {
      ok: false,
      reason: `${name} ends ${o.date}, ${age} days before ${date} (more than ${maxAge.value} days: stale)`,
    };
  return { ok: true, value: o };
}

/** Sorted unique dates (for `inputDates`). */
export function dates(...ds: Array<string | undefined>): string[] {
  return [...new Set(ds.filter((d): d is string => !!d))].sort();
}
