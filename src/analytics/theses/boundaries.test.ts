import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../core/dates.js';
import type { Verdict } from '../../core/verdict.js';
import { fridays } from '../regime/weekly.js';
import {
  A,
  allDays,
  btc,
  capex,
  drain,
  everyDay,
  liquidations,
  needCounts,
  orcl,
  puts,
  quarters,
  rates,
  repo,
  reserves2007,
  reserves2023,
  rrp,
  shorts,
} from './cases.testkit.js';
import { correlationStatus } from './correlation.js';
import { runCheck, THESES } from './ledger.js';
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
import type { ThesisData } from './types.js';

/**
 * Each threshold pinned at its boundary: a value just inside and just outside, with the verdict
 * each side must give. Moving a threshold (vix 30 → 35, the $3T gap cut, the correlation cuts,
 * the −15 % drawdown) turns one of these red.
 */

const check = (id: string) => THESES.flatMap((t) => t.checks).find((c) => c.id === id)!;
const status = (id: string, d: ThesisData): Verdict => runCheck(check(id), d).status;

describe('thesis 1 boundaries', () => {
  it('repo crossing: 3 days supported, 2 mixed; 60 days of data decide, 59 do not', () => {
    expect(status('repo-crosses-line', repo(3))).toBe('supported');
    expect(status('repo-crosses-line', repo(2))).toBe('mixed');
    expect(status('repo-crosses-line', repo(1, 60))).toBe('mixed');
    expect(status('repo-crosses-line', repo(1, 59))).toBe('insufficient data');
  });

  it('repo crossing: SOFR read 10 days before the as-of day still counts, 11 days is stale', () => {
    const cut = (days: number) => {
      const d = repo(0);
      for (const id of ['SOFR', 'IORB'])
        d.series[id] = d.series[id]!.filter((o) => o.date <= addDays(A, -days));
      return d;
    };
    expect(status('repo-crosses-line', cut(10))).toBe('refuted');
    expect(status('repo-crosses-line', cut(11))).toBe('insufficient data');
  });

  it('$45B in 2007: an average within ±25 % supported (56.25B / 33.75B), beyond refuted; $45B at the low end of the range mixed', () => {
    const year = (v: number) => reserves2007(Array(12).fill(v));
    expect(status('reserves-2007', year(45 * B * 1.2499))).toBe('supported');
    expect(status('reserves-2007', year(45 * B * 1.2501))).toBe('refuted');
    expect(status('reserves-2007', year(45 * B * 0.7501))).toBe('supported');
    expect(status('reserves-2007', year(45 * B * 0.7499))).toBe('refuted');
    expect(status('reserves-2007', reserves2007([45 * B, ...Array(11).fill(100 * B)]))).toBe('mixed');
    expect(status('reserves-2007', reserves2007([45 * B + 1, ...Array(11).fill(100 * B)]))).toBe('refuted');
  });

  it.each([
    [1.0999, 'supported'],
    [1.1001, 'refuted'],
    [0.9001, 'supported'],
    [0.8999, 'refuted'],
  ] as const)('$2.2T in 2023: ±10 % (2.2T × %s → %s)', (factor, verdict) => {
    expect(
      status(
        'reserves-2023',
        reserves2023(() => 2.2 * T * factor),
      ),
    ).toBe(verdict);
  });

  it('needs > $3T: crossing share below the line minus above ≥ 20 pp supported, 15 pp mixed, 0 refuted, 5 pp mixed', () => {
    expect(status('needs-3t', needCounts(20, 4, 20, 0))).toBe('supported');
    expect(status('needs-3t', needCounts(20, 3, 20, 0))).toBe('mixed');
    expect(status('needs-3t', needCounts(20, 2, 20, 2))).toBe('refuted');
    expect(status('needs-3t', needCounts(20, 3, 20, 2))).toBe('mixed');
  });

  it('needs > $3T: 20 days on each side decide, 19 do not', () => {
    expect(status('needs-3t', needCounts(20, 4, 20, 0))).toBe('supported');
    expect(status('needs-3t', needCounts(19, 4, 21, 0))).toBe('insufficient data');
    expect(status('needs-3t', needCounts(21, 4, 19, 0))).toBe('insufficient data');
  });

  it("the line is the claim's $3T: reserves of exactly $3T count as at or above it, $1 less as below", () => {
    const at = runCheck(check('needs-3t'), needCounts(20, 4, 20, 0, 3 * T));
    expect(at.evidence[0]!.value).toBe('0 / 0');
    const under = runCheck(check('needs-3t'), needCounts(20, 4, 20, 0, 3 * T - 1));
    expect(under.evidence[0]!.value).toBe('4 / 20');
  });

  it('net liquidity drain: −3 % over 26 weeks supported, −2.99 % mixed; +3 % refuted, +2.99 % mixed', () => {
    expect(status('net-liquidity-drain', drain(T, 0.97 * T))).toBe('supported');
    expect(status('net-liquidity-drain', drain(T, 0.9701 * T))).toBe('mixed');
    expect(status('net-liquidity-drain', drain(T, 1.03 * T))).toBe('refuted');
    expect(status('net-liquidity-drain', drain(T, 1.0299 * T))).toBe('mixed');
  });

  it('net liquidity drain: data 14 days old still counts, 15 days is stale', () => {
    // The one staleness rule (indicators/freshness.ts): a weekly series over 14 days old on the
    // Friday is stale. (Before the net-liquidity merge the ledger allowed 21 days; this test
    // pinned 16 counts / 23 stale with Wednesday data.) The last WALCL and TGA prints are dated
    // exactly 14 and 15 days before A (a Friday), so both sides of the limit are hit.
    const endingOn = (last: string) => {
      const d = drain(T, 0.9 * T, addDays(last, -1));
      d.series.WALCL!.push({ date: last, value: 0.9 * T, knownFrom: last });
      d.series.WTREGEN!.push({ date: last, value: 0, knownFrom: last });
      return d;
    };
    expect(status('net-liquidity-drain', endingOn(addDays(A, -14)))).toBe('supported');
    expect(status('net-liquidity-drain', endingOn(addDays(A, -15)))).toBe('insufficient data');
    // Wednesday prints: a missed release (9 days old) still counts, two missed (16) do not.
    const lastWed = addDays(A, -2);
    expect(status('net-liquidity-drain', drain(T, 0.9 * T, addDays(lastWed, -7)))).toBe('supported');
    expect(status('net-liquidity-drain', drain(T, 0.9 * T, addDays(lastWed, -14)))).toBe('insufficient data');
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
        check('prices-float-on-liquidity'),
        quarters(asOf, (_, a) => a),
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

  it('ON RRP: under $100B supported, $100B mixed; $300B refuted, just under mixed', () => {
    expect(status('dry-powder-exhausted', rrp(99.99 * B))).toBe('supported');
    expect(status('dry-powder-exhausted', rrp(100 * B))).toBe('mixed');
    expect(status('dry-powder-exhausted', rrp(299.99 * B))).toBe('mixed');
    expect(status('dry-powder-exhausted', rrp(300 * B))).toBe('refuted');
  });

  it('ON RRP: a value 10 days old counts, 11 days is stale', () => {
    expect(status('dry-powder-exhausted', rrp(50 * B, addDays(A, -10)))).toBe('supported');
    expect(status('dry-powder-exhausted', rrp(50 * B, addDays(A, -11)))).toBe('insufficient data');
  });

  it('cost of capital: rising means ≥ +0.25 pp; +0.2499 is not rising', () => {
    expect(status('cost-of-capital-rises', rates(0.25, 0.25))).toBe('supported');
    expect(status('cost-of-capital-rises', rates(0.2499, 0.25))).toBe('mixed');
    expect(status('cost-of-capital-rises', rates(0.2499, 0.2499))).toBe('refuted');
  });
});

describe('thesis 4 boundaries', () => {
  it('Oracle: −11.01 % supported, −10.99 % mixed; −5 % mixed, −4.99 % refuted', () => {
    expect(status('oracle-2025-12-11', orcl(88.99))).toBe('supported');
    expect(status('oracle-2025-12-11', orcl(89.01))).toBe('mixed');
    expect(status('oracle-2025-12-11', orcl(95))).toBe('mixed');
    expect(status('oracle-2025-12-11', orcl(95.01))).toBe('refuted');
  });

  it('capex: a gap of 40 pp flags a company, 39.99 pp does not', () => {
    expect(status('capex-outruns-profit', capex(0.4, 0.4, 0))).toBe('supported');
    expect(status('capex-outruns-profit', capex(0.3999, 0.3999, 0))).toBe('refuted');
  });

  it('capex: a fiscal year 440 days old is current, 441 days is stale and not counted', () => {
    const end = '2025-12-31';
    const d = (age: number) =>
      data(addDays(end, age), { capex: [capexYear('A', 0.5), capexYear('B', 0.5), capexYear('C', 0)] });
    expect(status('capex-outruns-profit', d(440))).toBe('supported');
    const stale = runCheck(check('capex-outruns-profit'), d(441));
    expect(stale.status).toBe('insufficient data');
    expect(stale.evidence.every((e) => /stale/.test(e.label))).toBe(true);
  });

  it('tokens: a pair 351 days apart counts as a year, 349 days does not', () => {
    const pair = (p: string, days: number) => [
      tokenRow(p, '2024-01-01', 1),
      tokenRow(p, addDays('2024-01-01', days), 1000),
    ];
    expect(
      status('tokens-100x', data('2025-06-01', { tokens: [...pair('P', 351), ...pair('Q', 351)] })),
    ).toBe('supported');
    expect(
      status('tokens-100x', data('2025-06-01', { tokens: [...pair('P', 349), ...pair('Q', 351)] })),
    ).toBe('insufficient data');
  });

  it("tokens: the claim's 100× a year — 100.01× supported, 99.99× refuted", () => {
    // 365 days = 11.99 months (days / 30.4375): pick the multiple that annualises to the target.
    const months = 365 / 30.4375;
    const rowsFor = (target: number) =>
      ['P', 'Q'].flatMap((p) => [
        tokenRow(p, '2025-01-01', 1),
        tokenRow(p, '2026-01-01', target ** (months / 12)),
      ]);
    expect(status('tokens-100x', data('2026-02-01', { tokens: rowsFor(100.01) }))).toBe('supported');
    expect(status('tokens-100x', data('2026-02-01', { tokens: rowsFor(99.99) }))).toBe('refuted');
  });

  it('tokens: a figure counts from the day it was published, not the day it describes', () => {
    const rows = ['P', 'Q'].flatMap((p) => [
      tokenRow(p, '2024-01-01', 1),
      tokenRow(p, '2025-01-01', 200, '2025-03-01'),
    ]);
    expect(status('tokens-100x', data('2025-02-28', { tokens: rows }))).toBe('insufficient data');
    expect(status('tokens-100x', data('2025-03-01', { tokens: rows }))).toBe('supported');
  });
});

describe('thesis 5 boundaries', () => {
  const card = (macroWins: number, singleWins: number, singles = 4) =>
    shorts({
      macro: [0, 1, 2].map((i) => i < macroWins),
      'single-name': Array.from({ length: singles }, (_, i) => i < singleWins),
    });
  it('single-name/sector "mostly fail": a win rate of 1/4 supported, 2/4 (one half) mixed', () => {
    expect(status('macro-wins-single-fails', card(3, 1))).toBe('supported');
    expect(status('macro-wins-single-fails', card(3, 2))).toBe('mixed');
  });
  it('macro must win more often: equal win rates refute', () => {
    expect(status('macro-wins-single-fails', card(2, 2, 3))).toBe('refuted');
    expect(status('macro-wins-single-fails', card(3, 2, 3))).toBe('mixed');
  });
  it('3 priced episodes per class decide; a pending one does not count', () => {
    const d = card(3, 1, 3);
    expect(status('macro-wins-single-fails', d)).toBe('supported');
    d.scorecard![0] = scored('macro-0', 'macro', null);
    expect(status('macro-wins-single-fails', d)).toBe('insufficient data');
  });

  it('notional: within ±5 % of shares × close is notional; 1.0501 is not', () => {
    expect(status('notional-not-premium', puts(1.0499, 0.9501))).toBe('supported');
    expect(status('notional-not-premium', puts(1.0501, 1))).toBe('mixed');
  });
  it('premium-like: a value at most 30 % of shares × close; 30.01 % is not', () => {
    expect(status('notional-not-premium', puts(0.2999, 0.1))).toBe('refuted');
    expect(status('notional-not-premium', puts(0.3001, 0.1))).toBe('mixed');
  });
  it('a row filed after the as-of day is not read', () => {
    const rows = [putRow('X', 1), putRow('Y', 1, { filed: addDays(A, 1) })];
    expect(status('notional-not-premium', data(A, { thirteenFPuts: rows }))).toBe('insufficient data');
  });
});

describe('thesis 6 boundaries', () => {
  it('BTC peak: $119,700 (126k − 5 %) is about $126k, $119,699 is not', () => {
    expect(status('btc-126k-to-60k', btc(119_700, 60_000))).toBe('supported');
    expect(status('btc-126k-to-60k', btc(119_699, 60_000))).toBe('refuted');
  });
  it('BTC low: $66,000 is about $60k, $66,001 is not (mixed); $80,000 mixed, $80,001 refuted', () => {
    expect(status('btc-126k-to-60k', btc(126_000, 66_000))).toBe('supported');
    expect(status('btc-126k-to-60k', btc(126_000, 66_001))).toBe('mixed');
    expect(status('btc-126k-to-60k', btc(126_000, 80_000))).toBe('mixed');
    expect(status('btc-126k-to-60k', btc(126_000, 80_001))).toBe('refuted');
  });
  it('BTC closes ending 10 days before the as-of day still decide, 11 days do not', () => {
    expect(daysBetween('2026-02-19', '2026-03-01')).toBe(10);
    expect(status('btc-126k-to-60k', btc(126_000, 95_000, '2026-02-19'))).toBe('refuted');
    expect(status('btc-126k-to-60k', btc(126_000, 95_000, '2026-02-18'))).toBe('insufficient data');
  });

  it('liquidations: 80 % of $2.6B supports (even from one venue), just under does not', () => {
    expect(status('liquidations-2-6b', liquidations([liquidation('2026-02-05', 0.8 * 2.6e9, 'venue')]))).toBe(
      'supported',
    );
    expect(
      status('liquidations-2-6b', liquidations([liquidation('2026-02-05', 0.7999 * 2.6e9, 'venue')])),
    ).toBe('insufficient data');
  });
  it('liquidations: a market-wide largest day of half the claim is mixed, just under refuted', () => {
    expect(status('liquidations-2-6b', liquidations(everyDay(0.5 * 2.6e9)))).toBe('mixed');
    expect(status('liquidations-2-6b', liquidations(everyDay(0.4999 * 2.6e9)))).toBe('refuted');
  });
  it('liquidations: market-wide totals on 90 % of the window (136 of 151 days) decide, 135 days do not', () => {
    const days = allDays(LIQUIDATION_WINDOW.from, LIQUIDATION_WINDOW.to);
    expect(days).toHaveLength(151);
    const on = (n: number) => liquidations(days.slice(0, n).map((d) => liquidation(d, 1e9, 'market-wide')));
    expect(status('liquidations-2-6b', on(136))).toBe('refuted');
    expect(status('liquidations-2-6b', on(135))).toBe('insufficient data');
  });
});

describe('thesis 7 boundaries', () => {
  const risk = (asset: string, l1: Parameters<typeof levelStat>[2]) =>
    data(A, {
      risk: riskWith(asset, [
        levelStat(1, 6, l1),
        levelStat(1, 12, { worstMaxDrawdown: -0.2 }),
        levelStat(3, 12, { worstMaxDrawdown: -0.5 }),
      ]),
    });
  it('minor drawdown: a median 6-month max drawdown of −14.99 % supported, −15 % mixed (BTC: −35 %)', () => {
    expect(status('squeeze-is-minor-spy', risk('SPY', { medianMaxDrawdown: -0.1499 }))).toBe('supported');
    expect(status('squeeze-is-minor-spy', risk('SPY', { medianMaxDrawdown: -0.15 }))).toBe('mixed');
    expect(status('squeeze-is-minor-qqq', risk('QQQ', { medianMaxDrawdown: -0.3 }))).toBe('mixed');
    expect(status('squeeze-is-minor-btc', risk('BTC', { medianMaxDrawdown: -0.3499 }))).toBe('supported');
    expect(status('squeeze-is-minor-btc', risk('BTC', { medianMaxDrawdown: -0.35 }))).toBe('mixed');
  });
  it('mean 6-month return: −4.99 % supported, −5 % mixed; −10 % mixed, −10.01 % refuted', () => {
    expect(status('squeeze-is-minor-spy', risk('SPY', { meanReturn: -0.0499 }))).toBe('supported');
    expect(status('squeeze-is-minor-spy', risk('SPY', { meanReturn: -0.05 }))).toBe('mixed');
    expect(status('squeeze-is-minor-spy', risk('SPY', { meanReturn: -0.1 }))).toBe('mixed');
    expect(status('squeeze-is-minor-spy', risk('SPY', { meanReturn: -0.1001 }))).toBe('refuted');
  });
  it('8 level-1 weeks decide, 7 do not; the top level must show the deeper 12-month fall', () => {
    expect(status('squeeze-is-minor-spy', risk('SPY', { n: 8 }))).toBe('supported');
    expect(status('squeeze-is-minor-spy', risk('SPY', { n: 7 }))).toBe('insufficient data');
    const shallowTop = data(A, {
      risk: riskWith('SPY', [
        levelStat(1, 6),
        levelStat(1, 12, { worstMaxDrawdown: -0.3 }),
        levelStat(3, 12, { worstMaxDrawdown: -0.3 }),
      ]),
    });
    expect(status('squeeze-is-minor-spy', shallowTop)).toBe('mixed');
  });
});
