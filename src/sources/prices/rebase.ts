import type { IsoDate } from '../../core/dates.js';
import { median } from '../../core/stats.js';

export interface DatedValue {
  date: IsoDate;
  value: number;
}

export interface SourcedSeries {
  source: string;
  /** Ascending by date. */
  points: DatedValue[];
}

export interface RatioEstimate {
  /** Multiply the other series by this to put it on the base series' footing. */
  ratio: number;
  overlap: number;
  /** Median absolute deviation of log(base/other) around the ratio: 0 for a clean re-basing. */
  dispersion: number;
}

export interface MergedPoint extends DatedValue {
  source: string;
  /** Factor applied to the source's own figure (1 for the base source). */
  factor: number;
}

export interface MergeLink {
  source: string;
  ratio: number;
  overlap: number;
  dispersion: number;
  note: string | null;
}

/**
 * Adjusted series downloaded on different days differ by the product of the splits and
 * dividends between the two downloads, the same factor on every shared day. The median of
 * base/other over the overlap is robust to a stray bad print on either side. Both series are
 * ascending by date (walked side by side: this runs for every symbol of the duration ranking).
 */
export function overlapRatio(base: DatedValue[], other: DatedValue[], minOverlap = 5): RatioEstimate | null {
  // Filled in place (no array growth): sources overlap over thousands of days.
  const logs = new Float64Array(other.length);
  let n = 0;
  let j = 0;
  for (const p of other) {
    while (j < base.length && base[j]!.date < p.date) j++;
    if (j === base.length) break;
    const b = base[j]!;
    if (b.date === p.date && b.value > 0 && p.value > 0) logs[n++] = Math.log(b.value / p.value);
  }
  if (n < minOverlap) return null;
  const shared = logs.subarray(0, n);
  const m = median(shared);
  for (let i = 0; i < n; i++) shared[i] = Math.abs(shared[i]! - m);
  return { ratio: Math.exp(m), overlap: n, dispersion: median(shared) };
}

/**
 * `merged` with the points of `s` on the dates it lacks, re-based by `ratio` (both ascending).
 * A source with no such date leaves `merged` as it is (the common case: a second download of
 * the same history).
 */
function fillGaps(merged: MergedPoint[], s: SourcedSeries, ratio: number): MergedPoint[] {
  if (!merged.length)
    return s.points.map((p) => ({ date: p.date, value: p.value * ratio, source: s.source, factor: ratio }));
  if (!hasGap(merged, s.points)) return merged;
  const out: MergedPoint[] = [];
  let i = 0;
  for (const p of s.points) {
    while (i < merged.length && merged[i]!.date < p.date) out.push(merged[i++]!);
    if (i < merged.length && merged[i]!.date === p.date) continue;
    out.push({ date: p.date, value: p.value * ratio, source: s.source, factor: ratio });
  }
  while (i < merged.length) out.push(merged[i++]!);
  return out;
}

/** Whether `points` has a date `merged` lacks (both ascending). */
function hasGap(merged: MergedPoint[], points: DatedValue[]): boolean {
  let i = 0;
  for (const p of points) {
    while (i < merged.length && merged[i]!.date < p.date) i++;
    if (i === merged.length || merged[i]!.date !== p.date) return true;
  }
  return false;
}

/** Dispersion above this (≈0.5 %) means the two sources disagree by more than a constant factor. */
const DISPERSION_WARN = 0.005;

/**
 * Merge several sources of one symbol's adjusted closes into one series. The freshest source
 * (latest last date) is the base; each other source fills only the dates the merged series
 * lacks, re-based by its detected ratio. Every point names the source it came from.
 */
export function mergeSourced(series: SourcedSeries[]): { points: MergedPoint[]; links: MergeLink[] } {
  const ordered = series
    .filter((s) => s.points.length > 0)
    .sort((a, b) => {
      const la = a.points[a.points.length - 1]!.date;
      const lb = b.points[b.points.length - 1]!.date;
      return la === lb ? b.points.length - a.points.length : la < lb ? 1 : -1;
    });
  let merged: MergedPoint[] = [];
  const links: MergeLink[] = [];
  for (const [i, s] of ordered.entries()) {
    let ratio = 1;
    let note: string | null = null;
    let est: RatioEstimate | null = null;
    if (i > 0) {
      est = overlapRatio(merged, s.points);
      if (est) {
        ratio = est.ratio;
        if (est.dispersion > DISPERSION_WARN) {
          note = `ratio varies over the overlap (MAD ${(est.dispersion * 100).toFixed(2)}%): sources disagree beyond a constant factor`;
        }
      } else {
        note = 'no overlap with the other sources: figures kept on their own footing';
      }
    }
    links.push({
      source: s.source,
      ratio,
      overlap: est?.overlap ?? 0,
      dispersion: est?.dispersion ?? 0,
      note,
    });
    merged = fillGaps(merged, s, ratio);
  }
  return { points: merged, links };
}
