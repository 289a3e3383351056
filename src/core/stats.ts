/**
 * Median of a list of numbers (the mean of the middle two for an even count); NaN when empty.
 * The middle found by selection on a Float64Array copy, not a full sort: merging the price
 * sources of the duration ranking takes two medians over thousands of days per source.
 */
export function median(xs: ArrayLike<number>): number {
  if (xs.length === 0) return Number.NaN;
  const s = Float64Array.from(xs);
  const m = s.length >> 1;
  const upper = select(s, m);
  if (s.length % 2) return upper;
  // Everything left of m is ≤ s[m] after the selection: the lower middle is their maximum.
  let lower = s[0]!;
  for (let i = 1; i < m; i++) if (s[i]! > lower) lower = s[i]!;
  return (lower + upper) / 2;
}

/** Hoare's selection: reorders `a` so that a[k] is the k-th smallest, smaller ones left of it. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}
