import { addDays } from '../../core/dates.js';
import { changeOver, type Obs, percentileRank, valueAt } from './series.js';

/**
 * Bank reserves: level, change, and distance to the three numbers thesis 1 names
 * ("the system now needs > $3T of reserves, versus $45B in 2007 and $2.2T in 2023").
 * Input: WRESBAL (reserve balances with Federal Reserve Banks, week average, US$).
 */
export const THESIS1_THRESHOLDS = [
  { id: 'y2007', label: '$45B (2007)', value: 45e9 },
  { id: 'y2023', label: '$2.2T (2023)', value: 2.2e12 },
  { id: 'claimedNeed', label: '$3T (claimed need)', value: 3e12 },
] as const;

export interface ReservesSnapshot {
  date: string;
  level: number;
  change4w: number | null;
  change13w: number | null;
  change52w: number | null;
  percentile: number | null;
  thresholds: { id: string; label: string; value: number; distance: number; ratio: number }[];
}

export function reservesSnapshot(wresbal: Obs[]): ReservesSnapshot | null {
  const last = wresbal.at(-1);
  if (!last) return null;
  return {
    date: last.date,
    level: last.value,
    change4w: changeOver(wresbal, 28),
    change13w: changeOver(wresbal, 91),
    change52w: changeOver(wresbal, 364),
    percentile: percentileRank(
      wresbal.map((o) => o.value),
      last.value,
    ),
    thresholds: THESIS1_THRESHOLDS.map((t) => ({
      ...t,
      distance: last.value - t.value,
      ratio: last.value / t.value,
    })),
  };
}

/**
 * Merge two downloads of one series (e.g. WRESBAL 1984–2024 in billions and 2021–2026 in
 * millions, both already in US$): the newer download wins where they overlap.
 */
export function spliceSeries(older: Obs[], newer: Obs[]): Obs[] {
  const start = newer[0]?.date;
  if (start === undefined) return older;
  return [...older.filter((o) => o.date < start), ...newer];
}

interface YearStats {
  year: string;
  min: number;
  max: number;
  mean: number;
  n: number;
  minDate: string;
}

function yearStats(obs: Obs[], year: string): YearStats | null {
  const ys = obs.filter((o) => o.date.startsWith(year));
  if (ys.length === 0) return null;
  let min = ys[0]!;
  let max = ys[0]!.value;
  let sum = 0;
  for (const o of ys) {
    if (o.value < min.value) min = o;
    if (o.value > max) max = o.value;
    sum += o.value;
  }
  return { year, min: min.value, max, mean: sum / ys.length, n: ys.length, minDate: min.date };
}

export interface Thesis1Check {
  claim2007: { claimed: number; wresbal: YearStats | null; totresns: YearStats | null; verdict: string };
  claim2023: { claimed: number; wresbal: YearStats | null; totresns: YearStats | null; verdict: string };
  claimNeed: {
    claimed: number;
    /** Days SOFR > rate on reserves when last-known reserves were below / at-or-above the line. */
    below: { days: number; crossing: number };
    above: { days: number; crossing: number };
    /** Below-the-line days per year: the line's effect depends on other buffers (ON RRP). */
    belowByYear: Record<string, { days: number; crossing: number }>;
    firstWeekBelowSince2022: string | null;
    verdict: string;
  };
}

const fmt = (v: number) => (v >= 1e12 ? `$${(v / 1e12).toFixed(2)}T` : `$${(v / 1e9).toFixed(1)}B`);
const within = (a: number, b: number, tol: number) => Math.abs(a - b) / b <= tol;

/**
 * Check the three numbers against the data itself. Verdicts are plain sentences built from
 * the figures so the CLI/API can show them verbatim; the tolerance for "matches" is ±10%.
 */
export function checkThesis1(input: {
  wresbal: Obs[];
  totresns?: Obs[];
  /** SOFR − rate on reserves, bp, daily. */
  sofrSpreadBp?: Obs[];
}): Thesis1Check {
  const tot = input.totresns ?? [];
  const w07 = yearStats(input.wresbal, '2007');
  const t07 = yearStats(tot, '2007');
  const w23 = yearStats(input.wresbal, '2023');
  const t23 = yearStats(tot, '2023');

  const v07 = (() => {
    const parts: string[] = [];
    if (t07) {
      parts.push(
        `TOTRESNS (total reserves incl. vault cash) averaged ${fmt(t07.mean)} in ${t07.n} months of 2007 — ${
          within(t07.mean, 45e9, 0.1) ? 'consistent with' : 'not'
        } $45B`,
      );
    }
    if (w07) {
      parts.push(
        `WRESBAL (balances at the Fed) averaged only ${fmt(w07.mean)} (${fmt(w07.min)}–${fmt(w07.max)}): the $45B is total reserves, not balances at the Fed`,
      );
    }
    return parts.join('; ') || 'no 2007 data';
  })();

  const v23 = (() => {
    const lows = [
      w23 && `WRESBAL low ${fmt(w23.min)} (${w23.minDate})`,
      t23 && `TOTRESNS low ${fmt(t23.min)} (${t23.minDate})`,
    ]
      .filter(Boolean)
      .join(', ');
    if (!w23 && !t23) return 'no 2023 data';
    const lowest = Math.min(w23?.min ?? Infinity, t23?.min ?? Infinity);
    return within(lowest, 2.2e12, 0.1)
      ? `confirmed: ${lows}`
      : `not confirmed: reserves never came near $2.2T in 2023 (${lows}); $2.2T is ${fmt(lowest - 2.2e12)} below the year's low`;
  })();

  const below = { days: 0, crossing: 0 };
  const above = { days: 0, crossing: 0 };
  const belowByYear: Record<string, { days: number; crossing: number }> = {};
  for (const s of input.sofrSpreadBp ?? []) {
    // Reserves known that day: the H.4.1 week average published by then (≥ 1 day old).
    const r = valueAt(input.wresbal, addDays(s.date, -1));
    if (!r) continue;
    const bucket = r.value < 3e12 ? below : above;
    bucket.days++;
    if (s.value > 0) bucket.crossing++;
    if (r.value < 3e12) {
      const key = s.date.slice(0, 4);
      const y = belowByYear[key] ?? { days: 0, crossing: 0 };
      belowByYear[key] = y;
      y.days++;
      if (s.value > 0) y.crossing++;
    }
  }
  const firstBelow = input.wresbal.find((o) => o.date >= '2022-01-01' && o.value < 3e12)?.date ?? null;
  const share = (b: { days: number; crossing: number }) => (b.days ? (100 * b.crossing) / b.days : 0);
  const vNeed =
    below.days + above.days === 0
      ? 'no SOFR/IORB overlap to test'
      : `SOFR > rate on reserves on ${share(below).toFixed(0)}% of ${below.days} days with reserves < $3T vs ${share(
          above,
        ).toFixed(0)}% of ${above.days} days with ≥ $3T — ${
          share(below) > 2 * share(above) ? 'supports' : 'does not clearly support'
        } $3T as the level where repo pressure starts (below-$3T days crossing, by year: ${Object.entries(
          belowByYear,
        )
          .map(([y, b]) => `${y} ${b.crossing}/${b.days}`)
          .join(', ')})`;

  return {
    claim2007: { claimed: 45e9, wresbal: w07, totresns: t07, verdict: v07 },
    claim2023: { claimed: 2.2e12, wresbal: w23, totresns: t23, verdict: v23 },
    claimNeed: {
      claimed: 3e12,
      below,
      above,
      belowByYear,
      firstWeekBelowSince2022: firstBelow,
      verdict: vNeed,
    },
  };
}
