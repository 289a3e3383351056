import { describe, expect, it } from 'vitest';
import { rateOnReserves, spreadToReservesBp } from './repo-stress.js';
import { checkThesis1, reservesSnapshot, spliceSeries } from './reserves.js';
import { readFredCsv } from './testing/fred-csv.js';

const legacy = readFredCsv('legacy-DATE-header/WRESBAL_1984-2024.csv', 'usd_billions');
const current = readFredCsv('sofr3-2021-2026/WRESBAL.csv', 'usd_millions');
const wresbal = spliceSeries(legacy, current);
const totresns = readFredCsv('legacy-DATE-header/TOTRESNS.csv', 'usd_billions');
const ror = rateOnReserves(readFredCsv('sofr3-2021-2026/IORB.csv', 'percent')).series;
const sofrSpread = spreadToReservesBp(readFredCsv('sofr3-2021-2026/SOFR.csv', 'percent'), ror);
const check = checkThesis1({ wresbal, totresns, sofrSpreadBp: sofrSpread });

describe('WRESBAL unit change (billions in the 2024 download, millions in 2026)', () => {
  it('all 178 overlapping Wednesdays agree once both are in US$ (2021-06-23: 3808.042 $bn = 3808042 $M)', () => {
    const byDate = new Map(legacy.map((o) => [o.date, o.value]));
    const overlap = current.filter((o) => byDate.has(o.date));
    expect(overlap).toHaveLength(178);
    for (const o of overlap) expect(byDate.get(o.date)).toBeCloseTo(o.value, -3);
    expect(wresbal.find((o) => o.date === '2021-06-23')!.value).toBe(3_808_042e6);
    expect(wresbal[0]!.date).toBe('1984-01-04');
    expect(wresbal.at(-1)!.date).toBe('2026-06-17');
  });
});

describe('thesis 1 thresholds checked against the data', () => {
  it('$45B in 2007: TOTRESNS averages $42.7B (Sep–Dec 2007) — within 10%; WRESBAL only $8.6B', () => {
    expect(check.claim2007.totresns!.mean).toBeCloseTo(42.725e9, -6);
    expect(check.claim2007.wresbal!.mean / 1e9).toBeCloseTo(8.57, 2);
    expect(check.claim2007.verdict).toMatch(/consistent with \$45B/);
    expect(check.claim2007.verdict).toMatch(/total reserves, not balances at the Fed/);
  });

  it('$2.2T in 2023: NOT in the data — 2023 low is $2.83T WRESBAL (2023-01-04), $3.02T TOTRESNS', () => {
    expect(check.claim2023.wresbal).toMatchObject({ min: 2_830_144e6, minDate: '2023-01-04' });
    expect(check.claim2023.totresns!.min).toBeCloseTo(3_021.8e9, -6);
    expect(check.claim2023.verdict).toMatch(/^not confirmed/);
  });

  it('$3T: SOFR > IORB on 75 of 133 days with last-published reserves < $3T vs 33 of 1089 days at or above', () => {
    expect(check.claimNeed.below).toEqual({ days: 133, crossing: 75 });
    expect(check.claimNeed.above).toEqual({ days: 1089, crossing: 33 });
    expect(check.claimNeed.firstWeekBelowSince2022).toBe('2022-09-28');
    // …but not in 2022–23, when ON RRP still held > $2T: the line is not a level on its own.
    expect(check.claimNeed.belowByYear).toEqual({
      '2022': { days: 9, crossing: 0 },
      '2023': { days: 15, crossing: 0 },
      '2025': { days: 56, crossing: 50 },
      '2026': { days: 53, crossing: 25 },
    });
    expect(check.claimNeed.verdict).toMatch(
      /^SOFR > rate on reserves on 56% of 133 days with reserves < \$3T vs 3% of 1089/,
    );
  });
});

describe('reserves snapshot', () => {
  it('latest level 2026-06-17 $3.033T, $33.4B above the $3T line; 2025-10-29 low $2.848T', () => {
    const s = reservesSnapshot(wresbal)!;
    expect(s.date).toBe('2026-06-17');
    expect(s.thresholds.find((t) => t.id === 'claimedNeed')!.distance).toBe(33_444e6);
    const oct = reservesSnapshot(wresbal.filter((o) => o.date <= '2025-10-29'))!;
    expect(oct.level).toBe(2_848_021e6);
    expect(oct.thresholds.find((t) => t.id === 'claimedNeed')!.distance).toBe(-151_979e6);
  });
  it('literal: change over 4 weeks uses the value in force 28 days earlier; empty → null', () => {
    const s = reservesSnapshot([
      { date: '2025-01-01', value: 10 },
      { date: '2025-01-29', value: 7 },
    ])!;
    expect(s.change4w).toBe(-3);
    expect(s.change13w).toBeNull();
    expect(reservesSnapshot([])).toBeNull();
  });
});
