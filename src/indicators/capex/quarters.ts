import { addDays, daysBetween, type IsoDate } from '../../core/dates.js';
import type { PeriodValue } from './periods.js';

/**
 * Discrete fiscal quarters from what filings report. 10-Q cash-flow statements are
 * year-to-date (Q1, 6M, 9M), the 10-K gives the year, income statements give both the quarter
 * and the YTD. A quarter is:
 *   - reported, when a filing states that exact ~3-month period; else
 *   - derived as the difference of two periods with the same start (6M − Q1 = Q2,
 *     9M − 6M = Q3, FY − 9M = Q4); missing YTD links are rebuilt as sums of adjacent known
 *     periods of the same fiscal year (Q1 + Q2 = 6M) so a gap in one filing does not stop the
 *     chain.
 * Only periods of quarter length (80–100 days: 13 or 14 weeks, or 3 calendar months) are
 * returned, so a 9-month YTD value can never come out labelled as Q3 (edgartools #1180).
 * A derived quarter is public from the later of its inputs' (first) filing dates.
 */
export interface QuarterValue {
  start: IsoDate;
  end: IsoDate;
  value: number;
  basis: 'reported' | 'derived';
  /** 'reported' or how it was computed, e.g. 'FY − 9M YTD'. */
  formula: string;
  concepts: string[];
  /** Filing date of the (latest) figures used. */
  filed: IsoDate | null;
  /** First day the quarter could be known: the later of its inputs' first filings. */
  firstFiled: IsoDate | null;
  accession: string | null;
  frame: string | null;
}

/** A period known so far while deriving quarters; `reported` = a filing stated it as such. */
type Known = Omit<QuarterValue, 'basis'> & { reported: boolean };

export function lengthDays(start: IsoDate, end: IsoDate): number {
  return daysBetween(start, end) + 1;
}

export function isQuarterLength(days: number): boolean {
  return days >= 80 && days <= 100;
}

function span(k: { start: IsoDate; end: IsoDate }): string {
  const d = lengthDays(k.start, k.end);
  if (d >= 350) return 'FY';
  if (isQuarterLength(d)) return 'Q';
  const months = Math.round(d / 30.44);
  return `${months}M YTD`;
}

function laterOf(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  if (a === null || b === null) return null; // unknown publication of an input → unknown
  return a > b ? a : b;
}

const MAX_PERIOD_DAYS = 380;

export interface DeriveOptions {
  /**
   * The metric cannot be negative (capex, debt proceeds): a negative difference means the
   * inputs do not belong together (a footnote figure tagged with the statement's concept, a
   * restated YTD against an unrestated one); it is dropped and reported, never used.
   */
  nonNegative?: boolean;
  /** Receives one line per dropped derivation. */
  warnings?: string[];
}

export function deriveQuarters(periods: readonly PeriodValue[], opts: DeriveOptions = {}): QuarterValue[] {
  const known = new Map<string, Known>();
  for (const p of periods) {
    if (lengthDays(p.start, p.end) > MAX_PERIOD_DAYS) continue;
    known.set(`${p.start}|${p.end}`, {
      start: p.start,
      end: p.end,
      value: p.value,
      formula: 'reported',
      concepts: [p.concept],
      filed: p.filed,
      firstFiled: p.firstFiled,
      accession: p.accession,
      frame: p.frame,
      reported: true,
    });
  }

  const rejected = new Set<string>();
  const add = (start: IsoDate, end: IsoDate, value: number, formula: string, a: Known, b: Known): boolean => {
    const key = `${start}|${end}`;
    if (known.has(key) || lengthDays(start, end) > MAX_PERIOD_DAYS || end < start) return false;
    if (opts.nonNegative && value < 0) {
      if (!rejected.has(key)) {
        rejected.add(key);
        opts.warnings?.push(`${start}..${end}: ${formula} gives ${value} (negative); not used`);
      }
      return false;
    }
    known.set(key, {
      start,
      end,
      value,
      formula,
      concepts: [...new Set([...a.concepts, ...b.concepts])],
      filed: laterOf(a.filed, b.filed),
      firstFiled: laterOf(a.firstFiled, b.firstFiled),
      accession: null,
      frame: null,
      reported: false,
    });
    return true;
  };

  for (let pass = 0; pass < 6; pass++) {
    let changed = false;
    const all = [...known.values()];
    const byStart = new Map<IsoDate, Known[]>();
    for (const k of all) {
      const list = byStart.get(k.start) ?? [];
      list.push(k);
      byStart.set(k.start, list);
    }
    // Differences of two periods sharing a start: (s..e2) − (s..e1) = (e1+1..e2).
    for (const list of byStart.values()) {
      list.sort((x, y) => x.end.localeCompare(y.end));
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i]!;
          const b = list[j]!;
          const formula = `${span(b)} − ${span(a)}`;
          changed = add(addDays(a.end, 1), b.end, b.value - a.value, formula, a, b) || changed;
        }
      }
    }
    // Sums of adjacent periods where the first starts a YTD chain (rebuilds a missing 6M/9M).
    const chainStarts = new Set(all.filter((k) => lengthDays(k.start, k.end) >= 170).map((k) => k.start));
    for (const a of all) {
      if (!chainStarts.has(a.start)) continue;
      for (const b of byStart.get(addDays(a.end, 1)) ?? []) {
        changed = add(a.start, b.end, a.value + b.value, `${span(a)} + ${span(b)}`, a, b) || changed;
      }
    }
    if (!changed) break;
  }

  return [...known.values()]
    .filter((k) => isQuarterLength(lengthDays(k.start, k.end)))
    .map((k) => ({
      start: k.start,
      end: k.end,
      value: k.value,
      basis: k.reported ? ('reported' as const) : ('derived' as const),
      formula: k.formula,
      concepts: k.concepts,
      filed: k.filed,
      firstFiled: k.firstFiled,
      accession: k.accession,
      frame: k.frame,
    }))
    .sort((a, b) => a.end.localeCompare(b.end));
}
