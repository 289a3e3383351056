import type { IsoDate } from '../../core/dates.js';
import type { Point } from './series.js';

/**
 * Liquidity-squeeze windows: stretches where weekly net liquidity (Fed assets − TGA − ON RRP)
 * fell by more than `thresholdPct` over `lookbackWeeks`.
 *
 * Default 5 % over 13 weeks (one quarter). On the FRED files (2007–2025-11) this marks six
 * episodes: late 2008–mid 2009, autumn 2015, the second half of 2016, spring–summer 2020 (TGA
 * build-up after the CARES Act), Nov 2021–Jul 2022 (QT start) and Jun–Nov 2025 (TGA rebuild after
 * the debt ceiling). 3 % flags ~35 overlapping episodes, mostly routine TGA swings around tax
 * dates; 8 % leaves only the three largest, too few to compare assets across.
 */
export const DEFAULT_SQUEEZE = { thresholdPct: 5, lookbackWeeks: 13 } as const;

export interface SqueezeWindow {
  /** Start of the decline (the week the lookback began) and the last week still below threshold. */
  start: IsoDate;
  end: IsoDate;
  /** Largest lookback decline inside the window (negative, percent). */
  worstChangePct: number;
  /** Net liquidity at start and end, US$. */
  startValue: number;
  endValue: number;
}

export function squeezeWindows(
  netLiquidityWeekly: Point[],
  thresholdPct: number = DEFAULT_SQUEEZE.thresholdPct,
  lookbackWeeks: number = DEFAULT_SQUEEZE.lookbackWeeks,
): SqueezeWindow[] {
  const nl = netLiquidityWeekly;
  const out: { startI: number; endI: number; worst: number }[] = [];
  for (let i = lookbackWeeks; i < nl.length; i++) {
    const change = (nl[i]!.value / nl[i - lookbackWeeks]!.value - 1) * 100;
    if (change > -thresholdPct) continue;
    const startI = i - lookbackWeeks;
    const last = out[out.length - 1];
    // Overlapping flagged stretches are one episode.
    if (last && startI <= last.endI) {
      last.endI = i;
      last.worst = Math.min(last.worst, change);
    } else out.push({ startI, endI: i, worst: change });
  }
  return out.map((w) => ({
    start: nl[w.startI]!.date,
    end: nl[w.endI]!.date,
    worstChangePct: w.worst,
    startValue: nl[w.startI]!.value,
    endValue: nl[w.endI]!.value,
  }));
}
