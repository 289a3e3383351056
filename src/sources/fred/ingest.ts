import { reasonOf } from '../../core/errors.js';
import { canonicalUnit, toCanonical, type Unit } from '../../core/units.js';
import type { Store } from '../../store/store.js';
import type { SeriesSummary } from '../../update/types.js';
import { catalogEntryOrGeneric } from './catalog.js';
import type { FredRecord } from './connector.js';
import { decideUnit } from './units.js';

/**
 * Store one FRED series' records: decide the unit (catalog/API, then overlap and magnitude
 * checks), convert to canonical units and write the rows and the series metadata in ONE
 * transaction, so a failure or a killed process leaves the series as it was.
 */
export async function ingestFredRecords(
  store: Store,
  args: {
    seriesId: string;
    origin: string;
    unit: Unit;
    unitRule: string;
    records: FredRecord[];
    missing: number;
    runId: number | null;
    today: string;
    source?: string;
  },
): Promise<SeriesSummary> {
  const entry = catalogEntryOrGeneric(args.seriesId);
  const summary: SeriesSummary = { source: args.source ?? 'fred', series: entry.id, status: 'ok', newRows: 0, revisedRows: 0, missing: args.missing };
  try {
    const result = await store.db.transaction(async (tx) => {
      const stored = new Map<string, number>();
      for (const o of await store.latestVintages(entry.id, tx)) stored.set(o.date, o.value);
      const decision = args.unitRule === 'api-metadata'
        ? { unit: args.unit, rule: 'api-metadata' as const, warning: undefined }
        : decideUnit(args.origin, entry, args.unit, args.records, stored);
      if (decision.warning) summary.warnings = [decision.warning];
      await store.upsertSeries(
        {
          id: entry.id,
          source: 'fred',
          title: entry.title,
          unit: canonicalUnit(decision.unit),
          sourceUnit: decision.unit,
          frequency: entry.frequency,
          release: entry.release,
        },
        tx,
      );
      const rows = args.records.map((r) => ({ date: r.date, value: toCanonical(r.value, decision.unit), knownFrom: r.knownFrom }));
      const written = await store.writeObservations(entry.id, rows, { sourceUnit: decision.unit, revisionKnownFrom: args.today, runId: args.runId }, tx);
      // Test hook for the crash-safety test: stop inside the open transaction so it can be killed there.
      if (process.env.TIDEWATCH_TEST_HOLD_TX === entry.id) {
        process.stdout.write(`HOLDING_TX ${entry.id}\n`);
        await new Promise(() => undefined);
      }
      return written;
    });
    summary.newRows = result.newRows;
    summary.revisedRows = result.revisedRows;
    summary.unchanged = result.unchanged;
  } catch (e) {
    summary.status = 'failed';
    summary.reason = reasonOf(e);
  }
  return summary;
}
