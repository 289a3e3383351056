import { monthOf, type Obs, spreadOn } from './series.js';

/** The Fed switched the administered rate on 2021-07-29: IOER (excess reserves) → IORB. */
export const IORB_START = '2021-07-29';

/**
 * One continuous "rate paid on reserves": IOER before 2021-07-29, IORB from then on. Either
 * input may be missing (our shared data has no IOER file); the result says which range is
 * covered so callers can state it instead of silently starting in mid-2021.
 */
export function rateOnReserves(iorb: Obs[], ioer: Obs[] = []): { series: Obs[]; notes: string[] } {
  const before = ioer.filter((o) => o.date < IORB_START);
  const after = iorb.filter((o) => o.date >= IORB_START);
  const notes: string[] = [];
  if (before.length === 0) {
    notes.push(
      `IOER not available: rate on reserves starts ${after[0]?.date ?? '(no IORB either)'}; spreads before ${IORB_START} are not computed`,
    );
  }
  if (iorb.some((o) => o.date < IORB_START)) notes.push(`IORB rows before ${IORB_START} ignored`);
  if (after.length === 0) notes.push('IORB not available');
  return { series: [...before, ...after], notes };
}

/** a − rate on reserves in basis points, on a's dates (rate carried over weekends/holidays). */
export function spreadToReservesBp(a: Obs[], ror: Obs[]): Obs[] {
  return spreadOn(a, ror, 100).map((o) => ({ date: o.date, value: Math.round(o.value * 1e6) / 1e6 }));
}

export interface CrossingMonth {
  month: string;
  /** Days with a published spread (business days with a SOFR print). */
  days: number;
  /** Days with spread > 0 bp — "crossing the line". */
  crossing: number;
  maxBp: number;
  meanBp: number;
}

/** Days per month with spread > thresholdBp (default 0: SOFR strictly above IORB). */
export function crossingDaysByMonth(spreadBp: Obs[], thresholdBp = 0): CrossingMonth[] {
  const out: CrossingMonth[] = [];
  let cur: CrossingMonth | undefined;
  let sum = 0;
  for (const o of spreadBp) {
    const m = monthOf(o.date);
    if (!cur || cur.month !== m) {
      if (cur) cur.meanBp = sum / cur.days;
      cur = { month: m, days: 0, crossing: 0, maxBp: -Infinity, meanBp: 0 };
      sum = 0;
      out.push(cur);
    }
    cur.days++;
    sum += o.value;
    if (o.value > thresholdBp) cur.crossing++;
    if (o.value > cur.maxBp) cur.maxBp = o.value;
  }
  if (cur) cur.meanBp = sum / cur.days;
  return out;
}

/** Rolling mean over the last `n` observations (used to smooth daily spreads for the score). */
export function rollingMean(obs: Obs[], n: number): Obs[] {
  const out: Obs[] = [];
  let sum = 0;
  for (let i = 0; i < obs.length; i++) {
    sum += obs[i]!.value;
    if (i >= n) sum -= obs[i - n]!.value;
    if (i >= n - 1) out.push({ date: obs[i]!.date, value: sum / n });
  }
  return out;
}
