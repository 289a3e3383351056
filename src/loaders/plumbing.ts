import {
  computePlumbing,
  PLUMBING_INPUT_SERIES,
  type PlumbingInput,
  type PlumbingInputs,
  type PlumbingResult,
} from '../indicators/plumbing/index.js';
import type { KnownObs } from '../indicators/plumbing/series.js';
import type { Store } from '../store/store.js';
import { loadLiquidityIndexes } from './liquidity.js';

/**
 * The one I/O edge of the plumbing indicators: read their inputs from the store as of a date
 * (the store applies each value's `known_from`), then hand plain arrays to the pure code. Each
 * input is the union of its series (PLUMBING_INPUT_SERIES), the primary one winning on a date.
 */
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
  for (const [key, ids] of Object.entries(PLUMBING_INPUT_SERIES) as [PlumbingInput, string[]][]) {
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
