import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/dates.js';
import { correlationOf } from '../../indicators/markets/stats.js';
import { computeRiskLevels } from '../regime/engine.js';
import { forwardStatsByLevel } from '../regime/forward.js';
import {
  A,
  btc,
  drain,
  needCounts,
  quarters,
  repo,
  reserves2007,
  reserves2023,
  sorting,
} from './cases.testkit.js';
import { correlationVerdict } from './correlation.js';
import { durationSortingOn, netLiquidityPoints } from './duration-sorting.js';
import { runCheck, THESES } from './ledger.js';
import { riskLevelCheck } from './risk-levels.js';
import { between, closeAt, correlation } from './series-tools.js';
import { B, data, prices, T, wednesdays } from './synthetic.testkit.js';

/** The parts of the thesis 2, 3, 6 and 7 checks that shape their evidence, on literal inputs. */

const check = (id: string) => THESES.flatMap((t) => t.checks).find((c) => c.id === id)!;

describe('series helpers', () => {
  const p = prices([
    { date: '2025-01-02', value: 10 },
    { date: '2025-01-06', value: 11 },
  ]);
  it('closeAt: the last close on or before a day', () => {
    expect(closeAt(p, '2025-01-01')).toBeUndefined();
    expect(closeAt(p, '2025-01-02')).toEqual({ date: '2025-01-02', close: 10 });
    expect(closeAt(p, '2025-01-05')).toEqual({ date: '2025-01-02', close: 10 });
    expect(closeAt(p, '2025-12-31')).toEqual({ date: '2025-01-06', close: 11 });
    expect(closeAt(undefined, '2025-01-02')).toBeUndefined();
  });
  it('between is inclusive; correlation uses the finite pairs only', () => {
    const obs = [
      { date: '2025-01-01', value: 1 },
      { date: '2025-01-02', value: 2 },
      { date: '2025-01-03', value: 3 },
    ];
    expect(between(obs, '2025-01-02', '2025-01-03').map((o) => o.value)).toEqual([2, 3]);
    expect(between(undefined, '2025-01-01', '2025-01-02')).toEqual([]);
    const r = correlation([1, 2, Number.NaN, 4, 5], [2, 4, 9, 8, 11]);
    expect(r.n).toBe(4);
    expect(r.r).toBeCloseTo(correlationOf([1, 2, 4, 5], [2, 4, 8, 11]), 12);
  });
});

describe('thesis 2 correlation evidence', () => {
  const d = quarters(A, (_, a) => a);
  const r = correlationVerdict(d);
  it('window from the first sampled quarter start to the last quarter end; all four figures', () => {
    expect(r.status).toBe('supported');
    expect(r.evidence.map((e) => e.label).join(' | ')).toBe(
      'correlation, all quarters | correlation without 2008–09 and 2020 | quarters (all / without crises) | correlation, liquidity leading by a quarter',
    );
    expect(r.evidence[0]!.to).toBe(A);
    expect(r.evidence[0]!.from).toBe('2007-01-19');
    expect(r.evidence[0]!.value).toBe(1);
    expect(r.evidence[2]!.value).toBe('74 / 60');
  });
  it('the leading correlation pairs each quarter with the next one', () => {
    // Quarter k's liquidity change against quarter k−1's price change (k = 0 the latest).
    const K = Number(String(r.evidence[2]!.value).split(' / ')[0]);
    const a = Array.from({ length: K }, (_, k) => 0.03 * Math.sin(1.7 * k + 0.3));
    expect(r.evidence[3]!.value).toBe(Number(correlationOf(a.slice(1), a.slice(0, -1)).toFixed(3)));
    expect(r.evidence[3]!.value).toBe(-0.121);
  });
  it('when prices stop first, the last quarter is the last week with both', () => {
    const cut = {
      ...d,
      prices: {
        SPY: {
          ...d.prices.SPY!,
          dates: d.prices.SPY!.dates.slice(0, -3),
          closes: Array.from(d.prices.SPY!.closes).slice(0, -3),
        },
      },
    };
    const c = correlationVerdict(cut);
    expect(c.evidence[0]!.to).toBe('2025-06-13');
  });
});

describe('thesis 3: net liquidity points and the evidence', () => {
  it('netLiquidityPoints: Fridays from the first WALCL week; nothing without WALCL or before it starts', () => {
    const series = {
      WALCL: wednesdays('2025-01-01', '2025-03-31').map((date) => ({ date, value: 5e12 })),
      WTREGEN: wednesdays('2025-01-01', '2025-03-31').map((date) => ({ date, value: 1e12 })),
    };
    const pts = netLiquidityPoints(series, '2025-03-31');
    expect(pts[0]).toEqual({ date: '2025-01-03', value: 4e12 });
    expect(pts.at(-1)!.date).toBe('2025-03-28');
    expect(netLiquidityPoints(series, '2024-12-31')).toEqual([]);
    expect(netLiquidityPoints({}, '2025-03-31')).toEqual([]);
    expect(netLiquidityPoints({ WALCL: series.WALCL }, '2025-03-31')).toEqual([]);
    // weeks whose inputs are stale are left out, not carried. WALCL ends 2025-01-08: 9 days old
    // on Friday 2025-01-17, 16 on 2025-01-24 — over the 14 days a weekly series may be old
    // (indicators/freshness.ts, the one staleness rule since the net-liquidity merge; this test
    // said 2025-01-24 under the ledger's former 21-day limit).
    const gap = netLiquidityPoints(
      { WALCL: series.WALCL.slice(0, 2), WTREGEN: series.WTREGEN },
      '2025-03-31',
    );
    expect(gap.at(-1)!.date).toBe('2025-01-17');
  });
  it('evidence: windows compared, both group means, the members; window from the first to the last compared window', () => {
    const d = sorting(3, [-0.3, -0.3, -0.3], [0.05, 0.05, 0.05]);
    const t = durationSortingOn(d.series, d.prices, A);
    const r = runCheck(check('speculative-fall-harder'), d);
    expect(r.evidence.map((e) => [e.label, e.value])).toEqual([
      ['squeeze windows compared / speculative did worse', '3 / 3'],
      ['speculative group, mean window return', -0.3],
      ['cash-flow-near group, mean window return', 0.05],
      ['speculative members', 'BTC'],
      ['cash-flow-near members', 'MU'],
    ]);
    expect(r.evidence[0]!.from).toBe(t.windows[0]!.start);
    expect(r.evidence[0]!.to).toBe(t.windows.at(-1)!.end);
    expect(r.evidence[0]!.inputDates).toEqual(t.windows.flatMap((w) => [w.start, w.end]));
    expect(r.summary).toBe(t.statement);
    expect(r.summary).toMatch(
      /one-member groups: speculative: BTC, cash-flow-near: MU \(no prices for ETH, ARKK, PLTR, TSLA, SNDK\)$/,
    );
  });
  it('no compared window: insufficient data with the reason', () => {
    const d = sorting(3, [-0.3, -0.3, -0.3], [0.05, 0.05, 0.05]);
    delete d.prices.MU;
    expect(runCheck(check('speculative-fall-harder'), d)).toMatchObject({
      status: 'insufficient data',
      summary: expect.stringMatching(/^only 0 squeeze window/),
      evidence: [],
    });
  });
});

describe('thesis 6 evidence', () => {
  it('closes only: the close-to-close fall and where the closes end', () => {
    const r = runCheck(check('btc-126k-to-60k'), btc(126_000, 60_000));
    expect(r.evidence.map((e) => e.label)).toEqual([
      'fall close-to-close from the October 2025 peak close',
      'BTC closes end',
    ]);
    expect(r.evidence[0]).toMatchObject({
      value: -0.5238,
      from: '2025-10-06',
      source: 'close (synthetic) → close (synthetic)',
    });
    expect(r.evidence[1]).toMatchObject({
      value: '2026-02-27',
      inputDates: ['2026-02-27'],
      from: '2025-09-01',
    });
  });
  it('with intraday highs: the fall from the high as well, the high as the peak', () => {
    const d = btc(120_000, 60_000);
    d.highs = { BTC: prices([{ date: '2025-10-06', value: 126_500 }], 'binance high') };
    const r = runCheck(check('btc-126k-to-60k'), d);
    expect(r.evidence.map((e) => e.label)).toEqual([
      'fall from the October 2025 intraday high to the lowest close after it',
      'fall close-to-close from the October 2025 peak close',
      'BTC closes end',
    ]);
    expect(r.evidence[0]).toMatchObject({
      value: -0.5257,
      source: 'intraday high (binance high) → close (synthetic)',
    });
    expect(r.summary).toMatch(/^peak \$126,500\.00 on 2025-10-06/);
  });
  it('no BTC prices at all', () => {
    expect(runCheck(check('btc-126k-to-60k'), data(A)).summary).toBe('no BTC prices stored');
  });
});

describe('thesis 7 out of sample (literal weekly history)', () => {
  // 400 weeks; a 13-week 6 % fall of net liquidity every 20 weeks (level 1); VIX calm.
  const weeks = Array.from({ length: 400 }, (_, i) => `w${String(i).padStart(3, '0')}`);
  const netLiquidity = Float64Array.from(weeks, (_, i) => (i % 20 >= 13 ? 94 : 100));
  const vix = new Float64Array(400).fill(15);
  const levels = computeRiskLevels({ weeks, netLiquidity, vix });
  /** Prices: flat, but after each level-1 week of the late half they fall 30 % for a while. */
  const spy = Float64Array.from(weeks, (_, i) => (i >= 200 && i % 20 >= 16 ? 70 : 100));
  const forward = { SPY: forwardStatsByLevel(levels.levels, spy) };
  it('whole history and out of sample disagree → mixed, and the evidence says what the split was', () => {
    const d = data('2030-01-04', { risk: { levels, forward, weeklyPrices: { SPY: spy } } });
    const r = riskLevelCheck(d, 'SPY');
    const labels = r.evidence.map((e) => e.label);
    expect(labels).toContain('out of sample: thresholds re-chosen on');
    expect(r.evidence.find((e) => e.label === 'out of sample: thresholds re-chosen on')!.from).toBe('w000');
    expect(
      r.evidence.find((e) => e.label === 'out of sample: level-1 weeks in the late half')!.value,
    ).toBeGreaterThan(8);
    expect(r.summary).toMatch(/out of sample \(thresholds re-chosen on w000 → w199, tested w200 → w399\)/);
    expect(r.status).toBe('mixed');
  });
  it('without weekly prices there is no split: the whole-history verdict alone', () => {
    const d = data('2030-01-04', { risk: { levels, forward } });
    const r = riskLevelCheck(d, 'SPY');
    expect(r.evidence.some((e) => e.label.startsWith('out of sample'))).toBe(false);
    expect(r.evidence[0]).toMatchObject({
      value: expect.stringMatching(/^\d+ \(\d+\)$/),
      from: 'w000',
      to: 'w399',
    });
    expect(riskLevelCheck(data(A), 'SPY').summary).toBe('risk levels not computed');
  });
});

describe('thesis 1 evidence', () => {
  it('repo: the crossing count and the widest spread with its day, over the 6-month window', () => {
    const d = repo(3);
    d.series.SOFR![10]!.value = 4.9; // 50 bp, the widest
    const r = runCheck(check('repo-crosses-line'), d);
    expect(r.evidence.map((e) => [e.label, e.value, e.unit])).toEqual([
      ['days SOFR > IORB (6 months)', 4, 'days'],
      ['widest SOFR − IORB', 50, 'bp'],
    ]);
    expect(r.evidence[1]!.inputDates).toEqual([d.series.SOFR![10]!.date]);
    expect(r.evidence[0]!.inputDates).toEqual([d.series.SOFR![0]!.date, A]);
    expect(r.evidence[0]).toMatchObject({ from: '2024-12-27', to: A });
    // a spread of exactly 0 bp is not a crossing
    const zero = repo(0);
    zero.series.SOFR![5]!.value = 4.4;
    expect(runCheck(check('repo-crosses-line'), zero).status).toBe('refuted');
  });

  it('reserves in a year: average, low, high of the first series that has the year; not before the year is over', () => {
    const d = reserves2007([...Array(11).fill(44 * B), 46 * B]);
    const r = runCheck(check('reserves-2007'), d);
    expect(r.evidence.map((e) => [e.label, e.value])).toEqual([
      ['TOTRESNS 2007 average', (11 * 44 * B + 46 * B) / 12],
      ['TOTRESNS 2007 low', 44 * B],
      ['TOTRESNS 2007 high', 46 * B],
    ]);
    expect(r.evidence[0]).toMatchObject({
      from: '2007-01-01',
      to: '2007-12-31',
      inputDates: ['2007-01-01', '2007-12-01'],
    });
    // WRESBAL stands in when TOTRESNS has no 2007; for 2023 WRESBAL comes first.
    const w = data(A, { series: { WRESBAL: [{ date: '2007-06-06', value: 45 * B }] } });
    expect(runCheck(check('reserves-2007'), w).summary).toMatch(/^WRESBAL in 2007/);
    const both = reserves2023(() => 2.2 * T);
    both.series.TOTRESNS = [{ date: '2023-06-01', value: 9 * T }];
    expect(runCheck(check('reserves-2023'), both).summary).toMatch(/^WRESBAL in 2023/);
    expect(
      runCheck(check('reserves-2023'), { ...reserves2023(() => 2.2 * T), asOf: '2023-12-30' }).summary,
    ).toBe('2023 is not over on 2023-12-30');
    expect(
      runCheck(check('reserves-2023'), { ...reserves2023(() => 2.2 * T), asOf: '2023-12-31' }).status,
    ).toBe('supported');
  });

  it('needs > $3T: no WRESBAL, stale SOFR or stale WRESBAL → insufficient with the reason', () => {
    const d = needCounts(20, 4, 20, 0);
    expect(runCheck(check('needs-3t'), { ...d, series: { ...d.series, WRESBAL: [] } }).summary).toBe(
      'no WRESBAL stored',
    );
    expect(runCheck(check('needs-3t'), { ...d, asOf: addDays(A, 11) }).summary).toMatch(
      /^SOFR − IORB ends 2025-06-27, 11 days before/,
    );
    const old = {
      ...d,
      series: { ...d.series, WRESBAL: d.series.WRESBAL!.filter((o) => o.date <= addDays(A, -22)) },
    };
    expect(runCheck(check('needs-3t'), old).summary).toMatch(/^WRESBAL ends 2025-06-05, 22 days before/);
    const r = runCheck(check('needs-3t'), d);
    expect(r.evidence[2]).toMatchObject({ value: 0.2, unit: 'fraction-difference' });
    expect(r.evidence[0]!.inputDates).toEqual([d.series.SOFR![0]!.date, A]);
  });

  it('net liquidity drain: the level and the change, with the two weeks', () => {
    const r = runCheck(check('net-liquidity-drain'), drain(T, 0.95 * T));
    expect(r.evidence.map((e) => [e.label, e.value, e.inputDates])).toEqual([
      ['net liquidity', 0.95 * T, [A]],
      ['change over 26 weeks', -0.05, ['2024-12-27', A]],
    ]);
    expect(runCheck(check('net-liquidity-drain'), data(A)).summary).toBe('WALCL / WTREGEN not stored');
  });
});
