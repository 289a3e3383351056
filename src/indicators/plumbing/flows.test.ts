import { describe, expect, it } from 'vitest';
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

describe('bathtub', () => {
  it('literal: water level = assets − TGA − RRP, inflow week on week, balance = inflow − demand', () => {
    const t = bathtubWeekly({
      walcl: [
        { date: '2025-01-01', value: 100 },
        { date: '2025-01-08', value: 104 },
      ],
      tga: [
        { date: '2025-01-01', value: 10 },
        { date: '2025-01-08', value: 12 },
      ],
      rrp: [
        { date: '2025-01-01', value: 5 },
        { date: '2025-01-07', value: 3 },
        { date: '2025-01-08', value: 1 },
      ],
      netIssuanceWeekly: [{ date: '2025-01-08', value: 6 }],
    });
    expect(t.map((w) => [w.waterLevel, w.inflow, w.treasuryDemand, w.balance])).toEqual([
      [85, null, null, null],
      [91, 6, 6, 0],
    ]);
    expect(BATHTUB_FORMULA).toMatch(/balance = inflow − demand/);
  });

  it('real: week of 2025-10-29 — water level $5.61T, fell $68.0B, DTS net issuance $45.1B', () => {
    const walcl = readFredCsv('fredapi-pandas/WALCL_api.csv', 'usd_millions');
    const tga = readFredCsv('fredapi-pandas/WTREGEN_api.csv', 'usd_millions');
    const w = bathtubWeekly({ walcl, tga, rrp }).find((x) => x.date === '2025-10-29')!;
    expect(w).toMatchObject({ supply: 6_587_034e6, tga: 957_990e6, rrp: 19.504e9 });
    expect(w.waterLevel).toBeCloseTo(5_609_540e6, -3);
    expect(w.inflow! / 1e9).toBeCloseTo(-67.987, 3);
  });

  it('RRP rows missing inside its range mean no operation (0); past its end the week is skipped', () => {
    const t = bathtubWeekly({
      walcl: [
        { date: '2025-01-01', value: 100 },
        { date: '2025-01-15', value: 100 },
      ],
      tga: [
        { date: '2025-01-01', value: 10 },
        { date: '2025-01-15', value: 10 },
      ],
      rrp: [
        { date: '2024-12-01', value: 7 },
        { date: '2025-01-02', value: 1 },
      ],
    });
    expect(t.map((w) => [w.date, w.rrp])).toEqual([['2025-01-01', 0]]);
  });
});
