import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../core/dates.js';
import { VERDICTS, type Verdict } from '../../core/verdict.js';
import { DEFAULT_SQUEEZE, squeezeWindows } from '../../indicators/markets/squeeze.js';
import { fridays } from '../regime/weekly.js';
import { CRISIS_WINDOWS } from './correlation.js';
import { netLiquidityPoints } from './duration-sorting.js';
import { runCheck, THESES } from './ledger.js';
import { LIQUIDATION_WINDOW } from './liquidations.js';
import {
  B,
  businessDays,
  capexYear,
  daily,
  data,
  levelStat,
  liquidation,
  obs,
  prices,
  putRow,
  riskWith,
  scored,
  T,
  tokenRow,
  wednesdays,
} from './synthetic.testkit.js';
import type { ThesisData } from './types.js';

/**
 * Every check can reach every verdict: for each check, a small literal input per verdict. The
 * table must cover every check of every thesis, so a new check without its four cases fails here.
 */

const A = '2025-06-27'; // a Friday

// ── Thesis 1 inputs ──────────────────────────────────────────────────────────────────────────

/** SOFR and IORB (4.40) daily over the 6 months to A; SOFR 4.50 on the last `crossings` days, else 4.30. */
function repo(crossings: number, days?: number): ThesisData {
  const all = businessDays(addMonths(A, -6), A);
  const dates = days === undefined ? all : all.slice(-days);
  return data(A, {
    series: {
      IORB: obs(dates, () => 4.4),
      SOFR: obs(dates, (_, i) => (i >= dates.length - crossings ? 4.5 : 4.3)),
    },
  });
}

function reserves2007(values: number[]): ThesisData {
  return data(A, {
    series: { TOTRESNS: values.map((v, i) => ({ date: `2007-${String(i + 1).padStart(2, '0')}-01`, value: v })) },
  });
}

function reserves2023(values: (i: number) => number): ThesisData {
  return data(A, { series: { WRESBAL: obs(wednesdays('2023-01-01', '2023-12-31'), (_, i) => values(i)) } });
}

/**
 * 12 months to A: reserves below $3T in the first half, above in the second; SOFR crosses IORB
 * on the given shares of each half's days.
 */
function need(belowShare: number, aboveShare: number, reservesBelow = 2.9 * T): ThesisData {
  const from = addMonths(A, -12);
  const mid = addMonths(A, -6);
  const days = businessDays(from, A);
  const below = days.filter((d) => d <= mid);
  const above = days.filter((d) => d > mid);
  const cross = new Set([
    ...below.slice(0, Math.round(belowShare * below.length)),
    ...above.slice(0, Math.round(aboveShare * above.length)),
  ]);
  return data(A, {
    series: {
      WRESBAL: obs(wednesdays(addMonths(A, -13), A), (d) => (d <= mid ? reservesBelow : 3.1 * T)),
      IORB: obs(days, () => 4.4),
      SOFR: obs(days, (d) => (cross.has(d) ? 4.5 : 4.3)),
    },
  });
}

/** Net liquidity = WALCL (TGA 0): `before` until 20 weeks before A, `after` since. */
function drain(before: number, after: number, endsOn = A): ThesisData {
  const cut = addDays(A, -140);
  return data(A, {
    series: {
      WALCL: obs(wednesdays(addMonths(A, -15), endsOn), (d) => (d < cut ? before : after)),
      WTREGEN: obs(wednesdays(addMonths(A, -15), endsOn), () => 0),
    },
  });
}

// ── Thesis 2 inputs ──────────────────────────────────────────────────────────────────────────

/**
 * Net liquidity and SPY built so each sampled quarter (13 weeks back from the last Friday) changes
 * by a[k] and b[k] (k = 0 is the latest quarter); `b(k, a, crisis)` sets SPY's change.
 */
function quarters(asOf: string, b: (k: number, a: number, crisis: boolean) => number, aOf?: (k: number, crisis: boolean) => number): ThesisData {
  const weeks = fridays('2007-01-05', asOf);
  const last = weeks.length - 1;
  const K = Math.floor(last / 13);
  const aAt = (k: number, crisis: boolean) => (aOf ? aOf(k, crisis) : 0.03 * Math.sin(1.7 * k + 0.3));
  const nl = new Float64Array(K + 1);
  const px = new Float64Array(K + 1);
  nl[K] = 5 * T;
  px[K] = 100;
  for (let k = K - 1; k >= 0; k--) {
    const i = last - 13 * k;
    const crisis = CRISIS_WINDOWS.some((w) => weeks[i - 13]! <= w.to && weeks[i]! >= w.from);
    const a = aAt(k, crisis);
    nl[k] = nl[k + 1]! * (1 + a);
    px[k] = px[k + 1]! * (1 + b(k, a, crisis));
  }
  // Every week of block k (the 13 weeks ending at last − 13k) carries that block's end value.
  const blockOf = (i: number) => Math.floor((last - i + 12) / 13);
  const start = last - 13 * K;
  const ws = weeks.slice(start);
  return data(asOf, {
    series: {
      WALCL: ws.map((w, j) => ({ date: addDays(w, -2), value: nl[blockOf(start + j)]! })),
      WTREGEN: ws.map((w) => ({ date: addDays(w, -2), value: 0 })),
    },
    prices: { SPY: prices(ws.map((w, j) => ({ date: w, value: px[blockOf(start + j)]! }))) },
  });
}

function rrp(value: number, endsOn = A): ThesisData {
  return data(A, { series: { RRPONTSYD: daily(addMonths(A, -3), endsOn, () => value) } });
}

/** DGS10 and HY OAS over 13 months to A, stepping up by the given pp half-way. */
function rates(dgs10Up: number, hyUp: number, dgs10Ends = A): ThesisData {
  const mid = addMonths(A, -6);
  return data(A, {
    series: {
      DGS10: daily(addMonths(A, -13), dgs10Ends, (d) => (d < mid ? 4 : 4 + dgs10Up)),
      BAMLH0A0HYM2: daily(addMonths(A, -13), A, (d) => (d < mid ? 3 : 3 + hyUp)),
    },
  });
}

// ── Thesis 3 inputs ──────────────────────────────────────────────────────────────────────────

/**
 * Weekly net liquidity flat at $5T with `dips` squeezes (−10 % over 13 weeks, then back), one a
 * year from 2016; BTC (speculative) and MU (cash-flow-near) returning spec[k] / cash[k] over
 * squeeze window k and nothing outside.
 */
function sorting(dips: number, spec: number[], cash: number[]): ThesisData {
  const weeks = wednesdays('2014-01-01', A);
  const dipStart = (k: number) => `${2016 + 2 * k}-03-01`;
  const level = (d: string) => {
    for (let k = 0; k < dips; k++) {
      const s = dipStart(k);
      const e = addDays(s, 26 * 7);
      if (d >= s && d < e) return 4.5 * T;
    }
    return 5 * T;
  };
  const series = {
    WALCL: obs(weeks, (d) => level(d)),
    WTREGEN: obs(weeks, () => 0),
  };
  const windows = squeezeWindows(netLiquidityPoints(series, A), DEFAULT_SQUEEZE.thresholdPct, DEFAULT_SQUEEZE.lookbackWeeks);
  const path = (rets: number[]) =>
    prices(
      businessDays('2013-06-03', A).map((d) => ({
        date: d,
        value: windows.reduce((v, w, k) => (w.end <= d ? v * (1 + (rets[k] ?? 0)) : v), 100),
      })),
    );
  return data(A, { series, prices: { BTC: path(spec), MU: path(cash) } });
}

// ── Thesis 6 inputs ──────────────────────────────────────────────────────────────────────────

/** BTC closes 2025-09-01 → endsOn: peak on 2025-10-06, then down to `low` by 2026-02-05 and flat. */
function btc(peak: number, low: number, endsOn = '2026-03-01'): ThesisData {
  const closes = daily('2025-09-01', endsOn, (d) =>
    d === '2025-10-06' ? peak : d < '2025-10-06' ? peak * 0.9 : d < '2026-02-05' ? (peak + low) / 2 : low,
  );
  return data('2026-03-01', { prices: { BTC: prices(closes) } });
}

function liquidations(rows: ThesisData['liquidations']): ThesisData {
  return data('2026-03-31', { liquidations: rows });
}

/** A market-wide total on every day of the fall. */
function everyDay(usd: number) {
  return allDays(LIQUIDATION_WINDOW.from, LIQUIDATION_WINDOW.to).map((d) => liquidation(d, usd, 'market-wide'));
}

function allDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

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
    supported: () => data('2026-01-02', { prices: { ORCL: prices([{ date: '2025-12-10', value: 100 }, { date: '2025-12-11', value: 88 }]) } }),
    refuted: () => data('2026-01-02', { prices: { ORCL: prices([{ date: '2025-12-10', value: 100 }, { date: '2025-12-11', value: 98 }]) } }),
    mixed: () => data('2026-01-02', { prices: { ORCL: prices([{ date: '2025-12-10', value: 100 }, { date: '2025-12-11', value: 92 }]) } }),
    'insufficient data': () => data('2026-01-02'),
  },
  'capex-outruns-profit': {
    supported: () => data('2026-03-01', { capex: [capexYear('A', 0.5), capexYear('B', 0.5), capexYear('C', 0)] }),
    refuted: () => data('2026-03-01', { capex: [capexYear('A', 0), capexYear('B', 0.1), capexYear('C', -0.2)] }),
    mixed: () => data('2026-03-01', { capex: [capexYear('A', 0.5), capexYear('B', 0), capexYear('C', 0)] }),
    'insufficient data': () => data('2026-03-01', { capex: [capexYear('A', 0.5), capexYear('B', 0.5)] }),
  },
  'tokens-100x': {
    supported: () => data('2025-03-01', { tokens: [tokenRow('P', '2024-01-01', 1), tokenRow('P', '2025-01-01', 200), tokenRow('Q', '2024-01-01', 1), tokenRow('Q', '2025-01-01', 150)] }),
    refuted: () => data('2025-03-01', { tokens: [tokenRow('P', '2024-01-01', 1), tokenRow('P', '2025-01-01', 20), tokenRow('Q', '2024-01-01', 1), tokenRow('Q', '2025-01-01', 50)] }),
    mixed: () => data('2025-03-01', { tokens: [tokenRow('P', '2024-01-01', 1), tokenRow('P', '2025-01-01', 200), tokenRow('Q', '2024-01-01', 1), tokenRow('Q', '2025-01-01', 50)] }),
    'insufficient data': () => data('2025-03-01', { tokens: [tokenRow('P', '2024-01-01', 1), tokenRow('P', '2025-01-01', 200)] }),
  },
  'macro-wins-single-fails': {
    supported: () => data(A, { scorecard: [scored('a', 'macro', true), scored('b', 'macro', true), scored('c', 'macro', false), scored('d', 'single-name', false), scored('e', 'sector', false), scored('f', 'single-name', true)] }),
    refuted: () => data(A, { scorecard: [scored('a', 'macro', false), scored('b', 'macro', false), scored('c', 'macro', true), scored('d', 'single-name', true), scored('e', 'sector', false), scored('f', 'single-name', true)] }),
    mixed: () => data(A, { scorecard: [scored('a', 'macro', true), scored('b', 'macro', true), scored('c', 'macro', true), scored('d', 'single-name', true), scored('e', 'sector', false), scored('f', 'single-name', true)] }),
    'insufficient data': () => data(A, { scorecard: [scored('a', 'macro', true), scored('b', 'macro', true), scored('c', 'macro', null), scored('d', 'single-name', false), scored('e', 'sector', false), scored('f', 'single-name', false)] }),
  },
  'notional-not-premium': {
    supported: () => data(A, { thirteenFPuts: [putRow('X', 1), putRow('Y', 1.02)] }),
    refuted: () => data(A, { thirteenFPuts: [putRow('X', 0.1), putRow('Y', 0.05)] }),
    mixed: () => data(A, { thirteenFPuts: [putRow('X', 1), putRow('Y', 0.1)] }),
    'insufficient data': () => data(A, { thirteenFPuts: [putRow('X', 1)] }),
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
            expect(e.inputDates.every((x) => x <= d.asOf), e.label).toBe(true);
          }
        });
      }
    });
  }
});
