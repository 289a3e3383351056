import { TidewatchError } from './errors.js';

/** Calendar dates are ISO strings 'YYYY-MM-DD' throughout; they sort and compare as strings. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
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

export function addDays(d: IsoDate, n: number): IsoDate {
  const x = toDate(d);
  x.setUTCDate(x.getUTCDate() + n);
  return fromDate(x);
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
  return toDate(d).getUTCDay();
}

export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);
}

export function today(): IsoDate {
  return fromDate(new Date());
}
