import { upperBound } from '../core/sorted.js';
import type { VintageObservation } from '../store/store.js';

export interface PitValue {
  date: string;
  value: number;
  knownFrom: string;
}

/**
 * Point-in-time lookups over every vintage of one series. `observe(knownBy)` answers "which
 * observation was the latest public one on day knownBy, and what is its value as known on
 * valuesAsOf (default the same day)". Values are never used before their publication.
 */
export class VintageIndex {
  private readonly dates: string[] = [];
  private readonly firstKnown: string[] = [];
  /** Per date: vintages sorted by knownFrom ascending. */
  private readonly vintages: Array<Array<{ knownFrom: string; value: number }>> = [];

  constructor(rows: VintageObservation[]) {
    const sorted = [...rows].sort((a, b) =>
      a.date === b.date ? cmp(a.knownFrom, b.knownFrom) : cmp(a.date, b.date),
    );
    for (const r of sorted) {
      if (this.dates.at(-1) !== r.date) {
        this.dates.push(r.date);
        this.firstKnown.push(r.knownFrom);
        this.vintages.push([]);
      }
      this.vintages.at(-1)!.push({ knownFrom: r.knownFrom, value: r.value });
    }
  }

  get size(): number {
    return this.dates.length;
  }

  get firstDate(): string | undefined {
    return this.dates[0];
  }

  get lastDate(): string | undefined {
    return this.dates.at(-1);
  }

  /**
   * The newest observation public by `knownBy` (dated ≤ `onOrBefore` when given), with its
   * value as known on `valuesAsOf`.
   */
  observe(knownBy: string, valuesAsOf: string = knownBy, onOrBefore?: string): PitValue | undefined {
    // Only dates ≤ knownBy can be public by then (publication never precedes the date).
    const last = onOrBefore !== undefined && onOrBefore < knownBy ? onOrBefore : knownBy;
    let i = upperBound(this.dates, last) - 1;
    // Publication lags are short, so walking back a few dates finds the latest public one.
    while (i >= 0 && this.firstKnown[i]! > knownBy) i--;
    if (i < 0) return undefined;
    const vs = this.vintages[i]!;
    let pick = vs[0]!;
    for (const v of vs) if (v.knownFrom <= valuesAsOf) pick = v;
    return { date: this.dates[i]!, value: pick.value, knownFrom: pick.knownFrom };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
