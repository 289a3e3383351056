import { daysBetween, type IsoDate } from '../../core/dates.js';
import type { Point } from './series.js';

/** Drawdown from the running peak at every point (0 at a new high, −0.5 = half the peak lost). */
export function drawdownSeries(prices: Point[]): Point[] {
  let peak = Number.NEGATIVE_INFINITY;
  return prices.map((p) => {
    if (p.value > peak) peak = p.value;
    return { date: p.date, value: p.value / peak - 1 };
  });
}

export interface DrawdownEpisode {
  peakDate: IsoDate;
  peak: number;
  troughDate: IsoDate;
  trough: number;
  /** trough/peak − 1. */
  depth: number;
  /** First date back at the peak, or null while still under water. */
  recoveryDate: IsoDate | null;
  /** Calendar days from peak to trough. */
  daysToTrough: number;
  /** Calendar days from peak to recovery (or to the last date, when not recovered). */
  durationDays: number;
}

/** The deepest drawdown in the series, with its peak, trough and recovery dates. */
export function maxDrawdown(prices: Point[]): DrawdownEpisode | null {
  if (prices.length < 2) return null;
  let peakI = 0;
  let best: { peakI: number; troughI: number; depth: number } | null = null;
  for (let i = 1; i < prices.length; i++) {
    if (prices[i]!.value > prices[peakI]!.value) peakI = i;
    const depth = prices[i]!.value / prices[peakI]!.value - 1;
    if (!best || depth < best.depth) best = { peakI, troughI: i, depth };
  }
  if (!best || best.depth >= 0) return null;
  return episode(prices, best.peakI, best.troughI);
}

/** The drawdown still in progress at the last point (depth 0 when at a high). */
export function currentDrawdown(prices: Point[]): DrawdownEpisode | null {
  if (prices.length === 0) return null;
  let peakI = 0;
  for (let i = 1; i < prices.length; i++) if (prices[i]!.value >= prices[peakI]!.value) peakI = i;
  let troughI = peakI;
  for (let i = peakI; i < prices.length; i++) if (prices[i]!.value < prices[troughI]!.value) troughI = i;
  return episode(prices, peakI, troughI);
}

function episode(prices: Point[], peakI: number, troughI: number): DrawdownEpisode {
  const peak = prices[peakI]!;
  const trough = prices[troughI]!;
  let recovery: Point | null = null;
  for (let i = troughI + 1; i < prices.length; i++) {
    if (prices[i]!.value >= peak.value) {
      recovery = prices[i]!;
      break;
    }
  }
  const end = recovery ?? prices[prices.length - 1]!;
  return {
    peakDate: peak.date,
    peak: peak.value,
    troughDate: trough.date,
    trough: trough.value,
    depth: trough.value / peak.value - 1,
    recoveryDate: recovery?.date ?? null,
    daysToTrough: daysBetween(peak.date, trough.date),
    durationDays: daysBetween(peak.date, end.date),
  };
}

/** Index of the first point dated on or after `date` (after it, with `after`); prices ascending. */
function firstOnOrAfter(prices: Point[], date: IsoDate, after = false): number {
  let lo = 0;
  let hi = prices.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const d = prices[mid]!.date;
    if (d < date || (after && d === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Worst peak-to-trough fall inside [from, to] (peak taken inside the window too). */
export function drawdownWithin(prices: Point[], from: IsoDate, to: IsoDate): number | null {
  const w = prices.slice(firstOnOrAfter(prices, from), firstOnOrAfter(prices, to, true));
  if (w.length < 2) return null;
  return maxDrawdown(w)?.depth ?? 0;
}

/** One peak-to-trough fall: the peak inside a window and the lowest close after it. */
export interface Fall {
  peakDate: IsoDate;
  peak: number;
  /** Source of the peak figure (a close, or a source's intraday high). */
  peakSource: string;
  troughDate: IsoDate;
  trough: number;
  troughSource: string;
  /** trough / peak − 1. */
  depth: number;
}

/**
 * A fall measured two ways, both labelled: from the highest close in [peakFrom, peakTo] to the
 * lowest close after it (close-to-close), and from the highest intraday high in the window to
 * the lowest close after that high (from the intraday high; null without highs). The same
 * function serves the `crypto` command and the thesis ledger, so both report both figures.
 */
export interface FallFromPeak {
  closeToClose: Fall | null;
  fromIntradayHigh: Fall | null;
}

interface SourcedPoint extends Point {
  source?: string;
}

function fallAfter(peak: SourcedPoint, closes: SourcedPoint[], peakLabel: string): Fall {
  let trough: SourcedPoint = peak;
  let found = false;
  for (const p of closes) {
    if (p.date <= peak.date) continue;
    if (!found || p.value < trough.value) {
      trough = p;
      found = true;
    }
  }
  const t = found ? trough : (closes.filter((p) => p.date <= peak.date).at(-1) ?? peak);
  return {
    peakDate: peak.date,
    peak: peak.value,
    peakSource: `${peakLabel}${peak.source ? ` (${peak.source})` : ''}`,
    troughDate: t.date,
    trough: t.value,
    troughSource: `close${t.source ? ` (${t.source})` : ''}`,
    depth: t.value / peak.value - 1,
  };
}

function highestIn(points: SourcedPoint[], from: IsoDate, to: IsoDate): SourcedPoint | null {
  let best: SourcedPoint | null = null;
  for (const p of points) if (p.date >= from && p.date <= to && (!best || p.value > best.value)) best = p;
  return best;
}

export function fallFromPeak(
  closes: SourcedPoint[],
  highs: SourcedPoint[],
  peakFrom: IsoDate,
  peakTo: IsoDate,
): FallFromPeak {
  const peakClose = highestIn(closes, peakFrom, peakTo);
  const peakHigh = highestIn(highs, peakFrom, peakTo);
  return {
    closeToClose: peakClose ? fallAfter(peakClose, closes, 'close') : null,
    fromIntradayHigh: peakHigh ? fallAfter(peakHigh, closes, 'intraday high') : null,
  };
}
