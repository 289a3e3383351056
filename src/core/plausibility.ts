import { addDays, isIsoDate } from './dates.js';
import { TidewatchError } from './errors.js';

/**
 * What values a quantity can take, so that bad input is refused before it is written. Each
 * source states the rule of each of its series next to its catalog (FRED catalog ranges, the
 * DTS/NY Fed/crypto series lists, price bars); this module is the one place that applies them,
 * on every import and update path:
 * - a value must be a finite number (no inf/NaN), of the quantity's sign, inside its range;
 * - a date must be a real date inside the series' span (not year 1, not years ahead);
 * - a stored value replaced by one orders of magnitude away is refused (levels only: a Fed
 *   balance sheet does not move ×1000 in a revision; a rate near zero may move ×10).
 */
export interface Plausible {
  /** Sign the quantity can take: balances and prices are positive, take-up can be zero. */
  sign: 'positive' | 'non-negative' | 'any';
  /** Bounds in the stored (canonical) unit. */
  min?: number;
  max?: number;
  /** Earliest date the series can have (YYYY-MM-DD). */
  since: string;
  /** How far past today a date may lie (announced auctions); default 7 days. */
  futureDays?: number;
  /**
   * A revision moving a stored value by this factor or more (either way) is refused. Only for
   * positive levels; a uniform change of unit is decided before (FRED decideUnit).
   */
  maxRevision?: number;
}

/** A series about which nothing is known beyond "a number on a date". */
export const ANY_VALUE: Plausible = { sign: 'any', since: '1600-01-01' };

/** A positive level (balance, stock, price): no zero, no sign flip, no ×10 revision. */
export function positiveLevel(since: string, min?: number, max?: number): Plausible {
  return {
    sign: 'positive',
    since,
    maxRevision: 10,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}

export interface CheckedValue {
  date: string;
  value: number;
  /** Where the value came from inside the origin, for the message: 'line 986', 'data[3]'. */
  where?: string;
}

const DEFAULT_FUTURE_DAYS = 7;

function wallClockToday(): string {
  return new Date().toISOString().slice(0, 10);
}

function refuse(origin: string, v: CheckedValue, what: string, why: string): TidewatchError {
  return new TidewatchError(
    'bad-input',
    `${origin}: ${v.where ? `${v.where}: ` : ''}${what} ${v.date} value ${v.value} ${why}; nothing of this input was written`,
    {
      hint: 'fix or remove the row (or the file) and import again',
    },
  );
}

/** The last date a value under `rule` may carry. */
const latestDate = (rule: Plausible, today: string) => addDays(today, rule.futureDays ?? DEFAULT_FUTURE_DAYS);

/** Why `v` is implausible under `rule`, or null. `latest` defaults to today + futureDays. */
export function implausibility(
  rule: Plausible,
  v: CheckedValue,
  today = wallClockToday(),
  latest = latestDate(rule, today),
): string | null {
  if (!isIsoDate(v.date)) return `has a date that is not a calendar date`;
  if (v.date < rule.since) return `is dated before ${rule.since}, the earliest date this series can have`;
  if (v.date > latest) return `is dated after ${latest} (today ${today})`;
  if (typeof v.value !== 'number' || !Number.isFinite(v.value)) return 'is not a finite number';
  if (rule.sign === 'positive' && v.value <= 0) return 'is not positive, which this quantity always is';
  if (rule.sign === 'non-negative' && v.value < 0) return 'is negative, which this quantity never is';
  if (rule.min !== undefined && v.value < rule.min) return `is below the plausible minimum ${rule.min}`;
  if (rule.max !== undefined && v.value > rule.max) return `is above the plausible maximum ${rule.max}`;
  return null;
}

/** Throw on the first implausible value (file/line/value in the message). */
export function assertPlausible(
  origin: string,
  what: string,
  rule: Plausible,
  values: Iterable<CheckedValue>,
  today = wallClockToday(),
): void {
  const latest = latestDate(rule, today);
  for (const v of values) {
    const why = implausibility(rule, v, today, latest);
    if (why) throw refuse(origin, v, what, why);
  }
}

/** Throw when a stored value would be revised by an order of magnitude or more. */
export function assertPlausibleRevision(
  origin: string,
  what: string,
  rule: Plausible,
  stored: number,
  incoming: CheckedValue,
): void {
  if (!rule.maxRevision || stored <= 0 || incoming.value <= 0) return;
  const ratio = Math.max(stored / incoming.value, incoming.value / stored);
  if (ratio >= rule.maxRevision) {
    throw refuse(
      origin,
      incoming,
      what,
      `would replace the stored ${stored} (×${(incoming.value / stored).toPrecision(3)}); a revision of ${rule.maxRevision}× or more is not a revision but a broken input`,
    );
  }
}
