import { computePlumbing, type PlumbingInputs, type PlumbingResult } from '../indicators/plumbing/index.js';
import type { KnownObs } from '../indicators/plumbing/series.js';
import type { Store } from '../store/store.js';
import { loadLiquidityIndexes } from './liquidity.js';

/**
 * The one I/O edge of the plumbing indicators: read their inputs from the store as of a date
 * (the store applies each value's `known_from`), then hand plain arrays to the pure code.
 * Where two sources carry the same thing, FRED is primary and the NY Fed/Treasury series fill
 * dates FRED does not have (e.g. NYFED:SOFR from snapshot imports).
 */
export const PLUMBING_INPUT_SERIES: Record<keyof PlumbingInputs, readonly string[]> = {
  wresbal: ['WRESBAL'],
  totresns: ['TOTRESNS'],
  walcl: ['WALCL'],
  wtregen: ['WTREGEN'],
  rrp: ['RRPONTSYD', 'NYFED:RRP_ACCEPTED'],
  sofr: ['SOFR', 'NYFED:SOFR'],
  sofrP99: ['NYFED:SOFR_P99'],
  effr: ['EFFR', 'NYFED:EFFR'],
  iorb: ['IORB'],
  ioer: ['IOER'],
  tgaDaily: ['DTS:TGA_CLOSE'],
  billIssues: ['DTS:BILL_ISSUES'],
  couponIssues: ['DTS:COUPON_ISSUES'],
  billRedemptions: ['DTS:BILL_REDEMPTIONS'],
  couponRedemptions: ['DTS:COUPON_REDEMPTIONS'],
  debtTotal: ['FISCAL:DEBT_TOTAL'],
  srfTakeup: ['NYFED:SRF_ACCEPTED'],
  billPurchases: ['NYFED:BILL_PURCHASES'],
  hyOas: ['BAMLH0A0HYM2'],
  vix: ['VIXCLS'],
  nfci: ['NFCI'],
};

/** Every store series the plumbing indicators read (to tell "nothing stored" from "not yet known"). */
export const PLUMBING_SERIES: readonly string[] = Object.values(PLUMBING_INPUT_SERIES).flat();

/** Union of several series by date; the first listed wins where both have a date. */
function merge(parts: KnownObs[][]): KnownObs[] {
  const nonEmpty = parts.filter((p) => p.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  const m = new Map<string, KnownObs>();
  for (const p of [...nonEmpty].reverse()) for (const o of p) m.set(o.date, o);
  return [...m.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

export async function loadPlumbingInputs(store: Store, asOf?: string): Promise<PlumbingInputs> {
  const out: PlumbingInputs = {};
  const q = asOf ? { asOf } : {};
  for (const [key, ids] of Object.entries(PLUMBING_INPUT_SERIES) as [keyof PlumbingInputs, string[]][]) {
    const parts: KnownObs[][] = [];
    for (const id of ids) parts.push(await store.getObservations(id, q));
    const s = merge(parts);
    if (s.length) out[key] = s;
  }
  return out;
}

/** Net liquidity (the bathtub's water level) reads every vintage, as `tidewatch liquidity` does. */
export async function plumbingFromStore(store: Store, asOf?: string): Promise<PlumbingResult> {
  const [inputs, liquidity] = await Promise.all([
    loadPlumbingInputs(store, asOf),
    loadLiquidityIndexes(store, asOf ? { asOf } : {}),
  ]);
  return computePlumbing(inputs, asOf, liquidity);
}
