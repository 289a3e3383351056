import { describe, expect, it } from 'vitest';
import {
  crossingDaysByMonth,
  IORB_START,
  rateOnReserves,
  rollingMean,
  spreadToReservesBp,
} from './repo-stress.js';
import { spliceSeries } from './reserves.js';
import { readFredCsv } from './testing/fred-csv.js';

const sofr = spliceSeries(
  readFredCsv('SOFR.csv', 'percent'),
  readFredCsv('sofr3-2021-2026/SOFR.csv', 'percent'),
);
const iorb = readFredCsv('sofr3-2021-2026/IORB.csv', 'percent');

describe('rate on reserves: IOER → IORB', () => {
  it('no IOER file in the shared data: series starts 2021-07-29 and says so', () => {
    const r = rateOnReserves(iorb);
    expect(r.series[0]).toEqual({ date: IORB_START, value: 0.15 });
    expect(r.notes[0]).toMatch(/IOER not available: rate on reserves starts 2021-07-29/);
  });
  it('literal: IOER before the switch, IORB from 2021-07-29; overlapping rows resolved by date', () => {
    const r = rateOnReserves(
      [
        { date: '2021-07-28', value: 9 },
        { date: '2021-07-29', value: 0.15 },
      ],
      [
        { date: '2021-07-27', value: 0.1 },
        { date: '2021-07-28', value: 0.1 },
        { date: '2021-07-29', value: 0.1 },
      ],
    );
    expect(r.series).toEqual([
      { date: '2021-07-27', value: 0.1 },
      { date: '2021-07-28', value: 0.1 },
      { date: '2021-07-29', value: 0.15 },
    ]);
    expect(r.notes).toEqual(['IORB rows before 2021-07-29 ignored']);
  });
});

describe('SOFR − IORB and days crossing the line (real FRED files)', () => {
  const spread = spreadToReservesBp(sofr, rateOnReserves(iorb).series);
  const months = crossingDaysByMonth(spread);
  const m = (k: string) => months.find((x) => x.month === k)!;

  it('starts when IORB starts (SOFR before 2021-07-29 has no rate on reserves to compare)', () => {
    expect(spread[0]!.date).toBe('2021-07-29');
  });

  it('Oct 2025: 17 of 22 days above IORB, peak 32 bp on 2025-10-31 (SOFR 4.22 vs IORB 3.90)', () => {
    expect(m('2025-10')).toMatchObject({ days: 22, crossing: 17, maxBp: 32 });
    expect(spread.find((o) => o.date === '2025-10-31')!.value).toBe(32);
  });

  it('Nov 2025 every day (18/18), Dec 2025 21/22; Sep 2025 8/21; none before Sep 2024', () => {
    expect([m('2025-11').crossing, m('2025-11').days]).toEqual([18, 18]);
    expect([m('2025-12').crossing, m('2025-12').days]).toEqual([21, 22]);
    expect(m('2025-09').crossing).toBe(8);
    expect(months.filter((x) => x.month < '2024-09' && x.crossing > 0)).toEqual([]);
  });

  it('holidays: SOFR empty rows are skipped, not zero (2025-11-27 Thanksgiving absent)', () => {
    expect(spread.find((o) => o.date === '2025-11-27')).toBeUndefined();
    expect(m('2025-11').days).toBe(18);
  });

  it('literal: threshold is strict (> 0 bp), means and max per month', () => {
    const r = crossingDaysByMonth([
      { date: '2025-01-02', value: 0 },
      { date: '2025-01-03', value: 2 },
      { date: '2025-02-03', value: -4 },
    ]);
    expect(r).toEqual([
      { month: '2025-01', days: 2, crossing: 1, maxBp: 2, meanBp: 1 },
      { month: '2025-02', days: 1, crossing: 0, maxBp: -4, meanBp: -4 },
    ]);
  });

  it('literal: rolling mean needs n points', () => {
    expect(
      rollingMean(
        [1, 2, 3].map((v, i) => ({ date: `2025-01-0${i + 1}`, value: v })),
        2,
      ),
    ).toEqual([
      { date: '2025-01-02', value: 1.5 },
      { date: '2025-01-03', value: 2.5 },
    ]);
  });
});
