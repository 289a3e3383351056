/**
 * Median of a list of numbers (the mean of the middle two for an even count); NaN when empty.
 * Sorted as a Float64Array (numeric order natively, no comparator call per pair): merging the
 * price sources of the duration ranking takes two medians over thousands of days per source.
 */
export function median(xs: ArrayLike<number>): number {
  if (xs.length === 0) return Number.NaN;
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
