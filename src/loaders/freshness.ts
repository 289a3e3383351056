import { epochDay } from '../core/dates.js';
import {
  cadenceOfFrequency,
  cadenceOfSeries,
  freshness,
  type SeriesFreshness,
} from '../indicators/freshness.js';
import type { Store } from '../store/store.js';

/**
 * Every series with an observation public by `asOf` (the store's as-of listing), with its
 * newest one and whether it is stale for its cadence.
 */
export async function seriesFreshness(store: Store, asOf: string): Promise<SeriesFreshness[]> {
  const rows = await store.listSeries({ asOf });
  return rows.map((r) => {
    const cadence = cadenceOfFrequency(r.frequency) ?? cadenceOfSeries(r.id) ?? null;
    const f = r.lastDate && cadence ? freshness(r.lastDate, asOf, cadence) : undefined;
    return {
      id: r.id,
      source: r.source,
      frequency: r.frequency,
      cadence,
      lastDate: r.lastDate,
      lastKnownFrom: r.lastKnownFrom,
      ageDays: f?.ageDays ?? (r.lastDate ? epochDay(asOf) - epochDay(r.lastDate) : null),
      maxAgeDays: f?.maxAgeDays ?? null,
      stale: f ? f.stale : r.lastDate === null,
    };
  });
}
