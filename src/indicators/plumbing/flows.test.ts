import { describe, expect, it } from 'vitest';
import { withKnownFrom } from '../../analytics/regime/from-series.js';
import { addDays, fridays } from '../../core/dates.js';
import { liquidityIndexes, weeklyLiquidity } from '../liquidity.js';
import { BATHTUB_FORMULA, bathtubWeekly } from './bathtub.js';
import { changeSeries, monthlySum, rrpDryPowder, weeklySumToWednesday } from './flows.js';
import { spliceSeries } from './reserves.js';
import { readFredCsv } from './testing/fred-csv.js';

const rrp = spliceSeries(
  readFredCsv('fredapi-pandas/RRPONTSYD_api.csv', 'usd_billions'),
  readFredCsv('sofr3-2021-2026/RRPONTSYD.csv', 'usd_billions'),
);

describe('ON RRP dry powder (real RRPONTSYD, billions → US$)', () => {
  const dp = rrpDryPowder(rrp);
  it('peak $2.554T on 2022-12-30; by 2026-06-23 $6.5B is left (0.25% of peak)', () => {
    const last = dp.at(-1)!;
    expect(last).toMatchObject({
      date: '2026-06-23',
      peak: 2_553.716e9,
      peakDate: '2022-12-30',
      level: 6.484e9,
    });
    expect(last.remainingShare).toBeCloseTo(0.00254, 5);
  });
  it('no look-ahead: on 2021-06-30 the peak is the running max so far, not the 2022 one', () => {
    expect(dp.find((d) => d.date === '2021-06-30')!.peakDate <= '2021-06-30').toBe(true);
  });
});

describe('flow helpers (literal)', () => {
  const s = [
    { date: '2025-01-01', value: 100 },
    { date: '2025-01-08', value: 90 },
    { date: '2025-01-29', value: 130 },
  ];
  it('changeSeries uses the value in force `days` earlier', () => {
    expect(changeSeries(s, 28)).toEqual([{ date: '2025-01-29', value: 30 }]);
    expect(changeSeries(s, 7)).toEqual([
      { date: '2025-01-08', value: -10 },
      { date: '2025-01-29', value: 40 },
    ]);
  });
  it('weekly sums run Thursday..Wednesday; monthly sums per calendar month', () => {
    const d = [
      { date: '2025-01-01', value: 1 }, // Wed
      { date: '2025-01-02', value: 2 }, // Thu → next Wed 01-08
      { date: '2025-01-08', value: 3 },
    ];
    expect(weeklySumToWednesday(d)).toEqual([
      { date: '2025-01-01', value: 1 },
      { date: '2025-01-08', value: 5 },
    ]);
    expect(monthlySum(d)).toEqual([{ date: '2025-01', value: 6 }]);
  });
});

/** Literal vintage rows: each value public `lag` days after its date. */
/** Observations by date, each public `lag` days after it. */
const rows = (values: Record<string, number>, lag = 0) =>
  Object.entries(values).map(([date, value]) => ({ date, value, knownFrom: addDays(date, lag) }));

const weeksOf = (ix: ReturnType<typeof liquidityIndexes>, from: string, to: string) => {
  const fris = fridays(from, to);
  return weeklyLiquidity(ix, fris).map((level, i) => ({ date: fris[i]!, level }));
};

describe('bathtub: the water level is net liquidity (indicators/liquidity.ts), sampled each Friday', () => {
  it('literal: water level = assets − TGA − RRP as known each Friday, inflow week on week, balance = inflow − demand', () => {
    const ix = liquidityIndexes({
      fedAssets: rows({ '2025-01-01': 100, '2025-01-08': 104 }, 1),
      tga: rows({ '2025-01-01': 10, '2025-01-08': 12 }, 1),
      rrp: rows({ '2025-01-01': 5, '2025-01-03': 3, '2025-01-10': 1 }),
    });
    const t = bathtubWeekly({
      weeks: weeksOf(ix, '2025-01-01', '2025-01-10'),
      netIssuanceWeekly: [{ date: '2025-01-08', value: 6 }],
    });
    expect(t.map((w) => [w.date, w.h41Week, w.waterLevel, w.inflow, w.treasuryDemand, w.balance])).toEqual([
      ['2025-01-03', '2025-01-01', 87, null, null, null],
      ['2025-01-10', '2025-01-08', 91, 4, 6, -2],
    ]);
    expect(BATHTUB_FORMULA).toMatch(/balance = inflow − demand/);
  });

  it('real: Friday 2025-10-31 — WALCL 6,587,034M − WTREGEN 957,990M (Wed 10-29) − RRP 51.802B (10-31); fell $101.9B on the week', () => {
    const fred = (file: string, id: string, unit: 'usd_millions' | 'usd_billions') =>
      withKnownFrom(id, readFredCsv(file, unit)) as Array<{ date: string; value: number; knownFrom: string }>;
    const ix = liquidityIndexes({
      fedAssets: fred('fredapi-pandas/WALCL_api.csv', 'WALCL', 'usd_millions'),
      tga: fred('fredapi-pandas/WTREGEN_api.csv', 'WTREGEN', 'usd_millions'),
      rrp: withKnownFrom('RRPONTSYD', rrp) as Array<{ date: string; value: number; knownFrom: string }>,
    });
    const w = bathtubWeekly({ weeks: weeksOf(ix, '2025-10-01', '2025-10-31') }).find(
      (x) => x.date === '2025-10-31',
    )!;
    expect(w).toMatchObject({ h41Week: '2025-10-29', supply: 6_587_034e6, tga: 957_990e6, rrp: 51.802e9 });
    expect(w.waterLevel).toBeCloseTo(5_577_242e6, -3);
    // Friday 10-24: 6,589,533 − 908,001 − 2,435 (RRP 10-24) = 5,679,097M.
    expect(w.inflow! / 1e9).toBeCloseTo(5_577.242 - 5_679.097, 3);
  });

  it('ON RRP idle rule (no operation > 7 days before the Fed-assets date → 0) and stale weeks dropped', () => {
    const ix = liquidityIndexes({
      fedAssets: rows({ '2025-01-01': 100, '2025-01-15': 100 }, 1),
      tga: rows({ '2025-01-01': 10, '2025-01-15': 10 }, 1),
      rrp: rows({ '2024-12-01': 7, '2025-01-02': 1 }),
    });
    const t = bathtubWeekly({ weeks: weeksOf(ix, '2025-01-01', '2025-02-07') });
    // 01-17 and 01-24: the last operation (01-02) is 13 days before WALCL 01-15 → idle, 0.
    // 01-31: WALCL 01-15 is 16 days old (weekly max 14) → stale, no row.
    expect(t.map((w) => [w.date, w.rrp])).toEqual([
      ['2025-01-03', 1],
      ['2025-01-10', 1],
      ['2025-01-17', 0],
      ['2025-01-24', 0],
    ]);
  });
});
