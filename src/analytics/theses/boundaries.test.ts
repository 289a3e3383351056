import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../core/dates.js';
import { fridays } from '../regime/weekly.js';
import * as cases from './cases.testkit.js';
import { correlationStatus } from './correlation.js';
import { runCheck } from './ledger.js';
import { LIQUIDATION_WINDOW } from './liquidations.js';
import {
  B,
  capexYear,
  data,
  levelStat,
  liquidation,
  putRow,
  riskWith,
  scored,
  T,
  tokenRow,
} from './synthetic.testkit.js';

/**
 * Each threshold pinned at its boundary: a value just inside and just outside, with the verdict
 * each side must give, one case a line. Moving a threshold (vix 30 → 35, the $3T gap cut, the
 * correlation cuts, the −15 % drawdown) turns one of these red.
 */

const { A } = cases;

// ── Inputs the cases share ───────────────────────────────────────────────────────────────────

/** SOFR and IORB as in `repo(0)`, both ending `days` before A. */
const sofrEnding = (days: number) => {
  const d = cases.repo(0);
  for (const id of ['SOFR', 'IORB']) d.series[id] = d.series[id]!.filter((o) => o.date <= addDays(A, -days));
  return d;
};

/** 2007 total reserves at `v` every month. */
const year2007 = (v: number) => cases.reserves2007(Array(12).fill(v));

/**
 * The one staleness rule (indicators/freshness.ts): a weekly series over 14 days old on the
 * Friday is stale. (Before the net-liquidity merge the ledger allowed 21 days; the cases pinned
 * 16 counts / 23 stale with Wednesday data.) Here the last WALCL and TGA prints are dated `last`.
 */
const drainEndingOn = (last: string) => {
  const d = cases.drain(T, 0.9 * T, addDays(last, -1));
  d.series.WALCL!.push({ date: last, value: 0.9 * T, knownFrom: last });
  d.series.WTREGEN!.push({ date: last, value: 0, knownFrom: last });
  return d;
};
const lastWednesday = addDays(A, -2);

/** Providers P and Q at 1 on 2024-01-01 and at 1000 `p` / `q` days later, as of 2025-06-01. */
const tokensApart = (p: number, q: number) => {
  const pair = (provider: string, days: number) => [
    tokenRow(provider, '2024-01-01', 1),
    tokenRow(provider, addDays('2024-01-01', days), 1000),
  ];
  return data('2025-06-01', { tokens: [...pair('P', p), ...pair('Q', q)] });
};

/**
 * P and Q growing over 365 days (11.99 months = days / 30.4375) by the multiple that annualises
 * to `target`, as of 2026-02-01.
 */
const tokensAnnualised = (target: number) =>
  data('2026-02-01', {
    tokens: ['P', 'Q'].flatMap((p) => [
      tokenRow(p, '2025-01-01', 1),
      tokenRow(p, '2026-01-01', target ** (365 / 30.4375 / 12)),
    ]),
  });

/** A year of 200× growth for P and Q whose latest figure (2025-01-01) was published on 2025-03-01. */
const tokensPublishedLate = (asOf: string) =>
  data(asOf, {
    tokens: ['P', 'Q'].flatMap((p) => [
      tokenRow(p, '2024-01-01', 1),
      tokenRow(p, '2025-01-01', 200, '2025-03-01'),
    ]),
  });

/** Three macro episodes, `singles` single-name ones; the first `…Wins` of each won. */
const card = (macroWins: number, singleWins: number, singles = 4) =>
  cases.shorts({
    macro: [0, 1, 2].map((i) => i < macroWins),
    'single-name': Array.from({ length: singles }, (_, i) => i < singleWins),
  });
const withPendingMacro = () => {
  const d = card(3, 1, 3);
  d.scorecard![0] = scored('macro-0', 'macro', null);
  return d;
};

/** Two notional rows, the second filed the day after A. */
const putFiledAfterAsOf = () =>
  data(A, { thirteenFPuts: [putRow('X', 1), putRow('Y', 1, { filed: addDays(A, 1) })] });

const fallDays = () => cases.allDays(LIQUIDATION_WINDOW.from, LIQUIDATION_WINDOW.to);
/** Market-wide totals of $1B on the first `n` days of the fall. */
const marketWideOn = (n: number) =>
  cases.liquidations(
    fallDays()
      .slice(0, n)
      .map((d) => liquidation(d, 1e9, 'market-wide')),
  );
const venueDay = (usd: number) => cases.liquidations([liquidation('2026-02-05', usd, 'venue')]);

/** Level-1 figures that support, with the top level's worst 12-month fall no deeper than level 1's. */
const shallowTop = () =>
  data(A, {
    risk: riskWith('SPY', [
      levelStat(1, 6),
      levelStat(1, 12, { worstMaxDrawdown: -0.3 }),
      levelStat(3, 12, { worstMaxDrawdown: -0.3 }),
    ]),
  });

// ── The cases ────────────────────────────────────────────────────────────────────────────────

const PINS: cases.Case[] = [
  // Thesis 1. Repo crossing: 3 days supported, 2 mixed; 60 days of data decide, 59 do not.
  ['repo-crosses-line', () => cases.repo(3), 'supported'],
  ['repo-crosses-line', () => cases.repo(2), 'mixed'],
  ['repo-crosses-line', () => cases.repo(1, 60), 'mixed'],
  ['repo-crosses-line', () => cases.repo(1, 59), 'insufficient data'],
  // SOFR read 10 days before the as-of day still counts, 11 days is stale.
  ['repo-crosses-line', () => sofrEnding(10), 'refuted'],
  ['repo-crosses-line', () => sofrEnding(11), 'insufficient data'],
  // $45B in 2007: an average within ±25 % supported (56.25B / 33.75B), beyond refuted; $45B at
  // the low end of the range mixed.
  ['reserves-2007', () => year2007(45 * B * 1.2499), 'supported'],
  ['reserves-2007', () => year2007(45 * B * 1.2501), 'refuted'],
  ['reserves-2007', () => year2007(45 * B * 0.7501), 'supported'],
  ['reserves-2007', () => year2007(45 * B * 0.7499), 'refuted'],
  ['reserves-2007', () => cases.reserves2007([45 * B, ...Array(11).fill(100 * B)]), 'mixed'],
  ['reserves-2007', () => cases.reserves2007([45 * B + 1, ...Array(11).fill(100 * B)]), 'refuted'],
  // $2.2T in 2023: ±10 %.
  ['reserves-2023', () => cases.reserves2023(() => 2.2 * T * 1.0999), 'supported'],
  ['reserves-2023', () => cases.reserves2023(() => 2.2 * T * 1.1001), 'refuted'],
  ['reserves-2023', () => cases.reserves2023(() => 2.2 * T * 0.9001), 'supported'],
  ['reserves-2023', () => cases.reserves2023(() => 2.2 * T * 0.8999), 'refuted'],
  // Needs > $3T: crossing share below the line minus above ≥ 20 pp supported, 15 pp mixed,
  // 0 refuted, 5 pp mixed; 20 days on each side decide, 19 do not.
  ['needs-3t', () => cases.needCounts(20, 4, 20, 0), 'supported'],
  ['needs-3t', () => cases.needCounts(20, 3, 20, 0), 'mixed'],
  ['needs-3t', () => cases.needCounts(20, 2, 20, 2), 'refuted'],
  ['needs-3t', () => cases.needCounts(20, 3, 20, 2), 'mixed'],
  ['needs-3t', () => cases.needCounts(19, 4, 21, 0), 'insufficient data'],
  ['needs-3t', () => cases.needCounts(21, 4, 19, 0), 'insufficient data'],
  // Net liquidity drain: −3 % over 26 weeks supported, −2.99 % mixed; +3 % refuted, +2.99 % mixed.
  ['net-liquidity-drain', () => cases.drain(T, 0.97 * T), 'supported'],
  ['net-liquidity-drain', () => cases.drain(T, 0.9701 * T), 'mixed'],
  ['net-liquidity-drain', () => cases.drain(T, 1.03 * T), 'refuted'],
  ['net-liquidity-drain', () => cases.drain(T, 1.0299 * T), 'mixed'],
  // Data 14 days old on the Friday A still counts, 15 days is stale; Wednesday prints: a missed
  // release (9 days old) still counts, two missed (16) do not.
  ['net-liquidity-drain', () => drainEndingOn(addDays(A, -14)), 'supported'],
  ['net-liquidity-drain', () => drainEndingOn(addDays(A, -15)), 'insufficient data'],
  ['net-liquidity-drain', () => cases.drain(T, 0.9 * T, addDays(lastWednesday, -7)), 'supported'],
  ['net-liquidity-drain', () => cases.drain(T, 0.9 * T, addDays(lastWednesday, -14)), 'insufficient data'],

  // Thesis 2. ON RRP: under $100B supported, $100B mixed; $300B refuted, just under mixed; a
  // value 10 days old counts, 11 days is stale.
  ['dry-powder-exhausted', () => cases.rrp(99.99 * B), 'supported'],
  ['dry-powder-exhausted', () => cases.rrp(100 * B), 'mixed'],
  ['dry-powder-exhausted', () => cases.rrp(299.99 * B), 'mixed'],
  ['dry-powder-exhausted', () => cases.rrp(300 * B), 'refuted'],
  ['dry-powder-exhausted', () => cases.rrp(50 * B, addDays(A, -10)), 'supported'],
  ['dry-powder-exhausted', () => cases.rrp(50 * B, addDays(A, -11)), 'insufficient data'],
  // Cost of capital: rising means ≥ +0.25 pp; +0.2499 is not rising.
  ['cost-of-capital-rises', () => cases.rates(0.25, 0.25), 'supported'],
  ['cost-of-capital-rises', () => cases.rates(0.2499, 0.25), 'mixed'],
  ['cost-of-capital-rises', () => cases.rates(0.2499, 0.2499), 'refuted'],

  // Thesis 4. Oracle: −11.01 % supported, −10.99 % mixed; −5 % mixed, −4.99 % refuted.
  ['oracle-2025-12-11', () => cases.orcl(88.99), 'supported'],
  ['oracle-2025-12-11', () => cases.orcl(89.01), 'mixed'],
  ['oracle-2025-12-11', () => cases.orcl(95), 'mixed'],
  ['oracle-2025-12-11', () => cases.orcl(95.01), 'refuted'],
  // Capex: a gap of 40 pp flags a company, 39.99 pp does not.
  ['capex-outruns-profit', () => cases.capex(0.4, 0.4, 0), 'supported'],
  ['capex-outruns-profit', () => cases.capex(0.3999, 0.3999, 0), 'refuted'],
  // Tokens: a pair 351 days apart counts as a year, 349 days does not; the claim's 100× a year:
  // 100.01× supported, 99.99× refuted; a figure counts from the day it was published, not the
  // day it describes.
  ['tokens-100x', () => tokensApart(351, 351), 'supported'],
  ['tokens-100x', () => tokensApart(349, 351), 'insufficient data'],
  ['tokens-100x', () => tokensAnnualised(100.01), 'supported'],
  ['tokens-100x', () => tokensAnnualised(99.99), 'refuted'],
  ['tokens-100x', () => tokensPublishedLate('2025-02-28'), 'insufficient data'],
  ['tokens-100x', () => tokensPublishedLate('2025-03-01'), 'supported'],

  // Thesis 5. Single-name/sector "mostly fail": a win rate of 1/4 supported, 2/4 (one half)
  // mixed; macro must win more often: equal win rates refute; 3 priced episodes per class
  // decide, a pending one does not count.
  ['macro-wins-single-fails', () => card(3, 1), 'supported'],
  ['macro-wins-single-fails', () => card(3, 2), 'mixed'],
  ['macro-wins-single-fails', () => card(2, 2, 3), 'refuted'],
  ['macro-wins-single-fails', () => card(3, 2, 3), 'mixed'],
  ['macro-wins-single-fails', () => card(3, 1, 3), 'supported'],
  ['macro-wins-single-fails', withPendingMacro, 'insufficient data'],
  // Notional: within ±5 % of shares × close; 1.0501 is not. Premium-like: a value at most 30 %
  // of shares × close; 30.01 % is not. A row filed after the as-of day is not read.
  ['notional-not-premium', () => cases.puts(1.0499, 0.9501), 'supported'],
  ['notional-not-premium', () => cases.puts(1.0501, 1), 'mixed'],
  ['notional-not-premium', () => cases.puts(0.2999, 0.1), 'refuted'],
  ['notional-not-premium', () => cases.puts(0.3001, 0.1), 'mixed'],
  ['notional-not-premium', putFiledAfterAsOf, 'insufficient data'],

  // Thesis 6. BTC peak: $119,700 (126k − 5 %) is about $126k, $119,699 is not. BTC low: $66,000
  // is about $60k, $66,001 is not (mixed); $80,000 mixed, $80,001 refuted. Closes ending 10
  // days before the as-of day (2026-03-01) still decide, 11 days do not.
  ['btc-126k-to-60k', () => cases.btc(119_700, 60_000), 'supported'],
  ['btc-126k-to-60k', () => cases.btc(119_699, 60_000), 'refuted'],
  ['btc-126k-to-60k', () => cases.btc(126_000, 66_000), 'supported'],
  ['btc-126k-to-60k', () => cases.btc(126_000, 66_001), 'mixed'],
  ['btc-126k-to-60k', () => cases.btc(126_000, 80_000), 'mixed'],
  ['btc-126k-to-60k', () => cases.btc(126_000, 80_001), 'refuted'],
  ['btc-126k-to-60k', () => cases.btc(126_000, 95_000, '2026-02-19'), 'refuted'],
  ['btc-126k-to-60k', () => cases.btc(126_000, 95_000, '2026-02-18'), 'insufficient data'],
  // Liquidations: 80 % of $2.6B supports (even from one venue), just under does not; a
  // market-wide largest day of half the claim is mixed, just under refuted; market-wide totals
  // on 90 % of the window (136 of 151 days) decide, 135 days do not.
  ['liquidations-2-6b', () => venueDay(0.8 * 2.6e9), 'supported'],
  ['liquidations-2-6b', () => venueDay(0.7999 * 2.6e9), 'insufficient data'],
  ['liquidations-2-6b', () => cases.liquidations(cases.everyDay(0.5 * 2.6e9)), 'mixed'],
  ['liquidations-2-6b', () => cases.liquidations(cases.everyDay(0.4999 * 2.6e9)), 'refuted'],
  ['liquidations-2-6b', () => marketWideOn(136), 'refuted'],
  ['liquidations-2-6b', () => marketWideOn(135), 'insufficient data'],

  // Thesis 7. Minor drawdown: a median 6-month max drawdown of −14.99 % supported, −15 % mixed
  // (BTC: −35 %); mean 6-month return: −4.99 % supported, −5 % mixed; −10 % mixed, −10.01 %
  // refuted; 8 level-1 weeks decide, 7 do not; the top level must show the deeper 12-month fall.
  ['squeeze-is-minor-spy', () => cases.risk('SPY', { medianMaxDrawdown: -0.1499 }), 'supported'],
  ['squeeze-is-minor-spy', () => cases.risk('SPY', { medianMaxDrawdown: -0.15 }), 'mixed'],
  ['squeeze-is-minor-qqq', () => cases.risk('QQQ', { medianMaxDrawdown: -0.3 }), 'mixed'],
  ['squeeze-is-minor-btc', () => cases.risk('BTC', { medianMaxDrawdown: -0.3499 }), 'supported'],
  ['squeeze-is-minor-btc', () => cases.risk('BTC', { medianMaxDrawdown: -0.35 }), 'mixed'],
  ['squeeze-is-minor-spy', () => cases.risk('SPY', { meanReturn: -0.0499 }), 'supported'],
  ['squeeze-is-minor-spy', () => cases.risk('SPY', { meanReturn: -0.05 }), 'mixed'],
  ['squeeze-is-minor-spy', () => cases.risk('SPY', { meanReturn: -0.1 }), 'mixed'],
  ['squeeze-is-minor-spy', () => cases.risk('SPY', { meanReturn: -0.1001 }), 'refuted'],
  ['squeeze-is-minor-spy', () => cases.risk('SPY', { n: 8 }), 'supported'],
  ['squeeze-is-minor-spy', () => cases.risk('SPY', { n: 7 }), 'insufficient data'],
  ['squeeze-is-minor-spy', shallowTop, 'mixed'],
];

describe('every threshold just inside and just outside', () => {
  // Named by position in PINS (row n of the table); a failure shows the check's summary with its numbers.
  PINS.forEach(([id, input, v], i) => {
    it(`PINS row ${i + 1}: ${id} → ${v}`, () => {
      const r = runCheck(cases.check(id), input());
      expect(r.status, r.summary).toBe(v);
    });
  });
});

// ── What a verdict alone does not show ───────────────────────────────────────────────────────

describe('thesis 1 boundaries', () => {
  it("the line is the claim's $3T: reserves of exactly $3T count as at or above it, $1 less as below", () => {
    const at = runCheck(cases.check('needs-3t'), cases.needCounts(20, 4, 20, 0, 3 * T));
    expect(at.evidence[0]!.value).toBe('0 / 0');
    const under = runCheck(cases.check('needs-3t'), cases.needCounts(20, 4, 20, 0, 3 * T - 1));
    expect(under.evidence[0]!.value).toBe('4 / 20');
  });
});

describe('thesis 2 boundaries', () => {
  it('correlation cuts: above 0.2 supported, 0.2 itself mixed; below 0 refuted, 0 itself mixed', () => {
    expect(correlationStatus(0.2001)).toBe('supported');
    expect(correlationStatus(0.2)).toBe('mixed');
    expect(correlationStatus(0.1999)).toBe('mixed');
    expect(correlationStatus(0)).toBe('mixed');
    expect(correlationStatus(-0.0001)).toBe('refuted');
    expect(correlationStatus(0.59)).toBe('supported');
    expect(correlationStatus(-0.59)).toBe('refuted');
  });

  it('20 quarters without the crises decide, 19 do not', () => {
    const ex = (asOf: string) => {
      const r = runCheck(
        cases.check('prices-float-on-liquidity'),
        cases.quarters(asOf, (_, a) => a),
      );
      return { status: r.status, n: String(r.evidence[2]?.value ?? '') };
    };
    // Walk Fridays until the first day with a verdict: it has exactly 20 quarters without the crises.
    const days = fridays('2014-01-03', '2016-12-30');
    const first = days.findIndex((d) => ex(d).status !== 'insufficient data');
    expect(first).toBeGreaterThan(0);
    expect(ex(days[first]!).n).toMatch(/ \/ 20$/);
    expect(ex(days[first - 1]!)).toMatchObject({ status: 'insufficient data' });
    expect(ex(days[first - 1]!).n).toMatch(/ \/ 19$/);
  });
});

describe('thesis 4 boundaries', () => {
  it('capex: a fiscal year 440 days old is current, 441 days is stale and not counted', () => {
    const end = '2025-12-31';
    const d = (age: number) =>
      data(addDays(end, age), { capex: [capexYear('A', 0.5), capexYear('B', 0.5), capexYear('C', 0)] });
    expect(runCheck(cases.check('capex-outruns-profit'), d(440)).status).toBe('supported');
    const stale = runCheck(cases.check('capex-outruns-profit'), d(441));
    expect(stale.status).toBe('insufficient data');
    expect(stale.evidence.every((e) => /stale/.test(e.label))).toBe(true);
  });
});

describe('thesis 6 boundaries', () => {
  it("the cases' own calendar: 2026-02-19 is 10 days before the BTC as-of day, the fall spans 151 days", () => {
    expect(daysBetween('2026-02-19', '2026-03-01')).toBe(10);
    expect(fallDays()).toHaveLength(151);
  });
});
