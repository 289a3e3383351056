import { addDays } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { MAX_AGE_DAYS } from '../../indicators/freshness.js';

/**
 * Weekly grid and point-in-time alignment. Every analytics engine here works on plain
 * Float64Arrays indexed by week (NaN = unknown), so the same code runs on store rows, CSV
 * files or synthetic data, and stays fast.
 */

/** A dated value and the first day it was public (its vintage). */
export interface DatedValue {
  date: string;
  value: number;
  /**
   * First day the value was public (the store's known_from). Optional in the type for plain
   * lists; the point-in-time alignment refuses a row without it (lags are not guessed here).
   */
  knownFrom?: string;
}

// The weekly grid lives with the other date helpers; re-exported for the analytics callers.
export { fridays } from '../../core/dates.js';

export interface AlignOptions {
  /** A value older than this (by observation date) at the week's end counts as unknown. */
  maxAgeDays?: number;
  /**
   * 'last': the newest observation known by the week's end (default).
   * 'max' / 'min': extreme of the observations that became known during the week
   * (knownFrom in (prev Friday, Friday]) — e.g. "did SOFR cross IORB on any day this week".
   */
  agg?: 'last' | 'max' | 'min';
}

/**
 * For each week end W: the value as a reader on W could have known it, i.e. only observations
 * with knownFrom ≤ W. Among those, the newest observation date wins, and for one date the
 * newest vintage wins. Revisions published later never leak backwards.
 */
export function alignPointInTime(
  weeks: readonly string[],
  obs: readonly DatedValue[],
  opts: AlignOptions = {},
): Float64Array {
  const maxAge = opts.maxAgeDays ?? Number.POSITIVE_INFINITY;
  const agg = opts.agg ?? 'last';
  const rows = obs
    .filter((o) => Number.isFinite(o.value))
    .map((o) => {
      // Publication days come from the store (sources/fred/publication.ts for files): no lag
      // table lives here, so a row without one is an error, not a guess.
      if (o.knownFrom === undefined)
        throw new TidewatchError(
          'bad-input',
          `observation ${o.date}=${o.value} has no knownFrom (publication day)`,
        );
      return { date: o.date, value: o.value, known: o.knownFrom };
    });
  for (const r of rows) {
    if (r.known < r.date) {
      throw new TidewatchError(
        'bad-input',
        `observation ${r.date}=${r.value}: knownFrom ${r.known} is before its date`,
      );
    }
  }
  rows.sort((a, b) => (a.known < b.known ? -1 : a.known > b.known ? 1 : 0));
  const out = new Float64Array(weeks.length).fill(Number.NaN);
  // Sweep weeks in order, admitting observations as they become known.
  let i = 0;
  let bestDate = '';
  let bestKnown = '';
  let bestValue = Number.NaN;
  for (let w = 0; w < weeks.length; w++) {
    const end = weeks[w]!;
    const start = agg === 'last' ? '' : addDays(end, -7);
    let acc = Number.NaN;
    while (i < rows.length && rows[i]!.known <= end) {
      const r = rows[i]!;
      if (r.date > bestDate || (r.date === bestDate && r.known >= bestKnown)) {
        bestDate = r.date;
        bestKnown = r.known;
        bestValue = r.value;
      }
      // 'max'/'min' look at what was published during this week (known in (prev end, end]),
      // so Friday's value published on Monday counts in the next week instead of being lost.
      if (
        agg !== 'last' &&
        r.known > start &&
        (Number.isNaN(acc) || (agg === 'max' ? r.value > acc : r.value < acc))
      )
        acc = r.value;
      i++;
    }
    if (agg === 'last') {
      if (bestDate !== '' && ageDays(bestDate, end) <= maxAge) out[w] = bestValue;
    } else out[w] = acc;
  }
  return out;
}

function ageDays(date: string, end: string): number {
  return (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000;
}

/**
 * Weekly closes from daily closes (sorted ascending by date): the last close on or before each
 * Friday, unknown when the last close is stale for a daily series (indicators/freshness.ts: a
 * series that has ended, or not begun, is not carried forward for ever).
 */
export function weeklyCloses(
  weeks: readonly string[],
  dates: readonly string[],
  closes: ArrayLike<number>,
  maxAgeDays = MAX_AGE_DAYS.daily,
): Float64Array {
  const out = new Float64Array(weeks.length).fill(Number.NaN);
  let j = -1;
  for (let w = 0; w < weeks.length; w++) {
    const end = weeks[w]!;
    while (j + 1 < dates.length && dates[j + 1]! <= end) j++;
    if (j >= 0 && Number.isFinite(closes[j]!) && ageDays(dates[j]!, end) <= maxAgeDays) out[w] = closes[j]!;
  }
  return out;
}
