import { addDays } from '../../core/dates.js';
import { upperBound as upperBoundBy } from '../../core/sorted.js';

/** One observation in canonical units (US$ for money, percent for rates). Ascending by date. */
export interface Obs {
  date: string;
  value: number;
}

/** An input observation with the first day it was public (the store's known_from). */
export interface KnownObs extends Obs {
  knownFrom: string;
}

/**
 * Only what was public by `asOf` (knownFrom ≤ asOf); `asOf` undefined = everything. The
 * publication day is the stored `known_from` (sources/fred/publication.ts for FRED files):
 * plumbing keeps no lag table of its own.
 */
export function knownBy(obs: KnownObs[], asOf: string | undefined): KnownObs[] {
  if (asOf === undefined) return obs;
  return obs.every((o) => o.knownFrom <= asOf) ? obs : obs.filter((o) => o.knownFrom <= asOf);
}

/** Index of the first observation with date > d (binary search on ascending dates). */
export function upperBound(obs: Obs[], d: string): number {
  return upperBoundBy(obs, d, (o) => o.date);
}

/** Last observation on or before `d` (carry forward), or undefined. */
export function valueAt(obs: Obs[], d: string): Obs | undefined {
  const i = upperBound(obs, d);
  return i > 0 ? obs[i - 1] : undefined;
}

/** Last value minus the value in force `days` calendar days earlier. */
export function changeOver(obs: Obs[], days: number): number | null {
  const last = obs.at(-1);
  if (!last) return null;
  const prev = valueAt(obs, addDays(last.date, -days));
  return prev ? last.value - prev.value : null;
}

/** Share of history strictly below `v`, plus half the ties (0..100). */
export function percentileRank(history: ArrayLike<number>, v: number): number | null {
  let below = 0;
  let equal = 0;
  let n = 0;
  for (let i = 0; i < history.length; i++) {
    const x = history[i]!;
    if (!Number.isFinite(x)) continue;
    n++;
    if (x < v) below++;
    else if (x === v) equal++;
  }
  return n === 0 ? null : (100 * (below + equal / 2)) / n;
}

/** On each date of `a`: (a − b in force that day) × scale; dates before b starts are skipped. */
export function spreadOn(a: Obs[], b: Obs[], scale = 1): Obs[] {
  const out: Obs[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]!.date <= x.date) j++;
    const bv = j > 0 ? b[j - 1] : undefined;
    if (bv) out.push({ date: x.date, value: (x.value - bv.value) * scale });
  }
  return out;
}

export const monthOf = (d: string): string => d.slice(0, 7);
