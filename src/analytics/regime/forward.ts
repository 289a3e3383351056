import { median } from '../../core/stats.js';
/**
 * What happened next, per risk level: forward return and maximum drawdown of an asset over
 * 1/3/6/12 months after each week at that level. This is evaluation, not a decision, so it
 * deliberately reads future prices; the levels themselves are point-in-time.
 *
 * Weekly steps: 1 month = 4 weeks, 3 = 13, 6 = 26, 12 = 52.
 */

export const HORIZONS = [
  { months: 1, weeks: 4 },
  { months: 3, weeks: 13 },
  { months: 6, weeks: 26 },
  { months: 12, weeks: 52 },
] as const;

export interface ForwardOutcome {
  /** p[i+h] / p[i] − 1; NaN when either price is unknown. */
  ret: Float64Array;
  /** Largest peak-to-trough fall inside [i, i+h] (≤ 0); NaN when the window is incomplete. */
  maxDrawdown: Float64Array;
}

export function forwardOutcome(prices: Float64Array, h: number): ForwardOutcome {
  const n = prices.length;
  const ret = new Float64Array(n).fill(Number.NaN);
  const maxDrawdown = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i + h < n; i++) {
    const p0 = prices[i]!;
    const p1 = prices[i + h]!;
    if (!(p0 > 0) || !(p1 > 0)) continue;
    ret[i] = p1 / p0 - 1;
    let peak = p0;
    let worst = 0;
    let complete = true;
    for (let j = i + 1; j <= i + h; j++) {
      const p = prices[j]!;
      if (!(p > 0)) {
        complete = false;
        break;
      }
      if (p > peak) peak = p;
      else if (p / peak - 1 < worst) worst = p / peak - 1;
    }
    if (complete) maxDrawdown[i] = worst;
  }
  return { ret, maxDrawdown };
}

export interface LevelHorizonStats {
  level: number;
  months: number;
  /** Weeks at this level with a complete forward window. */
  n: number;
  /** Distinct runs of this level among those weeks (overlapping windows are not independent). */
  episodes: number;
  meanReturn: number;
  medianReturn: number;
  shareNegative: number;
  worstReturn: number;
  meanMaxDrawdown: number;
  medianMaxDrawdown: number;
  worstMaxDrawdown: number;
}

/** Forward statistics per level (−1..3) and horizon for one asset's weekly prices. */
export function forwardStatsByLevel(levels: Int8Array, prices: Float64Array): LevelHorizonStats[] {
  const out: LevelHorizonStats[] = [];
  const outcomes = HORIZONS.map((h) => forwardOutcome(prices, h.weeks));
  for (let level = -1; level <= 3; level++) {
    HORIZONS.forEach((h, k) => {
      const { ret, maxDrawdown } = outcomes[k]!;
      const rs: number[] = [];
      const dds: number[] = [];
      let episodes = 0;
      let prevIn = false;
      for (let i = 0; i < levels.length; i++) {
        const inLevel = levels[i] === level;
        if (inLevel && !prevIn && Number.isFinite(ret[i]!)) episodes++;
        prevIn = inLevel;
        if (!inLevel || !Number.isFinite(ret[i]!) || !Number.isFinite(maxDrawdown[i]!)) continue;
        rs.push(ret[i]!);
        dds.push(maxDrawdown[i]!);
      }
      if (rs.length === 0) return;
      out.push({
        level,
        months: h.months,
        n: rs.length,
        episodes,
        meanReturn: mean(rs),
        medianReturn: median(rs),
        shareNegative: rs.filter((r) => r < 0).length / rs.length,
        worstReturn: Math.min(...rs),
        meanMaxDrawdown: mean(dds),
        medianMaxDrawdown: median(dds),
        worstMaxDrawdown: Math.min(...dds),
      });
    });
  }
  return out;
}

function mean(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}
