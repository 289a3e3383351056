/**
 * Binary searches over arrays sorted ascending (dates as ISO strings, or numbers). The one place
 * they are written: every "last value on or before a day" lookup goes through here.
 */

type Key = string | number;

const self = <T>(t: T) => t as unknown as Key;

/** Index of the first element whose key is > `bound` (= how many are ≤ `bound`). */
export function upperBound<T>(xs: readonly T[], bound: Key, key: (t: T) => Key = self): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(xs[mid]!) <= bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element whose key is ≥ `bound` (= how many are < `bound`). */
export function lowerBound<T>(xs: readonly T[], bound: Key, key: (t: T) => Key = self): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(xs[mid]!) < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last element whose key is ≤ `bound` (−1 when none). */
export function indexAtOrBefore<T>(xs: readonly T[], bound: Key, key: (t: T) => Key = self): number {
  return upperBound(xs, bound, key) - 1;
}

/** The last element whose key is ≤ `bound`, or undefined. */
export function lastAtOrBefore<T>(
  xs: readonly T[] | undefined,
  bound: Key,
  key: (t: T) => Key = self,
): T | undefined {
  if (!xs) return undefined;
  const i = indexAtOrBefore(xs, bound, key);
  return i < 0 ? undefined : xs[i];
}
