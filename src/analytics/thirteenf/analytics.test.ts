import { readFileSync } from 'node:fs';
import { addDays } from '../../core/dates.js';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { parseThirteenF } from '../../sources/sec/thirteenf/filing.js';
import { normaliseFiling } from '../../sources/sec/thirteenf/normalise.js';
import { bsPrice, realisedVol } from './black-scholes.js';
import { diffPositions, summariseDiff } from './diff.js';
import { concentration, exposure, NOTIONAL_CAVEAT } from './exposure.js';
import { toPositions } from './positions.js';
import { estimatePremium, rateAt, THESIS5_PLTR, volatilityAt } from './premium.js';
import { coverage, latestDueQuarter } from './watchlist.js';

const scion = (file: string) => {
  const text = readFileSync(dataFile('sec', 'scion', file), 'utf8');
  return toPositions(normaliseFiling(parseThirteenF(text, { source: file })).holdings);
};
const Q2_2023 = 'scion_13F-HR_20230630_0000905148-23-000689.txt';
const Q3_2023 = 'scion_13F-HR_20230930_0000905148-23-001400.txt';

/** Closes up to and including `until` from a `Date,Close` CSV under shared/data/prices. */
function closes(file: string, until: string): number[] {
  const out: number[] = [];
  for (const line of readFileSync(dataFile('prices', file), 'utf8').split('\n').slice(1)) {
    const [d, c] = line.split(',');
    if (d && c && d <= until) out.push(Number(c));
  }
  return out;
}

describe('positions', () => {
  it('edgartools #824: put rows are never merged with share rows of the same CUSIP (literal)', () => {
    const base = {
      titleOfClass: 'COM',
      figi: null,
      shareType: 'SH' as const,
      discretion: 'SOLE',
      otherManagers: [],
      votingSole: 0,
      votingShared: 0,
      votingNone: 0,
    };
    const p = toPositions([
      {
        ...base,
        line: 1,
        issuer: 'PALANTIR',
        cusip: '69608A108',
        value: 1,
        valueUsd: 100,
        shares: 10,
        putCall: null,
      },
      {
        ...base,
        line: 2,
        issuer: 'PALANTIR',
        cusip: '69608A108',
        value: 1,
        valueUsd: 900,
        shares: 90,
        putCall: 'Put',
      },
      {
        ...base,
        line: 3,
        issuer: 'PALANTIR',
        cusip: '69608A108',
        value: 1,
        valueUsd: 50,
        shares: 5,
        putCall: 'Call',
      },
      {
        ...base,
        line: 4,
        issuer: 'PALANTIR',
        cusip: '69608A108',
        value: 1,
        valueUsd: 100,
        shares: 10,
        putCall: 'Put',
      },
    ]);
    expect(p.map((x) => [x.key, x.shares, x.valueUsd])).toEqual([
      ['69608A108|Put', 100, 1000],
      ['69608A108|SH', 10, 100],
      ['69608A108|Call', 5, 50],
    ]);
  });
});

describe('Scion analytics on real filings', () => {
  it('2023-06-30: $1.6254B put notional of $1.7368B reported (93.6%), with the notional caveat', () => {
    const e = exposure(scion(Q2_2023));
    expect(e.totalUsd).toBe(1_736_760_059);
    expect(e.putNotionalUsd).toBe(738_840_000 + 886_560_000);
    expect(e.putShare).toBeCloseTo(0.9359, 4);
    expect(e.callNotionalUsd).toBe(0);
    expect(e.caveat).toBe(NOTIONAL_CAVEAT);
    expect(e.caveat).toMatch(/not money at risk/);
  });

  it('2023-06-30 top-2 concentration is the two index puts', () => {
    const c = concentration(scion(Q2_2023), 2);
    expect(c.top.map((t) => [t.issuer, t.putCall])).toEqual([
      ['SPDR S&P 500 ETF TR', 'Put'],
      ['INVESCO QQQ TR', 'Put'],
    ]);
    expect(c.share).toBeCloseTo(1_625_400_000 / 1_736_760_059, 10);
  });

  it('PEERS: a weight of 0/0 crashed a whole fetch (OpenBB #7618) — concentration and put share of an empty filing are null, not NaN', () => {
    expect(concentration([], 5).share).toBeNull();
    expect(exposure([]).putShare).toBeNull();
  });

  it('Q2 → Q3 2023 diff: SPY and QQQ puts exited, BKNG and SOXX puts new', () => {
    const d = diffPositions(scion(Q2_2023), scion(Q3_2023));
    const byKey = new Map(d.map((c) => [c.key, c]));
    expect(byKey.get('78462F103|Put')?.kind).toBe('exited');
    expect(byKey.get('46090E103|Put')?.kind).toBe('exited');
    expect(byKey.get('78462F103|Put')?.sharesChangePct).toBe(-100);
    expect(byKey.get('09857L108|Put')?.kind).toBe('new');
    const s = summariseDiff(d);
    expect(s.new + s.added + s.trimmed + s.unchanged).toBe(13);
    expect(s.exited + s.added + s.trimmed + s.unchanged).toBe(33);
  });
});

describe('Black-Scholes premium estimate', () => {
  it('textbook value (Hull, Options Futures and Other Derivatives, Example 15.6): call 4.76, put 0.81', () => {
    const i = { spot: 42, strike: 40, years: 0.5, rate: 0.1, vol: 0.2 };
    expect(bsPrice('Call', i)).toBeCloseTo(4.76, 2);
    expect(bsPrice('Put', i)).toBeCloseTo(0.81, 2);
  });

  it('realised vol of a constant-growth series is 0; too few closes give null', () => {
    expect(realisedVol(Array.from({ length: 300 }, (_, i) => 100 * 1.001 ** i))).toBeCloseTo(0, 10);
    expect(realisedVol([1, 2, 3])).toBeNull();
  });

  it('thesis 5: PLTR puts ~$912M notional; an at-the-money estimate is far above the ~$9.2M paid', () => {
    const pltr = closes('yf-close-only/PLTR.csv', '2025-09-30');
    expect(pltr.at(-1)).toBeCloseTo(182.42, 2); // PLTR close 2025-09-30
    const dates = readFileSync(dataFile('prices', 'yf-close-only/PLTR.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]!)
      .filter((d) => d && d <= '2025-09-30');
    const vol = volatilityAt({ dates, closes: pltr, source: 'PLTR.csv' }, '2025-09-30', 'PLTR');
    if ('note' in vol) throw new Error(vol.note);
    // the 63 returns to 2025-09-30, recomputed here from the file
    expect(vol.value).toBeCloseTo(realisedVol(pltr.slice(-64), 63)!, 12);
    expect([vol.from, vol.to, vol.returns]).toEqual(['2025-07-01', '2025-09-30', 63]);
    const est = estimatePremium({
      putCall: 'Put',
      referenceDate: '2025-09-30',
      notionalUsd: THESIS5_PLTR.notionalUsd,
      vol,
      rate: rateAt(null, '2025-09-30'),
    });
    expect(est.points.map((p) => p.months)).toEqual([3, 6, 12]);
    expect(est.rate).toEqual({
      value: 0.04,
      date: null,
      source: 'fixed 4.00% (DGS3MO not stored for 2025-09-30)',
    });
    // ATM premium rises with expiry; even 3 months at the money costs >5x the reported $9.2M,
    // so the real puts were far out of the money — notional is not money at risk.
    const usd = est.points.map((p) => p.premiumUsd!);
    expect(usd.every((p, i) => i === 0 || p > usd[i - 1]!)).toBe(true);
    expect(est.lowUsd).toBeGreaterThan(5 * THESIS5_PLTR.premiumUsd);
    expect(est.highUsd).toBeLessThan(THESIS5_PLTR.notionalUsd);
    expect(est.caveat).toMatch(/not money at risk/);
    expect(est.assumptions[0]).toMatch(/^strike = spot/);
    expect(est.assumptions[3]).toBe('risk-free rate 4.00% = fixed 4.00% (DGS3MO not stored for 2025-09-30)');
  });

  it('premium inputs: stale or short price history gives a reason, not a number (literal)', () => {
    const days = Array.from({ length: 70 }, (_, i) => addDays('2024-01-01', i));
    const p = { dates: days, closes: days.map((_, i) => 100 * 1.01 ** i * (i % 2 ? 1.02 : 1)) };
    // index 62 = 62 returns: one short of the window; index 63 = exactly 63
    expect(volatilityAt(p, days[62]!, 'X')).toEqual({
      note: `only 62 daily returns of X up to ${days[62]}; 63 needed`,
    });
    const v = volatilityAt(p, days[63]!, 'X');
    expect('value' in v && [v.from, v.to]).toEqual([days[0], days[63]]);
    expect(volatilityAt(undefined, days[63]!, 'X')).toEqual({
      note: `no prices stored for X up to ${days[63]}`,
    });
    const real = { dates: ['2024-01-02', '2024-01-03'], closes: [1, 2] };
    expect(volatilityAt(real, '2024-01-11', 'X')).toEqual({
      note: 'prices for X stop at 2024-01-03, more than 7 days before 2024-01-11 (stale)',
    });
    // exactly 7 days old is still usable (then too few returns is the reason)
    expect(volatilityAt(real, '2024-01-10', 'X')).toEqual({
      note: 'only 1 daily returns of X up to 2024-01-10; 63 needed',
    });
    expect(volatilityAt(real, '2023-12-31', 'X')).toEqual({ note: 'prices for X start after 2023-12-31' });
  });
});

describe('watchlist coverage', () => {
  it('deadline: the 2025-09-30 report is due by 2025-11-14', () => {
    expect(latestDueQuarter('2025-11-13')).toBe('2025-06-30');
    expect(latestDueQuarter('2025-11-14')).toBe('2025-09-30');
  });

  it('Scion data ends 2023-09-30: Q3-2025 shows as data missing', () => {
    const periods = ['2022-12-31', '2023-03-31', '2023-06-30', '2023-09-30'];
    const c = coverage(periods, '2025-12-01');
    expect(c.latestOnFile).toBe('2023-09-30');
    expect(c.latestDue).toBe('2025-09-30');
    expect(c.missing).toContain('2025-09-30');
    expect(c.missing).toHaveLength(8);
    expect(c.message).toMatch(/^data missing: 8 quarter/);
  });
});
