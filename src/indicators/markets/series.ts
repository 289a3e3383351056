import { epochDay, fromEpochDay, type IsoDate, weekday } from '../../core/dates.js';
import { lastAtOrBefore } from '../../core/sorted.js';

/** A dated value; every function here takes and returns them ascending by date. */
export interface Point {
  date: IsoDate;
  value: number;
}

/** Simple returns between consecutive points, dated at the later point. */
export function simpleReturns(points: Point[]): Point[] {
  const out: Point[] = [];
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1]!.value;
    if (p !== 0) out.push({ date: points[i]!.date, value: points[i]!.value / p - 1 });
  }
  return out;
}

export function logReturns(points: Point[]): Point[] {
  const out: Point[] = [];
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1]!.value;
    const c = points[i]!.value;
    if (p > 0 && c > 0) out.push({ date: points[i]!.date, value: Math.log(c / p) });
  }
  return out;
}

/** Differences between consecutive points (for yields: percentage-point changes). */
export function differences(points: Point[]): Point[] {
  const out: Point[] = [];
  for (let i = 1; i < points.length; i++)
    out.push({ date: points[i]!.date, value: points[i]!.value - points[i - 1]!.value });
  return out;
}

/**
 * Sample a daily series once a week: the last value on or before each week's anchor day
 * (default Wednesday, the day WALCL and WTREGEN are dated). Nothing from after the anchor is
 * used, so a weekly figure never looks ahead.
 */
export function weeklyOn(points: Point[], anchorWeekday = 3): Point[] {
  if (points.length === 0) return [];
  const first = points[0]!.date;
  // Anchors stepped as epoch days, each written once (the duration ranking samples ~20 series).
  let anchorDay = epochDay(first) + ((anchorWeekday - weekday(first) + 7) % 7);
  let anchor = fromEpochDay(anchorDay);
  let weekBefore = fromEpochDay(anchorDay - 7);
  const last = points[points.length - 1]!.date;
  const out: Point[] = [];
  let i = 0;
  let latest: Point | undefined;
  while (anchor <= last) {
    while (i < points.length && points[i]!.date <= anchor) latest = points[i++];
    // Skip the week if the latest value is more than a week stale (a hole in the data).
    if (latest && latest.date > weekBefore) out.push({ date: anchor, value: latest.value });
    anchorDay += 7;
    weekBefore = anchor;
    anchor = fromEpochDay(anchorDay);
  }
  return out;
}

/** Values by date, for aligning many series against one factor without rebuilding its index. */
export function byDate(points: Point[]): ReadonlyMap<IsoDate, number> {
  return new Map(points.map((p) => [p.date, p.value]));
}

/** Pairs of values on dates present in both series. */
export function alignPairs(
  a: Point[],
  b: Point[] | ReadonlyMap<IsoDate, number>,
): { dates: IsoDate[]; x: Float64Array; y: Float64Array } {
  const bm = Array.isArray(b) ? byDate(b) : (b as ReadonlyMap<IsoDate, number>);
  const dates: IsoDate[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  for (const p of a) {
    const v = bm.get(p.date);
    if (v !== undefined && Number.isFinite(v) && Number.isFinite(p.value)) {
      dates.push(p.date);
      xs.push(p.value);
      ys.push(v);
    }
  }
  return { dates, x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

export function between(points: Point[], from?: IsoDate, to?: IsoDate): Point[] {
  return points.filter((p) => (from === undefined || p.date >= from) && (to === undefined || p.date <= to));
}

/** Last value on or before `date` (binary search), or undefined. */
export function valueAsOf(points: Point[], date: IsoDate): Point | undefined {
  return lastAtOrBefore(points, date, (p) => p.date);
}
