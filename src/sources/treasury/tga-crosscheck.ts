import { addDays, weekday } from '../../core/dates.js';
import type { TgaDay } from './dts-cash.js';

/**
 * Cross-check the DTS daily TGA against FRED WTREGEN (H.4.1, Treasury General Account).
 *
 * WTREGEN is a *week average* of the seven days ending Wednesday (H.4.1 convention: days without
 * a statement — weekends, holidays — carry the previous business day's balance). So the fair
 * comparison is the same 7-day calendar average of DTS closing balances; the Wednesday closing
 * level is reported too because a "Wednesday" comparison is what people usually try first,
 * and its gap shows how much the week's intra-week swings matter.
 */
export interface TgaCheckRow {
  date: string;
  wtregen: number;
  dtsWeekAverage: number;
  dtsWednesdayClose: number | null;
  gapWeekAverage: number;
  gapWednesdayClose: number | null;
}

export interface TgaCheckSummary {
  rows: TgaCheckRow[];
  compared: number;
  maxAbsGapWeekAverage: TgaCheckRow | null;
  maxAbsGapWednesdayClose: TgaCheckRow | null;
  medianAbsGapWeekAverage: number | null;
}

export function crossCheckTgaWithWtregen(
  days: TgaDay[],
  wtregen: { date: string; value: number }[],
): TgaCheckSummary {
  const close = new Map(days.map((d) => [d.date, d.close]));
  const first = days[0]?.date;
  const last = days.at(-1)?.date;
  const rows: TgaCheckRow[] = [];
  if (first !== undefined && last !== undefined) {
    for (const w of wtregen) {
      if (weekday(w.date) !== 3) continue;
      const start = addDays(w.date, -6);
      if (start <= first || w.date > last) continue; // need a carried value before the window
      let carried: number | undefined;
      // find the balance in force just before the window
      for (let back = 1; back <= 10 && carried === undefined; back++)
        carried = close.get(addDays(start, -back));
      if (carried === undefined) continue;
      let sum = 0;
      for (let k = 0; k < 7; k++) {
        const v = close.get(addDays(start, k));
        if (v !== undefined) carried = v;
        sum += carried;
      }
      const avg = sum / 7;
      const wed = close.get(w.date) ?? null;
      rows.push({
        date: w.date,
        wtregen: w.value,
        dtsWeekAverage: avg,
        dtsWednesdayClose: wed,
        gapWeekAverage: avg - w.value,
        gapWednesdayClose: wed === null ? null : wed - w.value,
      });
    }
  }
  const byAbs = <K extends 'gapWeekAverage' | 'gapWednesdayClose'>(k: K) =>
    rows.reduce<TgaCheckRow | null>((best, r) => {
      const v = r[k];
      if (v === null) return best;
      return best === null || Math.abs(v) > Math.abs(best[k] ?? 0) ? r : best;
    }, null);
  const abs = rows.map((r) => Math.abs(r.gapWeekAverage)).sort((a, b) => a - b);
  return {
    rows,
    compared: rows.length,
    maxAbsGapWeekAverage: byAbs('gapWeekAverage'),
    maxAbsGapWednesdayClose: byAbs('gapWednesdayClose'),
    medianAbsGapWeekAverage: abs.length ? abs[Math.floor(abs.length / 2)]! : null,
  };
}
