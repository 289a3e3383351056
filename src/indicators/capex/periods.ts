import type { IsoDate } from '../../core/dates.js';
import type { XbrlFact } from '../../sources/sec/xbrl/types.js';

/**
 * From raw facts (one row per filing that stated a figure) to one value per reporting period.
 *
 * - Consolidated only: facts with segment dimensions never stand in for the company total.
 * - As of a date: only facts filed on or before it count; of those, the latest filing's value
 *   wins (a later 10-K restating a year replaces the figure from the day it was filed).
 *   Facts without a filed date (a saved filing imported without --filed) are left out of
 *   as-of queries, since we cannot tell when they became public.
 * - Concept choice per period: the first concept in the fallback list that HAS this period
 *   (start, end) wins; a concept that stopped being used does not shadow the one that took over.
 */
export interface PeriodValue {
  start: IsoDate;
  end: IsoDate;
  value: number;
  concept: string;
  /** Filing date of the value used (latest filing ≤ as-of). */
  filed: IsoDate | null;
  /** When the period's figure was first public (earliest filing). */
  firstFiled: IsoDate | null;
  accession: string | null;
  form: string | null;
  frame: string | null;
}

export function selectPeriodValues(
  facts: readonly XbrlFact[],
  concepts: readonly string[],
  asOf?: IsoDate,
): PeriodValue[] {
  const rank = new Map(concepts.map((c, i) => [c, i]));
  // best row per (concept, start, end)
  const byKey = new Map<string, PeriodValue & { rank: number }>();
  for (const f of facts) {
    if (f.periodType !== 'duration' || f.start === null || f.dims !== '' || f.unit !== 'USD') continue;
    if (f.taxonomy !== 'us-gaap') continue;
    const r = rank.get(f.concept);
    if (r === undefined) continue;
    if (asOf !== undefined && (f.filed === null || f.filed > asOf)) continue;
    const key = `${f.start}|${f.end}|${r}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, {
        start: f.start,
        end: f.end,
        value: f.value,
        concept: f.concept,
        filed: f.filed,
        firstFiled: f.filed,
        accession: f.accession,
        form: f.form,
        frame: f.frame,
        rank: r,
      });
      continue;
    }
    if (f.filed !== null && (prev.firstFiled === null || f.filed < prev.firstFiled))
      prev.firstFiled = f.filed;
    // Any filing may carry the SEC frame for this period; keep it.
    if (f.frame && !prev.frame) prev.frame = f.frame;
    if (f.filed !== null && (prev.filed === null || f.filed > prev.filed)) {
      prev.value = f.value;
      prev.filed = f.filed;
      prev.accession = f.accession;
      prev.form = f.form;
    }
  }
  // per (start, end): lowest rank (earliest in the fallback list) wins
  const byPeriod = new Map<string, PeriodValue & { rank: number }>();
  for (const v of byKey.values()) {
    const k = `${v.start}|${v.end}`;
    const prev = byPeriod.get(k);
    if (!prev || v.rank < prev.rank) byPeriod.set(k, v);
  }
  return [...byPeriod.values()]
    .map(({ rank: _rank, ...v }) => v)
    .sort((a, b) => (a.end === b.end ? a.start.localeCompare(b.start) : a.end.localeCompare(b.end)));
}
