import { describe, expect, it } from 'vitest';
import { computePlumbing } from './index.js';
import { stressScore, wednesdays } from './stress-score.js';
import { loadRealInputs } from './testing/real-inputs.js';

const lin = (n: number, f: (i: number) => number, start = '2020-01-01') =>
  wednesdays(start, '2030-01-01')
    .slice(0, n)
    .map((date, i) => ({ date, value: f(i) }));

describe('stress score (literal)', () => {
  it('expanding percentile, flipped for low-is-stress, weights renormalised, needs ≥ 2 parts', () => {
    const up = lin(4, (i) => i); // rising = more stress each week → 100th pct once history exists
    const down = lin(4, (i) => -i); // falling, low is stress → also 100
    const s = stressScore(
      [
        { id: 'a', label: 'a', weight: 3, higherIsStress: true, series: up, cadence: 'weekly' },
        { id: 'b', label: 'b', weight: 1, higherIsStress: false, series: down, cadence: 'weekly' },
      ],
      { minHistory: 2 },
    );
    expect(s.map((p) => p.date)).toEqual(up.slice(1).map((o) => o.date));
    expect(s[0]!.score).toBeCloseTo(75, 6); // 2 points: newest ≤ both, ties half → (1 + 0.5)/2
    expect(s.at(-1)!.score).toBeCloseTo(87.5, 6);
    expect(
      stressScore([{ id: 'a', label: 'a', weight: 1, higherIsStress: true, series: up, cadence: 'weekly' }], {
        minHistory: 1,
      }),
    ).toEqual([]);
  });
  it('stale values (too old for their cadence: daily > 10 days, weekly > 14) do not count', () => {
    const score = (cadence: 'daily' | 'weekly') =>
      stressScore(
        [
          {
            id: 'a',
            label: 'a',
            weight: 1,
            higherIsStress: true,
            series: lin(10, (i) => i),
            cadence: 'weekly',
          },
          { id: 'b', label: 'b', weight: 1, higherIsStress: true, series: lin(1, () => 1), cadence },
        ],
        { minHistory: 1 },
      ).map((p) => p.date);
    // b's only value (2020-01-01) is 7 days old on 01-08 and 14 on 01-15: stale as a daily value,
    // still current as a weekly one; 21 days on 01-22 is stale for both.
    expect(score('daily')).toEqual(['2020-01-01', '2020-01-08']);
    expect(score('weekly')).toEqual(['2020-01-01', '2020-01-08', '2020-01-15']);
  });
});

describe('all plumbing indicators on the real files', () => {
  const inputs = loadRealInputs();
  const full = computePlumbing(inputs);
  const score = (d: string) => full.score.find((s) => s.date === d)!.score;

  it('Oct-2025 repo episode scores higher than the calm of end-2021 and than mid-2024', () => {
    expect(score('2025-10-29')).toBeGreaterThan(70);
    expect(score('2021-12-29')).toBeLessThan(35);
    expect(score('2025-10-29')).toBeGreaterThan(score('2024-06-05'));
  });

  it('Sept-2019 repo spike shows through the reserve drain component (before SOFR−IORB exists)', () => {
    const p = full.score.find((s) => s.date === '2019-09-18')!;
    expect(p.parts.map((x) => x.id)).not.toContain('sofrIorb');
    expect(p.parts.find((x) => x.id === 'reserves')!.percentile).toBeGreaterThan(75);
  });

  it('as-of honesty: as of 2025-10-31 nothing dated after what was published by then is used', () => {
    const r = computePlumbing(inputs, '2025-10-31');
    const row = (id: string) => r.rows.find((x) => x.id === id)!;
    expect(row('sofrIorb').date).toBe('2025-10-30'); // 10-31 SOFR is published next business day
    expect(row('reserves').date).toBe('2025-10-29'); // H.4.1 of Wed 10-29 out Thu 10-30
    expect(row('tga').date).toBe('2025-10-30'); // DTS of 10-31 out 11-03
    expect(row('crossingDays').value).toBe(16);
    for (const s of Object.values(r.history)) for (const o of s) expect(o.date <= '2025-10-31').toBe(true);
  });

  it('monthly issuance rows use the last COMPLETE month (2026-05: bill share 91.4%), not June in progress', () => {
    const bs = full.rows.find((r) => r.id === 'billShare')!;
    expect(bs.date).toBe('2026-05-29');
    expect(bs.value!).toBeCloseTo(0.914, 3);
    const asOf = computePlumbing(inputs, '2025-11-14').rows.find((r) => r.id === 'billShare')!;
    expect([asOf.date, asOf.value!.toFixed(3)]).toEqual(['2025-10-31', '0.866']);
  });

  it('summary rows: every indicator present with value, 1-month change and percentile where data exists', () => {
    const have = full.rows.filter((r) => r.value !== null).map((r) => r.id);
    expect(have).toEqual(
      expect.arrayContaining([
        'reserves',
        'sofrIorb',
        'tga',
        'rrp',
        'billShare',
        'netIssuance',
        'netLiquidity',
        'stressScore',
      ]),
    );
    // Inputs we have no real file for stay absent rather than zero.
    for (const id of ['sofrP99Iorb', 'srfTakeup', 'billPurchases', 'debtTotal']) {
      expect(full.rows.find((r) => r.id === id)!.value).toBeNull();
    }
    expect(full.notes[0]).toMatch(/IOER not available/);
  });
});
