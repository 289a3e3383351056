import { epochDay, fromEpochDay } from '../../core/dates.js';
import type { Plausible } from '../../core/plausibility.js';
import type { Unit } from '../../core/units.js';
import { canonicalUnit } from '../../core/units.js';
import type { Db } from '../../store/db.js';
import type { Store } from '../../store/store.js';
import type { SeriesSummary } from '../../update/types.js';

/**
 * Writing plumbing series (DTS:*, NYFED:*, FISCAL:*) into the core observations table. Values
 * arrive already in canonical units; `sourceUnit` records what the provider printed.
 * Shared by the treasury and nyfed importers/update jobs.
 */
export interface SeriesBatch {
  id: string;
  source: string;
  title: string;
  sourceUnit: Unit;
  frequency: string;
  release: string;
  /** What the series' values can be (checked by the store before anything is written). */
  rule: Plausible;
  /** File or URL the rows came from, for messages. */
  origin: string;
  rows: { date: string; value: number; knownFrom: string; where?: string }[];
}

export async function writeSeriesBatch(
  store: Store,
  tx: Db,
  b: SeriesBatch,
  opts: { today: string; runId: number | null },
): Promise<SeriesSummary> {
  await store.upsertSeries(
    {
      id: b.id,
      source: b.source,
      title: b.title,
      unit: canonicalUnit(b.sourceUnit),
      sourceUnit: b.sourceUnit,
      frequency: b.frequency,
      release: b.release,
    },
    tx,
  );
  const r = await store.writeObservations(
    b.id,
    b.rows,
    { sourceUnit: b.sourceUnit, revisionKnownFrom: opts.today, runId: opts.runId, rule: b.rule, origin: b.origin },
    tx,
  );
  return {
    source: b.source,
    series: b.id,
    status: 'ok',
    newRows: r.newRows,
    revisedRows: r.revisedRows,
    unchanged: r.unchanged,
  };
}

/**
 * Several batches through one `tx` (the caller's transaction), in order. A file's or response's
 * parse warnings ride on the first summary so they are printed once, not once per series.
 */
export async function writeSeriesBatches(
  store: Store,
  tx: Db,
  batches: Iterable<SeriesBatch>,
  opts: { today: string; runId: number | null },
  warnings: readonly string[] = [],
): Promise<SeriesSummary[]> {
  const out: SeriesSummary[] = [];
  for (const b of batches) out.push(await writeSeriesBatch(store, tx, b, opts));
  if (warnings.length && out[0]) out[0].warnings = [...warnings];
  return out;
}

/** Monday–Friday after `d` (holidays not modelled, as in the FRED publication rules). */
export function nextBusinessDay(d: string): string {
  const day = epochDay(d);
  // 1970-01-01 was a Thursday: weekday = (day + 4) mod 7, 0 = Sunday.
  const weekday = (((day + 4) % 7) + 7) % 7;
  return fromEpochDay(day + (weekday === 5 ? 3 : weekday === 6 ? 2 : 1));
}
