/**
 * Vectorised operations over Float64Arrays (NaN = unknown). Each output element i depends only
 * on inputs at indexes ≤ i: no operation here can look into the future. Rolling windows are
 * O(n) (running sums / monotone deques), which is what makes 10,000-set sweeps cheap.
 */

export type Vec = Float64Array;

/** What a rolling operation does as its n-wide window slides over a vector. */
interface WindowSteps {
  /** A finite value comes into the window. */
  add(v: number): void;
  /** A finite value leaves it (after the new one came in). */
  drop(v: number): void;
  /** The window now ends at i and holds `count` finite values. */
  at(i: number, count: number): void;
}

/** Slides an n-wide window over x once (O(length)), NaNs neither entering nor leaving it. */
function slide(x: Vec, n: number, steps: WindowSteps): void {
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isFinite(v)) {
      steps.add(v);
      count++;
    }
    if (i >= n) {
      const old = x[i - n]!;
      if (Number.isFinite(old)) {
        steps.drop(old);
        count--;
      }
    }
    steps.at(i, count);
  }
}

/** Simple moving average over `n` values; NaN until n finite values in the window. */
export function sma(x: Vec, n: number): Vec {
  const out = new Float64Array(x.length).fill(Number.NaN);
  if (n < 1) return out;
  let sum = 0;
  slide(x, n, {
    add: (v) => {
      sum += v;
    },
    drop: (v) => {
      sum -= v;
    },
    at: (i, count) => {
      if (count !== n) return;
      // A running sum drifts by rounding (SMA(1) would differ from x in the last bit and flip
      // an `x > sma` rule); re-add the window exactly once per window length: O(1) amortised.
      if (i % n === 0) {
        sum = 0;
        for (let j = i - n + 1; j <= i; j++) sum += x[j]!;
      }
      out[i] = sum / n;
    },
  });
  return out;
}

/** Rolling z-score of x over `n` values: (x − mean) / sd. */
export function zscore(x: Vec, n: number): Vec {
  const out = new Float64Array(x.length).fill(Number.NaN);
  let s = 0;
  let s2 = 0;
  slide(x, n, {
    add: (v) => {
      s += v;
      s2 += v * v;
    },
    drop: (v) => {
      s -= v;
      s2 -= v * v;
    },
    at: (i, count) => {
      const v = x[i]!;
      if (count !== n || n <= 1 || !Number.isFinite(v)) return;
      const mean = s / n;
      const variance = Math.max(0, (s2 - n * mean * mean) / (n - 1));
      out[i] = variance > 0 ? (v - mean) / Math.sqrt(variance) : 0;
    },
  });
  return out;
}

/** Fractional change over k steps: x[i] / x[i−k] − 1. */
export function pctChange(x: Vec, k: number): Vec {
  const out = new Float64Array(x.length).fill(Number.NaN);
  for (let i = k; i < x.length; i++) {
    const a = x[i - k]!;
    if (a !== 0) out[i] = x[i]! / a - 1;
  }
  return out;
}

/** Difference over k steps: x[i] − x[i−k]. */
export function diff(x: Vec, k: number): Vec {
  const out = new Float64Array(x.length).fill(Number.NaN);
  for (let i = k; i < x.length; i++) out[i] = x[i]! - x[i - k]!;
  return out;
}

/** Rolling maximum over the last n values (NaNs skipped), monotone deque: O(n). */
export function rollingMax(x: Vec, n: number): Vec {
  const out = new Float64Array(x.length).fill(Number.NaN);
  const dq = new Int32Array(x.length);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < x.length; i++) {
    while (head < tail && dq[head]! <= i - n) head++;
    const v = x[i]!;
    if (Number.isFinite(v)) {
      while (head < tail && x[dq[tail - 1]!]! <= v) tail--;
      dq[tail++] = i;
    }
    if (head < tail) out[i] = x[dq[head]!]!;
  }
  return out;
}

/** Drawdown from the rolling n-step high: x / max(x over n) − 1 (≤ 0). */
export function drawdownFromHigh(x: Vec, n: number): Vec {
  const hi = rollingMax(x, n);
  const out = new Float64Array(x.length).fill(Number.NaN);
  for (let i = 0; i < x.length; i++) {
    const h = hi[i]!;
    if (h > 0 && Number.isFinite(x[i]!)) out[i] = x[i]! / h - 1;
  }
  return out;
}

/** Simple returns r[i] = p[i]/p[i−1] − 1 (r[0] = NaN). */
export function returns(p: Vec): Vec {
  return pctChange(p, 1);
}
