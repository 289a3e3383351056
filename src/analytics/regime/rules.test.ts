import { describe, expect, it } from 'vitest';
import {
  computeRiskLevels,
  explainWeek,
  levelEpisodes,
  levelsFromValues,
  reportWeekAsOf,
  ruleFires,
  weekIndexAsOf,
} from './engine.js';
import { forwardStatsByLevel } from './forward.js';
import { firingShare, outOfSampleSplit, thresholdForShare } from './out-of-sample.js';
import { DEFAULT_MIN_FIRED, DEFAULT_RULES, type RiskInputs } from './rules.js';

/**
 * The risk rule table pinned: each threshold written out here (not read back from rules.ts), and
 * each rule exercised just inside and just outside its threshold through the engine.
 */

const PINNED: Array<[string, number, string, number, 'whole history' | 'definition']> = [
  ['net_liquidity_falling', 1, '<=', -0.05, 'whole history'],
  ['repo_crosses_iorb', 1, '>', 0, 'definition'],
  ['reserves_falling', 1, '<=', -0.1, 'whole history'],
  ['hy_spread_wide', 2, '>=', 6, 'whole history'],
  ['hy_spread_widening', 2, '>=', 1.5, 'whole history'],
  ['vix_high', 2, '>=', 30, 'whole history'],
  ['nfci_tight', 2, '>=', 0, 'definition'],
  ['hy_spread_extreme', 3, '>=', 8, 'whole history'],
  ['vix_panic', 3, '>=', 40, 'whole history'],
  ['nfci_very_tight', 3, '>=', 0.25, 'whole history'],
  ['btc_front_line', 0, '<=', -0.4, 'whole history'],
];

describe('risk rule table', () => {
  it('thresholds, operators, levels and how each threshold was chosen', () => {
    expect(DEFAULT_RULES.map((r) => [r.id, r.level, r.op, r.threshold, r.chosenOn])).toEqual(PINNED);
    expect(DEFAULT_MIN_FIRED).toEqual({ 1: 1, 2: 1, 3: 2 });
  });

  const weeks13 = Array.from({ length: 14 }, (_, i) => `w${String(i).padStart(2, '0')}`);
  /** 14 weeks: the first 13 at `from`, the last at `to` (13-week change = to/from − 1 or to − from). */
  const step = (from: number, to: number) => Float64Array.from(weeks13, (_, i) => (i < 13 ? from : to));
  const fired = (inputs: RiskInputs, rule: string) => {
    const r = computeRiskLevels(inputs);
    const k = r.rules.findIndex((x) => x.id === rule);
    return (r.fired[inputs.weeks.length - 1]! & (1 << k)) !== 0;
  };
  const one = (k: keyof RiskInputs, v: number) =>
    ({ weeks: ['w'], [k]: Float64Array.from([v]) }) as RiskInputs;

  // [rule, inputs just inside (fires), inputs just outside (does not)]
  const CASES: Array<[string, RiskInputs, RiskInputs]> = [
    [
      'net_liquidity_falling',
      { weeks: weeks13, netLiquidity: step(100, 95) },
      { weeks: weeks13, netLiquidity: step(100, 95.01) },
    ],
    [
      'reserves_falling',
      { weeks: weeks13, reserves: step(100, 89.999) },
      { weeks: weeks13, reserves: step(100, 90.001) },
    ],
    ['repo_crosses_iorb', one('repoSpreadMaxBp', 0.01), one('repoSpreadMaxBp', 0)],
    ['hy_spread_wide', one('hySpread', 6), one('hySpread', 5.99)],
    [
      'hy_spread_widening',
      { weeks: weeks13, hySpread: step(3, 4.5) },
      { weeks: weeks13, hySpread: step(3, 4.49) },
    ],
    ['vix_high', one('vix', 30), one('vix', 29.99)],
    ['nfci_tight', one('nfci', 0), one('nfci', -0.01)],
    ['hy_spread_extreme', one('hySpread', 8), one('hySpread', 7.99)],
    ['vix_panic', one('vix', 40), one('vix', 39.99)],
    ['nfci_very_tight', one('nfci', 0.25), one('nfci', 0.24)],
  ];
  for (const [rule, inside, outside] of CASES) {
    it(`${rule}: fires just inside its threshold, not just outside`, () => {
      expect(fired(inside, rule)).toBe(true);
      expect(fired(outside, rule)).toBe(false);
    });
  }

  it('btc_front_line: 40 % below the 52-week high fires (watch flag, level stays 0), 39.9 % does not', () => {
    const weeks = Array.from({ length: 60 }, (_, i) => `w${String(i).padStart(2, '0')}`);
    const btc = (last: number) => Float64Array.from(weeks, (_, i) => (i < 59 ? 100 : last));
    const inside = { weeks, btc: btc(60), vix: new Float64Array(60).fill(15) };
    expect(fired(inside, 'btc_front_line')).toBe(true);
    expect(computeRiskLevels(inside).levels[59]).toBe(0);
    expect(fired({ weeks, btc: btc(60.1), vix: new Float64Array(60).fill(15) }, 'btc_front_line')).toBe(
      false,
    );
  });

  it('systemic needs two level-3 rules at once: one extreme is credit stress', () => {
    const w = ['a', 'b'];
    const r = computeRiskLevels({
      weeks: w,
      vix: Float64Array.from([40, 40]),
      hySpread: Float64Array.from([8, 7.99]),
    });
    expect([...r.levels]).toEqual([3, 2]);
  });

  it('at most 32 rules (one bit each): 32 are evaluated, 33 refused', () => {
    const rule = DEFAULT_RULES.find((r) => r.id === 'vix_high')!;
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...rule, id: `r${i}` }));
    const inputs = { weeks: ['a'], vix: Float64Array.from([31]) };
    expect(computeRiskLevels(inputs, many(32)).fired[0]).toBe(0xffffffff);
    expect(() => computeRiskLevels(inputs, many(33))).toThrow('at most 32 risk rules, got 33');
    expect(() => levelsFromValues(['a'], many(33), [])).toThrow('at most 32 risk rules, got 33');
  });

  it('a week with no stress data at all is −1 (no data), not calm; known rules make it calm', () => {
    const r = computeRiskLevels({ weeks: ['a', 'b'], vix: Float64Array.from([Number.NaN, 12]) });
    expect([...r.levels]).toEqual([-1, 0]);
    expect(r.known[0]).toBe(0);
  });

  it('ruleFires on each operator, and never on an unknown value', () => {
    expect(ruleFires({ op: '>=', threshold: 1 }, 1)).toBe(true);
    expect(ruleFires({ op: '<=', threshold: 1 }, 1)).toBe(true);
    expect(ruleFires({ op: '>', threshold: 1 }, 1)).toBe(false);
    expect(ruleFires({ op: '>', threshold: 1 }, 1.0001)).toBe(true);
    expect(ruleFires({ op: '>=', threshold: 1 }, Number.NaN)).toBe(false);
  });
});

describe('out-of-sample split (literal cases)', () => {
  const vix = DEFAULT_RULES.find((r) => r.id === 'vix_high')!;
  const v = Float64Array.from([10, 20, 30, 40, Number.NaN, 50, 60, 70, 80]);

  it('firing share counts known weeks only', () => {
    expect(firingShare(vix, v, 0, 9)).toBeCloseTo(6 / 8, 12); // 30, 40, 50, 60, 70, 80 of 8 known
    expect(firingShare(vix, v, 0, 2)).toBe(0);
    expect(firingShare(vix, new Float64Array([Number.NaN]), 0, 1)).toBe(0);
  });

  it('the re-chosen threshold fires on the same share of the train weeks', () => {
    // '>=': fire on 2 of 4 → the 2nd largest of [10, 20, 30, 40]
    expect(thresholdForShare(vix, v, 0, 4, 0.5)).toBe(30);
    // '<=': fire on 1 of 4 → the smallest
    const nl = DEFAULT_RULES.find((r) => r.id === 'net_liquidity_falling')!;
    expect(thresholdForShare(nl, Float64Array.from([-0.2, -0.1, 0, 0.1]), 0, 4, 0.25)).toBe(-0.2);
    // '>': the largest value below the k largest
    const repo = DEFAULT_RULES.find((r) => r.id === 'repo_crosses_iorb')!;
    expect(thresholdForShare(repo, Float64Array.from([1, 2, 3, 4]), 0, 4, 0.5)).toBe(2);
    expect(thresholdForShare(repo, Float64Array.from([1, 2]), 0, 2, 1)).toBe(-1);
    // never fired, or nothing known: no threshold
    expect(thresholdForShare(vix, v, 0, 4, 0)).toBeUndefined();
    expect(thresholdForShare(vix, new Float64Array([Number.NaN]), 0, 1, 0.5)).toBeUndefined();
  });

  it('thresholds chosen on the early half; forward outcomes counted on the late half only', () => {
    // 8 weeks with VIX known: early half low (10, 12, 14, 50), late half (20, 22, 24, 26).
    const weeks = Array.from({ length: 8 }, (_, i) => `w${i}`);
    const vixV = Float64Array.from([10, 12, 14, 50, 20, 22, 24, 26]);
    const base = computeRiskLevels({ weeks, vix: vixV });
    const prices = Float64Array.from([100, 101, 102, 103, 104, 105, 106, 107]);
    const s = outOfSampleSplit(base, { SPY: prices })!;
    expect(s.train).toEqual({ from: 'w0', to: 'w3' });
    expect(s.test).toEqual({ from: 'w4', to: 'w7' });
    // Whole history: VIX ≥ 30 on 1 of 8 weeks. On the train half 1 of 4 → 50 (the largest).
    expect(s.rules.find((r) => r.id === 'vix_high')!.threshold).toBe(50);
    // 'definition' rules keep their value.
    expect(s.rules.find((r) => r.id === 'nfci_tight')!.threshold).toBe(0);
    expect([...s.levels.levels]).toEqual([0, 0, 0, 2, 0, 0, 0, 0]);
    const late = s.forward.SPY!.find((x) => x.level === 0 && x.months === 1)!;
    // Only late weeks with a complete 4-week future: none of 4 → no stats for the late half at 1 month.
    expect(late).toBeUndefined();
    expect(forwardStatsByLevel(s.levels.levels, prices).find((x) => x.level === 0 && x.months === 1)!.n).toBe(
      3,
    );
  });

  it('no split without at least two weeks with a level', () => {
    const r = computeRiskLevels({ weeks: ['a'], vix: Float64Array.from([15]) });
    expect(outOfSampleSplit(r, {})).toBeUndefined();
  });

  it('levelsFromValues gives the same levels as computeRiskLevels', () => {
    const weeks = ['a', 'b', 'c'];
    const r = computeRiskLevels({
      weeks,
      vix: Float64Array.from([15, 35, 45]),
      hySpread: Float64Array.from([3, 3, 9]),
    });
    expect([...levelsFromValues(weeks, r.rules, r.values).levels]).toEqual([...r.levels]);
    expect([...r.levels]).toEqual([0, 2, 3]);
  });
});

describe('engine read-outs (literal cases)', () => {
  const weeks = ['2024-01-05', '2024-01-12', '2024-01-19', '2024-01-26'];
  const r = computeRiskLevels({
    weeks,
    vix: Float64Array.from([15, 35, 45, Number.NaN]),
    hySpread: Float64Array.from([3, 3, 9, Number.NaN]),
    btc: Float64Array.from([100, 100, 50, 50]),
  });
  it('explainWeek: the rules that fired with their values, watch flags apart, the rules without data', () => {
    expect([...r.levels]).toEqual([0, 2, 3, -1]);
    const e = explainWeek(r, 2);
    expect(e).toMatchObject({ week: '2024-01-19', level: 3, name: 'systemic' });
    expect(e.fired.map((f) => [f.rule, f.value, f.threshold, f.op])).toEqual([
      ['hy_spread_wide', 9, 6, '>='],
      ['vix_high', 45, 30, '>='],
      ['hy_spread_extreme', 9, 8, '>='],
      ['vix_panic', 45, 40, '>='],
    ]);
    expect(e.watch.map((w) => w.rule)).toEqual(['btc_front_line']);
    expect(e.unavailable).toEqual([
      'net_liquidity_falling',
      'repo_crosses_iorb',
      'reserves_falling',
      'hy_spread_widening',
      'nfci_tight',
      'nfci_very_tight',
    ]);
    expect(explainWeek(r, 3)).toMatchObject({ level: -1, name: 'no data' });
    expect(() => explainWeek(r, 4)).toThrow('week index 4 outside 0..3');
  });
  it('weekIndexAsOf and levelEpisodes', () => {
    expect(weekIndexAsOf(weeks, '2024-01-04')).toBe(-1);
    expect(weekIndexAsOf(weeks, '2024-01-05')).toBe(0);
    expect(weekIndexAsOf(weeks, '2024-01-18')).toBe(1);
    expect(weekIndexAsOf(weeks, '2030-01-01')).toBe(3);
    expect(levelEpisodes({ ...r, levels: Int8Array.from([0, 0, 2, 2]) })).toEqual([
      { from: '2024-01-05', to: '2024-01-12', level: 0, weeks: 2 },
      { from: '2024-01-19', to: '2024-01-26', level: 2, weeks: 2 },
    ]);
  });
  it('reportWeekAsOf falls back to the newest week with data and says so', () => {
    expect(reportWeekAsOf(r, '2024-01-27')).toEqual({
      index: 2,
      note: 'no data for the week ending 2024-01-26; showing the newest week with data (2024-01-19) — run `tidewatch update`',
    });
    expect(reportWeekAsOf(r, '2024-01-20')).toEqual({ index: 2, note: null });
    expect(reportWeekAsOf({ weeks: ['a'], levels: Int8Array.from([-1]) }, 'b')).toEqual({
      index: 0,
      note: null,
    });
  });
});
