import { VintageIndex } from '../../indicators/point-in-time.js';
import type { Store } from '../../store/store.js';
import { loadPrices } from '../regime/load.js';
import { PREMIUM_METHOD, type PremiumMarket } from './premium.js';

/**
 * The loader between the store and the premium estimate: merged daily closes (the markets
 * domain's one price reader) dated ≤ asOf, and every DGS3MO vintage public by asOf. Nothing a
 * premium at a day ≤ asOf uses can come from after asOf.
 */
export async function loadPremiumMarket(
  store: Store,
  symbols: readonly string[],
  asOf: string,
): Promise<PremiumMarket> {
  const wanted = [...new Set(symbols.filter(Boolean))];
  const [prices, rates] = await Promise.all([
    loadPrices(store, wanted, asOf),
    store.getAllVintages(PREMIUM_METHOD.rateSeries, { knownBy: asOf }),
  ]);
  return { prices, rates: rates.length ? new VintageIndex(rates) : null };
}
