import { addDays, daysBetween, epochDay, fridays, weekday } from '../core/dates.js';
import type { VintageObservation } from '../store/store.js';
import { type Cadence, cadenceOfSeries, isStale, MAX_AGE_DAYS } from './freshness.js';
import { type PitValue, VintageIndex } from './point-in-time.js';

/**
 * Net liquidity = Fed total assets − Treasury General Account − overnight reverse repo.
 *
 * This module is the ONE definition of that number as known on a day (`liquidityOn`) and of its
 * weekly sampling (`weeklyLiquidity`, on the Friday grid). The CLI, the API, the dashboard, the
 * plumbing bathtub, the risk engine and the thesis ledger all call it; nothing else subtracts
 * the three series. Publication lags come from the stored `known_from` (sources/fred/publication.ts).
 */
export const LIQUIDITY_COMPONENTS = {
  fedAssets: 'WALCL',
  tga: 'WTREGEN',
  tgaDts: 'DTS:TGA_CLOSE',
  rrp: 'RRPONTSYD',
} as const;

/**
 * Which TGA is subtracted. WALCL is a Wednesday LEVEL; WTREGEN (H.4.1) is the AVERAGE of the
 * seven days ending that Wednesday, so `h41` mixes two bases — in a tax week the gap to the
 * Wednesday close reaches $215.8B (2025-04-16). `dts` uses the Wednesday closing balance from
 * the Daily Treasury Statement instead.
 */
export type TgaBasis = 'h41' | 'dts';
export const TGA_BASES = ['h41', 'dts'] as const satisfies readonly TgaBasis[];

export const TGA_BASIS_TEXT: Record<TgaBasis, { series: string; label: string; describe: string }> = {
  h41: {
    series: LIQUIDITY_COMPONENTS.tga,
    label: 'H.4.1 week average (WTREGEN)',
    describe:
      'TGA = WTREGEN, the H.4.1 average of the seven days ending Wednesday, subtracted from a Wednesday level (WALCL): not the same basis; the dts basis uses the Wednesday close',
  },
  dts: {
    series: LIQUIDITY_COMPONENTS.tgaDts,
    label: 'Wednesday close (Daily Treasury Statement)',
    describe:
      "TGA = the Daily Treasury Statement closing balance on the H.4.1 Wednesday (the last statement before it when that day is a holiday); before 2022-04-18 the statement export lists opening balances only, so the close is the next business day's opening balance",
  },
};

/**
 * The ON RRP idle rule. RRPONTSYD has no row on days without an operation (most days before
 * 2013). When the newest operation is more than this many days older than the Fed-assets
 * observation, the data went on without operations: the facility was idle and counts as 0
 * (carrying a weeks-old test operation forward would overstate the drain).
 */
export const RRP_IDLE_DAYS = 7;

export function rrpIdle(rrpDate: string | undefined, fedAssetsDate: string): boolean {
  return rrpDate === undefined || daysBetween(rrpDate, fedAssetsDate) > RRP_IDLE_DAYS;
}

export interface LiquidityIndexes {
  fedAssets: VintageIndex;
  /** WTREGEN (H.4.1 week average). */
  tga: VintageIndex;
  rrp: VintageIndex;
  /** DTS:TGA_CLOSE (Daily Treasury Statement closing balance), when stored. */
  tgaDts?: VintageIndex;
}

export interface ComponentValue {
  id: string;
  valueUsd: number;
  /** Date of the observation used. */
  date: string;
  /** First day that value was public. */
  knownFrom: string;
  /** Too old for its series' cadence on the as-of day (freshness.ts). */
  stale: boolean;
  note?: string;
}

/** Net liquidity as known on one day: the level and the three parts it was made of. */
export interface LiquidityLevel {
  knownBy: string;
  tgaBasis: TgaBasis;
  netLiquidityUsd: number;
  /** Fed assets, TGA, ON RRP — in that order. */
  components: [ComponentValue, ComponentValue, ComponentValue];
  /** True when any component is stale: such a level is never shown as current. */
  stale: boolean;
}

function part(
  id: string,
  v: PitValue,
  knownBy: string,
  cadence: Cadence,
  note?: string,
  valueUsd = v.value,
): ComponentValue {
  const stale = isStale(v.date, knownBy, cadence);
  const staleNote = stale
    ? `stale: the newest public observation is ${daysBetween(v.date, knownBy)} days old (run \`tidewatch update\`)`
    : undefined;
  const n = [note, staleNote].filter(Boolean).join('; ');
  return { id, valueUsd, date: v.date, knownFrom: v.knownFrom, stale, ...(n ? { note: n } : {}) };
}

/** The TGA of the H.4.1 week ending `wednesday` on the chosen basis (within that week, else undefined). */
function tgaOfWeek(
  ix: LiquidityIndexes,
  basis: TgaBasis,
  wednesday: string,
  knownBy: string,
  valuesAsOf: string,
): PitValue | undefined {
  const index = basis === 'dts' ? ix.tgaDts : ix.tga;
  const v = index?.observe(knownBy, valuesAsOf, wednesday);
  return v && epochDay(wednesday) - epochDay(v.date) < 7 ? v : undefined;
}

/**
 * THE definition: net liquidity from the observations public on `knownBy`, valued as known on
 * `valuesAsOf` (default the same day). Fed assets and TGA come from the same H.4.1 week (the
 * newest week both are public for); ON RRP is the newest operation, or 0 under the idle rule.
 */
export function liquidityOn(
  ix: LiquidityIndexes,
  knownBy: string,
  opts: { valuesAsOf?: string; tga?: TgaBasis } = {},
): LiquidityLevel | undefined {
  const valuesAsOf = opts.valuesAsOf ?? knownBy;
  const basis = opts.tga ?? 'h41';
  let fed = ix.fedAssets.observe(knownBy, valuesAsOf);
  if (!fed) return undefined;
  let tga = tgaOfWeek(ix, basis, fed.date, knownBy, valuesAsOf);
  if (!tga) {
    // The TGA of that week is not public (or not stored): fall back to the newest week with both.
    const older = (basis === 'dts' ? ix.tgaDts : ix.tga)?.observe(knownBy, valuesAsOf, fed.date);
    fed = older ? ix.fedAssets.observe(knownBy, valuesAsOf, older.date) : undefined;
    tga = fed ? tgaOfWeek(ix, basis, fed.date, knownBy, valuesAsOf) : undefined;
    if (!fed || !tga) return undefined;
  }
  const rrp = ix.rrp.observe(knownBy, valuesAsOf);
  let rrpPart: ComponentValue;
  if (!rrp) {
    rrpPart = {
      id: LIQUIDITY_COMPONENTS.rrp,
      valueUsd: 0,
      date: knownBy,
      knownFrom: knownBy,
      stale: false,
      note: 'no ON RRP operation on record: counted as 0',
    };
  } else if (rrpIdle(rrp.date, fed.date)) {
    // Idle, not stale: the Fed-assets data went on after the last operation.
    rrpPart = {
      id: LIQUIDITY_COMPONENTS.rrp,
      valueUsd: 0,
      date: rrp.date,
      knownFrom: rrp.knownFrom,
      stale: false,
      note: `no ON RRP operation since ${rrp.date}: counted as 0`,
    };
  } else {
    rrpPart = part(LIQUIDITY_COMPONENTS.rrp, rrp, knownBy, cadenceOf(LIQUIDITY_COMPONENTS.rrp));
  }
  const tgaId = TGA_BASIS_TEXT[basis].series;
  const components: LiquidityLevel['components'] = [
    part(LIQUIDITY_COMPONENTS.fedAssets, fed, knownBy, cadenceOf(LIQUIDITY_COMPONENTS.fedAssets)),
    part(
      tgaId,
      tga,
      knownBy,
      cadenceOf(tgaId),
      tga.date === fed.date ? undefined : `balance of ${tga.date} (no statement on ${fed.date})`,
    ),
    rrpPart,
  ];
  return {
    knownBy,
    tgaBasis: basis,
    netLiquidityUsd: fed.value - tga.value - rrpPart.valueUsd,
    components,
    stale: components.some((c) => c.stale),
  };
}

function cadenceOf(id: string): Cadence {
  return cadenceOfSeries(id) ?? 'daily';
}

/**
 * The one weekly sampling: net liquidity as known at the end of each Friday of `weeks`
 * (undefined where it cannot be computed yet).
 */
export function weeklyLiquidity(
  ix: LiquidityIndexes,
  weeks: readonly string[],
  tga: TgaBasis = 'h41',
): Array<LiquidityLevel | undefined> {
  return weeks.map((w) => liquidityOn(ix, w, { tga }));
}

/** The weekly sampling as a plain array for the risk engine and the ledger: NaN = unknown or stale. */
export function weeklyNetLiquidity(
  ix: LiquidityIndexes,
  weeks: readonly string[],
  tga: TgaBasis = 'h41',
): Float64Array {
  return Float64Array.from(weeklyLiquidity(ix, weeks, tga), (l) =>
    l && !l.stale ? l.netLiquidityUsd : Number.NaN,
  );
}

export interface TgaBasisNote {
  basis: TgaBasis;
  series: string;
  describe: string;
  /** DTS Wednesday close − WTREGEN week average, for the H.4.1 week shown (null: no DTS that week). */
  gapUsd: number | null;
  gapWeek: string | null;
  /** The largest such gap among the weeks public by the as-of day (null: no overlap stored). */
  largestGap: { week: string; gapUsd: number } | null;
}

/** DTS close − WTREGEN for one H.4.1 Wednesday, both as known on `knownBy`. */
function basisGap(ix: LiquidityIndexes, wednesday: string, knownBy: string): number | null {
  const h = tgaOfWeek(ix, 'h41', wednesday, knownBy, knownBy);
  const d = tgaOfWeek(ix, 'dts', wednesday, knownBy, knownBy);
  return h && d && h.date === wednesday ? d.value - h.value : null;
}

/** What the TGA basis means, and how far apart the two bases are, as known on `asOf`. */
export function tgaBasisNote(
  ix: LiquidityIndexes,
  basis: TgaBasis,
  asOf: string,
  week?: string,
): TgaBasisNote {
  let largestGap: TgaBasisNote['largestGap'] = null;
  const first = ix.tgaDts?.firstDate;
  if (first) {
    for (let w = addDays(first, (3 - weekday(first) + 7) % 7); w < asOf; w = addDays(w, 7)) {
      const g = basisGap(ix, w, asOf);
      if (g !== null && (!largestGap || Math.abs(g) > Math.abs(largestGap.gapUsd)))
        largestGap = { week: w, gapUsd: g };
    }
  }
  const gapUsd = week ? basisGap(ix, week, asOf) : null;
  return {
    basis,
    ...TGA_BASIS_TEXT[basis],
    gapUsd,
    gapWeek: gapUsd === null ? null : (week ?? null),
    largestGap,
  };
}

export interface NetLiquidity {
  asOf: string;
  netLiquidityUsd: number;
  fedAssetsUsd: number;
  fedAssetsDate: string;
  tgaUsd: number;
  tgaDate: string;
  rrpUsd: number;
  rrpDate: string;
  change4wUsd: number | null;
  change13wUsd: number | null;
  /** True when a component is too old for its cadence on asOf (then no changes are given). */
  stale: boolean;
  components: ComponentValue[];
  tgaBasis: TgaBasisNote;
}

/**
 * Net liquidity as it was known at the end of `asOf`. The 4- and 13-week changes compare with
 * the level that was current 28 and 91 days earlier, valued with what is known on `asOf` (so a
 * later revision of the old level counts, but no observation is used before it was public).
 */
export function netLiquidityAsOf(
  ix: LiquidityIndexes,
  asOf: string,
  tga: TgaBasis = 'h41',
): NetLiquidity | undefined {
  const now = liquidityOn(ix, asOf, { tga });
  if (!now) return undefined;
  const [fed, tgaPart, rrp] = now.components;
  // No change when the data stopped updating (stale) or the older level is the same week.
  const past = (days: number) => {
    if (now.stale) return null;
    const p = liquidityOn(ix, addDays(asOf, -days), { valuesAsOf: asOf, tga });
    return p && p.components[0].date !== fed.date ? now.netLiquidityUsd - p.netLiquidityUsd : null;
  };
  return {
    asOf,
    netLiquidityUsd: now.netLiquidityUsd,
    fedAssetsUsd: fed.valueUsd,
    fedAssetsDate: fed.date,
    tgaUsd: tgaPart.valueUsd,
    tgaDate: tgaPart.date,
    rrpUsd: rrp.valueUsd,
    rrpDate: rrp.date,
    change4wUsd: past(28),
    change13wUsd: past(91),
    stale: now.stale,
    components: now.components,
    tgaBasis: tgaBasisNote(ix, tga, asOf, fed.date),
  };
}

export interface LiquidityPoint {
  /** The Friday the point was known on. */
  date: string;
  netLiquidityUsd: number;
  fedAssetsUsd: number;
  tgaUsd: number;
  rrpUsd: number;
  fedAssetsDate: string;
  tgaDate: string;
  rrpDate: string;
  stale: false;
}

/**
 * Weekly history on the Friday grid, each point as known that Friday, from `weeklyLiquidity`
 * (the same sampling the risk engine and the ledger read). Weeks whose data is stale have no
 * point: a stale store never draws a flat line up to the as-of day.
 */
export function netLiquidityHistory(
  ix: LiquidityIndexes,
  opts: { from?: string; to?: string; tga?: TgaBasis } = {},
): LiquidityPoint[] {
  const start = opts.from ?? ix.fedAssets.firstDate;
  const lastData = ix.fedAssets.lastDate;
  if (!start || !lastData) return [];
  // Past the newest Fed-assets observation + its max age, every point would be stale anyway.
  const bound = addDays(lastData, MAX_AGE_DAYS[cadenceOf(LIQUIDITY_COMPONENTS.fedAssets)]);
  const end = opts.to && opts.to < bound ? opts.to : bound;
  const weeks = fridays(start, end);
  const out: LiquidityPoint[] = [];
  weeklyLiquidity(ix, weeks, opts.tga).forEach((l, i) => {
    if (!l || l.stale) return;
    const [f, t, r] = l.components;
    out.push({
      date: weeks[i]!,
      netLiquidityUsd: l.netLiquidityUsd,
      fedAssetsUsd: f.valueUsd,
      tgaUsd: t.valueUsd,
      rrpUsd: r.valueUsd,
      fedAssetsDate: f.date,
      tgaDate: t.date,
      rrpDate: r.date,
      stale: false,
    });
  });
  return out;
}

/** Point-in-time indexes from vintage rows (store rows, or files with publication dates attached). */
export function liquidityIndexes(rows: {
  fedAssets: readonly VintageObservation[];
  tga: readonly VintageObservation[];
  rrp?: readonly VintageObservation[];
  tgaDts?: readonly VintageObservation[];
}): LiquidityIndexes {
  const ix: LiquidityIndexes = {
    fedAssets: new VintageIndex([...rows.fedAssets]),
    tga: new VintageIndex([...rows.tga]),
    rrp: new VintageIndex([...(rows.rrp ?? [])]),
  };
  if (rows.tgaDts?.length) ix.tgaDts = new VintageIndex([...rows.tgaDts]);
  return ix;
}
