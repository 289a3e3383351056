import { addDays } from '../core/dates.js';
import {
  LIQUIDITY_COMPONENTS,
  type LiquidityIndexes,
  liquidityIndexes,
  type NetLiquidity,
  netLiquidityAsOf,
  type TgaBasis,
} from '../indicators/liquidity.js';
import type { Store } from '../store/store.js';

/** The store reads of net liquidity (indicators/liquidity.ts is the one definition, pure). */

/**
 * Load every vintage of the components public by `asOf` (all when absent); `from` limits the
 * Fed-assets and ON RRP rows (the TGA series are always read whole: the basis gap scans them).
 */
export async function loadLiquidityIndexes(
  store: Store,
  opts: { asOf?: string; from?: string } = {},
): Promise<LiquidityIndexes> {
  const load = (id: string, from?: string) => store.getAllVintages(id, { knownBy: opts.asOf, from });
  const C = LIQUIDITY_COMPONENTS;
  const [fedAssets, tga, rrp, tgaDts] = await Promise.all([
    load(C.fedAssets, opts.from),
    load(C.tga),
    load(C.rrp, opts.from),
    load(C.tgaDts),
  ]);
  return liquidityIndexes({ fedAssets, tga, rrp, tgaDts });
}

/**
 * Net liquidity as of a day straight from the store: Fed assets and ON RRP from the last ~4
 * months of vintages public by then, so one call is cheap at any point of history.
 */
export async function liquidityAsOf(
  store: Store,
  asOf: string,
  tga: TgaBasis = 'h41',
): Promise<NetLiquidity | undefined> {
  // Start 130 days before the newest observation public by then (not before asOf: the data may
  // end long before the as-of day, and the answer is then the latest known level, flagged stale).
  const r = await store.db.all<{ d: string | null }>(
    `SELECT CAST(max(date) AS VARCHAR) AS d FROM observations WHERE series_id = $1 AND known_from <= CAST($2 AS DATE)`,
    [LIQUIDITY_COMPONENTS.fedAssets, asOf],
  );
  const last = r[0]?.d;
  if (!last) return undefined;
  const ix = await loadLiquidityIndexes(store, { asOf, from: addDays(last, -130) });
  return netLiquidityAsOf(ix, asOf, tga);
}
