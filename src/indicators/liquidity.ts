import { addDays, daysBetween, weekday } from '../core/dates.js';
import type { Store } from '../store/store.js';
import { type PitValue, VintageIndex } from './point-in-time.js';

/** Net liquidity = Fed total assets − Treasury General Account − overnight reverse repo. */
export const LIQUIDITY_COMPONENTS = { fedAssets: 'WALCL', tga: 'WTREGEN', rrp: 'RRPONTSYD' } as const;

/**
 * ON RRP rows are missing on days without an operation (most days before 2013). When the latest
 * operation is older than this, the facility is treated as empty (0) rather than carrying a
 * weeks-old test operation forward.
 */
export const RRP_STALE_DAYS = 7;

/** A weekly component older than this on the as-of day is flagged stale (no update since). */
export const STALE_AFTER_DAYS = 14;

export interface LiquidityIndexes {
  fedAssets: VintageIndex;
  tga: VintageIndex;
  rrp: VintageIndex;
}

export interface ComponentValue {
  id: string;
  valueUsd: number;
  /** Date of the observation used. */
  date: string;
  /** First day that value was public. */
  knownFrom: string;
  note?: string;
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
  /** True when a component's latest observation is older than STALE_AFTER_DAYS. */
  stale: boolean;
  components: ComponentValue[];
}

function component(id: string, v: PitValue, note?: string, valueUsd = v.value): ComponentValue {
  return { id, valueUsd, date: v.date, knownFrom: v.knownFrom, ...(note ? { note } : {}) };
}

/** Net liquidity level from the observations public on `knownBy`, valued as known on `valuesAsOf`. */
function level(ix: LiquidityIndexes, knownBy: string, valuesAsOf: string): { net: number; parts: ComponentValue[] } | undefined {
  const fed = ix.fedAssets.observe(knownBy, valuesAsOf);
  const tga = ix.tga.observe(knownBy, valuesAsOf);
  if (!fed || !tga) return undefined;
  const rrp = ix.rrp.observe(knownBy, valuesAsOf);
  let rrpPart: ComponentValue;
  if (!rrp) {
    rrpPart = { id: LIQUIDITY_COMPONENTS.rrp, valueUsd: 0, date: knownBy, knownFrom: knownBy, note: 'no ON RRP operation on record: counted as 0' };
  } else if (daysBetween(rrp.date, fed.date) > RRP_STALE_DAYS) {
    // Fed assets were published after the last ON RRP row, so the data goes on without
    // operations: the facility was idle (most days before 2013).
    rrpPart = component(LIQUIDITY_COMPONENTS.rrp, rrp, `no ON RRP operation since ${rrp.date}: counted as 0`, 0);
  } else {
    rrpPart = component(LIQUIDITY_COMPONENTS.rrp, rrp);
  }
  const parts = [component(LIQUIDITY_COMPONENTS.fedAssets, fed), component(LIQUIDITY_COMPONENTS.tga, tga), rrpPart];
  for (const p of parts) {
    const age = daysBetween(p.date, knownBy);
    if (age > STALE_AFTER_DAYS && !p.note) p.note = `stale: latest stored observation is ${age} days old (run \`tidewatch update\`)`;
  }
  return { net: fed.value - tga.value - rrpPart.valueUsd, parts };
}

/**
 * Net liquidity as it was known at the end of `asOf`. The 4- and 13-week changes compare with
 * the observations that were current 28 and 91 days earlier, valued with what is known on
 * `asOf` (so a later revision of the old level counts, but no observation is used before it was
 * public).
 */
export function netLiquidityAsOf(ix: LiquidityIndexes, asOf: string): NetLiquidity | undefined {
  const now = level(ix, asOf, asOf);
  if (!now) return undefined;
  // No change is reported when the older point is the same observation (data stopped updating).
  const past = (days: number) => {
    const p = level(ix, addDays(asOf, -days), asOf);
    return p && p.parts[0]!.date !== now.parts[0]!.date ? p.net : undefined;
  };
  const p4 = past(28);
  const p13 = past(91);
  const [fed, tga, rrp] = now.parts as [ComponentValue, ComponentValue, ComponentValue];
  return {
    asOf,
    netLiquidityUsd: now.net,
    fedAssetsUsd: fed.valueUsd,
    fedAssetsDate: fed.date,
    tgaUsd: tga.valueUsd,
    tgaDate: tga.date,
    rrpUsd: rrp.valueUsd,
    rrpDate: rrp.date,
    change4wUsd: p4 === undefined ? null : now.net - p4,
    change13wUsd: p13 === undefined ? null : now.net - p13,
    stale: now.parts.some((p) => p.note?.startsWith('stale')),
    components: now.parts,
  };
}

export interface LiquidityPoint {
  date: string;
  netLiquidityUsd: number;
  fedAssetsUsd: number;
  tgaUsd: number;
  rrpUsd: number;
}

/**
 * Weekly history as it was known each Thursday (the H.4.1 publication day): each point uses only
 * what was public that day, so the chart never shows a value before its release.
 */
export function netLiquidityHistory(ix: LiquidityIndexes, from?: string, to?: string): LiquidityPoint[] {
  const start = from ?? ix.fedAssets.firstDate;
  // Never past the data: a stale store must not draw a flat line up to the as-of day.
  const lastData = maxDate(ix.fedAssets.lastDate, ix.tga.lastDate, ix.rrp.lastDate);
  const end = to && lastData && to < lastData ? to : lastData;
  if (!start || !end) return [];
  let d = start;
  while (weekday(d) !== 4) d = addDays(d, 1);
  const out: LiquidityPoint[] = [];
  for (; d <= addDays(end, 1); d = addDays(d, 7)) {
    const l = level(ix, d, d);
    if (!l) continue;
    out.push({ date: d, netLiquidityUsd: l.net, fedAssetsUsd: l.parts[0]!.valueUsd, tgaUsd: l.parts[1]!.valueUsd, rrpUsd: l.parts[2]!.valueUsd });
  }
  return out;
}

function maxDate(...ds: Array<string | undefined>): string | undefined {
  return ds.filter((d): d is string => !!d).sort().at(-1);
}

/** Load every vintage of the three components (optionally only those public by `asOf`). */
export async function loadLiquidityIndexes(store: Store, opts: { asOf?: string; from?: string } = {}): Promise<LiquidityIndexes> {
  const load = async (id: string) =>
    new VintageIndex(await store.getAllVintages(id, { knownBy: opts.asOf, from: opts.from }));
  const [fedAssets, tga, rrp] = await Promise.all([load(LIQUIDITY_COMPONENTS.fedAssets), load(LIQUIDITY_COMPONENTS.tga), load(LIQUIDITY_COMPONENTS.rrp)]);
  return { fedAssets, tga, rrp };
}

/**
 * Net liquidity as of a day straight from the store: only the last ~4 months of vintages public
 * by then are read, so one call is cheap at any point of history.
 */
export async function liquidityAsOf(store: Store, asOf: string): Promise<NetLiquidity | undefined> {
  // Start 130 days before the newest observation public by then (not before asOf: the data may
  // end long before the as-of day, and the answer is then the latest known level, flagged stale).
  const r = await store.db.all<{ d: string | null }>(
    `SELECT CAST(max(date) AS VARCHAR) AS d FROM observations WHERE series_id = $1 AND known_from <= CAST($2 AS DATE)`,
    [LIQUIDITY_COMPONENTS.fedAssets, asOf],
  );
  const last = r[0]?.d;
  if (!last) return undefined;
  const ix = await loadLiquidityIndexes(store, { asOf, from: addDays(last, -130) });
  return netLiquidityAsOf(ix, asOf);
}
