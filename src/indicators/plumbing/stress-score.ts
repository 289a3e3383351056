import { addDays, weekday } from '../../core/dates.js';
import { lowerBound } from '../../core/sorted.js';
import { type Cadence, isStale } from '../freshness.js';
import type { Obs } from './series.js';

/**
 * Composite liquidity-stress score, 0 (calm) … 100 (most stressed in its own history).
 *
 * Each component is sampled weekly (value in force each Wednesday, not stale for its cadence —
 * indicators/freshness.ts) and turned into an EXPANDING-window percentile: the share of that component's own
 * weekly history up to and including that week which is ≤ the current value (ties count
 * half). Only the past is used, so the score history is point-in-time. Components where low
 * values mean stress (reserves' 13-week % change, RRP dry powder) are flipped (100 − pct). The score is the
 * weighted mean over components that have at least `minHistory` weeks, with weights
 * renormalised over those present; weeks with fewer than two usable components have no score.
 *
 * Default weights (documented choice, sum 1): repo spreads carry the most because they are the
 * direct "crossing the line" signal of thesis 1; balances next; market-wide stress last.
 */
export interface ScoreComponent {
  id: string;
  label: string;
  weight: number;
  higherIsStress: boolean;
  series: Obs[];
  /** Cadence of the component's series: a value too old for it is not "in force" (freshness.ts). */
  cadence: Cadence;
}

export const DEFAULT_WEIGHTS: Record<string, number> = {
  sofrIorb: 0.25,
  sofrP99Iorb: 0.1,
  reserves: 0.2,
  rrpRemaining: 0.15,
  tgaChange4w: 0.1,
  hyOas: 0.1,
  vix: 0.05,
  nfci: 0.05,
};

export interface ScorePoint {
  date: string;
  score: number;
  parts: { id: string; value: number; percentile: number; weight: number }[];
}

/** Wednesdays from `from` to `to` inclusive. */
export function wednesdays(from: string, to: string): string[] {
  const out: string[] = [];
  let d = addDays(from, (3 - weekday(from) + 7) % 7);
  while (d <= to) {
    out.push(d);
    d = addDays(d, 7);
  }
  return out;
}

/** Insert into a sorted array and return the ≤-percentile (ties half) of `v` after insertion. */
function insertAndRank(sorted: number[], v: number): number {
  const lo = lowerBound(sorted, v);
  const below = lo;
  let hiEq = lo;
  while (hiEq < sorted.length && sorted[hiEq] === v) hiEq++;
  sorted.splice(lo, 0, v);
  const equal = hiEq - lo + 1; // including itself
  return (100 * (below + equal / 2)) / sorted.length;
}

export function stressScore(
  components: ScoreComponent[],
  opts: { minHistory?: number; from?: string; to?: string } = {},
): ScorePoint[] {
  const minHistory = opts.minHistory ?? 52;
  const live = components.filter((c) => c.series.length > 0 && c.weight > 0);
  if (live.length === 0) return [];
  // ISO date strings: lexical order is date order.
  const firsts = live.map((c) => c.series[0]!.date).sort();
  const lasts = live.map((c) => c.series.at(-1)!.date).sort();
  const start = opts.from ?? firsts[0]!;
  const end = opts.to ?? lasts.at(-1)!;
  const weeks = wednesdays(start, end);
  const state = live.map(() => ({ j: 0, sorted: [] as number[] }));
  const out: ScorePoint[] = [];
  for (const w of weeks) {
    const parts: ScorePoint['parts'] = [];
    for (let k = 0; k < live.length; k++) {
      const c = live[k]!;
      const st = state[k]!;
      while (st.j < c.series.length && c.series[st.j]!.date <= w) st.j++;
      const cur = st.j > 0 ? c.series[st.j - 1]! : undefined;
      if (!cur || isStale(cur.date, w, c.cadence)) continue;
      const pct = insertAndRank(st.sorted, cur.value);
      if (st.sorted.length < minHistory) continue;
      parts.push({
        id: c.id,
        value: cur.value,
        percentile: c.higherIsStress ? pct : 100 - pct,
        weight: c.weight,
      });
    }
    if (parts.length < 2) continue;
    const wsum = parts.reduce((s, p) => s + p.weight, 0);
    out.push({ date: w, score: parts.reduce((s, p) => s + p.weight * p.percentile, 0) / wsum, parts });
  }
  return out;
}
