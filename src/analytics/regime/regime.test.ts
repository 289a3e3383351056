import { describe, expect, it } from 'vitest';
import { computeRiskLevels, explainWeek, levelEpisodes, reportWeekAsOf, weekIndexAsOf } from './engine.js';
import { forwardOutcome, forwardStatsByLevel } from './forward.js';
import { buildRiskInputs, dailySpreadBp } from './inputs.js';
import { readCloses, realRiskSources } from './real-data.testkit.js';
import { DEFAULT_RULES } from './rules.js';
import { alignPointInTime, fridays, weeklyCloses } from './weekly.js';

describe('weekly alignment (literal cases)', () => {
  const weeks = ['2024-01-05', '2024-01-12', '2024-01-19'];

  it('uses only observations known by each Friday; a later revision never leaks backwards', () => {
    const obs = [
      { date: '2024-01-03', value: 10, knownFrom: '2024-01-04' },
      { date: '2024-01-10', value: 11, knownFrom: '2024-01-13' }, // published the Saturday after
      { date: '2024-01-03', value: 99, knownFrom: '2024-01-18' }, // revision of an old date
    ];
    expect([...alignPointInTime(weeks, obs)]).toEqual([10, 10, 11]);
  });

  it("uses each row's publication day and marks stale values unknown; a row without one is refused", () => {
    const obs = [{ date: '2024-01-05', value: 1, knownFrom: '2024-01-10' }];
    const a = alignPointInTime(weeks, obs, { maxAgeDays: 10 });
    expect(a[0]).toBeNaN(); // dated Friday, public the next Wednesday
    expect(a[1]).toBe(1);
    expect(a[2]).toBeNaN(); // 14 days old > 10
    // No lag table here: publication days come from the store / sources/fred/publication.ts.
    expect(() => alignPointInTime(weeks, [{ date: '2024-01-05', value: 1 }])).toThrow(
      /observation 2024-01-05=1 has no knownFrom/,
    );
  });

  it("'max' takes the extreme of what was published during the week", () => {
    const obs = [
      { date: '2024-01-08', value: -3, knownFrom: '2024-01-08' },
      { date: '2024-01-09', value: 4, knownFrom: '2024-01-09' },
      { date: '2024-01-12', value: 2, knownFrom: '2024-01-15' },
    ];
    expect(
      [...alignPointInTime(weeks, obs, { agg: 'max' })].map((x) => (Number.isNaN(x) ? null : x)),
    ).toEqual([null, 4, 2]);
  });

  it('rejects an observation known before its own date', () => {
    expect(() =>
      alignPointInTime(weeks, [{ date: '2024-01-10', value: 1, knownFrom: '2024-01-09' }]),
    ).toThrow(/knownFrom 2024-01-09 is before its date/);
  });

  it('PEERS: align on the union of dates, never fill forward or backward (backtesting.py PR #1365) — fridays() and weeklyCloses(): holiday Friday takes Thursday; a dead series goes NaN', () => {
    expect(fridays('2024-01-01', '2024-01-19')).toEqual(weeks);
    const w = weeklyCloses(weeks, ['2024-01-04', '2024-01-11'], [100, 101]);
    expect([...w].map((x) => (Number.isNaN(x) ? null : x))).toEqual([100, 101, 101]);
    expect(weeklyCloses(['2024-02-02'], ['2024-01-11'], [101])[0]).toBeNaN();
  });

  it('SOFR − IORB in bp with the later knownFrom', () => {
    const s = dailySpreadBp(
      [{ date: '2025-10-28', value: 4.31, knownFrom: '2025-10-29' }],
      [{ date: '2025-10-28', value: 4.15, knownFrom: '2025-10-28' }],
    );
    expect(s).toEqual([{ date: '2025-10-28', value: 16, knownFrom: '2025-10-29' }]);
  });
});

describe('risk levels (literal cases)', () => {
  const weeks = ['2024-01-05', '2024-01-12', '2024-01-19', '2024-01-26'];
  it('calm, credit stress, systemic needs two extremes, no data is −1', () => {
    const hySpread = Float64Array.from([3, 6.5, 9, Number.NaN]);
    const vix = Float64Array.from([14, 20, 45, Number.NaN]);
    const r = computeRiskLevels({ weeks, hySpread, vix });
    expect([...r.levels]).toEqual([0, 2, 3, -1]);
    const e = explainWeek(r, 2);
    expect(e.name).toBe('systemic');
    expect(e.fired.map((f) => f.rule).join(' ')).toBe('hy_spread_wide vix_high hy_spread_extreme vix_panic');
    expect(e.unavailable).toContain('nfci_tight');
    // one extreme alone is credit stress, not systemic
    const one = computeRiskLevels({ weeks: ['2024-01-05'], hySpread: Float64Array.from([8.5]) });
    expect(one.levels[0]).toBe(2);
  });

  it('liquidity data alone: a squeeze shows, but no week is called calm', () => {
    const nl = Float64Array.from({ length: 15 }, (_, i) => (i < 14 ? 100 : 90));
    const r = computeRiskLevels({ weeks: Array.from({ length: 15 }, (_, i) => `w${i}`), netLiquidity: nl });
    expect(r.levels[13]).toBe(-1);
    expect(r.levels[14]).toBe(1);
  });

  it('rejects inputs of the wrong length', () => {
    expect(() => computeRiskLevels({ weeks, vix: new Float64Array(3) })).toThrow(/3 values for 4 weeks/);
  });

  it('forward return and max drawdown over a window', () => {
    const p = Float64Array.from([100, 110, 88, 99, 120]);
    const f = forwardOutcome(p, 2);
    expect(f.ret[0]).toBeCloseTo(-0.12, 10);
    expect(f.maxDrawdown[0]).toBeCloseTo(88 / 110 - 1, 10);
    expect(f.ret[3]).toBeNaN();
  });
});

describe('risk levels on the real FRED / Binance history (../shared/data)', () => {
  const weeks = fridays('2007-01-05', '2025-11-14');
  const inputs = buildRiskInputs(weeks, realRiskSources());
  const r = computeRiskLevels(inputs);
  const at = (d: string) => explainWeek(r, weekIndexAsOf(weeks, d));

  // VIXCLS is published on FRED the next business day (the catalog's release rule, which the
  // store applies too): the week of 2008-10-10 sees the 10-09 close, 63.92, not 10-10's 69.95.
  it('Lehman week 2008-10-10 is systemic: HY OAS 13.91 %, VIX 63.92 (both FRED 2008-10-09, published next day)', () => {
    const e = at('2008-10-10');
    expect(e.level).toBe(3);
    const hy = e.fired.find((f) => f.rule === 'hy_spread_extreme');
    expect(hy?.value).toBe(13.91);
    expect(e.fired.find((f) => f.rule === 'vix_panic')?.value).toBe(63.92);
  });

  it('March 2020 is systemic; BTC ≥ 40 % off its 52-week high is only a watch flag', () => {
    const e = at('2020-03-20');
    expect(e.level).toBe(3);
    expect(e.watch.map((w) => w.rule)).toEqual(['btc_front_line']);
  });

  it('Oct 2025 is a liquidity squeeze: SOFR − IORB 16 bp on 2025-10-28 (4.31 vs 4.15), reserves and net liquidity falling', () => {
    const e = at('2025-10-31');
    expect(e.level).toBe(1);
    expect(e.fired.map((f) => f.rule).sort()).toEqual([
      'net_liquidity_falling',
      'repo_crosses_iorb',
      'reserves_falling',
    ]);
    expect(e.fired.find((f) => f.rule === 'repo_crosses_iorb')?.value).toBe(16);
    // 2025-10-31's own print (4.22 vs IORB 3.90 = 32 bp) is published on Monday: next week.
    expect(at('2025-11-07').fired.find((f) => f.rule === 'repo_crosses_iorb')?.value).toBe(32);
  });

  it('a calm week: 2017-06-16', () => {
    expect(at('2017-06-16').level).toBe(0);
  });

  it('point-in-time: levels up to 2020 do not change when later data is removed', () => {
    const cut = '2020-12-31';
    const src = realRiskSources();
    const trimmed = Object.fromEntries(
      Object.entries(src).map(([k, v]) => [k, v.filter((o) => o.date <= cut)]),
    ) as typeof src;
    const r2 = computeRiskLevels(buildRiskInputs(weeks, trimmed));
    const last = weekIndexAsOf(weeks, '2020-12-25');
    expect([...r2.levels.slice(0, last + 1)]).toEqual([...r.levels.slice(0, last + 1)]);
  });

  it('forward S&P 500 (SPY adj.) stats per level: systemic weeks had the deepest 12-month drawdown', () => {
    const spy = readCloses('prices/yf-autoadj-ohlcv/SPY.csv');
    const stats = forwardStatsByLevel(r.levels, weeklyCloses(weeks, spy.dates, spy.closes));
    const get = (level: number, months: number) =>
      stats.find((s) => s.level === level && s.months === months)!;
    expect(get(3, 12).worstMaxDrawdown).toBeLessThan(-0.45); // 2008-09
    expect(get(1, 6).worstMaxDrawdown).toBeGreaterThan(-0.25);
    expect(get(0, 12).n).toBeGreaterThan(500);
    expect(levelEpisodes(r).filter((e) => e.level === 3).length).toBeGreaterThanOrEqual(3);
  });

  it('every rule id is unique (bitmask positions)', () => {
    expect(new Set(DEFAULT_RULES.map((x) => x.id)).size).toBe(DEFAULT_RULES.length);
  });
});

describe('reportWeekAsOf', () => {
  const r = {
    weeks: ['2025-10-31', '2025-11-07', '2025-11-14', '2025-11-21'],
    levels: Int8Array.from([0, 1, -1, -1]),
  };
  it('falls back to the newest week with data, saying so', () => {
    const got = reportWeekAsOf(r, '2025-11-25');
    expect(got.index).toBe(1);
    expect(got.note).toMatch(
      /no data for the week ending 2025-11-21; showing the newest week with data \(2025-11-07\)/,
    );
  });
  it('reports the as-of week itself when it has data, and nothing before the first week', () => {
    expect(reportWeekAsOf(r, '2025-11-08')).toEqual({ index: 1, note: null });
    expect(reportWeekAsOf(r, '2025-01-01')).toEqual({ index: -1, note: null });
  });
});
