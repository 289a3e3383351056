import { describe, expect, it } from 'vitest';
import { readCloses, realSpyVixWeekly } from '../regime/real-data.testkit.js';
import { fridays, weeklyCloses } from '../regime/weekly.js';
import { metricsFor, positions, runBacktest, SignalCache, type WeeklyData } from './engine.js';
import { naiveBacktest, toRows } from './naive.js';
import { drawdownFromHigh, rollingMax, sma, zscore } from './ops.js';
import { paramGrid, parseStrategy } from './spec.js';
import { builtinStrategy } from './strategies.js';
import { sweep, walkForward } from './sweep.js';

describe('ops (literal cases)', () => {
  const x = Float64Array.from([1, 2, 3, Number.NaN, 5, 6]);
  it('sma needs a full window of known values', () => {
    expect([...sma(x, 2)].map((v) => (Number.isNaN(v) ? null : v))).toEqual([
      null,
      1.5,
      2.5,
      null,
      null,
      5.5,
    ]);
  });
  it('rolling max / drawdown skip NaN', () => {
    expect([...rollingMax(Float64Array.from([3, 1, 2, 0]), 2)]).toEqual([3, 3, 2, 2]);
    expect(drawdownFromHigh(Float64Array.from([10, 5, 8]), 3)[2]).toBeCloseTo(-0.2, 12);
  });
  it('zscore of a constant window is 0', () => {
    expect(zscore(Float64Array.from([2, 2, 2]), 3)[2]).toBe(0);
  });
});

describe('strategy spec', () => {
  it('rejects an unknown param reference and names the file', () => {
    expect(() =>
      parseStrategy(
        { name: 'x', asset: 'SPY', rules: [{ left: { series: 'VIX' }, op: '<', right: { param: 'q' } }] },
        'my.json',
      ),
    ).toThrow(/my.json: rule uses \{"param": "q"\}/);
    expect(() => parseStrategy({ name: 'x', asset: 'SPY', rules: [], bogus: 1 }, 'my.json')).toThrow(
      /my.json: strategy field/,
    );
  });
  it('grid is the cartesian product of the parameters used', () => {
    expect(paramGrid(builtinStrategy('netliq-trend')!).length).toBe(16);
  });
});

describe('timing: a position earns the NEXT week only (literal case)', () => {
  const data: WeeklyData = {
    weeks: ['w0', 'w1', 'w2', 'w3'],
    series: { A: Float64Array.from([100, 110, 99, 99]), S: Float64Array.from([0, 1, 0, 0]) },
  };
  const spec = parseStrategy(
    { name: 't', asset: 'A', rules: [{ left: { series: 'S' }, op: '>', right: 0.5 }], costsBp: 100 },
    't',
  );
  it('signal at w1 holds over w2 (the −10 % week), never the +10 % week it was computed on', () => {
    const r = runBacktest(spec, data, {});
    expect([...r.positions]).toEqual([0, 1, 0, 0]);
    // weeks: +10 % (flat), −10 % (long, pays 1 % to enter), 0 % (flat, pays 1 % to exit)
    expect(r.metrics.totalReturn).toBeCloseTo((1 - 0.1 - 0.01) * (1 - 0.01) - 1, 12);
    expect(r.metrics.turnover).toBeCloseTo(2 / (3 / 52), 9);
  });
});

describe('scoring starts when the signals exist (literal case)', () => {
  it('a signal series that begins later moves the start of strategy AND buy-and-hold', () => {
    const N = Number.NaN;
    const data: WeeklyData = {
      weeks: ['w0', 'w1', 'w2', 'w3', 'w4'],
      series: { A: Float64Array.from([100, 50, 100, 110, 121]), L: Float64Array.from([N, N, 0, 0, 0]) },
    };
    const spec = parseStrategy(
      { name: 'l', asset: 'A', rules: [{ left: { series: 'L' }, op: '<', right: 1 }] },
      'l',
    );
    const r = runBacktest(spec, data, {});
    expect(r.from).toBe('w3'); // first position at w2's close earns w3
    expect(r.buyAndHold.totalReturn).toBeCloseTo(0.21, 12); // the −50 % / +100 % weeks before are not scored
    expect(r.metrics.totalReturn).toBeCloseTo(0.21, 12);
  });
});

describe('warm-up: scoring starts at the first week with a signal (literal case)', () => {
  it('a 3-week moving average exists from the third week: the first position earns the fourth', () => {
    const data: WeeklyData = {
      weeks: ['w0', 'w1', 'w2', 'w3', 'w4', 'w5'],
      series: { A: Float64Array.from([100, 50, 100, 110, 121, 133.1]) },
    };
    const spec = parseStrategy(
      {
        name: 't',
        asset: 'A',
        rules: [{ left: { series: 'A' }, op: '>', right: { series: 'A', transform: 'sma', window: 3 } }],
      },
      't',
    );
    const r = runBacktest(spec, data, {});
    expect(r).toMatchObject({ signalFrom: 'w2', from: 'w3', warmUpWeeks: 2 });
    // w2 (100) > sma 83.3 → long for w3..w5: +10 % three times; buy-and-hold over the same weeks.
    expect(r.metrics.totalReturn).toBeCloseTo(1.1 ** 3 - 1, 12);
    expect(r.buyAndHold.totalReturn).toBeCloseTo(1.1 ** 3 - 1, 12);
    expect(naiveBacktest(spec, toRows(data), {}).totalReturn).toBeCloseTo(1.1 ** 3 - 1, 12);
  });

  it('real SPY since 1993-01-29 (yf-autoadj): spy-trend n=40 scores from 1993-11-05 after 39 weeks of warm-up; CAGR 7.64 %, not the 7.46 % of counting the warm-up as cash', () => {
    const spy = readCloses('prices/yf-autoadj-ohlcv/SPY.csv');
    const weeks = fridays('1993-01-29', '2026-02-20');
    const data: WeeklyData = { weeks, series: { SPY: weeklyCloses(weeks, spy.dates, spy.closes) } };
    const spec = builtinStrategy('spy-trend')!;
    const r = runBacktest(spec, data, { n: 40 });
    expect(r).toMatchObject({ from: '1993-11-05', signalFrom: '1993-10-29', warmUpWeeks: 39 });
    expect(r.metrics.cagr).toBeCloseTo(0.07644, 5);
    expect(r.metrics.periods).toBe(1686);
    const c = new SignalCache(data);
    const warm = metricsFor(
      c.assetReturns('SPY'),
      positions(spec, c, { n: 40 }),
      1,
      weeks.length,
      spec.costsBp,
    );
    expect(warm.cagr).toBeCloseTo(0.07465, 5);
    // A sweep compares every set over the same weeks: from the longest warm-up (n = 50).
    const swept = sweep(spec, data);
    expect(new Set(swept.map((x) => x.metrics.periods))).toEqual(new Set([1686 - 10]));
  });
});

describe('backtests on real SPY / VIX weekly closes (../shared/data/prices/yf-autoadj-ohlcv)', () => {
  const data = realSpyVixWeekly();
  const weeks = data.weeks;

  it('buy-and-hold SPY 2001-2026: about 8 % a year total return, worst drawdown 2008-09 about −55 %', () => {
    const r = runBacktest(builtinStrategy('spy-trend')!, data, { n: 40 });
    expect(r.buyAndHold.cagr).toBeGreaterThan(0.07);
    expect(r.buyAndHold.cagr).toBeLessThan(0.1);
    expect(r.buyAndHold.maxDrawdown).toBeLessThan(-0.5);
    expect(r.buyAndHold.maxDrawdown).toBeGreaterThan(-0.6);
    // the 40-week trend filter sat out most of 2008: far shallower drawdown
    expect(r.metrics.maxDrawdown).toBeGreaterThan(-0.35);
    expect(r.metrics.exposure).toBeGreaterThan(0.6);
    expect(r.metrics.exposure).toBeLessThan(0.9);
  });

  it('vectorised engine equals the per-row reference on every metric', () => {
    const rows = toRows(data);
    for (const name of ['spy-trend', 'vix-filter'] as const) {
      const spec = builtinStrategy(name)!;
      for (const params of paramGrid(spec)) {
        const fast = runBacktest(spec, data, params).metrics;
        const slow = naiveBacktest(spec, rows, params);
        for (const k of Object.keys(fast) as Array<keyof typeof fast>) {
          expect(fast[k], `${name} ${JSON.stringify(params)} ${k}`).toBeCloseTo(slow[k], 9);
        }
      }
    }
  });

  it('sweep returns one row per set; walk-forward picks on the past and trades the next year', () => {
    const spec = builtinStrategy('spy-trend')!;
    const rows = sweep(spec, data);
    expect(rows.length).toBe(5);
    const wf = walkForward(spec, data, 260, 52);
    expect(wf.splits.length).toBeGreaterThanOrEqual(20);
    const first = wf.splits[0]!;
    expect(first.trainTo < first.testFrom).toBe(true);
    expect(wf.outOfSample.periods).toBeGreaterThan(52 * 19);
  });

  it('PEERS: multi-asset backtests filled forward into the future (backtesting.py #20) — truncating the data does not change earlier positions', () => {
    const spec = builtinStrategy('spy-trend')!;
    const cut = 600;
    const short: WeeklyData = {
      weeks: weeks.slice(0, cut),
      series: { SPY: data.series.SPY!.slice(0, cut), VIX: data.series.VIX!.slice(0, cut) },
    };
    const full = positions(spec, new SignalCache(data), { n: 20 });
    const part = positions(spec, new SignalCache(short), { n: 20 });
    expect([...part]).toEqual([...full.slice(0, cut)]);
    const ret = new SignalCache(data).assetReturns('SPY');
    expect(metricsFor(ret, full, 0, cut, 5).cagr).toBeCloseTo(
      metricsFor(new SignalCache(short).assetReturns('SPY'), part, 0, cut, 5).cagr,
      12,
    );
  });
});
