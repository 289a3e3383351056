import { addDays } from '../../core/dates.js';
import { monthOf, type Obs } from './series.js';

/**
 * Plumbing flows: TGA change, ON RRP drain and the "dry powder" left, QT pace, Fed bill
 * purchases. Everything is US$ in, US$ out.
 */

/** value(t) − value in force `days` calendar days earlier, on each date that has one. */
export function changeSeries(obs: Obs[], days: number): Obs[] {
  const out: Obs[] = [];
  let j = 0;
  for (const o of obs) {
    const target = addDays(o.date, -days);
    while (j < obs.length && obs[j]!.date <= target) j++;
    if (j > 0) out.push({ date: o.date, value: o.value - obs[j - 1]!.value });
  }
  return out;
}

export interface DryPowder {
  date: string;
  level: number;
  peak: number;
  peakDate: string;
  drained: number;
  /** level / peak: 1 = untouched, 0 = exhausted. */
  remainingShare: number;
}

/**
 * ON RRP balance as idle cash that can still flow into bills/repo ("dry powder"). The peak is
 * the running maximum up to each date (no look-ahead), so a historical row shows what was
 * known then.
 */
export function rrpDryPowder(rrp: Obs[]): DryPowder[] {
  const out: DryPowder[] = [];
  let peak = -Infinity;
  let peakDate = '';
  for (const o of rrp) {
    if (o.value > peak) {
      peak = o.value;
      peakDate = o.date;
    }
    out.push({
      date: o.date,
      level: o.value,
      peak,
      peakDate,
      drained: peak - o.value,
      remainingShare: peak > 0 ? o.value / peak : 0,
    });
  }
  return out;
}

/** QT pace: change in Fed total assets over 4 weeks (negative = runoff), on each Wednesday. */
export function qtPace(walcl: Obs[]): Obs[] {
  return changeSeries(walcl, 28);
}

/** Sum of daily amounts per month (bill purchases, SRF take-up, …). */
export function monthlySum(daily: Obs[]): Obs[] {
  const m = new Map<string, number>();
  for (const o of daily) m.set(monthOf(o.date), (m.get(monthOf(o.date)) ?? 0) + o.value);
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value }));
}

/**
 * Wednesday-ending weekly sums of a daily flow (Thursday..Wednesday, the H.4.1 week), keyed
 * by the Wednesday. Used to put DTS net issuance next to H.4.1 balance-sheet weeks.
 */
export function weeklySumToWednesday(daily: Obs[]): Obs[] {
  const m = new Map<string, number>();
  for (const o of daily) {
    const dow = new Date(`${o.date}T00:00:00Z`).getUTCDay();
    const wed = addDays(o.date, (3 - dow + 7) % 7);
    m.set(wed, (m.get(wed) ?? 0) + o.value);
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value }));
}
