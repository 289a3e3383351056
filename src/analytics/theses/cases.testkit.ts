import { addDays, addMonths } from '../../core/dates.js';
import type { Verdict } from '../../core/verdict.js';
import { DEFAULT_SQUEEZE, squeezeWindows } from '../../indicators/markets/squeeze.js';
import { fridays } from '../regime/weekly.js';
import { CRISIS_WINDOWS } from './correlation.js';
import { netLiquidityPoints } from './duration-sorting.js';
import { THESES } from './ledger.js';
import { LIQUIDATION_WINDOW } from './liquidations.js';
import {
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
  scorecard,
  T,
  tokenRow,
  wednesdays,
} from './synthetic.testkit.js';
import type { ThesisCheck, ThesisData } from './types.js';

/**
 * Test-only: inputs for each ledger check, parameterised so a test can put the check on either
 * side of each threshold (reachability.test.ts, boundaries.test.ts).
 */

export const A = '2025-06-27'; // a Friday

/** One literal case, one line in a test's table: a check, its input, the verdict it must give. */
export type Case = readonly [check: string, input: () => ThesisData, verdict: Verdict];

/** The ledger's check with this id. */
export function check(id: string): ThesisCheck {
  const c = THESES.flatMap((t) => t.checks).find((x) => x.id === id);
  if (!c) throw new Error(`no ledger check '${id}'`);
  return c;
}

// ── Thesis 1 inputs ──────────────────────────────────────────────────────────────────────────

/** SOFR and IORB (4.40) daily over the 6 months to A; SOFR 4.50 on the last `crossings` days, else 4.30. */
export function repo(crossings: number, days?: number): ThesisData {
  const all = businessDays(addMonths(A, -6), A);
  const dates = days === undefined ? all : all.slice(-days);
  return data(A, {
    series: {
      IORB: obs(dates, () => 4.4),
      SOFR: obs(dates, (_, i) => (i >= dates.length - crossings ? 4.5 : 4.3)),
    },
  });
}

export function reserves2007(values: number[]): ThesisData {
  return data(A, {
    series: {
      TOTRESNS: values.map((v, i) => ({ date: `2007-${String(i + 1).padStart(2, '0')}-01`, value: v })),
    },
  });
}

export function reserves2023(values: (i: number) => number): ThesisData {
  return data(A, { series: { WRESBAL: obs(wednesdays('2023-01-01', '2023-12-31'), (_, i) => values(i)) } });
}

/**
 * 12 months to A: reserves below $3T in the first half, above in the second; SOFR crosses IORB
 * on the given shares of each half's days.
 */
export function need(belowShare: number, aboveShare: number, reservesBelow = 2.9 * T): ThesisData {
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
export function drain(before: number, after: number, endsOn = A): ThesisData {
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
export function quarters(
  asOf: string,
  b: (k: number, a: number, crisis: boolean) => number,
  aOf?: (k: number, crisis: boolean) => number,
): ThesisData {
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

export function rrp(value: number, endsOn = A): ThesisData {
  return data(A, { series: { RRPONTSYD: daily(addMonths(A, -3), endsOn, () => value) } });
}

/** DGS10 and HY OAS over 13 months to A, stepping up by the given pp half-way. */
export function rates(dgs10Up: number, hyUp: number, dgs10Ends = A): ThesisData {
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
export function sorting(dips: number, spec: number[], cash: number[]): ThesisData {
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
  const windows = squeezeWindows(
    netLiquidityPoints(series, A),
    DEFAULT_SQUEEZE.thresholdPct,
    DEFAULT_SQUEEZE.lookbackWeeks,
  );
  const path = (rets: number[]) =>
    prices(
      businessDays('2013-06-03', A).map((d) => ({
        date: d,
        value: windows.reduce((v, w, k) => (w.end <= d ? v * (1 + (rets[k] ?? 0)) : v), 100),
      })),
    );
  return data(A, { series, prices: { BTC: path(spec), MU: path(cash) } });
}

// ── Thesis 4 and 5 inputs ────────────────────────────────────────────────────────────────────

/** ORCL closes 100 on 2025-12-10 and `close` on 2025-12-11, as of 2026-01-02. */
export function orcl(close: number): ThesisData {
  return data('2026-01-02', {
    prices: {
      ORCL: prices([
        { date: '2025-12-10', value: 100 },
        { date: '2025-12-11', value: close },
      ]),
    },
  });
}

/** Companies A, B, … with these gaps of capex over operating-income growth, as of 2026-03-01. */
export function capex(...gaps: number[]): ThesisData {
  return data('2026-03-01', { capex: gaps.map((g, i) => capexYear(String.fromCharCode(65 + i), g)) });
}

/** Providers P, Q, … each at 1 in January 2024 and at `multiples` in January 2025, as of 2025-03-01. */
export function tokens(...multiples: number[]): ThesisData {
  const rows = multiples.flatMap((m, i) => {
    const provider = String.fromCharCode(80 + i);
    return [tokenRow(provider, '2024-01-01', 1), tokenRow(provider, '2025-01-01', m)];
  });
  return data('2025-03-01', { tokens: rows });
}

/** The scorecard with these outcomes per class (synthetic.testkit `scorecard`), as of A. */
export function shorts(outcomes: Parameters<typeof scorecard>[0]): ThesisData {
  return data(A, { scorecard: scorecard(outcomes) });
}

/** 13F puts on X, Y, … whose reported values are these multiples of shares × close, as of A. */
export function puts(...ratios: number[]): ThesisData {
  return data(A, { thirteenFPuts: ratios.map((r, i) => putRow(String.fromCharCode(88 + i), r)) });
}

/** BTC closes 2025-09-01 → endsOn: peak on 2025-10-06, then down to `low` by 2026-02-05 and flat. */
export function btc(peak: number, low: number, endsOn = '2026-03-01'): ThesisData {
  const closes = daily('2025-09-01', endsOn, (d) =>
    d === '2025-10-06' ? peak : d < '2025-10-06' ? peak * 0.9 : d < '2026-02-05' ? (peak + low) / 2 : low,
  );
  return data('2026-03-01', { prices: { BTC: prices(closes) } });
}

export function liquidations(rows: ThesisData['liquidations']): ThesisData {
  return data('2026-03-31', { liquidations: rows });
}

/** A market-wide total on every day of the fall. */
export function everyDay(usd: number) {
  return allDays(LIQUIDATION_WINDOW.from, LIQUIDATION_WINDOW.to).map((d) =>
    liquidation(d, usd, 'market-wide'),
  );
}

export function allDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * The last `below + above` business days to A: the first `below` with reserves under the line
 * known the day before, the rest at or above; SOFR over IORB on the first `belowCross` /
 * `aboveCross` of each group. `low` is the reserves level of the first group.
 */
export function needCounts(
  below: number,
  belowCross: number,
  above: number,
  aboveCross: number,
  low = 2.9 * T,
  high = 3.1 * T,
): ThesisData {
  const days = businessDays(addMonths(A, -11), A).slice(-(below + above));
  const b = days.slice(0, below);
  const a = days.slice(below);
  const lastBelow = b.at(-1) ?? '0000-00-00';
  const cross = new Set([...b.slice(0, belowCross), ...a.slice(0, aboveCross)]);
  const calendar: string[] = [];
  for (let d = addMonths(A, -13); d <= A; d = addDays(d, 1)) calendar.push(d);
  return data(A, {
    series: {
      WRESBAL: obs(calendar, (d) => (d >= lastBelow ? high : low)),
      IORB: obs(days, () => 4.4),
      SOFR: obs(days, (d) => (cross.has(d) ? 4.5 : 4.3)),
    },
  });
}

// ── Thesis 7 inputs ──────────────────────────────────────────────────────────────────────────

/**
 * `asset`'s forward statistics as of A: after level-1 weeks, the 6-month figures `l1` (else
 * levelStat's: 20 weeks, mean +5 %, median drawdown −5 %) and a worst 12-month fall of −20 %; at
 * the top level a deeper one (−50 %).
 */
export function risk(asset: string, l1: Parameters<typeof levelStat>[2] = {}): ThesisData {
  return data(A, {
    risk: riskWith(asset, [
      levelStat(1, 6, l1),
      levelStat(1, 12, { worstMaxDrawdown: -0.2 }),
      levelStat(3, 12, { worstMaxDrawdown: -0.5 }),
    ]),
  });
}
