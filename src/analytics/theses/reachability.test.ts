import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/dates.js';
import { VERDICTS, type Verdict } from '../../core/verdict.js';
import {
  A,
  btc,
  capex,
  drain,
  everyDay,
  liquidations,
  need,
  orcl,
  puts,
  quarters,
  rates,
  repo,
  reserves2007,
  reserves2023,
  rrp,
  shorts,
  sorting,
  tokens,
} from './cases.testkit.js';
import { runCheck, THESES } from './ledger.js';
import { B, data, levelStat, liquidation, riskWith, T } from './synthetic.testkit.js';
import type { ThesisData } from './types.js';

/**
 * Every check can reach every verdict: for each check, a small literal input per verdict. The
 * table must cover every check of every thesis, so a new check without its four cases fails here.
 */

// ── The table ────────────────────────────────────────────────────────────────────────────────

type Builders = Record<Verdict, () => ThesisData>;

const risk = (asset: string, l1: Parameters<typeof levelStat>[2], n = 20) =>
  data(A, {
    risk: riskWith(asset, [
      levelStat(1, 6, { n, ...l1 }),
      levelStat(1, 12, { worstMaxDrawdown: -0.2 }),
      levelStat(3, 12, { worstMaxDrawdown: -0.5 }),
    ]),
  });

const riskCases = (asset: string, deep: number): Builders => ({
  supported: () => risk(asset, { meanReturn: 0.05, medianMaxDrawdown: -0.05 }),
  refuted: () => risk(asset, { meanReturn: -0.2, medianMaxDrawdown: -0.3 }),
  mixed: () => risk(asset, { meanReturn: 0.05, medianMaxDrawdown: deep }),
  'insufficient data': () => risk(asset, { meanReturn: 0.05 }, 5),
});

const REACHABILITY: Record<string, Builders> = {
  'repo-crosses-line': {
    supported: () => repo(3),
    refuted: () => repo(0),
    mixed: () => repo(1),
    'insufficient data': () => repo(1, 30),
  },
  'reserves-2007': {
    supported: () => reserves2007(Array(12).fill(45 * B)),
    refuted: () => reserves2007(Array(12).fill(100 * B)),
    mixed: () => reserves2007([...Array(11).fill(20 * B), 50 * B]),
    'insufficient data': () => reserves2007([]),
  },
  'reserves-2023': {
    supported: () => reserves2023(() => 2.2 * T),
    refuted: () => reserves2023(() => 3 * T),
    mixed: () => reserves2023((i) => (i === 0 ? 2.5 * T : 1 * T)),
    'insufficient data': () => data(A),
  },
  'needs-3t': {
    supported: () => need(0.5, 0),
    refuted: () => need(0.1, 0.3),
    mixed: () => need(0.1, 0),
    'insufficient data': () => need(0.5, 0, 3.2 * T),
  },
  'net-liquidity-drain': {
    supported: () => drain(5 * T, 4.75 * T),
    refuted: () => drain(5 * T, 5.25 * T),
    mixed: () => drain(5 * T, 5.05 * T),
    'insufficient data': () => drain(5 * T, 4.75 * T, addDays(A, -60)),
  },
  'prices-float-on-liquidity': {
    supported: () => quarters(A, (_, a) => a),
    refuted: () => quarters(A, (_, a) => -a),
    // Crisis quarters move together strongly, the rest against each other: the two samples disagree.
    mixed: () =>
      quarters(
        A,
        (_, a, crisis) => (crisis ? a : -a),
        (k, crisis) => (crisis ? 0.3 * (k % 2 ? 1 : -1) : 0.01 * Math.sin(1.7 * k)),
      ),
    'insufficient data': () => quarters('2011-06-24', (_, a) => a),
  },
  'dry-powder-exhausted': {
    supported: () => rrp(50 * B),
    refuted: () => rrp(500 * B),
    mixed: () => rrp(200 * B),
    'insufficient data': () => rrp(50 * B, addDays(A, -30)),
  },
  'cost-of-capital-rises': {
    supported: () => rates(0.5, 0.5),
    refuted: () => rates(0, -0.5),
    mixed: () => rates(0.5, 0),
    'insufficient data': () => rates(0.5, 0.5, addDays(A, -60)),
  },
  'speculative-fall-harder': {
    supported: () => sorting(3, [-0.3, -0.3, -0.3], [0.05, 0.05, 0.05]),
    refuted: () => sorting(3, [0.3, 0.3, 0.3], [-0.05, -0.05, -0.05]),
    // Worse in 2 of 3 windows, but far better on the mean: the count and the mean disagree.
    mixed: () => sorting(3, [-0.1, -0.1, 1], [0, 0, 0]),
    'insufficient data': () => sorting(2, [-0.3, -0.3], [0.05, 0.05]),
  },
  'oracle-2025-12-11': {
    supported: () => orcl(88),
    refuted: () => orcl(98),
    mixed: () => orcl(92),
    'insufficient data': () => data('2026-01-02'),
  },
  'capex-outruns-profit': {
    supported: () => capex(0.5, 0.5, 0),
    refuted: () => capex(0, 0.1, -0.2),
    mixed: () => capex(0.5, 0, 0),
    'insufficient data': () => capex(0.5, 0.5),
  },
  'tokens-100x': {
    supported: () => tokens(200, 150),
    refuted: () => tokens(20, 50),
    mixed: () => tokens(200, 50),
    'insufficient data': () => tokens(200),
  },
  // Three macro episodes, two single-name, one sector.
  'macro-wins-single-fails': {
    supported: () => shorts({ macro: [true, true, false], 'single-name': [false, true], sector: [false] }),
    refuted: () => shorts({ macro: [false, false, true], 'single-name': [true, true], sector: [false] }),
    mixed: () => shorts({ macro: [true, true, true], 'single-name': [true, true], sector: [false] }),
    'insufficient data': () =>
      shorts({ macro: [true, true, null], 'single-name': [false, false], sector: [false] }),
  },
  'notional-not-premium': {
    supported: () => puts(1, 1.02),
    refuted: () => puts(0.1, 0.05),
    mixed: () => puts(1, 0.1),
    'insufficient data': () => puts(1),
  },
  'btc-126k-to-60k': {
    supported: () => btc(126_000, 60_000),
    refuted: () => btc(126_000, 95_000),
    mixed: () => btc(126_000, 75_000),
    'insufficient data': () => btc(126_000, 95_000, '2026-01-15'),
  },
  'liquidations-2-6b': {
    supported: () => liquidations([liquidation('2026-02-05', 2.5e9, 'venue')]),
    refuted: () => liquidations(everyDay(1e9)),
    mixed: () => liquidations(everyDay(1.6e9)),
    'insufficient data': () => liquidations([liquidation('2026-02-05', 1e9, 'venue')]),
  },
  'squeeze-is-minor-spy': riskCases('SPY', -0.2),
  'squeeze-is-minor-qqq': riskCases('QQQ', -0.2),
  'squeeze-is-minor-btc': riskCases('BTC', -0.4),
};

const ALL_CHECKS = THESES.flatMap((t) => t.checks);

describe('every check can reach every verdict (synthetic literal inputs)', () => {
  it('the table covers every check of the ledger, and every check declares all four verdicts', () => {
    expect(Object.keys(REACHABILITY).sort()).toEqual(ALL_CHECKS.map((c) => c.id).sort());
    for (const c of ALL_CHECKS) expect([...c.outcomes].sort(), c.id).toEqual([...VERDICTS].sort());
  });

  for (const c of ALL_CHECKS) {
    describe(c.id, () => {
      for (const v of VERDICTS) {
        it(`reaches ${v}`, () => {
          const d = REACHABILITY[c.id]![v]();
          const r = runCheck(c, d);
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
  }
});
