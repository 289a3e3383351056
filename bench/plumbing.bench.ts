/**
 * Every plumbing indicator over the full real history, in process (target < 100 ms):
 * reserves 1984→2026, SOFR 2018→2026, ON RRP 2007→2026, WALCL/WTREGEN/HY/VIX/NFCI 2007→2026,
 * DTS TGA and issuance 2021→2026 (../shared/data, read once before timing).
 *
 * Baseline measured in the same run: a naive per-row recomputation of the core series — for
 * each output row, filter the inputs to what is dated ≤ that row (as a per-row "as of" query
 * would) and recompute from scratch: SOFR−IORB, crossing days, TGA 4-week change, RRP dry
 * powder, net liquidity per Friday (indexes rebuilt from the rows public by then), and the stress score's expanding percentiles (full sort per
 * week). The fast and naive results must agree. Also timed: loading everything from a DuckDB
 * store (as the CLI/API do) and a 52-week as-of sweep.
 * Run: npx tsx bench/plumbing.bench.ts
 */
import { addDays, fridays } from '../src/core/dates.js';
import { ANY_VALUE } from '../src/core/plausibility.js';
import { liquidityIndexes, liquidityOn } from '../src/indicators/liquidity.js';
import { computePlumbing, type PlumbingInputs } from '../src/indicators/plumbing/index.js';
import type { KnownObs, Obs } from '../src/indicators/plumbing/series.js';
import { wednesdays } from '../src/indicators/plumbing/stress-score.js';
import { loadRealInputs } from '../src/indicators/plumbing/testing/real-inputs.js';
import { plumbingFromStore } from '../src/loaders/plumbing.js';
import { DuckDb } from '../src/store/duckdb.js';
import { Store } from '../src/store/store.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time<T>(runs: number, fn: () => T): { ms: number; out: T } {
  let out = fn(); // warm-up (JIT)
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = fn();
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), out };
}

/** The straightforward way: per output row, filter history to ≤ that date and recompute. */
function naive(inp: PlumbingInputs) {
  const upTo = (s: Obs[], d: string) => s.filter((o) => o.date <= d);
  const iorb = inp.iorb!.filter((o) => o.date >= '2021-07-29');
  const spread: Obs[] = [];
  for (const s of inp.sofr!) {
    const r = upTo(iorb, s.date).at(-1);
    if (r) spread.push({ date: s.date, value: Math.round((s.value - r.value) * 100 * 1e6) / 1e6 });
  }
  const crossing = new Map<string, number>();
  for (const o of spread) {
    const m = o.date.slice(0, 7);
    crossing.set(m, spread.filter((x) => x.date.slice(0, 7) === m && x.value > 0).length);
  }
  const tga = inp.tgaDaily!;
  const tga4w = tga.flatMap((o) => {
    const p = upTo(tga, addDays(o.date, -28)).at(-1);
    return p ? [{ date: o.date, value: o.value - p.value }] : [];
  });
  const dry = inp.rrp!.map((o) => {
    const peak = Math.max(...upTo(inp.rrp!, o.date).map((x) => x.value));
    return { date: o.date, value: peak > 0 ? o.value / peak : 0 };
  });
  // Net liquidity per Friday, rebuilt from scratch with only the rows public by that Friday.
  const water: Obs[] = [];
  const pub = (s: KnownObs[], d: string) => s.filter((o) => o.knownFrom <= d);
  for (const f of fridays(inp.walcl![0]!.date, '2026-06-24')) {
    const l = liquidityOn(
      liquidityIndexes({ fedAssets: pub(inp.walcl!, f), tga: pub(inp.wtregen!, f), rrp: pub(inp.rrp!, f) }),
      f,
    );
    if (l && !l.stale) water.push({ date: f, value: l.netLiquidityUsd });
  }
  // Expanding percentiles of four components, recomputed with a full sort every week.
  const comps = [spread, inp.hyOas!, inp.vix!, inp.nfci!];
  let acc = 0;
  const weeks = wednesdays('2007-01-03', '2026-06-24');
  for (const c of comps) {
    const hist: number[] = [];
    for (const w of weeks) {
      const cur = upTo(c, w).at(-1);
      if (!cur || cur.date < addDays(w, -10)) continue;
      hist.push(cur.value);
      const sorted = [...hist].sort((a, b) => a - b);
      acc += sorted.filter((x) => x <= cur.value).length / sorted.length;
    }
  }
  return { spread, crossing, tga4w, dry, water, acc };
}

const inputs = loadRealInputs();
const rows = Object.values(inputs).reduce((n, s) => n + (s?.length ?? 0), 0);

const fast = time(9, () => computePlumbing(inputs));
const slow = time(1, () => naive(inputs));

// Agreement checks: same numbers from both ways.
const f = fast.out;
const eq = (a: Obs[], b: Obs[]) =>
  a.length === b.length && a.every((o, i) => o.date === b[i]!.date && Math.abs(o.value - b[i]!.value) < 1e-6);
const checks = {
  sofrIorb: eq(f.history['sofrIorb']!, slow.out.spread),
  crossingDays: f.crossings.every((c) => slow.out.crossing.get(c.month) === c.crossing),
  tgaChange4w: eq(f.history['tgaChange4w']!, slow.out.tga4w),
  rrpRemaining: eq(f.history['rrpRemaining']!, slow.out.dry),
  netLiquidity: eq(f.history['netLiquidity']!, slow.out.water),
};

// As-of sweep: the whole table as known on each of the last 52 Wednesdays.
const sweepDates = wednesdays('2025-06-25', '2026-06-24');
const sweep = time(3, () => sweepDates.map((d) => computePlumbing(inputs, d)));

// From a DuckDB store, as `tidewatch plumbing` and /api/plumbing do.
const store = new Store(await DuckDb.open(':memory:'));
await store.migrate();
const ids: Record<string, string> = {
  wresbal: 'WRESBAL',
  totresns: 'TOTRESNS',
  walcl: 'WALCL',
  wtregen: 'WTREGEN',
  rrp: 'RRPONTSYD',
  sofr: 'SOFR',
  iorb: 'IORB',
  effr: 'EFFR',
  tgaDaily: 'DTS:TGA_CLOSE',
  billIssues: 'DTS:BILL_ISSUES',
  couponIssues: 'DTS:COUPON_ISSUES',
  billRedemptions: 'DTS:BILL_REDEMPTIONS',
  couponRedemptions: 'DTS:COUPON_REDEMPTIONS',
  hyOas: 'BAMLH0A0HYM2',
  vix: 'VIXCLS',
  nfci: 'NFCI',
};
for (const [k, id] of Object.entries(ids)) {
  const s = inputs[k as keyof PlumbingInputs]!;
  await store.upsertSeries({
    id,
    source: 'bench',
    title: id,
    unit: 'usd',
    sourceUnit: 'usd',
    frequency: 'daily',
  });
  await store.writeObservations(
    id,
    s.map((o) => ({ ...o, knownFrom: addDays(o.date, 1) })),
    { sourceUnit: 'usd', revisionKnownFrom: '2026-07-01', rule: ANY_VALUE, origin: 'bench' },
  );
}
const fromStoreMs: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await plumbingFromStore(store, '2026-06-24');
  fromStoreMs.push(performance.now() - t);
}
await store.close();

console.log(`plumbing bench — ${rows} input rows, ${Object.keys(f.history).length} indicator histories`);
console.log(`  all indicators, full history, in process:  ${fast.ms.toFixed(1)} ms (median of 9)`);
console.log(`  naive per-row recomputation (subset):      ${slow.ms.toFixed(0)} ms`);
console.log(`  ratio naive / fast:                        ${(slow.ms / fast.ms).toFixed(0)}×`);
console.log(
  `  52 as-of dates (weekly, last year):        ${sweep.ms.toFixed(0)} ms (${(sweep.ms / 52).toFixed(1)} ms each)`,
);
console.log(
  `  from DuckDB store (load + compute):        ${median(fromStoreMs).toFixed(0)} ms (median of 5)`,
);
console.log(`  fast and naive agree: ${JSON.stringify(checks)}`);
if (!Object.values(checks).every(Boolean)) process.exitCode = 1;
