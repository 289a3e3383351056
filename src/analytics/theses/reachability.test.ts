import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/dates.js';
import { VERDICTS } from '../../core/verdict.js';
import * as cases from './cases.testkit.js';
import { runCheck, THESES } from './ledger.js';
import { B, data, liquidation, T } from './synthetic.testkit.js';

/**
 * Every check can reach every verdict: for each check, a small literal input per verdict, one
 * case a line. The table must cover every check of every thesis, so a new check without its four
 * cases fails here.
 */

// ── The table ────────────────────────────────────────────────────────────────────────────────

const { A } = cases;

/** Thesis 7's check of one asset; `deep`: a median drawdown past the asset's minor line (mixed). */
const riskCases = (asset: string, deep: number): cases.Case[] => {
  const id = `squeeze-is-minor-${asset.toLowerCase()}`;
  return [
    [id, () => cases.risk(asset, { meanReturn: 0.05, medianMaxDrawdown: -0.05 }), 'supported'],
    [id, () => cases.risk(asset, { meanReturn: -0.2, medianMaxDrawdown: -0.3 }), 'refuted'],
    [id, () => cases.risk(asset, { meanReturn: 0.05, medianMaxDrawdown: deep }), 'mixed'],
    [id, () => cases.risk(asset, { meanReturn: 0.05, n: 5 }), 'insufficient data'],
  ];
};

// Crisis quarters move together strongly, the rest against each other: the two samples disagree.
const crisisOnly = () =>
  cases.quarters(
    A,
    (_, a, crisis) => (crisis ? a : -a),
    (k, crisis) => (crisis ? 0.3 * (k % 2 ? 1 : -1) : 0.01 * Math.sin(1.7 * k)),
  );

// macro-wins-single-fails: three macro episodes, two single-name, one sector.
const shorts = (macro: Array<boolean | null>, single: boolean[]) =>
  cases.shorts({ macro, 'single-name': single, sector: [false] });

const REACHABILITY: cases.Case[] = [
  ['repo-crosses-line', () => cases.repo(3), 'supported'],
  ['repo-crosses-line', () => cases.repo(0), 'refuted'],
  ['repo-crosses-line', () => cases.repo(1), 'mixed'],
  ['repo-crosses-line', () => cases.repo(1, 30), 'insufficient data'],
  ['reserves-2007', () => cases.reserves2007(Array(12).fill(45 * B)), 'supported'],
  ['reserves-2007', () => cases.reserves2007(Array(12).fill(100 * B)), 'refuted'],
  ['reserves-2007', () => cases.reserves2007([...Array(11).fill(20 * B), 50 * B]), 'mixed'],
  ['reserves-2007', () => cases.reserves2007([]), 'insufficient data'],
  ['reserves-2023', () => cases.reserves2023(() => 2.2 * T), 'supported'],
  ['reserves-2023', () => cases.reserves2023(() => 3 * T), 'refuted'],
  ['reserves-2023', () => cases.reserves2023((i) => (i === 0 ? 2.5 * T : 1 * T)), 'mixed'],
  ['reserves-2023', () => data(A), 'insufficient data'],
  ['needs-3t', () => cases.need(0.5, 0), 'supported'],
  ['needs-3t', () => cases.need(0.1, 0.3), 'refuted'],
  ['needs-3t', () => cases.need(0.1, 0), 'mixed'],
  ['needs-3t', () => cases.need(0.5, 0, 3.2 * T), 'insufficient data'],
  ['net-liquidity-drain', () => cases.drain(5 * T, 4.75 * T), 'supported'],
  ['net-liquidity-drain', () => cases.drain(5 * T, 5.25 * T), 'refuted'],
  ['net-liquidity-drain', () => cases.drain(5 * T, 5.05 * T), 'mixed'],
  ['net-liquidity-drain', () => cases.drain(5 * T, 4.75 * T, addDays(A, -60)), 'insufficient data'],
  ['prices-float-on-liquidity', () => cases.quarters(A, (_, a) => a), 'supported'],
  ['prices-float-on-liquidity', () => cases.quarters(A, (_, a) => -a), 'refuted'],
  ['prices-float-on-liquidity', crisisOnly, 'mixed'],
  ['prices-float-on-liquidity', () => cases.quarters('2011-06-24', (_, a) => a), 'insufficient data'],
  ['dry-powder-exhausted', () => cases.rrp(50 * B), 'supported'],
  ['dry-powder-exhausted', () => cases.rrp(500 * B), 'refuted'],
  ['dry-powder-exhausted', () => cases.rrp(200 * B), 'mixed'],
  ['dry-powder-exhausted', () => cases.rrp(50 * B, addDays(A, -30)), 'insufficient data'],
  ['cost-of-capital-rises', () => cases.rates(0.5, 0.5), 'supported'],
  ['cost-of-capital-rises', () => cases.rates(0, -0.5), 'refuted'],
  ['cost-of-capital-rises', () => cases.rates(0.5, 0), 'mixed'],
  ['cost-of-capital-rises', () => cases.rates(0.5, 0.5, addDays(A, -60)), 'insufficient data'],
  ['speculative-fall-harder', () => cases.sorting(3, [-0.3, -0.3, -0.3], [0.05, 0.05, 0.05]), 'supported'],
  ['speculative-fall-harder', () => cases.sorting(3, [0.3, 0.3, 0.3], [-0.05, -0.05, -0.05]), 'refuted'],
  // Worse in 2 of 3 windows, but far better on the mean: the count and the mean disagree.
  ['speculative-fall-harder', () => cases.sorting(3, [-0.1, -0.1, 1], [0, 0, 0]), 'mixed'],
  ['speculative-fall-harder', () => cases.sorting(2, [-0.3, -0.3], [0.05, 0.05]), 'insufficient data'],
  ['oracle-2025-12-11', () => cases.orcl(88), 'supported'],
  ['oracle-2025-12-11', () => cases.orcl(98), 'refuted'],
  ['oracle-2025-12-11', () => cases.orcl(92), 'mixed'],
  ['oracle-2025-12-11', () => data('2026-01-02'), 'insufficient data'],
  ['capex-outruns-profit', () => cases.capex(0.5, 0.5, 0), 'supported'],
  ['capex-outruns-profit', () => cases.capex(0, 0.1, -0.2), 'refuted'],
  ['capex-outruns-profit', () => cases.capex(0.5, 0, 0), 'mixed'],
  ['capex-outruns-profit', () => cases.capex(0.5, 0.5), 'insufficient data'],
  ['tokens-100x', () => cases.tokens(200, 150), 'supported'],
  ['tokens-100x', () => cases.tokens(20, 50), 'refuted'],
  ['tokens-100x', () => cases.tokens(200, 50), 'mixed'],
  ['tokens-100x', () => cases.tokens(200), 'insufficient data'],
  ['macro-wins-single-fails', () => shorts([true, true, false], [false, true]), 'supported'],
  ['macro-wins-single-fails', () => shorts([false, false, true], [true, true]), 'refuted'],
  ['macro-wins-single-fails', () => shorts([true, true, true], [true, true]), 'mixed'],
  ['macro-wins-single-fails', () => shorts([true, true, null], [false, false]), 'insufficient data'],
  ['notional-not-premium', () => cases.puts(1, 1.02), 'supported'],
  ['notional-not-premium', () => cases.puts(0.1, 0.05), 'refuted'],
  ['notional-not-premium', () => cases.puts(1, 0.1), 'mixed'],
  ['notional-not-premium', () => cases.puts(1), 'insufficient data'],
  ['btc-126k-to-60k', () => cases.btc(126_000, 60_000), 'supported'],
  ['btc-126k-to-60k', () => cases.btc(126_000, 95_000), 'refuted'],
  ['btc-126k-to-60k', () => cases.btc(126_000, 75_000), 'mixed'],
  ['btc-126k-to-60k', () => cases.btc(126_000, 95_000, '2026-01-15'), 'insufficient data'],
  ['liquidations-2-6b', () => cases.liquidations([liquidation('2026-02-05', 2.5e9, 'venue')]), 'supported'],
  ['liquidations-2-6b', () => cases.liquidations(cases.everyDay(1e9)), 'refuted'],
  ['liquidations-2-6b', () => cases.liquidations(cases.everyDay(1.6e9)), 'mixed'],
  [
    'liquidations-2-6b',
    () => cases.liquidations([liquidation('2026-02-05', 1e9, 'venue')]),
    'insufficient data',
  ],
  ...riskCases('SPY', -0.2),
  ...riskCases('QQQ', -0.2),
  ...riskCases('BTC', -0.4),
];

const ALL_CHECKS = THESES.flatMap((t) => t.checks);

describe('every check can reach every verdict (synthetic literal inputs)', () => {
  it('the table has the four verdicts of every check of the ledger and nothing else; every check declares all four', () => {
    const pairs = (list: Array<readonly [string, string]>) => list.map(([id, v]) => `${id} → ${v}`).sort();
    expect(pairs(REACHABILITY.map(([id, , v]) => [id, v]))).toEqual(
      pairs(ALL_CHECKS.flatMap((c) => VERDICTS.map((v) => [c.id, v] as const))),
    );
    for (const c of ALL_CHECKS) expect([...c.outcomes].sort(), c.id).toEqual([...VERDICTS].sort());
  });

  for (const [id, input, v] of REACHABILITY) {
    it(`${id} reaches ${v}`, () => {
      const d = input();
      const r = runCheck(cases.check(id), d);
      expect(r.status, r.summary).toBe(v);
      // Whatever the verdict, no evidence reaches past the as-of day.
      for (const e of r.evidence) {
        expect(e.to <= d.asOf, e.label).toBe(true);
        expect(
          e.inputDates.every((x) => x <= d.asOf),
          e.label,
        ).toBe(true);
      }
    });
  }
});
