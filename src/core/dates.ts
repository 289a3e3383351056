import { TidewatchError } from './errors.js';

/** Calendar dates are ISO strings 'YYYY-MM-DD' throughout; they sort and compare as strings. */
export type IsoDate = string;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real calendar date written YYYY-MM-DD. Hot in parsers (every row of every file): read
 * character by character, with no Date, no regular-expression match and nothing allocated.
 */
export function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 7);
  const d = digitsAt(s, 8, 10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

/** The number written by the ASCII digits s[from..to), or -1 when one is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export function assertIsoDate(s: string, what = 'date'): IsoDate {
  if (!isIsoDate(s)) {
    throw new TidewatchError('bad-input', `${what} must be a calendar date YYYY-MM-DD, got '${s}'`);
  }
  return s;
}

export function toDate(d: IsoDate): Date {
  return new Date(`${d}T00:00:00Z`);
}

export function fromDate(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (hot paths: no Date parsing of the string). */
export function epochDay(d: IsoDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
}

const pad2 = (x: number) => (x < 10 ? `0${x}` : String(x));

/**
 * The ISO date of a day number. Days of years 1000–9999 by integer arithmetic (the civil-from-days
 * algorithm of the proleptic Gregorian calendar): building a Date and its ISO string for each was
 * most of the time of sampling weekly series; other years through Date, which also writes them.
 */
export function fromEpochDay(n: number): IsoDate {
  // -354285 = 1000-01-01, 2932896 = 9999-12-31.
  if (!Number.isInteger(n) || n < -354285 || n > 2932896)
    return new Date(n * 86_400_000).toISOString().slice(0, 10);
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return `${yoe + era * 400 + (month <= 2 ? 1 : 0)}-${pad2(month)}-${pad2(day)}`;
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromEpochDay(epochDay(d) + n);
}

export function addMonths(d: IsoDate, n: number): IsoDate {
  const x = toDate(d);
  const day = x.getUTCDate();
  x.setUTCDate(1);
  x.setUTCMonth(x.getUTCMonth() + n);
  const last = new Date(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + 1, 0)).getUTCDate();
  x.setUTCDate(Math.min(day, last));
  return fromDate(x);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: IsoDate): number {
  return (((epochDay(d) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);
}

export function today(): IsoDate {
  return fromDate(new Date());
}

/**
 * Every Friday from the first Friday ≥ `from` to the last Friday ≤ `to`: the one weekly grid
 * (weeks end on Friday) shared by net liquidity, the risk engine, the ledger and backtests.
 */
export function fridays(from: IsoDate, to: IsoDate): IsoDate[] {
  assertIsoDate(from, 'from');
  assertIsoDate(to, 'to');
  const out: IsoDate[] = [];
  for (let d = addDays(from, (5 - weekday(from) + 7) % 7); d <= to; d = addDays(d, 7)) out.push(d);
  return out;
}
