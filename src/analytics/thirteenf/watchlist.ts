import { addDays, type IsoDate } from '../../core/dates.js';

/** Filers followed by default. Scion is Michael Burry's fund (PRODUCT.md, thesis 5). */
/** A 13F-HR is due 45 days after each calendar quarter end (Rule 13f-1). */
export const FILING_DEADLINE_DAYS = 45;

export function quarterEnd(year: number, q: 1 | 2 | 3 | 4): IsoDate {
  return `${year}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}`;
}

function previousQuarterEnd(d: IsoDate): IsoDate {
  const y = Number(d.slice(0, 4));
  const md = d.slice(5);
  if (md >= '12-31') return `${y}-12-31`;
  if (md >= '09-30') return `${y}-09-30`;
  if (md >= '06-30') return `${y}-06-30`;
  if (md >= '03-31') return `${y}-03-31`;
  return `${y - 1}-12-31`;
}

/** The latest quarter end whose filing deadline has passed on `today`. */
export function latestDueQuarter(today: IsoDate): IsoDate {
  return previousQuarterEnd(addDays(today, -FILING_DEADLINE_DAYS));
}

/** Quarter ends after `from` up to and including `to`. */
export function quarterEndsBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  let y = Number(from.slice(0, 4));
  for (;;) {
    for (const q of [1, 2, 3, 4] as const) {
      const e = quarterEnd(y, q);
      if (e > to) return out;
      if (e > from) out.push(e);
    }
    y++;
  }
}

export interface CoverageStatus {
  latestOnFile: IsoDate | null;
  latestDue: IsoDate;
  /** Quarters due but not in the store, oldest first. */
  missing: IsoDate[];
  message: string;
}

/**
 * Says plainly which quarters are missing: the data set ends at Scion's 2023-09-30 report, so
 * the Q3-2025 filing behind thesis 5 shows as "data missing", never as an invented position.
 */
export function coverage(periodsOnFile: IsoDate[], today: IsoDate): CoverageStatus {
  const latestDue = latestDueQuarter(today);
  const sorted = [...new Set(periodsOnFile)].sort();
  const latestOnFile = sorted[sorted.length - 1] ?? null;
  const first = sorted[0];
  const have = new Set(sorted);
  const missing = first ? quarterEndsBetween(first, latestDue).filter((q) => !have.has(q)) : [latestDue];
  const message =
    missing.length === 0
      ? `up to date: latest report ${latestOnFile}`
      : `data missing: ${missing.length} quarter(s) due by ${today} are not in the store (latest on file ${latestOnFile ?? 'none'}; missing ${summarise(missing)})`;
  return { latestOnFile, latestDue, missing, message };
}

function summarise(qs: IsoDate[]): string {
  return qs.length <= 4 ? qs.join(', ') : `${qs[0]} … ${qs[qs.length - 1]}`;
}
