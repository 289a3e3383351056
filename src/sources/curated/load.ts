import { projectPath } from '../../core/paths.js';
import type { Db } from '../../store/db.js';
import type { LiquidationTotal, MarketEvent, TokenObservation } from './datasets.js';
import { readCurated } from './repository.js';

/**
 * The curated reads every consumer uses (ledger, capex view, /api/curated/*): from the store, as
 * of a day, the cut made in SQL. The files are read only by the curated import.
 */

/** The curated files shipped inside the repository (src/sources/curated/data). */
export const CURATED_DIR = projectPath('src', 'sources', 'curated', 'data');

/** Token disclosures public on `asOf` (published ≤ asOf); every stored row without one. */
export function loadTokenDataset(db: Db, asOf?: string): Promise<TokenObservation[]> {
  return readCurated<TokenObservation>(db, 'tokens', { knownBy: asOf });
}

/** Market events dated by `asOf` (an event is public on its day). */
export function loadMarketEvents(db: Db, asOf?: string): Promise<MarketEvent[]> {
  return readCurated<MarketEvent>(db, 'market-events', { knownBy: asOf });
}

/** Market-wide liquidation totals dated by `asOf`. */
export function loadLiquidationTotals(db: Db, asOf: string): Promise<LiquidationTotal[]> {
  return readCurated<LiquidationTotal>(db, 'liquidations-daily', { knownBy: asOf });
}
